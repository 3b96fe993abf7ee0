using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Audio.Modules;

/// <summary>
/// torchaudio.transforms.MelScale: turns a spectrogram (..., freq, time) into a mel spectrogram
/// (..., n_mels, time) by multiplying its frequency axis with <see cref="torchaudio.functional.melscale_fbanks"/>.
/// The filterbank is the buffer <c>fb</c> (in the state_dict, as in torchaudio).
/// </summary>
public sealed class MelScale : nn.Module<Tensor, Tensor>
{
    private readonly Tensor fb;

    public MelScale(long n_mels, long sample_rate, double f_min, double? f_max, long n_stft, string? norm, string mel_scale)
        : base(nameof(MelScale))
    {
        fb = torchaudio.functional.melscale_fbanks(n_stft, f_min, f_max ?? sample_rate / 2.0, n_mels, sample_rate, norm, mel_scale);
        register_buffer("fb", fb.DetachFromDisposeScope());   // the module owns it, not a dispose scope it was made in
    }

    public override Tensor forward(Tensor specgram)
    {
        var bins = fb.shape[0];
        if (specgram.ndim < 2 || specgram.shape[^2] != bins)
            throw new ArgumentException(
                $"MelScale: expected a spectrogram (..., freq, time) with {bins} frequency bins (n_stft), got shape [{string.Join(", ", specgram.shape)}]. " +
                "Set n_stft to n_fft / 2 + 1 of the Spectrogram that made it.", nameof(specgram));
        return matmul(specgram.transpose(-1, -2), fb).transpose(-1, -2);
    }
}
