using static TorchSharp.torch;

namespace Torchbook;

public static partial class Data
{
    /// <summary>
    /// PyTorch's <c>TensorDataset(X, y)</c> with PyTorch's item shape: item i is the tuple <c>(X[i], y[i])</c>, so
    /// <c>var (x, label) = ds.GetTensor(i)</c> and <c>Data.DataLoader</c> over it gives <c>(X, y)</c> batches.
    /// (TorchSharp's <c>torch.utils.data.TensorDataset(params Tensor[])</c> gives lists of tensors instead; both work
    /// with <c>Data.DataLoader</c> and the training helpers.) The dataset keeps aliases of the tensors, detached from
    /// any dispose scope, and frees them when disposed (as TorchSharp's does).
    /// </summary>
    public static TensorTupleDataset TensorDataset(Tensor X, Tensor y) => new(X, y);
}

/// <summary>See <see cref="Data.TensorDataset(Tensor, Tensor)"/>: a dataset of (input, label) tensor pairs.</summary>
public sealed class TensorTupleDataset : utils.data.Dataset<(Tensor, Tensor)>
{
    private readonly Tensor _x, _y;

    internal TensorTupleDataset(Tensor X, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(X);
        ArgumentNullException.ThrowIfNull(y);
        if (X.dim() == 0 || y.dim() == 0)
            throw new ArgumentException($"TensorDataset: {(X.dim() == 0 ? "X" : "y")} is a scalar; both tensors need a first dimension to index along.");
        if (X.shape[0] != y.shape[0])
            throw new ArgumentException(
                $"TensorDataset: size mismatch between tensors: X has {X.shape[0]} rows but y has {y.shape[0]}; both must have the same size in the first dimension.");
        _x = X.alias().DetachFromDisposeScope();
        _y = y.alias().DetachFromDisposeScope();
    }

    /// <summary>The inputs (an alias of the X given).</summary>
    public Tensor X => _x;

    /// <summary>The labels (an alias of the y given).</summary>
    public Tensor y => _y;

    public override long Count => _x.shape[0];

    public override (Tensor, Tensor) GetTensor(long index)
    {
        if (index < 0 || index >= Count)
            throw new IndexOutOfRangeException($"TensorDataset: index {index} is out of range for a dataset of {Count} items.");
        return (_x[index], _y[index]);
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        _x.Dispose();
        _y.Dispose();
    }
}
