using static TorchSharp.torch;

namespace Torchbook;

public static partial class Data
{
    /// <summary>PyTorch's <c>SequentialSampler(data_source)</c>: the indices 0, 1, ..., Count - 1, in order.</summary>
    public static SequentialSampler SequentialSampler<T>(utils.data.Dataset<T> data_source) =>
        new((data_source ?? throw new ArgumentNullException(nameof(data_source))).Count);

    /// <summary>The indices 0, 1, ..., <paramref name="n"/> - 1, in order.</summary>
    public static SequentialSampler SequentialSampler(long n) => new(n);
}

/// <summary>See <see cref="Data.SequentialSampler(long)"/>.</summary>
public sealed class SequentialSampler : Sampler
{
    private readonly long _n;

    internal SequentialSampler(long n)
    {
        if (n < 0) throw new ArgumentException($"SequentialSampler: the dataset size cannot be negative (got {n}).", nameof(n));
        _n = n;
    }

    public override long Count => _n;

    public override IEnumerator<long> GetEnumerator()
    {
        for (long i = 0; i < _n; i++) yield return i;
    }
}
