using static TorchSharp.torch;

namespace Torchbook;

public static partial class Data
{
    /// <summary>PyTorch's <c>ConcatDataset(datasets)</c>: the datasets one after another, as one dataset.</summary>
    public static ConcatDataset<T> ConcatDataset<T>(params utils.data.Dataset<T>[] datasets) => new(datasets);

    /// <inheritdoc cref="ConcatDataset{T}(utils.data.Dataset{T}[])"/>
    public static ConcatDataset<T> ConcatDataset<T>(IEnumerable<utils.data.Dataset<T>> datasets) =>
        new((datasets ?? throw new ArgumentNullException(nameof(datasets))).ToArray());
}

/// <summary>
/// See <see cref="Data.ConcatDataset{T}(utils.data.Dataset{T}[])"/>. Item i comes from the first dataset whose
/// running total of lengths (<see cref="cumulative_sizes"/>) exceeds i. Disposing it leaves the datasets alone.
/// </summary>
public class ConcatDataset<T> : utils.data.Dataset<T>
{
    private readonly utils.data.Dataset<T>[] _datasets;
    private readonly long[] _cumulative;

    internal ConcatDataset(utils.data.Dataset<T>[] datasets)
    {
        if (datasets is null || datasets.Length == 0)
            throw new ArgumentException("ConcatDataset: datasets should not be empty; give at least one dataset.", nameof(datasets));
        _datasets = (utils.data.Dataset<T>[])datasets.Clone();
        _cumulative = new long[_datasets.Length];
        long total = 0;
        for (int i = 0; i < _datasets.Length; i++)
        {
            total += (_datasets[i] ?? throw new ArgumentException($"ConcatDataset: dataset {i} is null.", nameof(datasets))).Count;
            _cumulative[i] = total;
        }
    }

    public IReadOnlyList<utils.data.Dataset<T>> datasets => _datasets;

    /// <summary>The running totals of the datasets' lengths.</summary>
    public IReadOnlyList<long> cumulative_sizes => _cumulative;

    public override long Count => _cumulative[^1];

    /// <summary>The item at <paramref name="index"/>; negative indices count from the end, as in PyTorch.</summary>
    public override T GetTensor(long index)
    {
        long i = index < 0 ? index + Count : index;
        if (i < 0 || i >= Count)
            throw new IndexOutOfRangeException($"ConcatDataset: index {index} is out of range for a dataset of {Count} items.");
        int lo = 0, hi = _cumulative.Length - 1; // the first dataset whose running total exceeds i
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (_cumulative[mid] > i) hi = mid; else lo = mid + 1;
        }
        return _datasets[lo].GetTensor(i - (lo == 0 ? 0 : _cumulative[lo - 1]));
    }
}
