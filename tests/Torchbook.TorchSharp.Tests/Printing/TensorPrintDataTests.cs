using TorchSharp;
using Xunit;

namespace Torchbook.TorchSharp.Tests.Printing;

/// <summary>Input checks of TensorPrintData / TensorFormatter, and the suffixes the goldens cannot show (no GPU there).</summary>
public class TensorPrintDataTests
{
    private static readonly PrintOptions Defaults = PrintOptions.Default;

    [Fact]
    public void Values_must_match_the_shape()
    {
        var data = new TensorPrintData([2, 3], ScalarType.Float32, [1.0, 2.0, 3.0, 4.0]);
        var error = Assert.Throws<ArgumentException>(() => TensorFormatter.Repr(data, Defaults));
        Assert.Contains("has 6 elements", error.Message);
        Assert.Contains("4 values were given", error.Message);
    }

    [Fact]
    public void The_array_must_fit_the_dtype()
    {
        var error = Assert.Throws<ArgumentException>(() => new TensorPrintData([2], ScalarType.Float32, new long[] { 1, 2 }));
        Assert.Contains("float32 tensor must be given as double[], not as long[]", error.Message);
        error = Assert.Throws<ArgumentException>(() => new TensorPrintData([2], ScalarType.Bool, new long[] { 1, 0 }));
        Assert.Contains("bool[]", error.Message);
    }

    [Fact]
    public void Complex_tensors_are_not_supported()
    {
        var error = Assert.Throws<NotSupportedException>(() => new TensorPrintData([1], ScalarType.ComplexFloat32, [1.0]));
        Assert.Contains("complex64", error.Message);
    }

    [Fact]
    public void Negative_sizes_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new TensorPrintData([2, -1], ScalarType.Float64, [1.0]));
        Assert.Contains("negative size -1 in dimension 1", error.Message);
    }

    [Theory]
    [InlineData(ScalarType.Float32, 0.1)]
    [InlineData(ScalarType.Float16, 1.0 / 3.0)]
    [InlineData(ScalarType.BFloat16, 1.1f)]
    public void Float_elements_must_be_exact_values_of_their_dtype(ScalarType dtype, double value)
    {
        var data = new TensorPrintData([1], dtype, [value]);
        var error = Assert.Throws<ArgumentException>(() => TensorFormatter.Repr(data, Defaults));
        Assert.Contains("is not a", error.Message);
    }

    [Fact]
    public void Integer_elements_must_fit_their_dtype()
    {
        var data = new TensorPrintData([2], ScalarType.Byte, [255, 300]);
        var error = Assert.Throws<ArgumentException>(() => TensorFormatter.Repr(data, Defaults));
        Assert.Contains("(300) is out of range for uint8", error.Message);
    }

    [Fact]
    public void Device_and_default_dtype_are_checked()
    {
        var data = new TensorPrintData([1], [true]);
        Assert.Throws<ArgumentException>(() => data with { Device = " " });
        Assert.Throws<ArgumentException>(() => data with { GradFn = "" });
        var error = Assert.Throws<ArgumentException>(() => data with { DefaultDType = ScalarType.Int64 });
        Assert.Contains("floating point type", error.Message);
    }

    [Fact]
    public void A_tensor_is_a_leaf_when_no_node_made_it()
    {
        var data = new TensorPrintData([], ScalarType.Float32, [1.0]);
        Assert.True(data.IsLeaf);
        Assert.False((data with { GradFn = "MulBackward0" }).IsLeaf);
    }

    [Fact]
    public void The_shape_is_copied()
    {
        long[] shape = [2];
        var data = new TensorPrintData(shape, ScalarType.Int64, [1, 2]);
        shape[0] = 5;
        Assert.Equal("tensor([1, 2])", TensorFormatter.Repr(data, Defaults));
    }

    // PyTorch prints the device of any tensor not on the CPU first among the suffixes
    // (torch/_tensor_str.py, _str_intern); the goldens come from a CPU-only PyTorch, so these
    // expectations are written by hand from that rule.
    [Fact]
    public void A_cuda_tensor_names_its_device()
    {
        var data = new TensorPrintData([2], ScalarType.Float32, [1.0, 2.0]) { Device = "cuda:0" };
        Assert.Equal("tensor([1., 2.], device='cuda:0')", TensorFormatter.Repr(data, Defaults));
    }

    [Fact]
    public void The_device_comes_before_dtype_and_autograd_suffixes()
    {
        var data = new TensorPrintData([2], ScalarType.Float64, [1.0, 2.0]) { Device = "cuda:0", RequiresGrad = true };
        Assert.Equal("tensor([1., 2.], device='cuda:0', dtype=torch.float64, requires_grad=True)", TensorFormatter.Repr(data, Defaults));
        var scalar = new TensorPrintData([], ScalarType.Float32, [3.0]) { Device = "cuda:1", RequiresGrad = true, GradFn = "SumBackward0" };
        Assert.Equal("tensor(3., device='cuda:1', grad_fn=<SumBackward0>)", TensorFormatter.Repr(scalar, Defaults));
    }

    [Fact]
    public void An_empty_cuda_tensor_names_device_then_size()
    {
        var data = new TensorPrintData([0, 3], ScalarType.Float32, Array.Empty<double>()) { Device = "cuda:0" };
        Assert.Equal("tensor([], device='cuda:0', size=(0, 3))", TensorFormatter.Repr(data, Defaults));
    }

    [Fact]
    public void A_cpu_device_with_an_index_is_not_printed()
    {
        var data = new TensorPrintData([1], ScalarType.Int64, [7]) { Device = "cpu:0" };
        Assert.Equal("tensor([7])", TensorFormatter.Repr(data, Defaults));
    }

    [Fact]
    public void Printed_indices_are_the_edges_of_summarised_dimensions()
    {
        var options = Defaults with { Threshold = 5 };
        Assert.Equal([0L, 1, 2, 7, 8, 9], TensorFormatter.PrintedElementIndices([10], options));
        Assert.Equal([0L, 1, 2, 3], TensorFormatter.PrintedElementIndices([2, 2], Defaults));
        Assert.Equal([0L, 1, 2, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 18, 19, 20],
            TensorFormatter.PrintedElementIndices([3, 7], options));
        Assert.Empty(TensorFormatter.PrintedElementIndices([4, 0], options));
        Assert.Equal([0L], TensorFormatter.PrintedElementIndices([], options));
    }
}
