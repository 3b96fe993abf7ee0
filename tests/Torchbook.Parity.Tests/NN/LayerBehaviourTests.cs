using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace Torchbook.Parity.Tests.NN;

/// <summary>
/// Layer behaviour as PyTorch defines it (exact; no golden needed): dropout scaling, eval mode, padding rows,
/// recurrent shapes, activations, shape layers, functional helpers, init gains. Messages that TorchSharp
/// words differently from PyTorch are asserted as TorchSharp's, with PyTorch's in a comment.
/// </summary>
public class LayerBehaviourTests
{
    [Fact]
    public void Linear_rejects_wrong_input_width_with_libtorchs_message()
    {
        using var l = Linear(784, 10);
        var e = Assert.ThrowsAny<Exception>(() => l.forward(ones(2, 28, 28)));
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied (56x28 and 784x10)", e.Message);
    }

    [Fact]
    public void Conv2d_checks_groups_and_channels()
    {
        // PyTorch refuses Conv2d(3, 6, 3, groups=2) when it is made; TorchSharp when it runs (NNDeviationTests).
        using var grouped = Conv2d(3, 6, 3, groups: 2);
        var e = Assert.ThrowsAny<Exception>(() => grouped.forward(ones(1, 3, 5, 5)));
        Assert.StartsWith("Given groups=2, weight of size [6, 1, 3, 3], expected input[1, 3, 5, 5] to have 2 channels, but got 3 channels instead", e.Message);
    }

    [Fact]
    public void MaxPool2d_with_too_much_padding_gives_libtorchs_message()
    {
        using var p = MaxPool2d(2, padding: 2);
        var e = Assert.ThrowsAny<Exception>(() => p.forward(ones(1, 1, 4, 4)));
        Assert.Contains("pad should be at most half of", e.Message);
    }

    [Fact]
    public void Conv2d_same_keeps_the_spatial_size()
    {
        using var c = Conv2d(2, 4, 5, Padding.Same, dilation: 2);
        Assert.Equal(new long[] { 1, 4, 9, 7 }, c.forward(ones(1, 2, 9, 7)).shape);
    }

    [Fact]
    public void BatchNorm_rejects_the_wrong_rank()
    {
        using var bn = BatchNorm2d(3);
        // PyTorch: "expected 4D input (got 2D input)", "expected 2D or 3D input (got 4D input)".
        Assert.Equal("expected 4D input, but got 2D input.", Assert.Throws<ArgumentException>(() => bn.forward(ones(2, 3))).Message);
        using var bn1 = BatchNorm1d(3);
        Assert.Equal("expected 2D or 3D input, but got 4D input.", Assert.Throws<ArgumentException>(() => bn1.forward(ones(2, 3, 1, 1))).Message);
        bn1.eval();
        Assert.Equal(new long[] { 1, 3 }, bn1.forward(ones(1, 3)).shape);
    }

    [Fact]
    public void BatchNorm_in_eval_mode_uses_running_statistics_and_does_not_update_them()
    {
        using var bn = BatchNorm1d(2);
        bn.eval();
        var x = tensor(new[] { 1f, 2f, 3f, 4f }, [2, 2]);
        var y = bn.forward(x);
        Assert.True(y.allclose(x / MathF.Sqrt(1 + 1e-5f)));
        Assert.Equal(0, bn.num_batches_tracked!.item<long>());
    }

    [Fact]
    public void Dropout_scales_kept_elements_and_is_identity_in_eval()
    {
        using var d = Dropout(0.5);
        var y = d.forward(ones(1000));
        var values = y.data<float>().ToArray();
        Assert.All(values, v => Assert.True(v == 0 || v == 2));
        d.eval();
        Assert.True(d.forward(ones(10)).eq(ones(10)).all().item<bool>());
    }

