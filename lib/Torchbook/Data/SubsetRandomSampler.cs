using static TorchSharp.torch;

namespace Torchbook;

public static partial class Data
{
    /// <summary>
    /// PyTorch's <c>SubsetRandomSampler(indices, generator=None)</c>: the given indices in a random order each pass,
    /// <c>indices[randperm(len(indices), generator)]</c> (the default generator when none is given).
    /// </summary>
    public static SubsetRandomSampler SubsetRandomSampler(IEnumerable<long> indices, Generator? generator = null) => new(indices, generator);

    /// <inheritdoc cref="SubsetRandomSampler(IEnumerable{long}, Generator?)"/>
    public static SubsetRandomSampler SubsetRandomSampler(IEnumerable<int> indices, Generator? generator = null) =>
        new((indices ?? throw new ArgumentNullException(nameof(indices))).Select(i => (long)i), generator);
}

/// <summary>See <see cref="Data.SubsetRandomSampler(IEnumerable{long}, Generator?)"/>.</summary>
public sealed class SubsetRandomSampler : Sampler
{
    private readonly long[] _indices;

    internal SubsetRandomSampler(IEnumerable<long> indices, Generator? generator)
    {
        _indices = (indices ?? throw new ArgumentNullException(nameof(indices))).ToArray();
        this.generator = generator;
    }

    /// <summary>The indices a pass permutes.</summary>
    public IReadOnlyList<long> indices => _indices;

    /// <summary>The generator of the permutations (null: the default generator).</summary>
    public Generator? generator { get; }

    public override long Count => _indices.LongLength;

    public override IEnumerator<long> GetEnumerator()
    {
        foreach (var k in Drawn(randperm(_indices.LongLength, ScalarType.Int64, generator: generator)))
            yield return _indices[k];
    }
}
