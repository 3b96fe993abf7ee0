using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Audio.Modules;

/// <summary>
/// torchaudio.transforms.MelSpectrogram: a <see cref="Spectrogram"/> followed by a <see cref="MelScale"/>,
/// waveform (..., time) to (..., n_mels, frames). Its submodules are <c>spectrogram</c> and <c>mel_scale</c>, as in torchaudio.
/// </summary>
public sealed class MelSpectrogram : nn.Module<Tensor, Tensor>
{
    private readonly Spectrogram spectrogram;
    private readonly MelScale mel_scale;

    public MelSpectrogram(long sample_rate, long n_fft, long? win_length, long? hop_length, double f_min, double? f_max, long pad,
        long n_mels, Func<long, Tensor>? window_fn, double power, object? normalized, bool center, string pad_mode, bool onesided,
        string? norm, string mel_scale) : base(nameof(MelSpectrogram))
    {
        this.sample_rate = sample_rate;
        this.n_mels = n_mels;
        spectrogram = new Spectrogram(n_fft, win_length, hop_length, pad, window_fn, power, normalized, center, pad_mode, onesided);
        this.mel_scale = new MelScale(n_mels, sample_rate, f_min, f_max, n_fft / 2 + 1, norm, mel_scale);
        RegisterComponents();
    }

    public long sample_rate { get; }
    public long n_mels { get; }
    public long n_fft => spectrogram.n_fft;
    public long hop_length => spectrogram.hop_length;

    public override Tensor forward(Tensor waveform)
    {
        using var specgram = spectrogram.call(waveform);
        return mel_scale.call(specgram);
    }
}
