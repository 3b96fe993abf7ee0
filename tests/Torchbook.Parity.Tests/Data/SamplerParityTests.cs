using System.Text.Json;
using static TorchSharp.torch;

namespace Torchbook.Parity.Tests.Data;

/// <summary>
/// torch.randperm, randint and multinomial under a torch.Generator, drawn the way PyTorch's samplers and
/// random_split draw, give PyTorch 1.13's indices (goldens/data-loading/data.json, tests/parity/make_data_goldens.py).
/// Tolerance: exact (indices). Two epochs from one generator check that the generator's state carries over.
/// </summary>
public class SamplerParityTests
{
    private const string File = "data-loading/data.json";

    private static IEnumerable<JsonElement> Cases(string key) => Goldens.Get(File, key).EnumerateArray();

    [Fact]
    public void RandomSampler_orders_match()
    {
        foreach (var c in Cases("random_sampler"))
        {
            using var g = new Generator().manual_seed(c.GetProperty("seed").GetInt64());
            var numSamples = c.GetProperty("num_samples");
            foreach (var epoch in c.GetProperty("epochs").EnumerateArray())
                Assert.Equal(Goldens.Longs(epoch), PyTorchSamplers.RandomSampler(c.GetProperty("n").GetInt64(), c.GetProperty("replacement").GetBoolean(),
                    numSamples.ValueKind == JsonValueKind.Null ? null : numSamples.GetInt64(), g));
        }
    }

    [Fact]
    public void SubsetRandomSampler_orders_match()
    {
        var c = Goldens.Get(File, "subset_random_sampler");
        using var g = new Generator().manual_seed(c.GetProperty("seed").GetInt64());
        var indices = Goldens.Longs(c.GetProperty("indices"));
        foreach (var epoch in c.GetProperty("epochs").EnumerateArray())
            Assert.Equal(Goldens.Longs(epoch), PyTorchSamplers.SubsetRandomSampler(indices, g));
    }

    [Fact]
    public void WeightedRandomSampler_draws_match()
    {
        foreach (var c in Cases("weighted_random_sampler"))
        {
            using var g = new Generator().manual_seed(c.GetProperty("seed").GetInt64());
            var weights = c.GetProperty("weights").EnumerateArray().Select(w => w.GetDouble()).ToArray();
            foreach (var epoch in c.GetProperty("epochs").EnumerateArray())
                Assert.Equal(Goldens.Longs(epoch), PyTorchSamplers.WeightedRandomSampler(weights, c.GetProperty("num_samples").GetInt64(), c.GetProperty("replacement").GetBoolean(), g));
        }
    }

    [Fact]
    public void Random_split_permutations_match()
    {
        foreach (var c in Cases("random_split"))
        {
            using var g = new Generator().manual_seed(c.GetProperty("seed").GetInt64());
            var expected = Goldens.LongLists(c.GetProperty("indices"));
            Assert.Equal(expected.SelectMany(part => part), PyTorchSamplers.RandomSplitPermutation(c.GetProperty("n").GetInt64(), g));
        }
    }
}
