using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Torchbook.TorchSharp.Tests.NN;

/// <summary>
/// The shim's own 2-D max-pooling kernel (lib/native/src/tb_max_pool.cpp) against ATen's, which
/// PyTorch uses: the same values bit for bit (NaN payloads included), the same indices, the same
/// backward node and gradients, over random shapes, arguments and awkward contents (ties, NaN,
/// infinities). LayerParityTests compare the pooling layers with PyTorch's goldens as well.
/// </summary>
[Collection("libtorch global state")] // the kernel switch is process-wide, and tests here draw from the default generator
public class MaxPoolKernelTests
{
    // The shim's test hook (tb_nn.cpp): 0 sends 2-D max pooling to ATen's kernel, 1 allows the
    // shim's, -1 changes nothing; returns how many poolings the shim's kernel has done on this thread.
    [DllImport("torchbook_native")] private static extern long tb_nn_fast_max_pool(int enabled);

    private static void UseFastKernel(bool fast) => tb_nn_fast_max_pool(fast ? 1 : 0);

    [Fact]
    public void The_switch_chooses_the_kernel_that_runs()
    {
        var x = rand(2, 3, 16, 16);
        try
        {
            UseFastKernel(false);
            var before = tb_nn_fast_max_pool(-1);
            F.max_pool2d(x, 2);
            Assert.Equal(before, tb_nn_fast_max_pool(-1));
            UseFastKernel(true);
            F.max_pool2d(x, 2);
            Assert.Equal(before + 1, tb_nn_fast_max_pool(-1));
        }
        finally { UseFastKernel(true); }
    }

    private sealed record Case(long[] Shape, ScalarType Dtype, long[] Kernel, long[] Stride, long[] Padding, long[] Dilation, bool CeilMode)
    {
        public override string ToString() =>
            $"shape [{string.Join(",", Shape)}] {Dtype} k [{string.Join(",", Kernel)}] s [{string.Join(",", Stride)}] p [{string.Join(",", Padding)}] d [{string.Join(",", Dilation)}] ceil {CeilMode}";
    }

    private sealed record Result(Tensor Output, Tensor Indices, Tensor Grad, string? GradFn);

    // Integers from a small range (many ties), zeros where a ReLU would put them, and a few NaN and
    // infinite values.
    private static Tensor Contents(Random random, Case c)
    {
        var numel = c.Shape.Aggregate(1L, (a, b) => a * b);
        var values = new double[numel];
        for (long i = 0; i < numel; i++)
        {
            var r = random.NextDouble();
            values[i] = r < 0.03 ? double.NaN : r < 0.05 ? double.NegativeInfinity : r < 0.06 ? double.PositiveInfinity
                : r < 0.3 ? 0 : random.Next(-4, 5) + (random.Next(2) == 0 ? 0 : random.NextDouble());
        }
        return tensor(values).reshape(c.Shape).to(c.Dtype);
    }

    private static Result Pool(Tensor input, Case c, bool fast)
    {
        UseFastKernel(fast);
        try
        {
            var x = input.detach().requires_grad_(true);
            var (output, indices) = F.max_pool2d_with_indices(x, c.Kernel, c.Stride, c.Padding, c.Dilation, c.CeilMode);
            // Weights that differ per output, so a wrong routing of the gradient shows.
            var weights = arange(output.numel(), dtype: c.Dtype).reshape(output.shape);
            (output.masked_fill(output.isnan(), 0) * weights).sum().backward();
            return new Result(output.detach(), indices, x.grad!, output.grad_fn?.name());
        }
        finally
        {
            UseFastKernel(true);
        }
    }

    private static long[] Bits(Tensor t) => t.dtype == ScalarType.Float32
        ? t.contiguous().data<float>().ToArray().Select(v => (long)BitConverter.SingleToInt32Bits(v)).ToArray()
        : t.contiguous().data<double>().ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static void AssertSame(Case c, Tensor input)
    {
        var aten = Pool(input, c, fast: false);
        var mine = Pool(input, c, fast: true);
        Assert.True(aten.Output.shape.SequenceEqual(mine.Output.shape), $"{c}: shape");
        Assert.True(Bits(aten.Output).SequenceEqual(Bits(mine.Output)), $"{c}: values differ");
        Assert.True(aten.Indices.data<long>().ToArray().SequenceEqual(mine.Indices.data<long>().ToArray()), $"{c}: indices differ");
        Assert.True(Bits(aten.Grad).SequenceEqual(Bits(mine.Grad)), $"{c}: gradients differ");
        Assert.Equal("MaxPool2DWithIndicesBackward0", aten.GradFn);
        Assert.Equal(aten.GradFn, mine.GradFn);
    }

    [Fact]
    public void Random_arguments_and_contents_match_aten()
    {
        var random = new Random(20261122);
        int checkedCases = 0;
        while (checkedCases < 300)
        {
            long k0 = random.Next(1, 5), k1 = random.Next(1, 5);
            var c = new Case(
                random.Next(4) == 0 ? [random.Next(1, 4), random.Next(1, 12), random.Next(1, 12)]
                                    : [random.Next(1, 3), random.Next(1, 4), random.Next(1, 14), random.Next(1, 40)],
                random.Next(3) == 0 ? ScalarType.Float64 : ScalarType.Float32,
                [k0, k1], [random.Next(1, 4), random.Next(1, 4)], [random.Next(0, (int)k0 / 2 + 1), random.Next(0, (int)k1 / 2 + 1)],
                [random.Next(1, 3), random.Next(1, 3)], random.Next(2) == 0);
            using var scope = NewDisposeScope();
            var input = Contents(random, c);
            Tensor reference;
            try { reference = F.max_pool2d(input, c.Kernel, c.Stride, c.Padding, c.Dilation, c.CeilMode); }
            catch (TorchException) { continue; } // arguments libtorch rejects (output too small): see below
            AssertSame(c, input);
            checkedCases++;
        }
    }

