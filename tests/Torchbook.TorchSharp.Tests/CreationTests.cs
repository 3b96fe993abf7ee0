using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.TorchSharp.Tests;

public class CreationTests
{
    [Fact]
    public void From_scalars_keep_their_dotnet_type()
    {
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
        var s = tensor(new ReadOnlySpan<int>([1, 2, 3, 4, 5, 6]), [3, 2]);
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, s.ToArray<int>());
        Assert.Equal(new long[] { 3, 2 }, s.shape);
        Assert.Equal(new[] { 1L, 2L }, tensor((Array)new long[] { 1, 2 }).ToArray<long>());
    }

    [Fact]
    public void Dtype_device_and_requires_grad_are_honoured()
    {
        var t = tensor(new[] { 1, 2 }, dtype: float64, device: CPU, requires_grad: true);
        Assert.Equal(ScalarType.Float64, t.dtype);
        Assert.True(t.requires_grad);
        Assert.True(t.is_leaf);
        Assert.Equal(DeviceType.CPU, t.device_type);
        Assert.Equal("cpu", t.device.ToString());
    }

    [Fact]
    public void Wrong_shapes_say_what_is_wrong()
    {
        var ex = Assert.Throws<ArgumentException>(() => tensor(new[] { 1f, 2f, 3f }, [2, 2]));
        Assert.Contains("needs 4 elements but 3 were given", ex.Message);
        Assert.Throws<ArgumentException>(() => zeros([-1, 2]));
        Assert.Throws<ArgumentException>(() => tensor(new decimal[] { 1m }));
    }

    [Fact]
    public void Constant_fills_ranges_and_like_forms()
    {
        Assert.Equal(new[] { 0f, 0f }, zeros(2).ToArray<float>());
        Assert.Equal(new[] { 1f, 1f, 1f }, ones(3).ToArray<float>());
        Assert.Equal(new long[] { 2, 3 }, empty(2, 3).shape);
        Assert.Equal(ScalarType.Int64, full(2, 7).dtype);
        Assert.Equal(ScalarType.Float32, full(2, 7.5).dtype);
        Assert.Equal(ScalarType.Bool, full(2, true).dtype);
        Assert.Equal(new[] { 0L, 1L, 2L }, arange(3).ToArray<long>());
        Assert.Equal(new[] { 2L, 4L }, arange(2, 6, 2).ToArray<long>());
        Assert.Equal(new[] { 0f, 0.5f, 1f }, linspace(0, 1, 3).ToArray<float>());
        Assert.Equal(new[] { 1f, 10f, 100f }, logspace(0, 2, 3).ToArray<float>());
        Assert.Equal(new[] { 1f, 0f, 0f, 1f }, eye(2).ToArray<float>());
        Assert.Equal(new long[] { 2, 3 }, eye(2, 3).shape);
        var x = randn(2, 3, dtype: float64);
        Assert.Equal(x.shape, zeros_like(x).shape);
        Assert.Equal(ScalarType.Float64, ones_like(x).dtype);
        Assert.Equal(ScalarType.Int32, zeros_like(x, dtype: int32).dtype);
        Assert.Equal(new[] { 5.0, 5, 5, 5, 5, 5 }, full_like(x, 5).ToArray<double>());
        Assert.Equal(x.shape, rand_like(x).shape);
        Assert.Equal(x.shape, randn_like(x).shape);
        Assert.Equal(x.shape, empty_like(x).shape);
        var r = randint(3, 5, [100]);
        Assert.True((r >= 3).all().item<bool>() && (r < 5).all().item<bool>());
        Assert.InRange(normal(10, 0.01, [50]).mean().item<float>(), 9.9f, 10.1f);
    }

    [Fact]
    public void From_array_shares_memory_both_ways()
    {
        var data = new float[] { 1, 2, 3, 4 };
        var t = from_array(data);
        data[0] = 100;
        Assert.Equal(100f, t[0].item<float>());
        t[1] = 200;
        Assert.Equal(200f, data[1]);
        var m = from_array(new int[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal(new long[] { 2, 2 }, m.shape);
        t.Dispose();
        GC.Collect();
        Assert.Equal(100f, data[0]);
    }

    [Fact]
    public void Tensor_does_not_share_memory()
    {
        var data = new float[] { 1, 2 };
        var t = tensor(data);
        data[0] = 9;
        Assert.Equal(1f, t[0].item<float>());
    }

    [Fact]
    public void Views_of_a_pinned_array_keep_it_pinned()
    {
        var data = Enumerable.Range(0, 12).Select(i => (float)i).ToArray();
        Tensor view;
        using (var t = from_array(data)) view = t.view(3, 4)[1];
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(new[] { 4f, 5f, 6f, 7f }, view.ToArray<float>());
    }
}
