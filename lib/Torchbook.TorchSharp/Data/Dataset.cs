namespace TorchSharp;

public static partial class torch
{
    public static partial class utils
    {
        public static partial class data
        {
            /// <summary>
            /// A map-style dataset: <see cref="Count"/> items, each read by <see cref="GetTensor"/>.
            /// A <see cref="Modules.DataLoader{T, S}"/> reads items by index (from several threads
            /// at once when it has workers, so <see cref="GetTensor"/> must not mutate shared state).
            /// </summary>
            /// <typeparam name="T">What one item is: a tensor, a tuple <c>(Tensor, Tensor)</c>, a list or a dictionary of tensors.</typeparam>
            public abstract class Dataset<T> : IDisposable
            {
                /// <summary>Number of items (PyTorch's <c>len(dataset)</c>).</summary>
                public abstract long Count { get; }

                /// <summary>The item at <paramref name="index"/> (PyTorch's <c>dataset[index]</c>).</summary>
                public abstract T GetTensor(long index);

                /// <summary>The item at <paramref name="index"/>, negative indices counting from the end.</summary>
                public T this[long index] => GetTensor(CheckIndex(index, Count));

                internal static long CheckIndex(long index, long count)
                {
                    var i = index < 0 ? index + count : index;
                    if (i < 0 || i >= count)
                        throw new IndexOutOfRangeException($"Index {index} is out of range for a dataset of {count} items.");
                    return i;
                }

                public void Dispose()
                {
                    Dispose(true);
                    GC.SuppressFinalize(this);
                }

                protected virtual void Dispose(bool disposing) { }
            }

            /// <summary>A map-style dataset whose items are named tensors (TorchSharp's <c>Dataset</c>); batches are dictionaries.</summary>
            public abstract class Dataset : Dataset<Dictionary<string, Tensor>> { }

            /// <summary>
            /// TorchSharp's <c>IterableDataset</c>: a map-style dataset whose items are lists of tensors
            /// (batches are lists, one stacked tensor per position). For PyTorch's stream-style
            /// iterable dataset see <see cref="IterableDataset{T}"/>.
            /// </summary>
            public abstract class IterableDataset : Dataset<IList<Tensor>> { }

            /// <summary>
            /// PyTorch's stream-style <c>IterableDataset</c>: items come from an enumerator, with no
            /// length or random access (records read from a stream, generated samples). A DataLoader
            /// batches them in order; shuffle and samplers do not apply.
            /// </summary>
            public abstract class IterableDataset<T> : IEnumerable<T>, IDisposable
            {
                /// <summary>The items, in order (PyTorch's <c>__iter__</c>).</summary>
                public abstract IEnumerator<T> GetEnumerator();

                System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

                public void Dispose()
                {
                    Dispose(true);
                    GC.SuppressFinalize(this);
                }

                protected virtual void Dispose(bool disposing) { }
            }

            /// <summary>
            /// A dataset that can read a whole batch at once, faster than item by item (PyTorch's
            /// <c>__getitems__</c>). The DataLoader uses it with the default collate function; the
            /// batch must equal what collating the single items gives.
            /// </summary>
            public interface IBatchedDataset<TBatch>
            {
                /// <summary>Whether batches can be read at once right now (false, say, when per-item transforms are set).</summary>
                bool SupportsBatchReads { get; }

                /// <summary>The collated batch of the items at <paramref name="indices"/>, in that order.</summary>
                TBatch GetBatch(IReadOnlyList<long> indices);
            }
        }
    }
}
