using static TorchSharp.torch;

namespace Torchbook;

public static partial class Data
{
    /// <summary>
    /// PyTorch's <c>Subset(dataset, indices)</c>: the items of <paramref name="dataset"/> at <paramref name="indices"/>,
    /// in that order (item i is <c>dataset[indices[i]]</c>). The indices are checked now, not when an item is read.
    /// </summary>
    public static Subset<T> Subset<T>(utils.data.Dataset<T> dataset, IEnumerable<long> indices) => new(dataset, indices);

    /// <inheritdoc cref="Subset{T}(utils.data.Dataset{T}, IEnumerable{long})"/>
    public static Subset<T> Subset<T>(utils.data.Dataset<T> dataset, IEnumerable<int> indices) =>
        new(dataset, (indices ?? throw new ArgumentNullException(nameof(indices))).Select(i => (long)i));
}

/// <summary>
/// See <see cref="Data.Subset{T}(utils.data.Dataset{T}, IEnumerable{long})"/>. A view: it holds no tensors of its own,
/// and disposing it leaves the wrapped dataset alone (several subsets of a random_split share it).
/// </summary>
public class Subset<T> : utils.data.Dataset<T>
{
    private readonly long[] _indices;

    internal Subset(utils.data.Dataset<T> dataset, IEnumerable<long> indices)
    {
        this.dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
        _indices = (indices ?? throw new ArgumentNullException(nameof(indices))).ToArray();
        long n = dataset.Count;
        for (int k = 0; k < _indices.Length; k++)
            if (_indices[k] < 0 || _indices[k] >= n)
                throw new ArgumentOutOfRangeException(nameof(indices),
                    $"Subset: index {_indices[k]} (at position {k}) is out of range for a dataset of {n} items (valid: 0 to {n - 1}).");
    }

    /// <summary>The wrapped dataset.</summary>
    public utils.data.Dataset<T> dataset { get; }

    /// <summary>The indices into <see cref="dataset"/>.</summary>
    public IReadOnlyList<long> indices => _indices;

    public override long Count => _indices.LongLength;

    public override T GetTensor(long index)
    {
        if (index < 0 || index >= _indices.LongLength)
            throw new IndexOutOfRangeException($"Subset: index {index} is out of range for a subset of {_indices.LongLength} items.");
        return dataset.GetTensor(_indices[index]);
    }
}
