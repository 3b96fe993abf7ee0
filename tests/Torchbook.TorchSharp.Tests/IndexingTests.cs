using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.TensorIndex;

namespace Torchbook.TorchSharp.Tests;

public class IndexingTests
{
    private static Tensor M() => arange(12).reshape(3, 4);

    [Fact]
    public void Integers_and_negative_integers_select()
    {
        Assert.Equal(new long[] { 4, 5, 6, 7 }, M()[1].ToArray<long>());
        Assert.Equal(6L, M()[1, 2].item<long>());
        Assert.Equal(11L, M()[-1, -1].item<long>());
        Assert.Equal(11L, M()[^1, ^1].item<long>());
    }

    [Fact]
    public void Ranges_slices_ellipsis_and_none()
    {
        Assert.Equal(new long[] { 0, 4, 8 }, M()[.., 0].ToArray<long>());
        Assert.Equal(new long[] { 5, 6 }, M()[1, 1..3].ToArray<long>());
        Assert.Equal(new long[] { 4, 5, 6, 7, 8, 9, 10, 11 }, M()[1..].ToArray<long>());
        Assert.Equal(new long[] { 2, 2 }, M()[..2, ..^2].shape);
        Assert.Equal(new long[] { 0, 2, 8, 10 }, M()[Slice(null, null, 2), Slice(0, null, 2)].ToArray<long>());
        Assert.Equal(new long[] { 3, 1, 4 }, M()[.., None].shape);
        Assert.Equal(new long[] { 3, 7, 11 }, M()[Ellipsis, -1].ToArray<long>());
        Assert.Equal(new long[] { 3, 4 }, M()[Colon].shape);
        Assert.Throws<ArgumentException>(() => Slice(0, 3, 0));
    }

    [Fact]
    public void Masks_and_index_tensors()
    {
        var m = M();
        Assert.Equal(new long[] { 7, 8, 9, 10, 11 }, m[m > 6].ToArray<long>());
        Assert.Equal(new long[] { 8, 9, 10, 11, 0, 1, 2, 3 }, m[tensor(new long[] { 2, 0 })].ToArray<long>());
        Assert.Equal(new long[] { 1, 11 }, m[tensor(new long[] { 0, 2 }), tensor(new long[] { 1, 3 })].ToArray<long>());
        Assert.Equal(new long[] { 1, 3, 4 }, m[true].shape);
    }

    [Fact]
    public void Assignment_through_the_indexer()
    {
        var m = M();
        m[.., 1] = 0;
        Assert.Equal(new long[] { 0, 0, 0 }, m[.., 1].ToArray<long>());
        m[m > 9] = -1;
        Assert.Equal(new long[] { 8, 0, -1, -1 }, m[2].ToArray<long>());
        m[0] = tensor(new long[] { 9, 9, 9, 9 });
        Assert.Equal(new long[] { 9, 9, 9, 9 }, m[0].ToArray<long>());
        var f = zeros(2, 2, dtype: float64);
        f[0, 0] = 0.1;
        Assert.Equal(0.1, f[0, 0].item<double>());
        f.index_put_(7, Ellipsis, 1);
        Assert.Equal(new[] { 0.1, 7, 0, 7 }, f.ToArray<double>());
    }

    [Fact]
    public void Slices_are_views_that_share_data()
    {
        var m = M();
        var row = m[1];
        row[0] = 100;
        Assert.Equal(100L, m[1, 0].item<long>());
    }

    [Fact]
    public void Out_of_range_indices_throw_a_clear_error()
    {
        var ex = Assert.Throws<TorchException>(() => M()[5]);
        Assert.Contains("index 5 is out of bounds for dimension 0 with size 3", ex.Message);
        Assert.Throws<TorchException>(() => M()[0, 0, 0]);
        Assert.Throws<TorchException>(() => M()[tensor(new long[] { 7 })]);
    }
}
