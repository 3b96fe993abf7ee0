using System.Text.Json.Nodes;

namespace Torchbook.Audio.Tests;

/// <summary>torchaudio.transforms.Spectrogram against torchaudio 0.13: power 1 and 2, normalizations, centre padding on and off, short input, complex output.</summary>
public sealed class SpectrogramTests
{
    private static readonly JsonNode Golden = AudioGoldens.Load("spectrogram.json");

    public static TheoryData<int> Cases() => AudioGoldens.CaseNumbers(Golden);

    internal static object? Normalized(JsonNode c) => c["args"]?["normalized"] switch
    {
        null => null,
        var v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
        var v => v.GetValue<bool>(),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Spectrogram_equals_torchaudios(int index)
    {
        var c = Golden["cases"]![index]!;
        var args = c["args"]!.AsObject();
        double? power = args.ContainsKey("power") ? (double?)args["power"] : 2.0;
        var spectrogram = torchaudio.transforms.Spectrogram(
            n_fft: AudioGoldens.Arg<long>(c, "n_fft") ?? 400, win_length: AudioGoldens.Arg<long>(c, "win_length"),
            hop_length: AudioGoldens.Arg<long>(c, "hop_length"), pad: AudioGoldens.Arg<long>(c, "pad") ?? 0,
            power: power, normalized: Normalized(c), center: AudioGoldens.Arg<bool>(c, "center") ?? true,
            pad_mode: (string?)args["pad_mode"] ?? "reflect");
        var spec = spectrogram.call(AudioGoldens.Tensor(c["input"]!));
        if (power is null)
        {
            Assert.True(spec.is_complex());
            spec = view_as_real(spec);
        }
        AudioGoldens.AssertClose(AudioGoldens.Tensor(c["output"]!), spec, 1e-5, (string)c["name"]!);
    }

    [Fact]
    public void Window_is_a_periodic_hann_buffer_and_hop_defaults_to_half_the_window()
    {
        var s = torchaudio.transforms.Spectrogram(n_fft: 256, win_length: 200);
        Assert.Equal(100, s.hop_length);
        var window = s.get_buffer("window")!;
        Assert.Equal([200L], window.shape);
        Assert.Equal(0f, window[0].item<float>());
        Assert.Equal(1f, window[100].item<float>(), 6);
    }

    [Fact]
    public void Too_short_a_waveform_for_reflect_padding_is_refused_with_what_to_do()
    {
        var e = Assert.Throws<ArgumentException>(() => torchaudio.transforms.Spectrogram().call(zeros(1, 150)));
        Assert.Contains("has 150 samples, too short for reflect padding of n_fft / 2 = 200", e.Message);
        Assert.Contains("pad_mode \"constant\"", e.Message);
        // With constant padding the same input gives a spectrogram.
        Assert.Equal([1L, 201, 1], torchaudio.transforms.Spectrogram(pad_mode: "constant").call(zeros(1, 150)).shape);
    }

    [Fact]
    public void Bad_arguments_are_refused_when_the_module_is_made()
    {
        Assert.Contains("win_length must be between 1 and n_fft = 400, not 500",
            Assert.Throws<ArgumentException>(() => torchaudio.transforms.Spectrogram(win_length: 500)).Message);
        Assert.Contains("normalized must be false, true, \"window\" or \"frame_length\", not \"energy\"",
            Assert.Throws<ArgumentException>(() => torchaudio.transforms.Spectrogram(normalized: "energy")).Message);
        Assert.Contains("power must be positive",
            Assert.Throws<ArgumentException>(() => torchaudio.transforms.Spectrogram(power: 0).call(zeros(1, 1000))).Message);
        Assert.Contains("must be floating point",
            Assert.Throws<ArgumentException>(() => torchaudio.transforms.Spectrogram().call(zeros(1, 1000, dtype: ScalarType.Int16))).Message);
    }
}
