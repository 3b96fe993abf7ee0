using System.Text.Json.Nodes;

namespace Torchbook.Audio.Tests;

/// <summary>torchaudio.functional.resample and transforms.Resample against torchaudio 0.13 (down, up, stereo, Kaiser window).</summary>
public sealed class ResampleTests
{
    private static readonly JsonNode Golden = AudioGoldens.Load("resample.json");

    public static TheoryData<int> Cases() => AudioGoldens.CaseNumbers(Golden);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resampling_equals_torchaudios(int index)
    {
        var c = Golden["cases"]![index]!;
        var args = c["args"]!.AsObject();
        long orig = (long)c["orig_freq"]!, @new = (long)c["new_freq"]!;
        var method = (string?)args["resampling_method"] ?? "sinc_interpolation";
        var width = AudioGoldens.Arg<int>(c, "lowpass_filter_width") ?? 6;
        var rolloff = AudioGoldens.Arg<double>(c, "rolloff") ?? 0.99;
        var beta = AudioGoldens.Arg<double>(c, "beta");
        var input = AudioGoldens.Tensor(c["input"]!);
        var name = (string)c["name"]!;

        var functional = torchaudio.functional.resample(input, orig, @new, width, rolloff, method, beta);
        AudioGoldens.AssertClose(AudioGoldens.Tensor(c["functional"]!), functional, 1e-5, $"{name}, functional");
        var transform = torchaudio.transforms.Resample(orig, @new, method, width, rolloff, beta).call(input);
        AudioGoldens.AssertClose(AudioGoldens.Tensor(c["transform"]!), transform, 1e-5, $"{name}, transform");
        Assert.Equal((long)Math.Ceiling(input.shape[^1] * (double)@new / orig), transform.shape[^1]);
    }

    [Fact]
    public void A_tone_below_the_new_nyquist_keeps_its_frequency_and_level()
    {
        // 1 kHz at 48 kHz to 16 kHz: the strongest bin of the result is still 1 kHz, at about the same amplitude.
        var t = arange(48000, dtype: ScalarType.Float32) / 48000;
        var tone = (0.5 * sin(2 * Math.PI * 1000 * t)).unsqueeze(0);
        var down = torchaudio.functional.resample(tone, 48000, 16000);
        Assert.Equal([1L, 16000], down.shape);
        var spectrum = fft.rfft(down[0, TensorIndex.Slice(1000, 15000)]).abs();
        var peakBin = spectrum.argmax().item<long>();
        Assert.Equal(1000.0, peakBin * 16000.0 / 14000, 1.0);
        Assert.Equal(0.5, down[0, TensorIndex.Slice(1000, 15000)].abs().max().item<float>(), 2);
    }

    [Fact]
    public void Same_rate_returns_the_waveform_and_bad_rates_are_refused()
    {
        var x = randn(1, 100);
        Assert.True(x.eq(torchaudio.functional.resample(x, 8000, 8000)).all().item<bool>());
        Assert.Contains("must be positive", Assert.Throws<ArgumentException>(() => torchaudio.functional.resample(x, 0, 8000)).Message);
        Assert.Contains("resampling_method must be", Assert.Throws<ArgumentException>(() => torchaudio.transforms.Resample(8000, 16000, "linear")).Message);
    }
}
