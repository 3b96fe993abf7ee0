using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Parity.Tests.Tensors;

/// <summary>Shape, strides, dtypes and devices as PyTorch reports them (exact).</summary>
public class AttributeAndConversionTests
{
    [Fact]
    public void Attributes_describe_the_tensor()
    {
        using var scope = NewDisposeScope();
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
        var e = Assert.ThrowsAny<Exception>(() => t.size(3));
        Assert.Contains("Dimension out of range (expected to be in range of [-3, 2], but got 3)", e.Message);
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
        using var scope = NewDisposeScope();
        var t = tensor(new[] { 0f, 1f, 2f }).to(dtype);
        Assert.Equal(dtype, t.dtype);
        var back = t.to(float32).data<float>().ToArray();
        Assert.Equal(dtype == ScalarType.Bool ? new[] { 0f, 1f, 1f } : new[] { 0f, 1f, 2f }, back);
    }

    [Fact]
    public void Named_conversions_truncate_as_pytorch_does()
    {
        using var scope = NewDisposeScope();
        var t = tensor(new[] { 1.7f, -2.2f });
        Assert.Equal(ScalarType.Float64, t.@double().dtype);
        Assert.Equal(new[] { 1L, -2L }, t.@long().data<long>().ToArray());
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
        using var scope = NewDisposeScope();
        var t = ones(2);
        Assert.Equal(DeviceType.CPU, t.to(CPU).device_type);
        Assert.Equal(DeviceType.CPU, t.to("cpu").device_type);
        Assert.Equal("cuda:1", new Device("cuda:1").ToString());
        Assert.Equal(new Device("cuda:1").type, new Device(DeviceType.CUDA, 1).type);
        Assert.Throws<ArgumentException>(() => new Device("gpu"));
        if (!cuda.is_available())
        {
            var e = Assert.Throws<InvalidOperationException>(() => t.cuda());
            Assert.Contains("CUDA did not initialise", e.Message);
            Assert.Equal(0, cuda.device_count());
        }
        else
        {
            var g = t.cuda();
            Assert.Equal(DeviceType.CUDA, g.device_type);
            Assert.Equal(t.data<float>().ToArray(), g.cpu().data<float>().ToArray());
        }
    }
}
