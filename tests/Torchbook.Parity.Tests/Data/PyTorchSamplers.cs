using static TorchSharp.torch;

namespace Torchbook.Parity.Tests.Data;

/// <summary>
/// How PyTorch 1.13's samplers draw their indices (torch/utils/data/sampler.py), written with TorchSharp's torch
/// functions, to check that those functions under a torch.Generator give PyTorch's orders. TorchSharp itself has
/// none of these samplers (DataDeviationTests); this is test code, not a library.
/// </summary>
internal static class PyTorchSamplers
{
    private static long[] Longs(Tensor t)
    {
        using (t) return t.data<long>().ToArray();
    }

    /// <summary>RandomSampler(range(n), replacement, num_samples, generator): one epoch.</summary>
    public static long[] RandomSampler(long n, bool replacement, long? numSamples, Generator g)
    {
        long count = numSamples ?? n;
        var order = new List<long>();
        if (replacement)
        {
            for (long i = 0; i < count / 32; i++) order.AddRange(Longs(randint(0, n, [32], dtype: ScalarType.Int64, generator: g)));
            order.AddRange(Longs(randint(0, n, [count % 32], dtype: ScalarType.Int64, generator: g)));
        }
        else
        {
            for (long i = 0; i < count / n; i++) order.AddRange(Longs(randperm(n, generator: g)));
            order.AddRange(Longs(randperm(n, generator: g)).Take((int)(count % n)));
        }
        return order.ToArray();
    }

    /// <summary>SubsetRandomSampler(indices, generator): one epoch.</summary>
    public static long[] SubsetRandomSampler(long[] indices, Generator g) =>
        Longs(randperm(indices.Length, generator: g)).Select(i => indices[i]).ToArray();

    /// <summary>WeightedRandomSampler(weights, num_samples, replacement, generator): one epoch.</summary>
    public static long[] WeightedRandomSampler(double[] weights, long numSamples, bool replacement, Generator g)
    {
        using var w = tensor(weights, dtype: ScalarType.Float64);
        return Longs(multinomial(w, numSamples, replacement, g));
    }

    /// <summary>random_split's permutation: randperm(sum(lengths), generator), cut into the lengths.</summary>
    public static long[] RandomSplitPermutation(long n, Generator g) => Longs(randperm(n, generator: g));

    /// <summary>
    /// The order DataLoader(shuffle=True, generator=g) gives each epoch: its iterator first draws a base seed from g
    /// (random_() on an int64 scalar: one 64-bit draw), then RandomSampler yields randperm(n, g) and, once exhausted,
    /// draws randperm(n, g)[:num_samples % n] (empty, but drawn). random_(0, 2^40) makes the same single 64-bit draw
    /// as random_() (libtorch uses random64() for any range of 2^32 or more).
    /// </summary>
    public sealed class ShuffleLikeDataLoader(long n, Generator g) : IEnumerable<long>
    {
        public IEnumerator<long> GetEnumerator()
        {
            using (var baseSeed = empty([], ScalarType.Int64)) baseSeed.random_(0, 1L << 40, g);
            foreach (var i in Longs(randperm(n, generator: g))) yield return i;
            randperm(n, generator: g).Dispose();
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
