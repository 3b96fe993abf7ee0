using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Tests.DataLoading;

/// <summary>Bad input to Torchbook.Data fails at once with one sentence that says what is wrong.</summary>
public class DataMessagesTests
{
    private static TensorTupleDataset Ten() => Data.TensorDataset(arange(10, dtype: ScalarType.Float32).reshape(10, 1), arange(10));

    [Fact]
    public void DataLoader_refuses_batch_size_0_an_empty_dataset_and_sampler_with_shuffle()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => Data.DataLoader(Ten(), batch_size: 0));
        Assert.StartsWith("DataLoader: batch_size should be a positive integer, but got batch_size=0.", e.Message);
        using var empty = Data.TensorDataset(zeros(0, 3), zeros(0));
        e = Assert.Throws<ArgumentException>(() => Data.DataLoader(empty, batch_size: 4));
        Assert.StartsWith("DataLoader: the dataset is empty (0 items)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Data.DataLoader(Ten(), batch_size: 4, shuffle: true, sampler: Data.SequentialSampler(10)));
        Assert.StartsWith("DataLoader: sampler and shuffle cannot be used together", e.Message);
        e = Assert.Throws<ArgumentException>(() => Data.DataLoader(Ten(), batch_size: 4, num_workers: -1));
        Assert.StartsWith("DataLoader: num_workers should be 0 or more", e.Message);
    }

    [Fact]
    public void Random_split_says_when_lengths_or_fractions_do_not_add_up()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => Data.random_split(Ten(), [3, 6]));
        Assert.StartsWith("random_split: the lengths [3, 6] add up to 9, but the dataset has 10 items;", e.Message);
        e = Assert.Throws<ArgumentException>(() => Data.random_split(Ten(), [0.5, 0.4]));
        Assert.StartsWith("random_split: the fractions [0.5, 0.4] add up to 0.9, not 1.", e.Message);
        e = Assert.Throws<ArgumentException>(() => Data.random_split(Ten(), [0.7, 0.7]));
        Assert.Contains("add up to 1.4, not 1", e.Message);
        e = Assert.Throws<ArgumentException>(() => Data.random_split(Ten(), [1.5, -0.5]));
        Assert.StartsWith("random_split: fraction 0 is 1.5; each fraction must be between 0 and 1.", e.Message);
        e = Assert.Throws<ArgumentException>(() => Data.random_split(Ten(), [12, -2]));
        Assert.StartsWith("random_split: length 1 is -2; lengths cannot be negative.", e.Message);
    }

    [Fact]
    public void Datasets_say_which_index_or_size_is_wrong()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Data.Subset(Ten(), [1, 10]));
        Assert.StartsWith("Subset: index 10 (at position 1) is out of range for a dataset of 10 items (valid: 0 to 9).", e.Message);
        var s = Data.Subset(Ten(), [1, 2]);
        Assert.Throws<IndexOutOfRangeException>(() => s.GetTensor(2));
        var a = Assert.Throws<ArgumentException>(() => Data.TensorDataset(zeros(5, 2), zeros(4)));
        Assert.Equal("TensorDataset: size mismatch between tensors: X has 5 rows but y has 4; both must have the same size in the first dimension.", a.Message);
        a = Assert.Throws<ArgumentException>(() => Data.ConcatDataset<(Tensor, Tensor)>());
        Assert.StartsWith("ConcatDataset: datasets should not be empty", a.Message);
        var c = Data.ConcatDataset(Ten(), Ten());
        var i = Assert.Throws<IndexOutOfRangeException>(() => c.GetTensor(20));
        Assert.Equal("ConcatDataset: index 20 is out of range for a dataset of 20 items.", i.Message);
    }

    [Fact]
    public void Samplers_refuse_what_they_cannot_draw()
    {
        Assert.StartsWith("RandomSampler: num_samples should be a positive integer, but got 0.",
            Assert.Throws<ArgumentException>(() => Data.RandomSampler(10, num_samples: 0)).Message);
        Assert.StartsWith("RandomSampler: cannot sample from an empty dataset",
            Assert.Throws<ArgumentException>(() => Data.RandomSampler(0)).Message);
        Assert.StartsWith("WeightedRandomSampler: weight 1 is -1; weights must be finite and not negative.",
            Assert.Throws<ArgumentException>(() => Data.WeightedRandomSampler([1.0, -1.0], 2)).Message);
        Assert.StartsWith("WeightedRandomSampler: cannot draw 3 samples without replacement when only 2 items have a positive weight.",
            Assert.Throws<ArgumentException>(() => Data.WeightedRandomSampler([1.0, 0, 2.0], 3, replacement: false)).Message);
        Assert.StartsWith("BatchSampler: batch_size should be a positive integer, but got 0.",
            Assert.Throws<ArgumentException>(() => Data.BatchSampler(Data.SequentialSampler(3), 0, false)).Message);
    }

    [Fact]
    public void Default_collate_names_the_items_whose_shapes_differ()
    {
        using var scope = NewDisposeScope();
        (Tensor, Tensor)[] items = [(zeros(3), tensor(0L)), (zeros(4), tensor(1L))];
        var e = Assert.Throws<ArgumentException>(() => Data.default_collate(items));
        Assert.StartsWith("default_collate: the items of one batch must have the same shape (tuple element 1), but item 0 is [3] and item 1 is [4].", e.Message);
        var n = Assert.Throws<NotSupportedException>(() => Data.default_collate(new[] { (zeros(1), 1L) }));
        Assert.StartsWith("default_collate cannot batch items of type ValueTuple`2: not every element of the tuple is a Tensor.", n.Message);
        Assert.Throws<ArgumentException>(() => Data.default_collate(Array.Empty<Tensor>()));
    }
}
