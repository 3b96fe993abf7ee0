using global::TorchSharp;
using static global::TorchSharp.torch;

namespace Torchbook.TorchSharp.Tests.Data;

/// <summary>Item i is (a 2-vector [i, -i], the label i); counts its reads; can fail at one index.</summary>
internal sealed class CountingDataset(long count, long failAt = -1, string failMessage = "") : utils.data.Dataset<(Tensor, Tensor)>
{
    private long _reads;
    public long Reads => Interlocked.Read(ref _reads);

    public override long Count => count;

    public override (Tensor, Tensor) GetTensor(long index)
    {
        Interlocked.Increment(ref _reads);
        if (index == failAt) throw new InvalidOperationException(failMessage);
        return (torch.tensor(new float[] { index, -index }), torch.tensor(index));
    }
}

/// <summary>Items named "x" and "y".</summary>
internal sealed class DictDataset(long count) : utils.data.Dataset
{
    public override long Count => count;

    public override Dictionary<string, Tensor> GetTensor(long index) => new()
    {
        ["x"] = torch.full([3], index, ScalarType.Float32),
        ["y"] = torch.tensor(index),
    };
}

/// <summary>A stream of n items: tensor [i].</summary>
internal sealed class RangeStream(int n) : utils.data.IterableDataset<Tensor>
{
    public override IEnumerator<Tensor> GetEnumerator()
    {
        for (int i = 0; i < n; i++) yield return torch.tensor(new long[] { i });
    }
}
