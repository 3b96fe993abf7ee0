using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Parity.Tests.Deviations;

/// <summary>
/// Where TorchSharp 0.107's tensor API does not do what the same PyTorch code does (names, overloads,
/// defaults, semantics). Each test asserts TorchSharp's behaviour today and says what PyTorch does and
/// the TorchSharp way to get PyTorch's result; when a test fails, TorchSharp has changed: update the
/// note (and the chapters that work around it).
/// </summary>
public class TensorDeviationTests
{
    private static Tensor A() => tensor(new[] { 1.5f, 2.5f, 3.5f, 4.5f }, [2, 2]);

    [Fact]
    public void Sum_and_prod_of_a_literal_0_pick_the_dtype_overload()
    {
        using var scope = NewDisposeScope();
        // PyTorch: a.sum(0) sums over dim 0 -> tensor([5., 7.]). In C# the literal 0 converts to the enum
        // ScalarType (0 = Byte), so a.sum(0) is a.sum(type: Byte): every element cast to uint8 and summed.
        var s = A().sum(0);
        Assert.Equal(ScalarType.Byte, s.dtype);
        Assert.Empty(s.shape);
        Assert.Equal(10, s.item<byte>());
        Assert.Equal(ScalarType.Byte, A().prod(0).dtype);
        Assert.Equal(ScalarType.Byte, torch.sum(A(), 0).dtype);
        // The TorchSharp way: name the argument (or pass an array of dims).
        Assert.Equal(new[] { 5f, 7f }, A().sum(dim: 0).data<float>().ToArray());
        Assert.Equal(new[] { 5f, 7f }, A().sum(new long[] { 0 }).data<float>().ToArray());
        Assert.Equal(new[] { 5.25f, 11.25f }, A().prod(dim: 0).data<float>().ToArray());
        // Any other literal picks the dim overload.
        Assert.Equal(new[] { 4f, 8f }, A().sum(1).data<float>().ToArray());
    }

    [Fact]
    public void Var_of_the_whole_tensor_ignores_unbiased()
    {
        using var scope = NewDisposeScope();
        // PyTorch: a.var(unbiased=False) = 1.25 (divides by n). TorchSharp's Tensor.var(bool unbiased) passes
        // the flag to a native function that takes none (THSTensor_var), so it always divides by n - 1.
        Assert.Equal(5f / 3, A().var(unbiased: false).item<float>(), 6);
        Assert.Equal(5f / 3, A().var().item<float>(), 6);
        // The TorchSharp way: the overload with dims honours it; std honours it too.
        Assert.Equal(1.25f, A().var(new long[] { 0, 1 }, unbiased: false).item<float>(), 6);
        Assert.Equal(MathF.Sqrt(1.25f), A().std(unbiased: false).item<float>(), 6);
    }

    [Fact]
    public void Scatter_has_no_scalar_value_overload()
    {
        using var scope = NewDisposeScope();
        var index = tensor(new long[,] { { 1 }, { 0 } });
        // PyTorch: zeros(2, 3).scatter_(1, index, 1.0) writes 1.0. TorchSharp has only scatter_(dim, index, Tensor src):
        // the double converts to a float64 0-dim tensor, which libtorch refuses.
        var e = Assert.ThrowsAny<Exception>(() => zeros(2, 3).scatter_(1, index, 1.0));
        Assert.Contains("scatter(): Expected self.dtype to be equal to src.dtype", e.Message);
        Assert.Equal(new[] { 0f, 1, 0, 1, 0, 0 }, zeros(2, 3).scatter_(1, index, ones(2, 1)).data<float>().ToArray());
    }

    [Fact]
    public void Equal_is_element_wise_not_a_bool()
    {
        using var scope = NewDisposeScope();
        // PyTorch: torch.equal(a, b) and a.equal(b) return one bool (same size and elements).
        // TorchSharp: both are eq, element-wise. Write a.eq(b).all().item<bool>() (same shapes) or allclose(b, 0, 0).
        var eq = A().equal(A());
        Assert.Equal(new long[] { 2, 2 }, eq.shape);
        Assert.Equal(ScalarType.Bool, eq.dtype);
        Assert.Equal(new long[] { 2, 2 }, torch.equal(A(), A()).shape);
        Assert.True(A().eq(A()).all().item<bool>());
    }

    [Fact]
    public void A_dtype_conversion_at_creation_happens_after_requires_grad()
    {
        using var scope = NewDisposeScope();
        // PyTorch: torch.tensor([1., 2.], dtype=torch.float32, requires_grad=True) is a leaf, and so is
        // torch.tensor([1, 2], dtype=torch.float64, requires_grad=True). TorchSharp makes the tensor in the
        // array's type with requires_grad, then converts: a non-leaf whose .grad stays null...
        var w = tensor(new[] { 1.0, 2.0 }, dtype: float32, requires_grad: true);
        Assert.False(w.is_leaf);
        w.sum().backward();
        Assert.Null(w.grad);
        // ... or, from integers, an error.
        var e = Assert.ThrowsAny<Exception>(() => tensor(new[] { 1, 2 }, dtype: float64, requires_grad: true));
        Assert.Contains("Only Tensors of floating point and complex dtype can require gradients", e.Message);
        // The TorchSharp way: convert first, then requires_grad_().
        var leaf = tensor(new[] { 1, 2 }, dtype: float64).requires_grad_();
        Assert.True(leaf.is_leaf);
    }

    [Fact]
    public void Full_of_a_bool_is_int64()
    {
        using var scope = NewDisposeScope();
        // PyTorch: torch.full((2,), True) is a bool tensor. TorchSharp: int64 ones; pass dtype: torch.@bool.
        Assert.Equal(ScalarType.Int64, full(2, true).dtype);
        Assert.Equal(ScalarType.Bool, full(2, true, dtype: @bool).dtype);
    }

    [Fact]
    public void Mean_over_one_dim_needs_an_array_of_dims()
    {
        // PyTorch: a.mean(1). TorchSharp's Tensor.mean has no (long dim) overload (sum, std and prod have):
        // a.mean(1) does not compile; write a.mean([1]) or a.mean(new long[] { 1 }).
        Assert.DoesNotContain(typeof(Tensor).GetMethods(), m => m.Name == "mean" && m.GetParameters().FirstOrDefault()?.ParameterType == typeof(long));
        using var scope = NewDisposeScope();
        Assert.Equal(new[] { 2f, 4f }, A().mean([1]).data<float>().ToArray());
    }

    [Fact]
    public void The_data_accessor_writes_a_single_index_as_a_first_dimension_index()
    {
        using var scope = NewDisposeScope();
        // TorchSharp's TensorAccessor reads acc[3] row-major on a 2x2 tensor but writes acc[3] = v as
        // acc[3, ?] (TranslateIndex with the index array), which is out of range. Write acc[1, 1] = v.
        var acc = zeros(2, 2).data<float>();
        Assert.Equal(0f, acc[3]);
        Assert.Throws<IndexOutOfRangeException>(() => acc[3] = 5);
    }
}
