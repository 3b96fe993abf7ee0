using static TorchSharp.torch;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class utils
        {
            public static partial class data
            {
                /// <summary>
                /// A dataset over tensors that share their first dimension: item i is the list of
                /// their i-th slices (<c>TensorDataset(X, y)</c> gives items <c>[X[i], y[i]]</c>,
                /// which deconstruct as <c>var (x, label) = item</c>).
                /// </summary>
                public static Modules.TensorDataset TensorDataset(params Tensor[] tensors) => new(tensors);
            }
        }
    }

    namespace Modules
    {
        /// <summary>See <see cref="torch.utils.data.TensorDataset"/>. The dataset does not own the tensors.</summary>
        public class TensorDataset : torch.utils.data.Dataset<IList<Tensor>>, torch.utils.data.IBatchedDataset<IList<Tensor>>
        {
            private readonly Tensor[] _tensors;

            internal TensorDataset(Tensor[] tensors)
            {
                if (tensors is null || tensors.Length == 0)
                    throw new ArgumentException("TensorDataset needs at least one tensor.", nameof(tensors));
                for (int i = 0; i < tensors.Length; i++)
                {
                    if (tensors[i].dim() == 0)
                        throw new ArgumentException($"TensorDataset: tensor {i} is a scalar; every tensor needs a first dimension to index along.", nameof(tensors));
                    if (tensors[i].shape[0] != tensors[0].shape[0])
                        throw new ArgumentException(
                            $"Size mismatch between tensors: tensor 0 has {tensors[0].shape[0]} rows but tensor {i} has {tensors[i].shape[0]}. " +
                            "All tensors must have the same size in the first dimension.", nameof(tensors));
                }
                _tensors = (Tensor[])tensors.Clone();
            }

            /// <summary>The wrapped tensors.</summary>
            public IReadOnlyList<Tensor> tensors => _tensors;

            public override long Count => _tensors[0].shape[0];

            public override IList<Tensor> GetTensor(long index) => _tensors.Select(t => t[index]).ToList();

            bool torch.utils.data.IBatchedDataset<IList<Tensor>>.SupportsBatchReads => true;

            IList<Tensor> torch.utils.data.IBatchedDataset<IList<Tensor>>.GetBatch(IReadOnlyList<long> indices)
            {
                using var scope = torch.NewDisposeScope();
                var index = torch.tensor(indices.ToArray());
                var batch = _tensors.Select(t => t.index_select(0, index).MoveToOuterDisposeScope()).ToList();
                return batch;
            }
        }
    }
}
