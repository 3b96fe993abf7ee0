using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Audio.Modules;

/// <summary>
/// torchaudio.transforms.Resample: <see cref="torchaudio.functional.resample"/> with the filters computed once
/// (the buffer <c>kernel</c>, made in float64 and stored as float32, as torchaudio does by default).
/// </summary>
public sealed class Resample : nn.Module<Tensor, Tensor>
{
    private readonly Tensor? kernel;
    private readonly long _width;

    public Resample(long orig_freq, long new_freq, string resampling_method, int lowpass_filter_width, double rolloff, double? beta)
        : base(nameof(Resample))
    {
        if (orig_freq <= 0 || new_freq <= 0)
            throw new ArgumentException($"Resample: orig_freq and new_freq must be positive (got {orig_freq} and {new_freq}).");
        this.orig_freq = orig_freq;
        this.new_freq = new_freq;
        if (orig_freq != new_freq)
        {
            (kernel, _width) = torchaudio.functional.SincResampleKernel(orig_freq, new_freq, lowpass_filter_width, rolloff, resampling_method, beta, null);
            register_buffer("kernel", kernel.DetachFromDisposeScope());   // the module owns it, not a dispose scope it was made in
        }
    }

    public long orig_freq { get; }
    public long new_freq { get; }

    public override Tensor forward(Tensor waveform)
    {
        if (kernel is null) return waveform.alias();
        if (!waveform.is_floating_point())
            throw new ArgumentException($"Resample: the waveform must be floating point, not {waveform.dtype}.", nameof(waveform));
        return torchaudio.functional.ApplySincResampleKernel(waveform, orig_freq, new_freq, kernel, _width);
    }
}
