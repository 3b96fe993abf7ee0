using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Parity.Tests.Tensors;

/// <summary>Getting numbers out to .NET: item, data&lt;T&gt;(), ToArray, ToNDArray (exact).</summary>
public class BridgeTests
{
    [Fact]
    public void Item_reads_one_element_of_the_tensors_own_type()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(2.5f, tensor(2.5f).item<float>());
        Assert.Equal(7L, tensor(7L).item<long>());
        Assert.True(tensor(true).item<bool>());
        Assert.Equal(3f, ones(1, 1).mul(3).ToSingle());
        Assert.Equal(2.5, tensor(2.5f).ToDouble());
        Assert.Contains("Number of elements in the tensor must be 1", Assert.Throws<ArgumentException>(() => ones(3).item<float>()).Message);
    }

    [Fact]
    public void ToArray_copies_in_row_major_order()
    {
        using var scope = NewDisposeScope();
        var t = arange(6).reshape(2, 3).t();
        Assert.Equal(new long[] { 0, 3, 1, 4, 2, 5 }, t.data<long>().ToArray());
        Assert.Equal(new[] { 0.0, 3, 1, 4, 2, 5 }, t.to(float64).data<double>().ToArray());
    }

    [Fact]
    public void ToNDArray_gives_multidimensional_arrays()
    {
        using var scope = NewDisposeScope();
        var a = (float[,])tensor(new float[,] { { 1, 2 }, { 3, 4 } }).data<float>().ToNDArray();
        Assert.Equal(4f, a[1, 1]);
        var b = (long[,,])arange(8).reshape(2, 2, 2).data<long>().ToNDArray();
        Assert.Equal(7L, b[1, 1, 1]);
        Assert.True(tensor(b).eq(arange(8).reshape(2, 2, 2)).all().item<bool>());
    }

    [Fact]
    public void Data_accessor_reads_and_writes_tensor_memory()
    {
        using var scope = NewDisposeScope();
        var t = zeros(2, 2);
        var acc = t.data<float>();
        // One index reads row-major (flat); writing needs one index per dimension (see TensorDeviationTests).
        acc[1, 1] = 5;
        acc[0, 1] = 2;
        Assert.Equal(5f, acc[3]);
        Assert.Equal(new[] { 0f, 2f, 0f, 5f }, t.data<float>().ToArray());
        Assert.Equal(4, acc.Count);
        Assert.Equal(7f, acc.Sum());
        acc.CopyFrom(new[] { 1f, 2f, 3f, 4f });
        Assert.Equal(10f, t.sum().item<float>());
        Assert.Contains("Double is not compatible with Float32", Assert.Throws<ArgumentException>(() => t.data<double>()).Message);
    }
}
