using System.Text.Json.Nodes;

namespace Torchbook.Audio.Tests;

/// <summary>
/// torchaudio.sox_effects.apply_effects_tensor against SoX (through Debian's torchaudio 0.13): the same samples for
/// gain, echo, fade, trim, reverse and speed; for rate, tempo and pitch, which use other algorithms here, the same
/// length, rate and pitch.
/// </summary>
public sealed class SoxEffectsTests
{
    private static readonly JsonNode Golden = AudioGoldens.Load("sox_effects.json");

    private static readonly HashSet<string> Exact =
    [
        "gain -6 dB", "echo, two taps", "fade q in, out at the end", "fade h", "fade t, stop at 0.2 s", "fade l (default shape)",
        "fade p, out length", "trim", "reverse", "speed 0.8 (relabels the rate)", "a chain: gain, fade, reverse",
    ];

    public static TheoryData<int> ExactCases() =>
        new(Enumerable.Range(0, Golden["cases"]!.AsArray().Count).Where(i => Exact.Contains((string)Golden["cases"]![i]!["name"]!)));

    private static (Tensor Output, int Rate, Tensor Expected, int ExpectedRate) Apply(JsonNode c)
    {
        var effects = c["effects"]!.AsArray().Select(e => e!.AsArray().Select(a => (string)a!).ToArray()).ToList();
        var (output, rate) = torchaudio.sox_effects.apply_effects_tensor(AudioGoldens.Tensor(c["input"]!), 8000, effects);
        return (output, rate, AudioGoldens.Tensor(c["output"]!), (int)c["sample_rate"]!);
    }

    private static JsonNode Case(string name) => Golden["cases"]!.AsArray().Single(c => (string)c!["name"]! == name)!;

    [Theory]
    [MemberData(nameof(ExactCases))]
    public void Effects_give_SoXs_samples(int index)
    {
        var c = Golden["cases"]![index]!;
        var (output, rate, expected, expectedRate) = Apply(c);
        Assert.Equal(expectedRate, rate);
        AudioGoldens.AssertClose(expected, output, 1e-5, (string)c["name"]!);
    }

    /// <summary>The strongest frequency of a mono clip, in Hz (to 1 Hz for a clip of at least a second).</summary>
    private static double Peak(Tensor clip, int rate)
    {
        var spectrum = fft.rfft(clip[0]).abs();
        return spectrum.argmax().item<long>() * (double)rate / clip.shape[1];
    }

    [Fact]
    public void Speed_then_rate_is_faster_and_higher_as_in_SoX()
    {
        var (output, rate, expected, _) = Apply(Case("speed 1.25 then rate 8000"));
        Assert.Equal(8000, rate);
        Assert.Equal(expected.shape, output.shape);   // 6,400 samples: 1.25 times shorter
        Assert.Equal(550.0, Peak(output, rate), 2.0);  // 440 Hz times 1.25
        Assert.Equal(Peak(expected, rate), Peak(output, rate), 2.0);
    }

    [Fact]
    public void Tempo_changes_the_length_and_keeps_the_pitch()
    {
        var (output, rate, expected, _) = Apply(Case("tempo 1.25"));
        Assert.Equal(8000, rate);
        Assert.InRange(output.shape[1], expected.shape[1] - 200, expected.shape[1] + 200);   // SoX: 6,400 samples
        Assert.Equal(440.0, Peak(output, rate), 8.0);
    }

    [Fact]
    public void Pitch_raises_the_tone_by_the_cents_asked_and_keeps_the_length()
    {
        var (output, rate, expected, _) = Apply(Case("pitch +300 cents then rate 8000"));
        Assert.Equal(expected.shape, output.shape);
        var wanted = 440 * Math.Pow(2, 300 / 1200.0);   // 523.3 Hz
        Assert.Equal(wanted, Peak(output, rate), 10.0);
        Assert.Equal(Peak(expected, rate), Peak(output, rate), 10.0);
    }

    [Fact]
    public void Unknown_effects_and_bad_arguments_are_refused_with_the_usage()
    {
        var x = zeros(1, 100);
        var e = Assert.Throws<ArgumentException>(() => torchaudio.sox_effects.apply_effects_tensor(x, 8000, [["chorus", "0.5"]]));
        Assert.Contains("unknown effect \"chorus\"; known: gain, echo, fade", e.Message);
        e = Assert.Throws<ArgumentException>(() => torchaudio.sox_effects.apply_effects_tensor(x, 8000, [["gain", "loud"]]));
        Assert.Contains("gain: DB must be a number, not \"loud\"", e.Message);
        e = Assert.Throws<ArgumentException>(() => torchaudio.sox_effects.apply_effects_tensor(x, 8000, [["echo", "0.8", "0.9", "100"]]));
        Assert.Contains("echo: expected GAIN-IN GAIN-OUT then DELAY-MS DECAY pairs", e.Message);
        e = Assert.Throws<ArgumentException>(() => torchaudio.sox_effects.apply_effects_tensor(zeros(100), 8000, [["reverse"]]));
        Assert.Contains("expected a waveform (channels, samples), got shape [100]", e.Message);
    }
}
