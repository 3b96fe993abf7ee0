using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.TensorIndex;

namespace Torchbook.Parity.Tests.Tensors;

/// <summary>Python's indexing in C#: integers, ranges, slices, masks, index tensors (exact; ops.json checks the values too).</summary>
public class IndexingTests
{
    private static Tensor M() => arange(12).reshape(3, 4);

    private static long[] L(Tensor t) => t.data<long>().ToArray();

    [Fact]
    public void Integers_and_negative_integers_select()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(new long[] { 4, 5, 6, 7 }, L(M()[1]));
        Assert.Equal(6L, M()[1, 2].item<long>());
        Assert.Equal(11L, M()[-1, -1].item<long>());
        Assert.Equal(11L, M()[^1, ^1].item<long>());
    }

    [Fact]
    public void Ranges_slices_ellipsis_and_none()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(new long[] { 0, 4, 8 }, L(M()[.., 0]));
        Assert.Equal(new long[] { 5, 6 }, L(M()[1, 1..3]));
        Assert.Equal(new long[] { 4, 5, 6, 7, 8, 9, 10, 11 }, L(M()[1..]));
        Assert.Equal(new long[] { 2, 2 }, M()[..2, ..^2].shape);
        Assert.Equal(new long[] { 0, 2, 8, 10 }, L(M()[Slice(null, null, 2), Slice(0, null, 2)]));
        Assert.Equal(new long[] { 3, 1, 4 }, M()[.., None].shape);
        Assert.Equal(new long[] { 3, 7, 11 }, L(M()[Ellipsis, -1]));
        Assert.Equal(new long[] { 3, 4 }, M()[Colon].shape);
    }

    [Fact] // TorchSharp lets this error escape its native code; the guard library (lib/Torchbook.Natives) catches it
    public void A_zero_slice_step_is_an_error()
    {
        var e = Assert.ThrowsAny<Exception>(() => M()[Slice(0, 3, 0)]);
        Assert.Contains("slice step cannot be zero", e.Message);
    }

    [Fact]
    public void Masks_and_index_tensors()
    {
        using var scope = NewDisposeScope();
        var m = M();
        Assert.Equal(new long[] { 7, 8, 9, 10, 11 }, L(m[m > 6]));
        Assert.Equal(new long[] { 8, 9, 10, 11, 0, 1, 2, 3 }, L(m[tensor(new long[] { 2, 0 })]));
        Assert.Equal(new long[] { 1, 11 }, L(m[tensor(new long[] { 0, 2 }), tensor(new long[] { 1, 3 })]));
        Assert.Equal(new long[] { 1, 3, 4 }, m[true].shape);
    }

    [Fact]
    public void Assignment_through_the_indexer()
    {
        using var scope = NewDisposeScope();
        var m = M();
        m[.., 1] = 0;
        Assert.Equal(new long[] { 0, 0, 0 }, L(m[.., 1]));
        m[m > 9] = -1;
        Assert.Equal(new long[] { 8, 0, -1, -1 }, L(m[2]));
        m[0] = tensor(new long[] { 9, 9, 9, 9 });
        Assert.Equal(new long[] { 9, 9, 9, 9 }, L(m[0]));
        var f = zeros(2, 2, dtype: float64);
        f[0, 0] = 0.1;
        Assert.Equal(0.1, f[0, 0].item<double>());
        f.index_put_(7, Ellipsis, 1);
        Assert.Equal(new[] { 0.1, 7, 0, 7 }, f.data<double>().ToArray());
    }

    [Fact]
    public void Slices_are_views_that_share_data()
    {
        using var scope = NewDisposeScope();
        var m = M();
        var row = m[1];
        row[0] = 100;
        Assert.Equal(100L, m[1, 0].item<long>());
    }

    [Fact]
    public void Out_of_range_indices_throw_libtorchs_message()
    {
        using var scope = NewDisposeScope();
        Assert.Contains("index 5 out of range for tensor of size [3, 4] at dimension 0", Assert.ThrowsAny<Exception>(() => M()[5]).Message);
        Assert.Contains("select() cannot be applied to a 0-dim tensor", Assert.ThrowsAny<Exception>(() => M()[0, 0, 0]).Message);
        Assert.Contains("index 7 is out of bounds for dimension 0 with size 3", Assert.ThrowsAny<Exception>(() => M()[tensor(new long[] { 7 })]).Message);
    }
}
