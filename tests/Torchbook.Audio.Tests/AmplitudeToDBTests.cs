using System.Text.Json.Nodes;

namespace Torchbook.Audio.Tests;

/// <summary>torchaudio.transforms.AmplitudeToDB against torchaudio 0.13 (power, magnitude, top_db, 2-D to 4-D input).</summary>
public sealed class AmplitudeToDBTests
{
    private static readonly JsonNode Golden = AudioGoldens.Load("amplitude_to_db.json");

    public static TheoryData<int> Cases() => AudioGoldens.CaseNumbers(Golden);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decibels_equal_torchaudios(int index)
    {
        var c = Golden["cases"]![index]!;
        var db = torchaudio.transforms.AmplitudeToDB((string)c["stype"]!, (double?)c["top_db"]).call(AudioGoldens.Tensor(c["input"]!));
        var expected = AudioGoldens.Tensor(c["output"]!);
        Assert.Equal(expected.shape, db.shape);
        var worst = ((db - expected).abs() / expected.abs().clamp(min: 1e-3)).max().item<float>();
        Assert.True(worst <= 1e-5, $"case {index}: largest relative difference {worst:E2}");
    }

    [Fact]
    public void Unknown_stype_and_negative_top_db_are_refused()
    {
        Assert.Contains("stype must be \"power\" or \"magnitude\", not \"amplitude\"",
            Assert.Throws<ArgumentException>(() => torchaudio.transforms.AmplitudeToDB("amplitude")).Message);
        Assert.Contains("top_db must be positive",
            Assert.Throws<ArgumentException>(() => torchaudio.transforms.AmplitudeToDB(top_db: -1)).Message);
    }
}
