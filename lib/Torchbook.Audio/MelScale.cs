using static TorchSharp.torch;

namespace Torchbook.Audio;

/// <summary>The mel scales torchaudio knows, between hertz and mels: HTK's and Slaney's (librosa's default).</summary>
internal static class MelScale
{
    // Slaney's scale: linear below 1 kHz (3 mels per 200 Hz), logarithmic above (27 steps per factor 6.4).
    private const double SlaneyStep = 200.0 / 3;
    private const double SlaneyBreakHz = 1000.0;
    private const double SlaneyBreakMel = SlaneyBreakHz / SlaneyStep;
    private static readonly double SlaneyLogStep = Math.Log(6.4) / 27.0;

    /// <summary>Hertz to mels (torchaudio's <c>_hz_to_mel</c>).</summary>
    public static double HzToMel(double hz, string scale) => Check(scale) switch
    {
        "htk" => 2595.0 * Math.Log10(1.0 + hz / 700.0),
        _ => hz >= SlaneyBreakHz ? SlaneyBreakMel + Math.Log(hz / SlaneyBreakHz) / SlaneyLogStep : hz / SlaneyStep,
    };

    /// <summary>Mels to hertz, element-wise (torchaudio's <c>_mel_to_hz</c>).</summary>
    public static Tensor MelToHz(Tensor mels, string scale)
    {
        if (Check(scale) == "htk") return 700.0 * (pow(10.0, mels / 2595.0) - 1.0);
        var linear = mels * SlaneyStep;
        var logarithmic = SlaneyBreakHz * exp(SlaneyLogStep * (mels - SlaneyBreakMel));
        return where(mels >= SlaneyBreakMel, logarithmic, linear);
    }

    private static string Check(string scale) => scale is "htk" or "slaney"
        ? scale
        : throw new ArgumentException($"mel_scale must be \"htk\" or \"slaney\", not \"{scale}\".", nameof(scale));
}
