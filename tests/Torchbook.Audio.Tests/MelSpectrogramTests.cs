using System.Text.Json.Nodes;

namespace Torchbook.Audio.Tests;

/// <summary>torchaudio.transforms.MelSpectrogram and MFCC against torchaudio 0.13.</summary>
public sealed class MelSpectrogramTests
{
    private static readonly JsonNode MelGolden = AudioGoldens.Load("mel_spectrogram.json");
    private static readonly JsonNode MfccGolden = AudioGoldens.Load("mfcc.json");

    public static TheoryData<int> MelCases() => AudioGoldens.CaseNumbers(MelGolden);
    public static TheoryData<int> MfccCases() => AudioGoldens.CaseNumbers(MfccGolden);

    [Theory]
    [MemberData(nameof(MelCases))]
    public void MelSpectrogram_equals_torchaudios(int index)
    {
        var c = MelGolden["cases"]![index]!;
        var args = c["args"]!.AsObject();
        var mel = torchaudio.transforms.MelSpectrogram(
            sample_rate: AudioGoldens.Arg<long>(c, "sample_rate") ?? 16000, n_fft: AudioGoldens.Arg<long>(c, "n_fft") ?? 400,
            hop_length: AudioGoldens.Arg<long>(c, "hop_length"), f_min: AudioGoldens.Arg<double>(c, "f_min") ?? 0.0,
            f_max: AudioGoldens.Arg<double>(c, "f_max"), n_mels: AudioGoldens.Arg<long>(c, "n_mels") ?? 128,
            power: AudioGoldens.Arg<double>(c, "power") ?? 2.0, norm: (string?)args["norm"], mel_scale: (string?)args["mel_scale"] ?? "htk");
        // 2e-5 as for MelScale: the filter edges come from linspace, which moved by an ulp between libtorch 1.13 and 2.10.
        AudioGoldens.AssertClose(AudioGoldens.Tensor(c["output"]!), mel.call(AudioGoldens.Tensor(c["input"]!)), 2e-5, (string)c["name"]!);
    }

    [Theory]
    [MemberData(nameof(MfccCases))]
    public void MFCC_equals_torchaudios(int index)
    {
        var c = MfccGolden["cases"]![index]!;
        var args = c["args"]!.AsObject();
        var mel = c["melkwargs"]!;
        var mfcc = torchaudio.transforms.MFCC(
            sample_rate: AudioGoldens.Arg<long>(c, "sample_rate") ?? 16000, n_mfcc: AudioGoldens.Arg<long>(c, "n_mfcc") ?? 40,
            norm: args.ContainsKey("norm") ? (string?)args["norm"] : "ortho", log_mels: AudioGoldens.Arg<bool>(c, "log_mels") ?? false,
            n_fft: (long?)mel["n_fft"] ?? 400, hop_length: (long?)mel["hop_length"], n_mels: (long?)mel["n_mels"] ?? 128);
        var expected = AudioGoldens.Tensor(c["output"]!);
        var actual = mfcc.call(AudioGoldens.Tensor(c["input"]!));
        // Coefficients are sums of dB values over all mels: compare against their largest magnitude.
        AudioGoldens.AssertClose(expected, actual, 2e-5, (string)c["name"]!);
    }

    [Fact]
    public void DCT_matrices_equal_torchaudios()
    {
        var d = MfccGolden["create_dct"]!;
        AudioGoldens.AssertClose(AudioGoldens.Tensor(d["ortho"]!), torchaudio.functional.create_dct(13, 40, "ortho"), 1e-6, "ortho");
        AudioGoldens.AssertClose(AudioGoldens.Tensor(d["none"]!), torchaudio.functional.create_dct(5, 8, null), 1e-6, "no norm");
        // Orthonormal: its columns are orthonormal when square.
        var square = torchaudio.functional.create_dct(16, 16, "ortho");
        AudioGoldens.AssertClose(eye(16), matmul(square.t(), square), 1e-5, "D^T D");
    }

    [Fact]
    public void MelSpectrogram_keeps_torchaudios_submodules_and_buffers()
    {
        var names = torchaudio.transforms.MelSpectrogram().named_buffers().Select(b => b.name).ToArray();
        Assert.Equal(["spectrogram.window", "mel_scale.fb"], names);
        Assert.Contains("dct_mat", torchaudio.transforms.MFCC().named_buffers().Select(b => b.name));
    }

    [Fact]
    public void More_coefficients_than_mel_bins_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => torchaudio.transforms.MFCC(n_mfcc: 50, n_mels: 40));
        Assert.Contains("cannot select more coefficients (n_mfcc 50) than mel bins (n_mels 40)", e.Message);
    }
}