    [Fact]
    public void Dropout2d_zeroes_whole_channels()
    {
        using var d = Dropout2d(0.5);
        var y = d.forward(ones(4, 16, 3, 3));
        var perChannel = y.sum([2, 3]).data<float>().ToArray();
        Assert.All(perChannel, v => Assert.True(v == 0 || v == 18));
    }

    [Fact]
    public void Embedding_padding_row_gets_no_gradient_and_from_pretrained_freezes()
    {
        using var e = Embedding(5, 2, padding_idx: 4);
        e.forward(tensor(new long[] { 4, 1, 4 })).sum().backward();
        Assert.Equal(new[] { 0f, 0f }, e.weight.grad![4].data<float>().ToArray());
        Assert.Equal(new[] { 1f, 1f }, e.weight.grad![1].data<float>().ToArray());
        var weights = tensor(new[] { 1f, 2f, 3f, 4f }, [2, 2]);
        using var pre = Embedding_from_pretrained(weights);
        Assert.False(pre.weight.requires_grad);
        Assert.Equal(new[] { 3f, 4f }, pre.forward(tensor(new long[] { 1 })).data<float>().ToArray());
        using var tuned = Embedding_from_pretrained(weights, freeze: false);
        Assert.True(tuned.weight.requires_grad);
        Assert.StartsWith("Padding_idx must be within num_embeddings", Assert.ThrowsAny<Exception>(() => Embedding(3, 2, padding_idx: 3)).Message);
    }

    [Fact]
    public void LSTM_takes_initial_states_and_checks_shapes()
    {
        using var lstm = LSTM(3, 4, numLayers: 2, batchFirst: true);
        var x = randn(5, 7, 3);
        var h0 = zeros(2, 5, 4);
        var (o, h, c) = lstm.forward(x, (h0, h0));
        Assert.Equal(new long[] { 5, 7, 4 }, o.shape);
        Assert.Equal(new long[] { 2, 5, 4 }, h.shape);
        Assert.Equal(new long[] { 2, 5, 4 }, c.shape);
        var (o2, _, _) = lstm.forward(x);
        Assert.True(o.allclose(o2));
        Assert.StartsWith("input.size(-1) must be equal to input_size. Expected 3, got 2", Assert.ThrowsAny<Exception>(() => lstm.forward(randn(5, 7, 2))).Message);
        // libtorch's C++ frontend words it "size 2 5 4" (PyTorch's Python: "size (2, 5, 4)").
        Assert.StartsWith("Expected hidden[0] size 2 5 4, got [1, 5, 4]", Assert.ThrowsAny<Exception>(() => lstm.forward(x, (zeros(1, 5, 4), h0))).Message);
        Assert.Equal(new[] { "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1" },
            lstm.named_parameters().Select(p => p.name));
    }

