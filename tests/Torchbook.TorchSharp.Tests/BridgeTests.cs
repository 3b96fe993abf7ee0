using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.TorchSharp.Tests;

public class BridgeTests
{
    [Fact]
    public void Item_reads_one_element_in_any_numeric_type()
    {
        var t = tensor(2.5f);
        Assert.Equal(2.5f, t.item<float>());
        Assert.Equal(2.5, t.item<double>());
        Assert.Equal(2L, t.item<long>());
        Assert.Equal(7, tensor(7L).item<int>());
        Assert.True(tensor(true).item<bool>());
        Assert.Equal(3f, ones(1, 1).mul(3).ToSingle());
        var ex = Assert.Throws<InvalidOperationException>(() => ones(3).item<float>());
        Assert.Contains("exactly one element", ex.Message);
    }

    [Fact]
    public void ToArray_copies_in_row_major_order_and_converts()
    {
        var t = arange(6).reshape(2, 3).t();
        Assert.Equal(new long[] { 0, 3, 1, 4, 2, 5 }, t.ToArray<long>());
        Assert.Equal(new[] { 0.0, 3, 1, 4, 2, 5 }, t.ToArray<double>());
    }

    [Fact]
    public void ToNDArray_gives_multidimensional_arrays()
    {
        var a = (float[,])tensor(new float[,] { { 1, 2 }, { 3, 4 } }).ToNDArray();
        Assert.Equal(4f, a[1, 1]);
        var b = (long[,,])arange(8).reshape(2, 2, 2).ToNDArray();
        Assert.Equal(7L, b[1, 1, 1]);
        var back = tensor(b);
        Assert.True(back.equal(arange(8).reshape(2, 2, 2)));
    }

    [Fact]
    public void Data_accessor_reads_and_writes_tensor_memory()
    {
        var t = zeros(2, 2);
        var acc = t.data<float>();
        acc[3] = 5;
        acc[0, 1] = 2;
        Assert.Equal(new[] { 0f, 2f, 0f, 5f }, t.ToArray<float>());
        Assert.Equal(4, acc.Count);
        Assert.Equal(new[] { 0f, 2f, 0f, 5f }, acc.ToArray());
        Assert.Equal(7f, acc.Sum());
        var ex = Assert.Throws<ArgumentException>(() => t.data<double>());
        Assert.Contains("does not match the tensor's dtype Float32", ex.Message);
        Assert.Throws<IndexOutOfRangeException>(() => acc[4]);
    }

    [Fact]
    public void Copy_from_writes_values_in()
    {
        var t = zeros(3);
        t.copy_from<float>(new[] { 1f, 2f, 3f });
        Assert.Equal(new[] { 1f, 2f, 3f }, t.ToArray<float>());
        Assert.Throws<TorchException>(() => t.copy_from<float>(new[] { 1f }));
    }
}
