using System.Text.Json.Nodes;

namespace Torchbook.Audio.Tests;

/// <summary>torchaudio.transforms.MelScale against torchaudio 0.13 on the same spectrograms.</summary>
public sealed class MelScaleTests
{
    private static readonly JsonNode Golden = AudioGoldens.Load("melscale.json");

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        // As for the filterbanks: within 2e-5 of the largest value (the edges move by an ulp of linspace).
        var worst = (actual - expected).abs().max().item<float>() / expected.abs().max().item<float>();
        Assert.True(worst <= 2e-5, $"largest difference {worst:E2} of the largest value");
    }

    [Fact]
    public void Defaults_give_torchaudios_mel_spectrogram()
    {
        var c = Golden["default"]!;
        var mel = torchaudio.transforms.MelScale(n_stft: 201);
        AssertClose(AudioGoldens.Tensor(c["output"]!), mel.call(AudioGoldens.Tensor(c["input"]!)));
        Assert.Equal([201L, 128L], mel.get_buffer("fb")!.shape);
    }

    [Fact]
    public void Slaney_scale_and_norm_with_two_channels_match()
    {
        var c = Golden["slaney"]!;
        var mel = torchaudio.transforms.MelScale(n_mels: 40, sample_rate: 16000, f_min: 50, f_max: 7000, n_stft: 257, norm: "slaney", mel_scale: "slaney");
        AssertClose(AudioGoldens.Tensor(c["output"]!), mel.call(AudioGoldens.Tensor(c["input"]!)));
    }

    [Fact]
    public void A_spectrogram_with_the_wrong_number_of_bins_is_refused_with_the_fix()
    {
        var e = Assert.Throws<ArgumentException>(() => torchaudio.transforms.MelScale(n_stft: 201).call(zeros(1, 200, 10)));
        Assert.Contains("expected a spectrogram (..., freq, time) with 201 frequency bins (n_stft), got shape [1, 200, 10]", e.Message);
        Assert.Contains("n_fft / 2 + 1", e.Message);
    }
}