    [Fact]
    public void Recurrent_layers_backpropagate()
    {
        using var gru = GRU(3, 4, bidirectional: true);
        var (o, h) = gru.forward(randn(6, 2, 3));
        Assert.Equal(new long[] { 6, 2, 8 }, o.shape);
        Assert.Equal(new long[] { 2, 2, 4 }, h.shape);
        o.sum().backward();
        Assert.All(gru.parameters(), p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void Activations_compute_what_they_say()
    {
        var x = tensor(new[] { -2f, 0f, 3f });
        Assert.Equal(new[] { 0f, 0f, 3f }, ReLU().forward(x).data<float>().ToArray());
        Assert.Equal(new[] { -0.02f, 0f, 3f }, LeakyReLU().forward(x).data<float>().ToArray());
        Assert.Equal(1f, Softmax(0).forward(x).sum().item<float>(), 5);
        Assert.True(LogSoftmax(0).forward(x).exp().allclose(Softmax(0).forward(x)));
        Assert.True(Sigmoid().forward(x).allclose(x.sigmoid()));
        Assert.True(Tanh().forward(x).allclose(x.tanh()));
        var y = x.clone();
        var r = ReLU(inplace: true).forward(y);
        Assert.Equal(new[] { 0f, 0f, 3f }, y.data<float>().ToArray());
        r[2] = 5f; // the same storage (TorchSharp returns another Tensor object over it)
        Assert.Equal(5f, y[2].item<float>());
    }

    [Fact]
    public void Shape_layers()
    {
        var x = ones(2, 3, 4, 5);
        Assert.Equal(new long[] { 2, 60 }, Flatten().forward(x).shape);
        Assert.Equal(new long[] { 120 }, Flatten(0).forward(x).shape);
        Assert.Equal(new long[] { 2, 3, 2, 2, 5 }, Unflatten(2, [2, 2]).forward(x).shape);
        Assert.True(Identity().forward(x).eq(x).all().item<bool>());
        Assert.Equal(new long[] { 2, 3, 8, 10 }, Upsample(scale_factor: [2, 2]).forward(x).shape);
        Assert.Equal(new long[] { 2, 3, 1, 1 }, AdaptiveAvgPool2d(1).forward(x).shape);
        Assert.Equal(new long[] { 2, 3, 2, 2 }, MaxPool2d(2).forward(x).shape);
        Assert.Equal(new long[] { 2, 3, 2, 2 }, AvgPool2d(2).forward(x).shape);
        Assert.Equal(new long[] { 2, 3, 4, 5 }, LayerNorm([4, 5]).forward(x).shape);
        Assert.Equal(new long[] { 2, 3, 9, 11 }, ConvTranspose2d(3, 3, 3, stride: 2).forward(x).shape);
    }

    [Fact]
    public void Functional_helpers()
    {
        Assert.Equal(new long[] { 0, 1, 0, 0, 0, 0, 1, 0 }, F.one_hot(tensor(new long[] { 1, 2 }), 4).reshape(-1).data<long>().ToArray());
        var p = F.pad(ones(1, 2), [1, 2], value: 5);
        Assert.Equal(new[] { 5f, 1f, 1f, 5f, 5f }, p.data<float>().ToArray());
        var circ = F.pad(tensor(new[] { 1f, 2f, 3f }, [1, 1, 3]), [1, 1], PaddingModes.Circular);
        Assert.Equal(new[] { 3f, 1f, 2f, 3f, 1f }, circ.data<float>().ToArray());
        Assert.Equal(new long[] { 1, 1, 4, 6 }, F.interpolate(ones(1, 1, 2, 3), size: [4, 6], mode: InterpolationMode.Bilinear).shape);
        Assert.StartsWith("either size or scale_factor should be defined", Assert.ThrowsAny<Exception>(() => F.interpolate(ones(1, 1, 2, 3))).Message);
        Assert.StartsWith("Padding length must be divisible by 2", Assert.ThrowsAny<Exception>(() => F.pad(ones(2), [1])).Message);
        var (o, i) = F.max_pool2d_with_indices(tensor(new[] { 1f, 5f, 3f, 2f }, [1, 1, 2, 2]), [2]);
        Assert.Equal(5f, o.item<float>());
        Assert.Equal(1L, i.item<long>());
    }

    [Fact]
    public void Init_checks_and_gains()
    {
        Assert.Equal(Math.Sqrt(2), init.calculate_gain(init.NonlinearityType.ReLU));
        Assert.Equal(5.0 / 3, init.calculate_gain(init.NonlinearityType.Tanh));
        Assert.Equal(Math.Sqrt(2.0 / (1 + 0.2 * 0.2)), init.calculate_gain(init.NonlinearityType.LeakyReLU, 0.2));
        Assert.StartsWith("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions",
            Assert.ThrowsAny<Exception>(() => init.xavier_uniform_(ones(3))).Message);
        var w = Parameter(empty(3, 3));
        init.constant_(w, 0.5);
        Assert.All(w.detach().data<float>().ToArray(), v => Assert.Equal(0.5f, v));
        init.zeros_(w);
        init.ones_(w);
        Assert.All(w.detach().data<float>().ToArray(), v => Assert.Equal(1f, v));
    }
}
