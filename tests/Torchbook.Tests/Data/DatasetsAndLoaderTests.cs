using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using static Torchbook.Training;

namespace Torchbook.Tests.DataLoading;

/// <summary>What the datasets, collate and loader of Torchbook.Data give, beyond PyTorch's orders (Parity tests).</summary>
[Collection("global state")]
public class DatasetsAndLoaderTests
{
    private sealed class Named(int n) : torch.utils.data.Dataset
    {
        public override long Count => n;
        public override Dictionary<string, Tensor> GetTensor(long index) => new() { ["data"] = full(2, 2, (float)index), ["label"] = tensor(index) };
    }

    [Fact]
    public void Subset_and_ConcatDataset_read_the_right_items()
    {
        using var scope = NewDisposeScope();
        var a = Data.TensorDataset(arange(5), arange(5).mul(10));
        var b = Data.TensorDataset(arange(3).add(100), arange(3));
        var both = Data.ConcatDataset(a, b);
        Assert.Equal(8, both.Count);
        Assert.Equal([5L, 8], both.cumulative_sizes);
        Assert.Equal(101, both.GetTensor(6).Item1.item<long>());
        Assert.Equal(102, both.GetTensor(-1).Item1.item<long>()); // negative indices count from the end, as in PyTorch
        var sub = Data.Subset(both, [7, 0, 4]);
        Assert.Equal([102L, 0, 4], Enumerable.Range(0, 3).Select(i => sub.GetTensor(i).Item1.item<long>()));
        var (x, label) = sub.GetTensor(2);
        Assert.Equal(40, label.item<long>());
    }

    [Fact]
    public void Random_split_by_fractions_hands_the_remainder_out_from_the_first_part()
    {
        using var scope = NewDisposeScope();
        var ds = Data.TensorDataset(arange(11), arange(11));
        using var g = new Generator(0);
        var parts = Data.random_split(ds, [0.5, 0.3, 0.2], g);
        Assert.Equal([6L, 3, 2], parts.Select(p => p.Count)); // floor: 5, 3, 2 = 10; the 11th item goes to the first part
        Assert.Equal(Enumerable.Range(0, 11).Select(i => (long)i), parts.SelectMany(p => p.indices).Order());
    }

    [Fact]
    public void Default_collate_stacks_tensors_tuples_lists_and_dictionaries()
    {
        using var scope = NewDisposeScope();
        Assert.Equal([3L, 2], Data.default_collate(new[] { zeros(2), ones(2), zeros(2) }).shape);
        var (X, y) = Data.default_collate(new[] { (zeros(1, 4), tensor(1L)), (ones(1, 4), tensor(2L)) });
        Assert.Equal([2L, 1, 4], X.shape);
        Assert.Equal([1L, 2], y.data<long>().ToArray());
        var (u, v, w) = Data.default_collate(new[] { (zeros(2), zeros(3), zeros(4)) });
        Assert.Equal([1L, 4], w.shape);
        IList<Tensor>[] lists = [[zeros(2), tensor(1)], [ones(2), tensor(2)]];
        var (lx, ly) = Data.default_collate(lists);
        Assert.Equal([2L, 2], lx.shape);
        var dict = Data.default_collate(new[] { new Dictionary<string, Tensor> { ["a"] = zeros(3) }, new Dictionary<string, Tensor> { ["a"] = ones(3) } });
        Assert.Equal([2L, 3], dict["a"].shape);
        var onCpu = Data.default_collate(new[] { zeros(2) }, CPU);
        Assert.Equal(DeviceType.CPU, onCpu.device_type);
    }

    [Fact]
    public void A_loader_over_a_subset_of_a_dictionary_dataset_gives_dictionary_batches()
    {
        // TorchVision's datasets are dictionary datasets; a Subset of one is not a torch.utils.data.Dataset, so TorchSharp's
        // own DataLoader factory does not take it. Data.DataLoader does.
        using var loader = Data.DataLoader(Data.Subset(new Named(10), [9, 3, 5]), batch_size: 2);
        var batches = loader.Select(b => (b["data"].shape, b["label"].data<long>().ToArray())).ToList();
        Assert.Equal(2, loader.Count);
        Assert.Equal([2L, 2, 2], batches[0].shape);
        Assert.Equal([[9L, 3], [5L]], batches.Select(b => b.Item2));
    }

    [Fact]
    public void A_custom_collate_fn_makes_the_batch()
    {
        using var scope = NewDisposeScope();
        using var loader = Data.DataLoader(Data.TensorDataset(arange(6), arange(6)), 4,
            (IEnumerable<(Tensor, Tensor)> items, Device device) => items.Sum(i => i.Item1.item<long>()));
        Assert.Equal([6L, 9], loader.ToArray());
    }

    [Fact]
    public void Count_is_the_samplers_number_of_batches_also_through_reflection()
    {
        using var scope = NewDisposeScope();
        using var loader = Data.DataLoader(Data.TensorDataset(arange(100), arange(100)), batch_size: 8, sampler: Data.WeightedRandomSampler(Enumerable.Repeat(1.0, 100), 20));
        Assert.Equal(3, loader.Count);
        Assert.Equal(3, loader.Count());
        // The training helpers read a loader's Count by reflection; the hidden base Count must not make it ambiguous.
        Assert.Equal(3L, loader.GetType().GetProperty("Count")!.GetValue(loader));
        Assert.Equal(13, ((TorchSharp.Modules.DataLoader<(Tensor, Tensor), (Tensor, Tensor)>)loader).Count); // TorchSharp's own: from the dataset
    }

    [Fact]
    public void Fit_trains_on_a_shuffled_loader_of_a_tensor_dataset_and_its_split()
    {
        using var g = new Generator(1);
        var X = randn([256, 2], generator: g);
        var y = X[.., 0].gt(X[.., 1]).to(ScalarType.Int64);
        var (train, val) = Split(Data.random_split(Data.TensorDataset(X, y), [0.75, 0.25], g));
        using var trainLoader = Data.DataLoader(train, batch_size: 32, shuffle: true, generator: g);
        using var valLoader = Data.DataLoader(val, batch_size: 64);
        manual_seed(0);
        var model = Sequential(Linear(2, 16), ReLU(), Linear(16, 2));
        var history = fit(model, trainLoader, CrossEntropyLoss(), optim.Adam(model.parameters(), 0.05), epochs: 8,
            val_loader: valLoader, progress: ProgressMode.None);
        Assert.True(history.val_acc[^1] > 0.9, history.ToString());

        static (T, T) Split<T>(T[] parts) => (parts[0], parts[1]);
    }

    [Fact]
    public void A_list_batch_deconstructs_like_a_python_tuple()
    {
        using var scope = NewDisposeScope();
        using var loader = Data.DataLoader(torch.utils.data.TensorDataset(arange(4), arange(4).mul(2)), batch_size: 2);
        var seen = new List<long>();
        foreach (var (a, b) in loader) seen.AddRange(b.data<long>().ToArray());
        Assert.Equal([0L, 2, 4, 6], seen);
        IList<Tensor> three = [zeros(1), zeros(2), zeros(3)];
        Assert.Throws<ArgumentException>(() => { var (p, q) = three; });
    }
}
