using TorchSharp;
using TorchSharp.Serialization;
using Xunit;

namespace Torchbook.TorchSharp.Tests.Serialization;

public class RawTensorTests
{
    [Fact]
    public void Data_length_must_match_shape_and_dtype()
    {
        var e = Assert.Throws<ArgumentException>(() => new RawTensor(ScalarType.Float32, [3, 4], new byte[40]));
        Assert.Contains("Float32 [3, 4] needs 48 bytes (12 elements × 4 bytes) but 40 were given", e.Message);
    }

    [Fact]
    public void Negative_dimensions_and_unsupported_dtypes_are_refused()
    {
        Assert.Contains("negative dimension -1", Assert.Throws<ArgumentException>(() => new RawTensor(ScalarType.Float32, [2, -1], [])).Message);
        Assert.Contains("not a tensor element type", Assert.Throws<ArgumentException>(() => new RawTensor((ScalarType)42, [1], [0])).Message);
    }

    [Fact]
    public void Scalars_and_empty_tensors_have_the_right_element_counts()
    {
        var scalar = new RawTensor(ScalarType.Float64, [], new byte[8]);
        Assert.Equal(1, scalar.NumElements);
        Assert.Equal(0, scalar.Rank);
        var empty = new RawTensor(ScalarType.Float32, [0, 3], []);
        Assert.Equal(0, empty.NumElements);
        Assert.Equal("RawTensor(Float32, [0, 3], 0 bytes)", empty.ToString());
    }

    [Fact]
    public void Create_and_ToArray_round_trip_values_and_infer_the_dtype()
    {
        var t = RawTensor.Create<float>([1.5f, -2f, 3f, 4f, 5f, 6f], [2, 3]);
        Assert.Equal(ScalarType.Float32, t.DType);
        Assert.Equal([2L, 3L], t.Shape);
        Assert.Equal([1.5f, -2f, 3f, 4f, 5f, 6f], t.ToArray<float>());
        Assert.Equal(ScalarType.Int64, RawTensor.Create(new long[] { 1, 2 }).DType);
        Assert.Equal(ScalarType.Bool, RawTensor.Create(new[] { true, false }).DType);
        Assert.Equal([true, false], RawTensor.Create(new[] { true, false }).ToArray<bool>());
        Assert.Throws<InvalidOperationException>(() => t.ToArray<double>());
    }

    [Fact]
    public void BFloat16_given_as_bits_widens_exactly()
    {
        // 0x3FC0 is 1.5 in bfloat16, 0xC020 is -2.5.
        var t = RawTensor.Create<ushort>([0x3FC0, 0xC020], [2], ScalarType.BFloat16);
        Assert.Equal([1.5, -2.5], t.ToDoubleArray());
        Assert.Equal([(ushort)0x3FC0, (ushort)0xC020], t.ToArray<ushort>());
        Assert.Throws<ArgumentException>(() => RawTensor.Create<float>([1f], [1], ScalarType.BFloat16));
    }

    [Fact]
    public void Equality_compares_dtype_shape_and_bytes()
    {
        var a = RawTensor.Create<int>([1, 2, 3, 4], [2, 2]);
        Assert.Equal(a, RawTensor.Create<int>([1, 2, 3, 4], [2, 2]));
        Assert.NotEqual(a, RawTensor.Create<int>([1, 2, 3, 4], [4]));
        Assert.NotEqual(a, RawTensor.Create<int>([1, 2, 3, 5], [2, 2]));
        Assert.NotEqual(a, RawTensor.Create<float>([1, 2, 3, 4], [2, 2]));
    }

    [Fact]
    public void The_shape_is_copied()
    {
        long[] shape = [2, 2];
        var t = new RawTensor(ScalarType.Byte, shape, new byte[4]);
        shape[0] = 4;
        Assert.Equal([2L, 2L], t.Shape);
    }
}
