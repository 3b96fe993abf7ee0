namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class utils
        {
            public static partial class data
            {
                /// <summary>The items of <paramref name="dataset"/> at the given indices, in that order.</summary>
                public static Modules.Subset<T> Subset<T>(Dataset<T> dataset, IEnumerable<long> indices) => new(dataset, indices);

                /// <inheritdoc cref="Subset{T}(Dataset{T}, IEnumerable{long})"/>
                public static Modules.Subset<T> Subset<T>(Dataset<T> dataset, IEnumerable<int> indices) => new(dataset, indices.Select(i => (long)i));
            }
        }
    }

    namespace Modules
    {
        /// <summary>A view of some items of another dataset (PyTorch's <c>Subset</c>). Disposing it leaves the wrapped dataset alone.</summary>
        public class Subset<T> : torch.utils.data.Dataset<T>, torch.utils.data.IBatchedDataset<T>
        {
            private readonly long[] _indices;

            internal Subset(torch.utils.data.Dataset<T> dataset, IEnumerable<long> indices)
            {
                this.dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
                _indices = indices.ToArray();
                long n = dataset.Count;
                foreach (var i in _indices)
                    if (i < 0 || i >= n)
                        throw new ArgumentOutOfRangeException(nameof(indices), $"Subset index {i} is out of range for a dataset of {n} items.");
            }

            /// <summary>The wrapped dataset.</summary>
            public torch.utils.data.Dataset<T> dataset { get; }

            /// <summary>The indices into <see cref="dataset"/>.</summary>
            public IReadOnlyList<long> indices => _indices;

            public override long Count => _indices.LongLength;

            public override T GetTensor(long index) => dataset.GetTensor(_indices[index]);

            // Whole-batch reads pass through to a wrapped dataset that has them (a random_split of Fashion-MNIST).
            bool torch.utils.data.IBatchedDataset<T>.SupportsBatchReads => dataset is torch.utils.data.IBatchedDataset<T> { SupportsBatchReads: true };

            T torch.utils.data.IBatchedDataset<T>.GetBatch(IReadOnlyList<long> indices) =>
                ((torch.utils.data.IBatchedDataset<T>)dataset).GetBatch(indices.Select(i => _indices[i]).ToArray());
        }
    }
}
