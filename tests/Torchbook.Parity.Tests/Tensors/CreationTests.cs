using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Parity.Tests.Tensors;

/// <summary>Creating tensors: dtypes and shapes as PyTorch gives them (exact; no golden needed).</summary>
public class CreationTests
{
    [Fact]
    public void From_scalars_keep_their_dotnet_type()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(ScalarType.Float32, tensor(1.5f).dtype);
        Assert.Equal(ScalarType.Float64, tensor(1.5).dtype);
        Assert.Equal(ScalarType.Int32, tensor(3).dtype);
        Assert.Equal(ScalarType.Int64, tensor(3L).dtype);
        Assert.Equal(ScalarType.Bool, tensor(true).dtype);
        Assert.Empty(tensor(3).shape);
        Assert.Equal(3, tensor(3).item<int>());
    }

    [Fact]
    public void From_arrays_of_every_rank()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(new long[] { 3 }, tensor(new[] { 1f, 2f, 3f }).shape);
        var m = tensor(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(new long[] { 2, 3 }, m.shape);
        Assert.Equal(6f, m[1, 2].item<float>());
        var c = tensor(new double[2, 3, 4]);
        Assert.Equal(new long[] { 2, 3, 4 }, c.shape);
        Assert.Equal(ScalarType.Float64, c.dtype);
        var d = tensor(new byte[1, 3, 2, 2]);
        Assert.Equal(new long[] { 1, 3, 2, 2 }, d.shape);
        Assert.Equal(ScalarType.Byte, d.dtype);
        var s = tensor(new[] { 1, 2, 3, 4, 5, 6 }, [3, 2]);
        Assert.Equal(new long[] { 3, 2 }, s.shape);
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, s.data<int>().ToArray());
    }

    [Fact]
    public void Dtype_device_and_requires_grad_are_honoured()
    {
        using var scope = NewDisposeScope();
        // With a dtype other than the array's, requires_grad makes a non-leaf: see TensorDeviationTests.
        var t = tensor(new[] { 1.0, 2.0 }, dtype: float64, device: CPU, requires_grad: true);
        Assert.Equal(ScalarType.Float64, t.dtype);
        Assert.Equal(ScalarType.Float32, tensor(new[] { 1.0, 2.0 }, dtype: float32).dtype);
        Assert.True(t.requires_grad);
        Assert.True(t.is_leaf);
        Assert.Equal(DeviceType.CPU, t.device_type);
        Assert.Equal("cpu", t.device.ToString());
    }

    [Fact]
    public void Wrong_shapes_say_what_is_wrong()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => tensor(new[] { 1f, 2f, 3f }, [2, 2]));
        Assert.Contains("4 vs. 3", e.Message);
        Assert.Contains("Dimension size must be non-negative", Assert.ThrowsAny<Exception>(() => zeros([-1, 2])).Message);
        Assert.Throws<NotSupportedException>(() => from_array(new decimal[] { 1m }));
    }

    [Fact]
    public void Constant_fills_ranges_and_like_forms()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(new[] { 0f, 0f }, zeros(2).data<float>().ToArray());
        Assert.Equal(new[] { 1f, 1f, 1f }, ones(3).data<float>().ToArray());
        Assert.Equal(new long[] { 2, 3 }, empty(2, 3).shape);
        Assert.Equal(ScalarType.Int64, full(2, 7).dtype);
        Assert.Equal(ScalarType.Float32, full(2, 7.5).dtype);
        Assert.Equal(new[] { 0L, 1L, 2L }, arange(3).data<long>().ToArray());
        Assert.Equal(new[] { 2L, 4L }, arange(2, 6, 2).data<long>().ToArray());
        Assert.Equal(new[] { 0f, 0.5f, 1f }, linspace(0, 1, 3).data<float>().ToArray());
        Assert.Equal(new[] { 1f, 10f, 100f }, logspace(0, 2, 3).data<float>().ToArray());
        Assert.Equal(new[] { 1f, 0f, 0f, 1f }, eye(2).data<float>().ToArray());
        Assert.Equal(new long[] { 2, 3 }, eye(2, 3).shape);
        var x = randn(2, 3, dtype: float64);
        Assert.Equal(x.shape, zeros_like(x).shape);
        Assert.Equal(ScalarType.Float64, ones_like(x).dtype);
        Assert.Equal(ScalarType.Int32, zeros_like(x, dtype: int32).dtype);
        Assert.Equal(new[] { 5.0, 5, 5, 5, 5, 5 }, full_like(x, 5).data<double>().ToArray());
        Assert.Equal(x.shape, rand_like(x).shape);
        Assert.Equal(x.shape, randn_like(x).shape);
        Assert.Equal(x.shape, empty_like(x).shape);
        var r = randint(3, 5, [100]);
        Assert.True((r >= 3).all().item<bool>() && (r < 5).all().item<bool>());
    }

    [Fact]
    public void From_array_shares_memory_both_ways_and_tensor_copies()
    {
        using var scope = NewDisposeScope();
        var data = new float[] { 1, 2, 3, 4 };
        var shared = from_array(data);
        data[0] = 100;
        Assert.Equal(100f, shared[0].item<float>());
        shared[1] = 200;
        Assert.Equal(200f, data[1]);
        var copy = tensor(data);
        data[2] = 9;
        Assert.Equal(3f, copy[2].item<float>());
    }
}
