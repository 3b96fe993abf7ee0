using static TorchSharp.torch;

namespace Torchbook.Parity.Tests.Data;

/// <summary>
/// TorchSharp's DataLoader over a TensorDataset: batching, the short last batch, drop_last, and, given PyTorch's
/// shuffled order as its sampler, PyTorch 1.13's batches (goldens/data-loading/data.json "dataloader_shuffle").
/// Tolerance: exact (indices).
/// </summary>
public class DataLoaderParityTests
{
    [Fact]
    public void Batches_come_in_order_stacked_with_a_short_last_batch()
    {
        using var scope = NewDisposeScope();
        var x = arange(20, dtype: ScalarType.Float32).reshape(10, 2);
        var y = arange(10);
        using var loader = utils.data.DataLoader(utils.data.TensorDataset(x, y), 4, shuffle: false, disposeDataset: false);
        Assert.Equal(3, loader.Count);
        var labels = new List<long[]>();
        foreach (var batch in loader)
        {
            Assert.Equal(2, batch.Count);
            Assert.Equal(ScalarType.Float32, batch[0].dtype);
            Assert.Equal(ScalarType.Int64, batch[1].dtype);
            Assert.Equal(new[] { batch[1].shape[0], 2 }, batch[0].shape);
            Assert.Equal(batch[1].data<long>().Select(l => 2f * l), batch[0][.., 0].data<float>().ToArray());
            labels.Add(batch[1].data<long>().ToArray());
        }
        Assert.Equal([[0L, 1, 2, 3], [4L, 5, 6, 7], [8L, 9]], labels);
        using var dropped = utils.data.DataLoader(utils.data.TensorDataset(x, y), 4, drop_last: true, disposeDataset: false);
        Assert.Equal(2, dropped.Count);
        Assert.Equal(2, dropped.Count());
    }

    [Fact]
    public void Given_pytorchs_shuffled_order_the_batches_match()
    {
        foreach (var c in Goldens.Get("data-loading/data.json", "dataloader_shuffle").EnumerateArray())
        {
            using var scope = NewDisposeScope();
            long n = c.GetProperty("n").GetInt64();
            using var g = new Generator().manual_seed(c.GetProperty("seed").GetInt64());
            using var loader = utils.data.DataLoader(utils.data.TensorDataset(arange(n)), c.GetProperty("batch_size").GetInt32(),
                new PyTorchSamplers.ShuffleLikeDataLoader(n, g), drop_last: c.GetProperty("drop_last").GetBoolean());
            foreach (var epoch in c.GetProperty("epochs").EnumerateArray())
            {
                var got = loader.Select(batch => batch[0].data<long>().ToArray()).ToArray();
                Assert.Equal(Goldens.LongLists(epoch), got);
            }
        }
    }
}
