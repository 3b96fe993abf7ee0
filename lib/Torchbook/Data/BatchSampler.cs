using System.Collections;

namespace Torchbook;

public static partial class Data
{
    /// <summary>
    /// PyTorch's <c>BatchSampler(sampler, batch_size, drop_last)</c>: the sampler's indices in lists of
    /// <paramref name="batch_size"/>; the last list is shorter unless <paramref name="drop_last"/> drops it.
    /// </summary>
    public static BatchSampler BatchSampler(IEnumerable<long> sampler, int batch_size, bool drop_last) => new(sampler, batch_size, drop_last);
}

/// <summary>See <see cref="Data.BatchSampler"/>.</summary>
public sealed class BatchSampler : IEnumerable<long[]>
{
    internal BatchSampler(IEnumerable<long> sampler, int batch_size, bool drop_last)
    {
        if (batch_size <= 0)
            throw new ArgumentException($"BatchSampler: batch_size should be a positive integer, but got {batch_size}.", nameof(batch_size));
        this.sampler = sampler ?? throw new ArgumentNullException(nameof(sampler));
        this.batch_size = batch_size;
        this.drop_last = drop_last;
    }

    public IEnumerable<long> sampler { get; }
    public int batch_size { get; }
    public bool drop_last { get; }

    /// <summary>The number of batches in a pass (PyTorch's <c>len(batch_sampler)</c>).</summary>
    public long Count
    {
        get
        {
            long n = Length(sampler);
            return drop_last ? n / batch_size : (n + batch_size - 1) / batch_size;
        }
    }

    /// <summary>A sampler's length: its Count when it has one, else by enumerating it (one pass).</summary>
    internal static long Length(IEnumerable<long> sampler) => sampler switch
    {
        Sampler s => s.Count,
        ICollection<long> c => c.Count,
        IReadOnlyCollection<long> c => c.Count,
        _ => sampler.LongCount(),
    };

    public IEnumerator<long[]> GetEnumerator()
    {
        var batch = new List<long>(batch_size);
        foreach (var i in sampler)
        {
            batch.Add(i);
            if (batch.Count == batch_size)
            {
                yield return batch.ToArray();
                batch.Clear();
            }
        }
        if (batch.Count > 0 && !drop_last) yield return batch.ToArray();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
