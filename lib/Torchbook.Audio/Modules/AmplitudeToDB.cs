using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Audio.Modules;

/// <summary>
/// torchaudio.transforms.AmplitudeToDB: a power (or magnitude) spectrogram in decibels,
/// <c>10·log10(max(x, 1e-10))</c> (20· for magnitudes), optionally floored at <c>top_db</c> below
/// each spectrogram's maximum.
/// </summary>
public sealed class AmplitudeToDB : nn.Module<Tensor, Tensor>
{
    private const double Amin = 1e-10;
    private readonly double _multiplier;
    private readonly double? _topDb;

    public AmplitudeToDB(string stype, double? top_db) : base(nameof(AmplitudeToDB))
    {
        _multiplier = stype switch
        {
            "power" => 10.0,
            "magnitude" => 20.0,
            _ => throw new ArgumentException($"AmplitudeToDB: stype must be \"power\" or \"magnitude\", not \"{stype}\".", nameof(stype)),
        };
        if (top_db < 0) throw new ArgumentException($"AmplitudeToDB: top_db must be positive (got {top_db}).", nameof(top_db));
        _topDb = top_db;
    }

    // torchaudio's db_multiplier is log10(max(amin, ref_value)) with ref_value 1: zero.
    public override Tensor forward(Tensor x) => torchaudio.functional.amplitude_to_DB(x, _multiplier, Amin, 0.0, _topDb);
}
