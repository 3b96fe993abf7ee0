using System.Text.Json;
using Torchbook;
using static TorchSharp.torch;

namespace Torchbook.Parity.Tests.Data;

/// <summary>
/// Torchbook.Data's samplers and random_split under a torch.Generator give PyTorch 1.13's indices
/// (goldens/data-loading/data.json, tests/parity/make_data_goldens.py). Tolerance: exact (indices).
/// Two epochs from one sampler check that the generator's state carries over from pass to pass.
/// </summary>
[Collection("libtorch global state")]
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
            var sampler = Torchbook.Data.RandomSampler(c.GetProperty("n").GetInt64(), c.GetProperty("replacement").GetBoolean(),
                numSamples.ValueKind == JsonValueKind.Null ? null : numSamples.GetInt64(), g);
            foreach (var epoch in c.GetProperty("epochs").EnumerateArray())
            {
                Assert.Equal(Goldens.Longs(epoch).Length, sampler.Count);
                Assert.Equal(Goldens.Longs(epoch), sampler.ToArray());
            }
        }
    }

    [Fact]
    public void SubsetRandomSampler_orders_match()
    {
        var c = Goldens.Get(File, "subset_random_sampler");
        using var g = new Generator().manual_seed(c.GetProperty("seed").GetInt64());
        var sampler = Torchbook.Data.SubsetRandomSampler(Goldens.Longs(c.GetProperty("indices")), g);
        foreach (var epoch in c.GetProperty("epochs").EnumerateArray())
            Assert.Equal(Goldens.Longs(epoch), sampler.ToArray());
    }

    [Fact]
    public void WeightedRandomSampler_draws_match()
    {
        foreach (var c in Cases("weighted_random_sampler"))
        {
            using var g = new Generator().manual_seed(c.GetProperty("seed").GetInt64());
            var weights = c.GetProperty("weights").EnumerateArray().Select(w => w.GetDouble()).ToArray();
            var sampler = Torchbook.Data.WeightedRandomSampler(weights, c.GetProperty("num_samples").GetInt64(), c.GetProperty("replacement").GetBoolean(), g);
            foreach (var epoch in c.GetProperty("epochs").EnumerateArray())
                Assert.Equal(Goldens.Longs(epoch), sampler.ToArray());
        }
    }

    [Fact]
    public void Random_split_parts_match_for_lengths_and_fractions()
    {
        foreach (var c in Cases("random_split"))
        {
            using var scope = NewDisposeScope();
            long n = c.GetProperty("n").GetInt64();
            using var dataset = Torchbook.Data.TensorDataset(arange(n), arange(n));
            using var g = new Generator().manual_seed(c.GetProperty("seed").GetInt64());
            var lengths = c.GetProperty("lengths").EnumerateArray().ToArray();
            var parts = lengths.All(l => l.TryGetInt64(out _))
                ? Torchbook.Data.random_split(dataset, lengths.Select(l => l.GetInt64()).ToArray(), g)
                : Torchbook.Data.random_split(dataset, lengths.Select(l => l.GetDouble()).ToArray(), g);
            var expected = Goldens.LongLists(c.GetProperty("indices"));
            Assert.Equal(expected, parts.Select(p => p.indices.ToArray()).ToArray());
            // The parts read the dataset's items at those indices.
            for (int i = 0; i < parts.Length; i++)
                Assert.Equal(expected[i], Enumerable.Range(0, (int)parts[i].Count).Select(k => parts[i].GetTensor(k).Item1.item<long>()));
        }
    }

    [Fact]
    public void Without_a_generator_the_default_generator_seeds_the_sampler_as_in_pytorch()
    {
        // random_() on an int64 scalar (PyTorch's way of seeding a sampler's private generator): the same values.
        foreach (var c in Cases("random_full_range"))
        {
            manual_seed(c.GetProperty("seed").GetInt64());
            var expected = c.GetProperty("values").EnumerateArray().Select(v => long.Parse(v.GetString()!)).ToArray();
            // One epoch of a RandomSampler without a generator seeds a generator with the next value: compare orders.
            foreach (var value in expected)
            {
                using var seeded = new Generator(unchecked((ulong)value));
                var want = randperm(10, ScalarType.Int64, generator: seeded).data<long>().ToArray();
                Assert.Equal(want, Torchbook.Data.RandomSampler(10).ToArray());
            }
        }
    }
}
