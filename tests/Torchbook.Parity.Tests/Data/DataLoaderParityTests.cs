using Torchbook;
using static TorchSharp.torch;

namespace Torchbook.Parity.Tests.Data;

/// <summary>
/// Torchbook.Data.DataLoader over tuple and list datasets: batching, the short last batch, drop_last, and PyTorch 1.13's
/// shuffled batches for a seeded generator and for torch.manual_seed without one (goldens/data-loading/data.json
/// "dataloader_shuffle", "dataloader_shuffle_default_generator"). Tolerance: exact (indices).
/// </summary>
[Collection("libtorch global state")]
public class DataLoaderParityTests
{
    private const string File = "data-loading/data.json";

    [Fact]
    public void Batches_come_in_order_stacked_with_a_short_last_batch()
    {
        using var scope = NewDisposeScope();
        var x = arange(20, dtype: ScalarType.Float32).reshape(10, 2);
        var y = arange(10);
        using var loader = Torchbook.Data.DataLoader(Torchbook.Data.TensorDataset(x, y), batch_size: 4);
        Assert.Equal(3, loader.Count);
        var labels = new List<long[]>();
        foreach (var (X, labelBatch) in loader)
        {
            Assert.Equal(ScalarType.Float32, X.dtype);
            Assert.Equal(ScalarType.Int64, labelBatch.dtype);
            Assert.Equal(new[] { labelBatch.shape[0], 2 }, X.shape);
            Assert.Equal(labelBatch.data<long>().Select(l => 2f * l), X[.., 0].data<float>().ToArray());
            labels.Add(labelBatch.data<long>().ToArray());
        }
        Assert.Equal([[0L, 1, 2, 3], [4L, 5, 6, 7], [8L, 9]], labels);
        using var dropped = Torchbook.Data.DataLoader(Torchbook.Data.TensorDataset(x, y), batch_size: 4, drop_last: true);
        Assert.Equal(2, dropped.Count);
        Assert.Equal(2, dropped.Count());
    }

    [Fact]
    public void Shuffled_batches_match_pytorch_for_a_seeded_generator()
    {
        foreach (var c in Goldens.Get(File, "dataloader_shuffle").EnumerateArray())
        {
            using var scope = NewDisposeScope();
            long n = c.GetProperty("n").GetInt64();
            using var g = new Generator().manual_seed(c.GetProperty("seed").GetInt64());
            // TorchSharp's list-item TensorDataset (PyTorch's data.DataLoader(torch.arange(n)) batches single tensors).
            using var loader = Torchbook.Data.DataLoader(utils.data.TensorDataset(arange(n)), batch_size: c.GetProperty("batch_size").GetInt32(),
                shuffle: true, drop_last: c.GetProperty("drop_last").GetBoolean(), generator: g);
            foreach (var epoch in c.GetProperty("epochs").EnumerateArray())
            {
                var expected = Goldens.LongLists(epoch);
                Assert.Equal(expected.Length, loader.Count);
                Assert.Equal(expected, loader.Select(batch => batch[0].data<long>().ToArray()).ToArray());
            }
        }
    }

    [Fact]
    public void Shuffled_batches_match_pytorch_after_manual_seed_without_a_generator()
    {
        foreach (var c in Goldens.Get(File, "dataloader_shuffle_default_generator").EnumerateArray())
        {
            using var scope = NewDisposeScope();
            long n = c.GetProperty("n").GetInt64();
            manual_seed(c.GetProperty("seed").GetInt64());
            using var loader = Torchbook.Data.DataLoader(Torchbook.Data.TensorDataset(arange(n), arange(n)), batch_size: c.GetProperty("batch_size").GetInt32(), shuffle: true);
            foreach (var epoch in c.GetProperty("epochs").EnumerateArray())
                Assert.Equal(Goldens.LongLists(epoch), loader.Select(batch => batch.Item2.data<long>().ToArray()).ToArray());
        }
    }

    [Fact]
    public void A_sampler_decides_the_order_and_the_number_of_batches()
    {
        var c = Goldens.Get(File, "subset_random_sampler");
        using var scope = NewDisposeScope();
        using var g = new Generator().manual_seed(c.GetProperty("seed").GetInt64());
        using var loader = Torchbook.Data.DataLoader(Torchbook.Data.TensorDataset(arange(50), arange(50)), batch_size: 4,
            sampler: Torchbook.Data.SubsetRandomSampler(Goldens.Longs(c.GetProperty("indices")), g));
        Assert.Equal(2, loader.Count); // 6 indices: batches of 4 and 2 (not the 13 of the 50-item dataset)
        // The loader's own base-seed draw comes from the default generator, so the sampler's generator gives PyTorch's orders.
        foreach (var epoch in c.GetProperty("epochs").EnumerateArray())
            Assert.Equal(Goldens.Longs(epoch), loader.SelectMany(b => b.Item1.data<long>().ToArray()).ToArray());
    }
}
