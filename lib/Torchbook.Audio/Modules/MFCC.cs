using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Audio.Modules;

/// <summary>
/// torchaudio.transforms.MFCC: mel-frequency cepstral coefficients, waveform (..., time) to (..., n_mfcc, frames):
/// a <see cref="MelSpectrogram"/>, in decibels (top_db 80) or as log(mel + 1e-6) with log_mels, times the DCT-II
/// matrix <see cref="torchaudio.functional.create_dct"/> (the buffer <c>dct_mat</c>).
/// </summary>
public sealed class MFCC : nn.Module<Tensor, Tensor>
{
    private const double LogOffset = 1e-6;
    private readonly MelSpectrogram MelSpectrogram;
    private readonly AmplitudeToDB amplitude_to_DB;
    private readonly Tensor dct_mat;
    private readonly bool _logMels;

    public MFCC(long sample_rate, long n_mfcc, int dct_type, string? norm, bool log_mels, MelSpectrogram melSpectrogram) : base(nameof(MFCC))
    {
        if (dct_type != 2) throw new ArgumentException($"MFCC: dct_type {dct_type} is not supported; torchaudio supports 2 (DCT-II).", nameof(dct_type));
        if (melSpectrogram.sample_rate != sample_rate)
            throw new ArgumentException($"MFCC: the mel spectrogram's sample_rate {melSpectrogram.sample_rate} differs from sample_rate {sample_rate}.", nameof(melSpectrogram));
        if (n_mfcc > melSpectrogram.n_mels)
            throw new ArgumentException($"MFCC: cannot select more coefficients (n_mfcc {n_mfcc}) than mel bins (n_mels {melSpectrogram.n_mels}).", nameof(n_mfcc));
        this.n_mfcc = n_mfcc;
        MelSpectrogram = melSpectrogram;
        amplitude_to_DB = new AmplitudeToDB("power", 80.0);
        dct_mat = torchaudio.functional.create_dct(n_mfcc, melSpectrogram.n_mels, norm);
        register_buffer("dct_mat", dct_mat.DetachFromDisposeScope());   // the module owns it, not a dispose scope it was made in
        _logMels = log_mels;
        RegisterComponents();
    }

    public long n_mfcc { get; }

    public override Tensor forward(Tensor waveform)
    {
        using var scope = NewDisposeScope();
        var mel = MelSpectrogram.call(waveform);
        mel = _logMels ? log(mel + LogOffset) : amplitude_to_DB.call(mel);
        return matmul(mel.transpose(-1, -2), dct_mat).transpose(-1, -2).MoveToOuterDisposeScope();
    }
}
