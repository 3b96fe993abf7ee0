using System.Text.Json.Nodes;

namespace Torchbook.Audio.Tests;

/// <summary>torchaudio.functional.melscale_fbanks against torchaudio 0.13's own matrices.</summary>
public sealed class MelscaleFbanksTests
{
    private static readonly JsonNode Golden = AudioGoldens.Load("melscale_fbanks.json");

    public static TheoryData<int> Cases() => AudioGoldens.CaseNumbers(Golden);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filterbanks_equal_torchaudios_within_2e_5_of_the_largest_weight(int index)
    {
        var c = Golden["cases"]![index]!;
        var expected = c["fbanks"]!;
        var fb = torchaudio.functional.melscale_fbanks((long)c["n_freqs"]!, (double)c["f_min"]!, (double)c["f_max"]!,
            (long)c["n_mels"]!, (long)c["sample_rate"]!, (string?)c["norm"], (string)c["mel_scale"]!);

        Assert.Equal(expected["shape"]!.AsArray().Select(v => (long)v!), fb.shape);
        Assert.Equal(ScalarType.Float32, fb.dtype);
        var want = expected["values"]!.AsArray().Select(v => (float)(double)v!).ToArray();
        var got = fb.data<float>().ToArray();
        // Relative to the largest weight of the matrix. libtorch 2.10's float32 linspace and 1.13's
        // differ in the last bit for some points (seen: 1 ulp, 2.4e-4 at 2840 mels), so a filter's
        // edge moves by about 1e-3 Hz; a weight beside it then differs by that shift over the
        // filter's width (down to ~25 Hz for 128 HTK mels): up to 1.4e-5 of the peak measured.
        var peak = want.Max(Math.Abs);
        var worst = want.Select((w, i) => Math.Abs(got[i] - w) / peak).Max();
        Assert.True(worst <= 2e-5, $"case {index} ({c["mel_scale"]}, norm {c["norm"]}): largest difference {worst:E2} of the largest weight {peak}");
    }

    [Fact]
    public void More_mels_than_bins_leaves_empty_filters_as_torchaudio_does()
    {
        var fb = torchaudio.functional.melscale_fbanks(33, 0, 4000, 40, 8000);
        var empty = fb.sum(0).eq(0).sum().item<long>();
        Assert.True(empty > 0, "expected some all-zero filters");
    }

    [Theory]
    [InlineData("mel", null, "mel_scale must be \"htk\" or \"slaney\", not \"mel\".")]
    [InlineData("htk", "area", "norm must be null or \"slaney\", not \"area\".")]
    public void Unknown_options_are_refused_with_the_allowed_values(string scale, string? norm, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => torchaudio.functional.melscale_fbanks(201, 0, 8000, 64, 16000, norm, scale));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void A_band_with_f_max_not_above_f_min_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => torchaudio.functional.melscale_fbanks(201, 8000, 8000, 64, 16000));
        Assert.Contains("need 0 <= f_min < f_max", e.Message);
    }
}
