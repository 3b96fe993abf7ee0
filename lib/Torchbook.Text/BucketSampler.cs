using System.Collections;
using static TorchSharp.torch;

namespace Torchbook.Text;

/// <summary>
/// Indices in an order that puts sequences of similar length into the same batch, as torchtext's legacy
/// <c>BucketIterator</c> did: each pass shuffles the indices, cuts them into pools of
/// <c>batch_size * bucket_size_multiplier</c>, sorts each pool by length, cuts the pools into batches of
/// <paramref name="batch_size"/> and shuffles the order of the batches. Give it to a DataLoader as its <c>sampler</c>
/// with the same batch_size (and a collate function that pads): every batch then needs little padding, yet the
/// batches still come in a random order. Without <paramref name="shuffle"/>, a pass is every index sorted by length
/// (ties in index order), for evaluation. Each enumeration is a new pass; draws come from <paramref name="generator"/>
/// (null: the global one, so <c>manual_seed</c> makes passes repeatable).
/// </summary>
public sealed class BucketSampler : IEnumerable<long>
{
    private readonly int[] _lengths;
    private readonly Generator? _generator;

    /// <exception cref="ArgumentException">batch_size or bucket_size_multiplier is below 1, or a length is negative.</exception>
    public BucketSampler(IEnumerable<int> lengths, int batch_size, bool shuffle = true, int bucket_size_multiplier = 100, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        if (batch_size < 1) throw new ArgumentException($"BucketSampler: batch_size must be 1 or more, got {batch_size}.", nameof(batch_size));
        if (bucket_size_multiplier < 1) throw new ArgumentException($"BucketSampler: bucket_size_multiplier must be 1 or more, got {bucket_size_multiplier}.", nameof(bucket_size_multiplier));
        _lengths = lengths.ToArray();
        if (_lengths.Any(l => l < 0)) throw new ArgumentException("BucketSampler: a sequence length is negative.", nameof(lengths));
        this.batch_size = batch_size;
        this.shuffle = shuffle;
        this.bucket_size_multiplier = bucket_size_multiplier;
        _generator = generator;
    }

    public int batch_size { get; }
    public bool shuffle { get; }
    public int bucket_size_multiplier { get; }

    /// <summary>The number of indices in a pass: every one.</summary>
    public int Count => _lengths.Length;

    /// <summary>One pass as batches of indices (what the DataLoader's batches will hold).</summary>
    public IEnumerable<long[]> batches()
    {
        int n = _lengths.Length;
        if (!shuffle)
        {
            var sorted = Enumerable.Range(0, n).OrderBy(i => _lengths[i]).ThenBy(i => i).Select(i => (long)i).ToArray();
            for (int start = 0; start < n; start += batch_size) yield return sorted[start..Math.Min(n, start + batch_size)];
            yield break;
        }
        long[] order;
        using (var perm = randperm(n, generator: _generator)) order = perm.data<long>().ToArray();
        var result = new List<long[]>();
        int pool = batch_size * bucket_size_multiplier;
        for (int start = 0; start < n; start += pool)
        {
            var bucket = order[start..Math.Min(n, start + pool)].OrderBy(i => _lengths[i]).ToArray();   // stable: ties keep their shuffled order
            for (int b = 0; b < bucket.Length; b += batch_size) result.Add(bucket[b..Math.Min(bucket.Length, b + batch_size)]);
        }
        long[] batchOrder;
        using (var perm = randperm(result.Count, generator: _generator)) batchOrder = perm.data<long>().ToArray();
        foreach (var b in batchOrder) yield return result[(int)b];
    }

    public IEnumerator<long> GetEnumerator() => batches().SelectMany(b => b).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
