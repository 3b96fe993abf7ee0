using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Audio.Modules;

/// <summary>
/// torchaudio.transforms.Spectrogram: waveform (..., time) to spectrogram (..., n_fft / 2 + 1, frames) through
/// <see cref="torchaudio.functional.spectrogram"/>. The window (Hann unless another window_fn is given) is the buffer <c>window</c>.
/// </summary>
public sealed class Spectrogram : nn.Module<Tensor, Tensor>
{
    private readonly Tensor window;

    public Spectrogram(long n_fft, long? win_length, long? hop_length, long pad, Func<long, Tensor>? window_fn, double? power,
        object? normalized, bool center, string pad_mode, bool onesided) : base(nameof(Spectrogram))
    {
        if (n_fft < 1) throw new ArgumentException($"Spectrogram: n_fft must be at least 1, not {n_fft}.", nameof(n_fft));
        this.n_fft = n_fft;
        this.win_length = win_length ?? n_fft;
        if (this.win_length < 1 || this.win_length > n_fft)
            throw new ArgumentException($"Spectrogram: win_length must be between 1 and n_fft = {n_fft}, not {this.win_length}.", nameof(win_length));
        this.hop_length = hop_length ?? this.win_length / 2;
        if (this.hop_length < 1) throw new ArgumentException($"Spectrogram: hop_length must be at least 1, not {this.hop_length}.", nameof(hop_length));
        if (pad < 0) throw new ArgumentException($"Spectrogram: pad must be 0 or more, not {pad}.", nameof(pad));
        torchaudio.functional.SpectrogramNorms(normalized);   // refuses a bad value now, not at the first call
        this.pad = pad;
        this.power = power;
        this.normalized = normalized;
        this.center = center;
        this.pad_mode = pad_mode;
        this.onesided = onesided;
        window = (window_fn ?? (n => hann_window(n)))(this.win_length);
        register_buffer("window", window.DetachFromDisposeScope());   // the module owns it, not a dispose scope it was made in
    }

    public long n_fft { get; }
    public long win_length { get; }
    public long hop_length { get; }
    public long pad { get; }
    public double? power { get; }
    public object? normalized { get; }
    public bool center { get; }
    public string pad_mode { get; }
    public bool onesided { get; }

    public override Tensor forward(Tensor waveform) =>
        torchaudio.functional.spectrogram(waveform, pad, window, n_fft, hop_length, win_length, power, normalized, center, pad_mode, onesided);
}
