using System.Text.Json.Nodes;

namespace Torchbook.Audio.Tests;

/// <summary>
/// SpecAugment's FrequencyMasking and TimeMasking against torchaudio 0.13: after the same torch.manual_seed they
/// blank the same bands, call after call (TorchSharp's CPU generator is PyTorch's).
/// </summary>
public sealed class MaskingTests
{
    private static readonly JsonNode Golden = AudioGoldens.Load("masking.json");

    public static TheoryData<int> Cases() => AudioGoldens.CaseNumbers(Golden);

    private static Modules.AxisMasking Make(string name) => name switch
    {
        "FrequencyMasking(12)" => torchaudio.transforms.FrequencyMasking(12),
        "TimeMasking(20)" => torchaudio.transforms.TimeMasking(20),
        "TimeMasking(40, p=0.2): at most 10 frames" => torchaudio.transforms.TimeMasking(40, p: 0.2),
        "FrequencyMasking(8, iid) on a batch" => torchaudio.transforms.FrequencyMasking(8, iid_masks: true),
        "TimeMasking(10, iid) on a batch" => torchaudio.transforms.TimeMasking(10, iid_masks: true),
        _ => throw new ArgumentException($"no module for golden case \"{name}\""),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Seeded_masks_equal_torchaudios(int index)
    {
        var c = Golden["cases"]![index]!;
        var masking = Make((string)c["name"]!);
        var input = AudioGoldens.Tensor(c["input"]!);
        manual_seed((long)c["seed"]!);
        var masked = 0L;
        foreach (var expected in c["outputs"]!.AsArray().Select(o => AudioGoldens.Tensor(o!)))
        {
            var actual = masking.forward(input, (double)c["mask_value"]!);
            Assert.True(expected.eq(actual).all().item<bool>(), $"{c["name"]}: the bands differ from torchaudio's");
            masked += actual.ne(input).sum().item<long>();
        }
        Assert.True(masked > 0, $"{c["name"]}: three calls masked nothing, so the comparison proves little");
    }

    [Fact]
    public void A_band_is_whole_rows_or_columns_and_narrower_than_the_parameter()
    {
        var spec = ones(1, 64, 100);
        for (int seed = 0; seed < 20; seed++)
        {
            manual_seed(seed);
            var masked = torchaudio.transforms.TimeMasking(30).call(spec);
            var blankColumns = masked[0].eq(0).all(0);   // (time,)
            var count = blankColumns.sum().item<long>();
            Assert.True(count < 30, $"seed {seed}: {count} columns masked; at most 29 allowed");
            Assert.Equal(count * 64, masked.eq(0).sum().item<long>());   // whole columns, nothing else
        }
    }

    [Fact]
    public void Bad_parameters_are_refused()
    {
        Assert.Contains("p must be between 0.0 and 1.0 (1.5 given)",
            Assert.Throws<ArgumentException>(() => torchaudio.transforms.TimeMasking(10, p: 1.5)).Message);
        Assert.Contains("expected a spectrogram (..., freq, time), got shape [10]",
            Assert.Throws<ArgumentException>(() => torchaudio.transforms.FrequencyMasking(5).call(ones(10))).Message);
    }
}
