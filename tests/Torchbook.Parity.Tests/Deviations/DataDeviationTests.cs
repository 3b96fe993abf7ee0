using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Parity.Tests.Deviations;

/// <summary>Where TorchSharp 0.107's torch.utils.data differs from PyTorch's (convention: see TensorDeviationTests).</summary>
[Collection("libtorch global state")]
public class DataDeviationTests
{
    private const string File = "data-loading/data.json";

    private static long[][] Epoch(TorchSharp.Modules.IterableDataLoader loader) => loader.Select(b => b[0].data<long>().ToArray()).ToArray();

    [Fact]
    public void Shuffling_uses_dotnet_random_not_the_torch_generator()
    {
        // PyTorch: DataLoader(shuffle=True, generator=torch.Generator().manual_seed(7)) gives goldens "dataloader_shuffle".
        // TorchSharp's DataLoader has no generator: shuffle: true with seed: 7 runs a Fisher-Yates shuffle on
        // System.Random(7), another order. Torchbook.Data.DataLoader(..., generator: g) feeds TorchSharp's loader
        // PyTorch's order (DataLoaderParityTests).
        var c = Goldens.Get(File, "dataloader_shuffle")[0];
        using var scope = NewDisposeScope();
        using var loader = utils.data.DataLoader(utils.data.TensorDataset(arange(c.GetProperty("n").GetInt64())), c.GetProperty("batch_size").GetInt32(),
            shuffle: true, seed: c.GetProperty("seed").GetInt32());
        var first = Epoch(loader);
        Assert.NotEqual(Goldens.LongLists(c.GetProperty("epochs")[0]), first);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), first.SelectMany(b => b).Order());
        Assert.Equal(first, Epoch(loader)); // and every epoch the same order (System.Random(seed) restarts each epoch)
        Assert.DoesNotContain(typeof(utils.data).GetMethods().Where(m => m.Name == "DataLoader").SelectMany(m => m.GetParameters()), p => p.Name == "generator");
    }

    [Fact]
    public void Manual_seed_does_not_decide_the_shuffled_order()
    {
        // PyTorch: torch.manual_seed(s) then DataLoader(shuffle=True) gives goldens "dataloader_shuffle_default_generator".
        // TorchSharp: without seed:, new System.Random() each epoch, whatever torch.manual_seed said.
        var c = Goldens.Get(File, "dataloader_shuffle_default_generator")[0];
        using var scope = NewDisposeScope();
        long n = c.GetProperty("n").GetInt64();
        int batch = c.GetProperty("batch_size").GetInt32();
        manual_seed(c.GetProperty("seed").GetInt64());
        var a = Epoch(utils.data.DataLoader(utils.data.TensorDataset(arange(n)), batch, shuffle: true));
        manual_seed(c.GetProperty("seed").GetInt64());
        var b = Epoch(utils.data.DataLoader(utils.data.TensorDataset(arange(n)), batch, shuffle: true));
        Assert.NotEqual(a, b); // 20 items: equal with probability 1/20!
        Assert.NotEqual(Goldens.LongLists(c.GetProperty("epochs")[0]), a);
    }

    [Fact]
    public void Samplers_random_split_Subset_and_ConcatDataset_are_missing()
    {
        // PyTorch's torch.utils.data has SequentialSampler, RandomSampler, SubsetRandomSampler, WeightedRandomSampler,
        // BatchSampler, random_split, Subset and ConcatDataset (goldens "random_sampler", "subset_random_sampler",
        // "weighted_random_sampler", "random_split"). TorchSharp 0.107 has none of them, and its DataLoader takes no
        // sampler, batch_sampler, generator or collate_fn argument (collate_fn only on the generic DataLoader<T, S>).
        // Torchbook.Data has them (Data/SamplerParityTests, DataLoaderParityTests).
        string[] pytorch = ["SequentialSampler", "RandomSampler", "SubsetRandomSampler", "WeightedRandomSampler", "BatchSampler", "random_split", "Subset", "ConcatDataset"];
        var members = typeof(utils.data).GetMembers().Select(m => m.Name)
            .Concat(typeof(torch).Assembly.GetExportedTypes().Select(t => t.Name)).ToHashSet();
        Assert.Empty(pytorch.Where(members.Contains));
        Assert.Equal(["batchSize", "num_worker"], typeof(utils.data).GetMethods().First(m => m.Name == "DataLoader").GetParameters()
            .Select(p => p.Name!).Where(n => n is "batchSize" or "num_worker" or "batch_size" or "num_workers"));
    }

    [Fact]
    public void IterableDataset_is_a_map_style_dataset_of_tensor_lists()
    {
        // PyTorch: IterableDataset is a stream (__iter__, no len, no indexing). TorchSharp: utils.data.IterableDataset is
        // Dataset<IList<Tensor>>, indexed by GetTensor(long) with a Count, like PyTorch's map-style Dataset of tuples.
        Assert.True(typeof(utils.data.IterableDataset).IsSubclassOf(typeof(utils.data.Dataset<IList<Tensor>>)));
        Assert.NotNull(typeof(utils.data.IterableDataset).GetMethod("GetTensor", [typeof(long)]));
        Assert.NotNull(typeof(utils.data.IterableDataset).GetProperty("Count"));
    }

    [Fact]
    public void Each_batch_is_disposed_when_the_loop_moves_on()
    {
        // PyTorch: a batch kept from an earlier iteration (batches.append(x)) stays usable. TorchSharp's DataLoader
        // disposes every batch when the next one comes (disposeBatch: true by default): keep a clone moved out of
        // any scope, or pass disposeBatch: false and dispose the batches yourself.
        using var scope = NewDisposeScope();
        var kept = new List<Tensor>();
        using (var loader = utils.data.DataLoader(utils.data.TensorDataset(arange(6)), 2))
            foreach (var batch in loader) kept.Add(batch[0]);
        Assert.All(kept, t => Assert.True(t.IsInvalid));
        var owned = new List<Tensor>();
        using (var loader = utils.data.DataLoader(utils.data.TensorDataset(arange(6)), 2, disposeBatch: false))
            foreach (var batch in loader) owned.Add(batch[0]);
        Assert.Equal(new long[] { 4, 5 }, owned[2].data<long>().ToArray());
    }
}
