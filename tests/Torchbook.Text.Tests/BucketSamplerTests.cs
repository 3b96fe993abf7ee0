namespace Torchbook.Text.Tests;

/// <summary>BucketSampler: every index once per pass, batches of similar lengths, a random batch order, less padding.</summary>
[Collection("global state")]
public class BucketSamplerTests
{
    private static int[] Lengths(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => random.Next(1, 200)).ToArray();
    }

    private static long Padded(IEnumerable<long[]> batches, int[] lengths) => batches.Sum(b => (long)b.Length * b.Max(i => lengths[i]));

    [Fact]
    public void A_pass_holds_every_index_once_in_batches_that_need_far_less_padding_than_random_ones()
    {
        var lengths = Lengths(5_000, 1);
        manual_seed(0);
        var sampler = new BucketSampler(lengths, batch_size: 32, bucket_size_multiplier: 20);
        var batches = sampler.batches().ToList();
        Assert.Equal(Enumerable.Range(0, 5_000).Select(i => (long)i), batches.SelectMany(b => b).Order());
        Assert.Equal(157, batches.Count);   // pools of 32 x 20 = 640: seven full ones make 20 batches each, the last 520 indices 17
        long real = lengths.Sum(l => (long)l);
        using var perm = randperm(5_000);
        var random = perm.data<long>().ToArray().Chunk(32).ToList();
        double bucketWaste = (Padded(batches, lengths) - real) / (double)real, randomWaste = (Padded(random, lengths) - real) / (double)real;
        Assert.True(bucketWaste < 0.05 && randomWaste > 0.5, $"padding: bucketed {bucketWaste:P1}, random {randomWaste:P1} of the real tokens");
        // The batch order is shuffled: lengths do not rise from first batch to last.
        var firstLengths = batches.Select(b => lengths[b[0]]).ToList();
        Assert.NotEqual(firstLengths.Order(), firstLengths);
        // The enumerable is the same pass, flattened, as a DataLoader sampler sees it; another pass is another order.
        manual_seed(0);
        Assert.Equal(batches.SelectMany(b => b), sampler);
        Assert.NotEqual(batches.SelectMany(b => b), sampler);
    }

    [Fact]
    public void Without_shuffle_a_pass_is_sorted_by_length_and_ties_keep_index_order()
    {
        var sampler = new BucketSampler([5, 1, 3, 1, 5, 2], batch_size: 4, shuffle: false);
        Assert.Equal([[1L, 3, 5, 2], [0L, 4]], sampler.batches());
        Assert.Equal(6, sampler.Count);
        Assert.Contains("batch_size must be 1 or more", Assert.Throws<ArgumentException>(() => new BucketSampler([1], 0)).Message);
        Assert.Contains("negative", Assert.Throws<ArgumentException>(() => new BucketSampler([1, -2], 2)).Message);
    }
}

/// <summary>Tests that seed or draw from libtorch's global generator run alone.</summary>
[CollectionDefinition("global state", DisableParallelization = true)]
public sealed class GlobalStateCollection;
