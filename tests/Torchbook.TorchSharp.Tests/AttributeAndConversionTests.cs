using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.TorchSharp.Tests;

public class AttributeAndConversionTests
{
    [Fact]
    public void Attributes_describe_the_tensor()
    {
        var t = zeros(2, 3, 4);
        Assert.Equal(new long[] { 2, 3, 4 }, t.shape);
        Assert.Equal(3L, t.dim());
        Assert.Equal(3L, t.ndim);
        Assert.Equal(24L, t.numel());
        Assert.Equal(3L, t.size(1));
        Assert.Equal(4L, t.size(-1));
        Assert.Equal(new long[] { 12, 4, 1 }, t.stride());
        Assert.Equal(4L, t.element_size());
        Assert.True(t.is_contiguous());
        Assert.False(t.transpose(0, 2).is_contiguous());
        Assert.True(t.transpose(0, 2).contiguous().is_contiguous());
        Assert.False(t.requires_grad);
        Assert.Null(t.grad);
        Assert.Null(t.grad_fn);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.size(3));
    }

    public static IEnumerable<object[]> AllDtypes() => new[]
    {
        ScalarType.Bool, ScalarType.Byte, ScalarType.Int8, ScalarType.Int16, ScalarType.Int32, ScalarType.Int64,
        ScalarType.Float16, ScalarType.BFloat16, ScalarType.Float32, ScalarType.Float64,
    }.Select(d => new object[] { d });

    [Theory]
    [MemberData(nameof(AllDtypes))]
    public void Every_dtype_converts_both_ways(ScalarType dtype)
    {
        var t = tensor(new[] { 0f, 1f, 2f }).to(dtype);
        Assert.Equal(dtype, t.dtype);
        Assert.Equal(element_size(dtype), t.element_size());
        var back = t.to(float32).ToArray<float>();
        Assert.Equal(dtype == ScalarType.Bool ? new[] { 0f, 1f, 1f } : new[] { 0f, 1f, 2f }, back);
    }

    [Fact]
    public void Named_conversions()
    {
        var t = tensor(new[] { 1.7f, -2.2f });
        Assert.Equal(ScalarType.Float64, t.@double().dtype);
        Assert.Equal(new[] { 1L, -2L }, t.@long().ToArray<long>());
        Assert.Equal(ScalarType.Int32, t.@int().dtype);
        Assert.Equal(ScalarType.Float16, t.half().dtype);
        Assert.Equal(ScalarType.BFloat16, t.bfloat16().dtype);
        Assert.Equal(ScalarType.Bool, t.@bool().dtype);
        Assert.Equal(ScalarType.Float32, t.@long().@float().dtype);
        Assert.Equal(ScalarType.Byte, t.abs().@byte().dtype);
        Assert.Equal(ScalarType.Int16, t.@short().dtype);
    }

    [Fact]
    public void Devices_cpu_always_cuda_only_when_available()
    {
        var t = ones(2);
        Assert.Equal(DeviceType.CPU, t.to(CPU).device_type);
        Assert.Equal(DeviceType.CPU, t.to("cpu").device_type);
        Assert.Equal(new Device("cuda:1"), new Device(DeviceType.CUDA, 1));
        Assert.Equal("cuda:1", new Device("cuda:1").ToString());
        Assert.Throws<ArgumentException>(() => new Device("gpu"));
        if (!cuda.is_available())
        {
            var ex = Assert.Throws<InvalidOperationException>(() => t.cuda());
            Assert.Contains("CUDA is not available", ex.Message);
            Assert.Throws<TorchException>(() => t.to(CUDA));
            Assert.Equal(0, cuda.device_count());
        }
        else
        {
            var g = t.cuda();
            Assert.Equal(DeviceType.CUDA, g.device_type);
            Assert.Equal(t.ToArray<float>(), g.cpu().ToArray<float>());
        }
    }

    [Fact]
    public void Threads_can_be_read_and_set()
    {
        var before = get_num_threads();
        Assert.True(before >= 1);
        set_num_threads(1);
        Assert.Equal(1, get_num_threads());
        set_num_threads(before);
        Assert.Throws<ArgumentOutOfRangeException>(() => set_num_threads(0));
        Assert.StartsWith("1.", libtorch_version.Length > 0 ? libtorch_version : "?");
    }
}
