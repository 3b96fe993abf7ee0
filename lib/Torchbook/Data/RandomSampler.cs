using static TorchSharp.torch;

namespace Torchbook;

public static partial class Data
{
    /// <summary>
    /// PyTorch's <c>RandomSampler(data_source, replacement=False, num_samples=None, generator=None)</c>: a random
    /// order of the dataset's indices each pass, the same as PyTorch's for the same seed. Without replacement each pass
    /// is <c>randperm(n, generator)</c> (several, cut to <paramref name="num_samples"/>, when more than n are asked);
    /// with replacement, <c>randint(0, n)</c> draws in chunks of 32. Without a generator each pass seeds a private
    /// one from the default generator, so <c>torch.manual_seed</c> decides the order, as in PyTorch.
    /// </summary>
    public static RandomSampler RandomSampler<T>(utils.data.Dataset<T> data_source, bool replacement = false, long? num_samples = null, Generator? generator = null) =>
        new((data_source ?? throw new ArgumentNullException(nameof(data_source))).Count, replacement, num_samples, generator);

    /// <summary>A <see cref="RandomSampler{T}"/> over the indices 0 to <paramref name="n"/> - 1.</summary>
    public static RandomSampler RandomSampler(long n, bool replacement = false, long? num_samples = null, Generator? generator = null) =>
        new(n, replacement, num_samples, generator);
}

/// <summary>See <see cref="Data.RandomSampler(long, bool, long?, Generator?)"/>.</summary>
public sealed class RandomSampler : Sampler
{
    private readonly long _n;
    private readonly long? _numSamples;

    internal RandomSampler(long n, bool replacement, long? num_samples, Generator? generator)
    {
        if (num_samples is <= 0)
            throw new ArgumentException($"RandomSampler: num_samples should be a positive integer, but got {num_samples}.", nameof(num_samples));
        if (n <= 0)
            throw new ArgumentException($"RandomSampler: cannot sample from an empty dataset (it has {n} items).", nameof(n));
        _n = n;
        _numSamples = num_samples;
        this.replacement = replacement;
        this.generator = generator;
    }

    /// <summary>Whether an index can come more than once in a pass.</summary>
    public bool replacement { get; }

    /// <summary>The generator the indices come from (null: a private one seeded from the default generator each pass).</summary>
    public Generator? generator { get; }

    /// <summary>Indices per pass: the dataset's size unless another number was asked for.</summary>
    public long num_samples => _numSamples ?? _n;

    public override long Count => num_samples;

    public override IEnumerator<long> GetEnumerator()
    {
        // PyTorch 1.13, RandomSampler.__iter__ (a generator function: nothing is drawn before the first index).
        Generator? own = generator is null ? new Generator(unchecked((ulong)Data.RandomInt64(null))) : null;
        var g = generator ?? own;
        try
        {
            long total = num_samples;
            if (replacement)
            {
                for (long c = 0; c < total / 32; c++)
                    foreach (var i in Drawn(randint(0, _n, [32], ScalarType.Int64, generator: g))) yield return i;
                foreach (var i in Drawn(randint(0, _n, [total % 32], ScalarType.Int64, generator: g))) yield return i;
            }
            else
            {
                for (long c = 0; c < total / _n; c++)
                    foreach (var i in Drawn(randperm(_n, ScalarType.Int64, generator: g))) yield return i;
                // Drawn even when nothing of it is used (total a multiple of n): PyTorch's stream advances so.
                var last = Drawn(randperm(_n, ScalarType.Int64, generator: g));
                for (long k = 0; k < total % _n; k++) yield return last[k];
            }
        }
        finally
        {
            own?.Dispose();
        }
    }
}
