using global::TorchSharp;
using static global::TorchSharp.torch;

namespace Torchbook.TorchSharp.Tests.Data;

public class DataLoaderTests
{
    private static long[] Labels(IEnumerable<(Tensor, Tensor)> batches, List<long[]>? perBatch = null)
    {
        var all = new List<long>();
        foreach (var (_, y) in batches)
        {
            var labels = y.ToArray<long>();
            perBatch?.Add(labels);
            all.AddRange(labels);
        }
        return all.ToArray();
    }

    [Fact]
    public void Batches_come_in_order_with_stacked_shapes_and_a_short_last_batch()
    {
        using var loader = utils.data.DataLoader(new CountingDataset(10), batch_size: 4);
        Assert.Equal(3, loader.Count);
        var sizes = new List<long[]>();
        foreach (var (x, y) in loader)
        {
            Assert.Equal(ScalarType.Float32, x.dtype);
            Assert.Equal(ScalarType.Int64, y.dtype);
            Assert.Equal(y.shape[0], x.shape[0]);
            Assert.Equal(2, x.shape[1]);
            var labels = y.ToArray<long>();
            Assert.Equal(labels.Select(l => (float)l), x[TensorIndex.Colon, 0].ToArray<float>());
            sizes.Add(x.shape);
        }
        Assert.Equal([4L, 4, 2], sizes.Select(s => s[0]));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Labels(utils.data.DataLoader(new CountingDataset(10), batch_size: 4)));
    }

    [Fact]
    public void Drop_last_drops_the_short_batch()
    {
        using var loader = utils.data.DataLoader(new CountingDataset(10), batch_size: 4, drop_last: true);
        Assert.Equal(2, loader.Count);
        var perBatch = new List<long[]>();
        Labels(loader, perBatch);
        Assert.Equal(2, perBatch.Count);
        Assert.All(perBatch, b => Assert.Equal(4, b.Length));
    }

    [Fact]
    public void Shuffled_order_matches_PyTorch_for_the_same_generator_seed()
    {
        foreach (var c in DataGoldens.Get("dataloader_shuffle").EnumerateArray())
        {
            long n = c.GetProperty("n").GetInt64();
            var data = utils.data.TensorDataset(torch.arange(0, n, 1, ScalarType.Int64));
            using var generator = new Generator().manual_seed(c.GetProperty("seed").GetInt64());
            var loader = utils.data.DataLoader(data, batch_size: c.GetProperty("batch_size").GetInt32(), shuffle: true,
                drop_last: c.GetProperty("drop_last").GetBoolean(), generator: generator, disposeDataset: false);
            foreach (var epoch in c.GetProperty("epochs").EnumerateArray())
            {
                var expected = DataGoldens.LongLists(epoch);
                var got = loader.Select(batch => batch[0].ToArray<long>()).ToArray();
                Assert.Equal(expected.Length, got.Length);
                for (int i = 0; i < got.Length; i++) Assert.Equal(expected[i], got[i]);
            }
        }
    }

    [Fact]
    public void A_seed_gives_the_same_order_run_after_run_and_a_new_order_each_epoch()
    {
        long[] Epoch(utils.data.Dataset<(Tensor, Tensor)> d, int seed) => Labels(utils.data.DataLoader(d, batch_size: 8, shuffle: true, seed: seed));
        var data = new CountingDataset(50);
        var a = Epoch(data, 123);
        var b = Epoch(data, 123);
        Assert.Equal(a, b);
        Assert.NotEqual(Enumerable.Range(0, 50).Select(i => (long)i), a);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), a.Order());

        var loader = utils.data.DataLoader(data, batch_size: 8, shuffle: true, seed: 123);
        var first = Labels(loader);
        var second = Labels(loader);
        Assert.Equal(a, first);
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 1)]
    public void Workers_yield_the_same_batches_in_the_same_order_as_the_main_thread(int workers, int prefetch)
    {
        var data = new CountingDataset(103);
        var single = new List<long[]>();
        Labels(utils.data.DataLoader(data, batch_size: 7, shuffle: true, seed: 9), single);
        var parallel = new List<long[]>();
        var xs = new List<float[]>();
        foreach (var (x, y) in utils.data.DataLoader(data, batch_size: 7, shuffle: true, seed: 9, num_workers: workers, prefetch_factor: prefetch))
        {
            parallel.Add(y.ToArray<long>());
            xs.Add(x[TensorIndex.Colon, 1].ToArray<float>());
        }
        Assert.Equal(single.Count, parallel.Count);
        for (int i = 0; i < single.Count; i++)
        {
            Assert.Equal(single[i], parallel[i]);
            Assert.Equal(single[i].Select(l => (float)-l), xs[i]);
        }
    }

    [Fact]
    public void Leaving_the_loop_early_stops_the_workers()
    {
        var data = new CountingDataset(10_000);
        const int batch = 10, workers = 2, prefetch = 2;
        var loader = utils.data.DataLoader(data, batch_size: batch, num_workers: workers, prefetch_factor: prefetch);
        foreach (var _ in loader) break;
        long readsAtExit = data.Reads;
        // At most the yielded batch plus the prefetched ones were read, and nothing runs after the loop.
        Assert.True(readsAtExit <= batch * (1 + workers * prefetch + 1), $"{readsAtExit} items were read");
        Thread.Sleep(100);
        Assert.Equal(readsAtExit, data.Reads);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void An_exception_in_a_worker_surfaces_in_the_loop_with_its_message(int workers)
    {
        var data = new CountingDataset(100, failAt: 37, failMessage: "item 37 is corrupt");
        var loader = utils.data.DataLoader(data, batch_size: 5, num_workers: workers);
        int seen = 0;
        var e = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var _ in loader) seen++;
        });
        Assert.Equal("item 37 is corrupt", e.Message);
        Assert.Equal(7, seen); // batches 0..6 hold items 0..34; batch 7 holds item 37
        long reads = data.Reads;
        Thread.Sleep(50);
        Assert.Equal(reads, data.Reads);
    }

    [Fact]
    public void By_default_each_batch_is_disposed_when_the_loop_moves_on()
    {
        Tensor? previous = null;
        foreach (var (x, _) in utils.data.DataLoader(new CountingDataset(12), batch_size: 4))
        {
            if (previous is not null) Assert.True(previous.IsInvalid);
            Assert.False(x.IsInvalid);
            previous = x;
        }
        Assert.True(previous!.IsInvalid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Without_disposeBatch_batches_belong_to_the_consumer_and_its_scope(int workers)
    {
        var kept = new List<Tensor>();
        foreach (var (x, _) in utils.data.DataLoader(new CountingDataset(12), batch_size: 4, num_workers: workers, disposeBatch: false))
            kept.Add(x);
        // Batches made on worker threads are not freed by any worker's scope.
        Assert.All(kept, t => Assert.False(t.IsInvalid));
        Assert.Equal(0f, kept[2][0, 0].item<float>() - 8f);
        foreach (var t in kept) t.Dispose();

        var inScope = new List<Tensor>();
        using (var scope = torch.NewDisposeScope())
        {
            foreach (var (x, y) in utils.data.DataLoader(new CountingDataset(12), batch_size: 4, num_workers: workers, disposeBatch: false))
                inScope.Add(x);
            Assert.All(inScope, t => Assert.False(t.IsInvalid));
        }
        Assert.All(inScope, t => Assert.True(t.IsInvalid));
    }

    [Fact]
    public void Dictionary_datasets_give_dictionary_batches()
    {
        using var loader = utils.data.DataLoader(new DictDataset(5), batch_size: 2);
        Assert.IsType<global::TorchSharp.Modules.DataLoader>(loader);
        var batches = new List<(long[] x, long[] y)>();
        foreach (var batch in loader)
        {
            Assert.Equal(new[] { "x", "y" }, batch.Keys.Order());
            Assert.Equal(3, batch["x"].shape[1]);
            batches.Add((batch["x"][TensorIndex.Colon, 0].to(ScalarType.Int64).ToArray<long>(), batch["y"].ToArray<long>()));
        }
        Assert.Equal(3, batches.Count);
        Assert.Equal([4L], batches[2].y);
        Assert.Equal(batches.Select(b => b.y), batches.Select(b => b.x));
    }

    [Fact]
    public void TensorDataset_batches_are_lists_that_deconstruct_and_read_whole_batches_at_once()
    {
        var x = torch.arange(0, 20, 1, ScalarType.Float32).reshape(10, 2);
        var y = torch.arange(0, 10, 1, ScalarType.Int64);
        var data = utils.data.TensorDataset(x, y);
        // The default collate lets TensorDataset read batches with index_select; a custom collate
        // goes item by item. Both give the same batches.
        var fast = utils.data.DataLoader(data, batch_size: 3, shuffle: true, seed: 1, disposeDataset: false)
            .Select(b => string.Join(",", b[0].ToArray<float>()) + "|" + string.Join(",", b[1].ToArray<long>())).ToList();
        var slow = utils.data.DataLoader(data, 3, (items, device) => utils.data.default_collate(items, device), shuffle: true, seed: 1)
            .Select(b => string.Join(",", b[0].ToArray<float>()) + "|" + string.Join(",", b[1].ToArray<long>())).ToList();
        Assert.Equal(4, fast.Count);
        Assert.Equal(fast, slow);
        foreach (var (features, labels) in utils.data.DataLoader(data, batch_size: 4))
            Assert.Equal(features.shape[0], labels.shape[0]);
    }

    [Fact]
    public void A_dataset_that_reads_whole_batches_is_asked_for_them_only_with_the_default_collate()
    {
        var data = new BatchReadingDataset(10);
        Assert.Equal(3, utils.data.DataLoader(data, batch_size: 4).Count());
        Assert.Equal(3, data.BatchReads);
        Assert.Equal(0, data.ItemReads);
        utils.data.DataLoader(data, 4, (items, device) => items.Count()).ToList();
        Assert.Equal(3, data.BatchReads);
        Assert.Equal(10, data.ItemReads);

        // Through a Subset (as random_split makes), with the indices mapped.
        var sub = utils.data.Subset(data, new long[] { 9, 2, 5 });
        var batches = utils.data.DataLoader(sub, batch_size: 2, disposeDataset: false).Select(b => b.ToArray<long>()).ToList();
        Assert.Equal([[9L, 2], [5L]], batches);
        Assert.Equal(5, data.BatchReads);
        Assert.Equal(10, data.ItemReads);
    }

    private sealed class BatchReadingDataset(long n) : utils.data.Dataset<Tensor>, utils.data.IBatchedDataset<Tensor>
    {
        public int ItemReads, BatchReads;
        public override long Count => n;
        public override Tensor GetTensor(long index) { ItemReads++; return torch.tensor(index); }
        public bool SupportsBatchReads => true;
        public Tensor GetBatch(IReadOnlyList<long> indices) { BatchReads++; return torch.tensor(indices.ToArray()); }
    }

    [Fact]
    public void A_custom_collate_function_shapes_the_batch()
    {
        var loader = utils.data.DataLoader(new CountingDataset(9), 4,
            (items, device) => items.Select(i => i.Item2.item<long>()).Sum());
        Assert.Equal([0L + 1 + 2 + 3, 4 + 5 + 6 + 7, 8], loader.ToArray());
    }

    [Fact]
    public void A_sampler_chooses_the_indices()
    {
        var sampler = utils.data.SubsetRandomSampler([1, 3, 5, 7], new Generator().manual_seed(4));
        var loader = utils.data.DataLoader(new CountingDataset(10), batch_size: 3, sampler: sampler);
        Assert.Equal(2, loader.Count);
        Assert.Equal([1L, 3, 5, 7], Labels(loader).Order());
        Assert.Throws<ArgumentException>(() => utils.data.DataLoader(new CountingDataset(10), batch_size: 3, shuffle: true, sampler: sampler));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Stream_datasets_are_batched_in_order(int workers)
    {
        var batches = utils.data.DataLoader(new RangeStream(10), batch_size: 4, num_workers: workers).Select(b => b.ToArray<long>()).ToList();
        Assert.Equal([[0L, 1, 2, 3], [4L, 5, 6, 7], [8L, 9]], batches);
        var dropped = utils.data.DataLoader(new RangeStream(10), batch_size: 4, drop_last: true).Select(b => b.ToArray<long>()).ToList();
        Assert.Equal(2, dropped.Count);
        Assert.Throws<InvalidOperationException>(() => utils.data.DataLoader(new RangeStream(10), batch_size: 4).Count);
    }

    [Fact]
    public void Bad_arguments_and_unbatchable_items_get_clear_messages()
    {
        Assert.Contains("batch_size", Assert.Throws<ArgumentException>(() => utils.data.DataLoader(new CountingDataset(3), batch_size: 0)).Message);
        Assert.Contains("num_workers", Assert.Throws<ArgumentException>(() => utils.data.DataLoader(new CountingDataset(3), batch_size: 1, num_workers: -1)).Message);
        var ragged = utils.data.TensorDataset(torch.zeros(2, 3));
        var e = Assert.Throws<ArgumentException>(() => utils.data.default_collate(new[] { torch.zeros(2), torch.zeros(3) }));
        Assert.Contains("same shape", e.Message);
        Assert.Contains("[2]", e.Message);
        var n = Assert.Throws<NotSupportedException>(() => utils.data.default_collate(new[] { 1, 2 }));
        Assert.Contains("collate_fn", n.Message);
    }
}
