namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class utils
        {
            public static partial class data
            {
                /// <summary>The datasets one after another, as one dataset.</summary>
                public static Modules.ConcatDataset<T> ConcatDataset<T>(params Dataset<T>[] datasets) => new(datasets);

                /// <inheritdoc cref="ConcatDataset{T}(Dataset{T}[])"/>
                public static Modules.ConcatDataset<T> ConcatDataset<T>(IEnumerable<Dataset<T>> datasets) => new(datasets.ToArray());
            }
        }
    }

    namespace Modules
    {
        /// <summary>Several datasets chained (PyTorch's <c>ConcatDataset</c>). Disposing it leaves the wrapped datasets alone.</summary>
        public class ConcatDataset<T> : torch.utils.data.Dataset<T>
        {
            private readonly torch.utils.data.Dataset<T>[] _datasets;
            private readonly long[] _cumulative;

            internal ConcatDataset(torch.utils.data.Dataset<T>[] datasets)
            {
                if (datasets is null || datasets.Length == 0)
                    throw new ArgumentException("ConcatDataset needs at least one dataset.", nameof(datasets));
                _datasets = (torch.utils.data.Dataset<T>[])datasets.Clone();
                _cumulative = new long[_datasets.Length];
                long total = 0;
                for (int i = 0; i < _datasets.Length; i++)
                {
                    total += _datasets[i].Count;
                    _cumulative[i] = total;
                }
            }

            public IReadOnlyList<torch.utils.data.Dataset<T>> datasets => _datasets;

            /// <summary>The running totals of the datasets' lengths.</summary>
            public IReadOnlyList<long> cumulative_sizes => _cumulative;

            public override long Count => _cumulative[^1];

            public override T GetTensor(long index)
            {
                if (index < 0 || index >= Count)
                    throw new IndexOutOfRangeException($"Index {index} is out of range for a dataset of {Count} items.");
                // The first dataset whose running total exceeds the index.
                int lo = 0, hi = _cumulative.Length - 1;
                while (lo < hi)
                {
                    int mid = (lo + hi) / 2;
                    if (_cumulative[mid] > index) hi = mid; else lo = mid + 1;
                }
                long start = lo == 0 ? 0 : _cumulative[lo - 1];
                return _datasets[lo].GetTensor(index - start);
            }
        }
    }
}
