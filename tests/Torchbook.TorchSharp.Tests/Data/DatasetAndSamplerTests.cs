using global::TorchSharp;
using static global::TorchSharp.torch;

namespace Torchbook.TorchSharp.Tests.Data;

public class DatasetTests
{
    [Fact]
    public void TensorDataset_indexes_along_the_first_dimension()
    {
        var data = utils.data.TensorDataset(torch.arange(0, 6, 1, ScalarType.Float32).reshape(3, 2), torch.tensor(new long[] { 7, 8, 9 }));
        Assert.Equal(3, data.Count);
        var (x, y) = data[1];
        Assert.Equal([2f, 3f], x.ToArray<float>());
        Assert.Equal(8, y.item<long>());
        Assert.Equal(9, data[-1][1].item<long>());
        Assert.Throws<IndexOutOfRangeException>(() => data[3]);
        var e = Assert.Throws<ArgumentException>(() => utils.data.TensorDataset(torch.zeros(3), torch.zeros(4)));
        Assert.Contains("same size in the first dimension", e.Message);
    }

    [Fact]
    public void Subset_and_ConcatDataset_map_indices()
    {
        var a = new CountingDataset(3);
        var b = new CountingDataset(4);
        var both = utils.data.ConcatDataset<(Tensor, Tensor)>(a, b);
        Assert.Equal(7, both.Count);
        Assert.Equal([3L, 7], both.cumulative_sizes);
        Assert.Equal([0L, 1, 2, 0, 1, 2, 3], Enumerable.Range(0, 7).Select(i => both[i].Item2.item<long>()));
        var sub = utils.data.Subset(both, new long[] { 6, 0, 3 });
        Assert.Equal(3, sub.Count);
        Assert.Equal([3L, 0, 0], Enumerable.Range(0, 3).Select(i => sub[i].Item2.item<long>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => utils.data.Subset(both, new long[] { 7 }));
    }

    [Fact]
    public void random_split_matches_PyTorch_for_the_same_seed()
    {
        foreach (var c in DataGoldens.Get("random_split").EnumerateArray())
        {
            var data = new CountingDataset(c.GetProperty("n").GetInt64());
            using var g = new Generator().manual_seed(c.GetProperty("seed").GetInt64());
            var lengths = c.GetProperty("lengths");
            var parts = lengths.EnumerateArray().All(l => l.TryGetInt64(out _))
                ? utils.data.random_split(data, lengths.EnumerateArray().Select(l => l.GetInt64()).ToArray(), g)
                : utils.data.random_split(data, lengths.EnumerateArray().Select(l => l.GetDouble()).ToArray(), g);
            var expected = DataGoldens.LongLists(c.GetProperty("indices"));
            Assert.Equal(expected.Length, parts.Length);
            for (int i = 0; i < parts.Length; i++) Assert.Equal(expected[i], parts[i].indices);
        }
    }

    [Fact]
    public void random_split_takes_whole_lengths_or_fractions_as_written()
    {
        var data = new CountingDataset(10);
        var (a, b) = (utils.data.random_split(data, [7, 3])[0], utils.data.random_split(data, [0.75, 0.25])[1]);
        Assert.Equal(7, a.Count);
        Assert.Equal(2, b.Count); // floor(2.5) = 2, and the remainder goes to the first part
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i),
            utils.data.random_split(data, [4, 6]).SelectMany(s => s.indices).Order());
    }

    [Fact]
    public void random_split_rejects_lengths_that_do_not_add_up()
    {
        var data = new CountingDataset(10);
        Assert.Contains("add up to 9", Assert.Throws<ArgumentException>(() => utils.data.random_split(data, new long[] { 4, 5 })).Message);
        Assert.Contains("add up to 1", Assert.Throws<ArgumentException>(() => utils.data.random_split(data, new[] { 0.5, 0.4 })).Message);
    }
}

public class SamplerTests
{
    [Fact]
    public void SequentialSampler_counts_up()
    {
        Assert.Equal([0L, 1, 2, 3], utils.data.SequentialSampler(4));
        Assert.Equal(4, utils.data.SequentialSampler(4).Count);
    }

    [Fact]
    public void RandomSampler_matches_PyTorch()
    {
        foreach (var c in DataGoldens.Get("random_sampler").EnumerateArray())
        {
            var numSamples = c.GetProperty("num_samples");
            using var g = new Generator().manual_seed(c.GetProperty("seed").GetInt64());
            var sampler = utils.data.RandomSampler(c.GetProperty("n").GetInt64(), c.GetProperty("replacement").GetBoolean(),
                numSamples.ValueKind == System.Text.Json.JsonValueKind.Null ? null : numSamples.GetInt64(), g);
            foreach (var epoch in c.GetProperty("epochs").EnumerateArray())
            {
                var got = sampler.ToArray();
                Assert.Equal(DataGoldens.Longs(epoch), got);
                Assert.Equal(sampler.Count, got.LongLength);
            }
        }
    }

    [Fact]
    public void SubsetRandomSampler_matches_PyTorch()
    {
        var c = DataGoldens.Get("subset_random_sampler");
        using var g = new Generator().manual_seed(c.GetProperty("seed").GetInt64());
        var sampler = utils.data.SubsetRandomSampler(DataGoldens.Longs(c.GetProperty("indices")), g);
        foreach (var epoch in c.GetProperty("epochs").EnumerateArray())
            Assert.Equal(DataGoldens.Longs(epoch), sampler.ToArray());
    }

    [Fact]
    public void WeightedRandomSampler_matches_PyTorch()
    {
        foreach (var c in DataGoldens.Get("weighted_random_sampler").EnumerateArray())
        {
            using var g = new Generator().manual_seed(c.GetProperty("seed").GetInt64());
            var sampler = utils.data.WeightedRandomSampler(c.GetProperty("weights").EnumerateArray().Select(w => w.GetDouble()),
                c.GetProperty("num_samples").GetInt64(), c.GetProperty("replacement").GetBoolean(), g);
            foreach (var epoch in c.GetProperty("epochs").EnumerateArray())
                Assert.Equal(DataGoldens.Longs(epoch), sampler.ToArray());
        }
    }

    [Fact]
    public void Samplers_reject_impossible_requests()
    {
        Assert.Throws<ArgumentException>(() => utils.data.WeightedRandomSampler([1.0, 0.0], 2, replacement: false));
        Assert.Throws<ArgumentException>(() => utils.data.WeightedRandomSampler([1.0, -1.0], 2));
        Assert.Throws<ArgumentException>(() => utils.data.RandomSampler(0));
        Assert.Throws<ArgumentException>(() => utils.data.BatchSampler(utils.data.SequentialSampler(3), 0, false));
    }

    [Fact]
    public void BatchSampler_groups_indices()
    {
        var batches = utils.data.BatchSampler(utils.data.SequentialSampler(7), 3, drop_last: false).ToList();
        Assert.Equal([[0L, 1, 2], [3L, 4, 5], [6L]], batches);
        Assert.Equal(2, utils.data.BatchSampler(utils.data.SequentialSampler(7), 3, drop_last: true).Count);
    }
}