    [Theory]
    [InlineData(64, 6, 24, 24)] // the course CNN's first pooling
    [InlineData(64, 16, 8, 8)]  // and its second
    [InlineData(2, 3, 33, 35)]  // odd sizes: a last row and column outside every window
    [InlineData(1, 2, 2, 50)]   // wide rows: eight-, four- and one-at-a-time outputs
    [InlineData(3, 5, 9)]       // no batch dimension
    public void Two_by_two_stride_two_matches_aten(params int[] shape)
    {
        foreach (var dtype in new[] { ScalarType.Float32, ScalarType.Float64 })
            foreach (var ceil in new[] { false, true })
            {
                using var scope = NewDisposeScope();
                var c = new Case(shape.Select(s => (long)s).ToArray(), dtype, [2, 2], [2, 2], [0, 0], [1, 1], ceil);
                AssertSame(c, Contents(new Random(shape.Sum()), c));
            }
    }

    [Fact]
    public void A_window_of_only_negative_infinity_points_at_its_first_element()
    {
        var x = full(new long[] { 1, 1, 2, 18 }, double.NegativeInfinity);
        var (output, indices) = F.max_pool2d_with_indices(x, [2]);
        Assert.All(output.data<float>().ToArray(), v => Assert.Equal(float.NegativeInfinity, v));
        Assert.Equal(Enumerable.Range(0, 9).Select(i => 2L * i), indices.data<long>().ToArray());
    }

    [Fact]
    public void NaN_wins_and_the_last_NaN_of_a_window_is_the_one_taken()
    {
        // Window of four: 1, NaN, 7, NaN → ATen keeps the last NaN (index 19 of the 2x18 plane).
        var values = new float[36];
        values[0] = 1; values[1] = float.NaN; values[18] = 7; values[19] = float.NaN;
        var (output, indices) = F.max_pool2d_with_indices(tensor(values).reshape(1, 1, 2, 18), [2]);
        Assert.True(float.IsNaN(output.data<float>()[0]));
        Assert.Equal(19L, indices.data<long>()[0]);
    }

    [Fact]
    public void Without_grad_mode_the_output_has_no_history()
    {
        var x = rand(2, 3, 16, 16, requires_grad: true);
        using (no_grad())
        {
            var y = F.max_pool2d(x, 2);
            Assert.False(y.requires_grad);
            Assert.Null(y.grad_fn);
        }
    }

    [Fact]
    public void Double_backward_goes_through_libtorchs_formula()
    {
        static (Tensor, Tensor) GradOfGrad(bool fast)
        {
            UseFastKernel(fast);
            try
            {
                // Its own generator: other tests draw from the default one in parallel.
                using var generator = new Generator(3);
                var x = randn(1, 2, 8, 20, requires_grad: true, generator: generator);
                var y = F.max_pool2d(x, 2);
                var g = autograd.grad([(y * y).sum()], [x], create_graph: true)[0]!;
                var gg = autograd.grad([g.pow(2).sum()], [x])[0]!;
                return (g.detach(), gg);
            }
            finally { UseFastKernel(true); }
        }
        var (g1, gg1) = GradOfGrad(false);
        var (g2, gg2) = GradOfGrad(true);
        Assert.True(equal(g1, g2));
        Assert.True(equal(gg1, gg2));
    }

    [Fact]
    public void Changing_the_saved_input_in_place_is_caught_at_backward_as_in_pytorch()
    {
        var x = rand(1, 1, 4, 16, requires_grad: true);
        var h = x * 1;
        var y = F.max_pool2d(h, 2);
        h.add_(1);
        var e = Assert.ThrowsAny<Exception>(() => y.sum().backward());
        Assert.Contains("modified by an inplace operation", e.Message);
    }

    [Fact]
    public void Non_contiguous_input_gives_what_its_contiguous_copy_gives()
    {
        var x = randn(2, 3, 20, 18).transpose(2, 3);
        Assert.False(x.is_contiguous());
        Assert.True(equal(F.max_pool2d(x, 2), F.max_pool2d(x.contiguous(), 2)));
    }

    [Fact]
    public void A_window_over_padding_only_is_refused_instead_of_corrupting_memory()
    {
        // libtorch 1.13 returns indices 7..10 for this 7-element input, and its backward writes there.
        var x = rand(1, 1, 7, requires_grad: true);
        var e = Assert.Throws<TorchException>(() => F.max_pool2d(x, [2, 3], [3, 1], [1, 1], [2, 2]));
        Assert.Equal("max_pool2d: pooling window 0 of dimension 1 covers only padding (input size 1, kernel_size 2, stride 3, padding 1, dilation 2). Use less padding or dilation, or a larger input.", e.Message);
        Assert.Throws<TorchException>(() => F.max_pool1d(rand(1, 1, 1), 2, padding: 1, dilation: 2));
    }
}
