using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace Torchbook.Parity.Tests.Deviations;

/// <summary>Where TorchSharp 0.107's torch.nn differs from PyTorch's (convention: see TensorDeviationTests).</summary>
[Collection("libtorch global state")]
public class NNDeviationTests
{
    [Fact]
    public void Xavier_normal_draws_uniform_numbers()
    {
        using var scope = NewDisposeScope();
        // PyTorch: init.xavier_normal_(w) is w.normal_(0, gain * sqrt(2 / (fan_in + fan_out))). TorchSharp's
        // init.xavier_normal_ (and glorot_normal_) call the native xavier_uniform_: the same numbers as xavier_uniform_.
        manual_seed(3);
        var normal = init.xavier_normal_(empty(4, 5));
        manual_seed(3);
        var uniform = init.xavier_uniform_(empty(4, 5));
        Assert.True(normal.allclose(uniform, 0, 0));
        Assert.True((normal.abs() <= Math.Sqrt(6.0 / 9)).all().item<bool>());
    }

    [Fact]
    public void Upsample_needs_a_scale_factor_per_spatial_dimension()
    {
        using var scope = NewDisposeScope();
        // PyTorch: nn.Upsample(scale_factor=2) scales every spatial dimension. TorchSharp passes the list as given.
        using var one = Upsample(scale_factor: [2]);
        Assert.Contains("scale_factor shape must match input shape", Assert.ThrowsAny<Exception>(() => one.forward(ones(1, 1, 2, 3))).Message);
        using var two = Upsample(scale_factor: [2, 2]);
        Assert.Equal(new long[] { 1, 1, 4, 6 }, two.forward(ones(1, 1, 2, 3)).shape);
    }

    [Fact]
    public void State_dict_lists_parameters_before_buffers()
    {
        // PyTorch: 0.weight, 0.bias, 1.weight, 1.bias, 1.running_mean, 1.running_var, 1.num_batches_tracked, 2.weight, 2.bias.
        using var model = Sequential(Linear(2, 2), BatchNorm1d(2), Linear(2, 1));
        Assert.Equal(new[] { "0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked" },
            model.state_dict().Keys);
    }

    [Fact]
    public void Loss_arguments_that_are_missing_or_named_differently()
    {
        // PyTorch: nn.CrossEntropyLoss(label_smoothing=0.1); TorchSharp's module has no label_smoothing (F.cross_entropy has).
        Assert.DoesNotContain(typeof(nn).GetMethod(nameof(CrossEntropyLoss))!.GetParameters(), p => p.Name == "label_smoothing");
        Assert.Contains(typeof(F).GetMethod(nameof(F.cross_entropy))!.GetParameters(), p => p.Name == "label_smoothing");
        // PyTorch: pos_weight=; TorchSharp: pos_weights: (BCEWithLogitsLoss and binary_cross_entropy_with_logits).
        Assert.Contains(typeof(nn).GetMethod(nameof(BCEWithLogitsLoss))!.GetParameters(), p => p.Name == "pos_weights");
        Assert.Contains(typeof(F).GetMethod(nameof(F.binary_cross_entropy_with_logits))!.GetParameters(), p => p.Name == "pos_weights");
        // PyTorch: nn.NLLLoss(ignore_index=...); TorchSharp's module has none.
        Assert.DoesNotContain(typeof(nn).GetMethod(nameof(NLLLoss))!.GetParameters(), p => p.Name == "ignore_index");
    }

    [Fact]
    public void Signatures_that_take_less_than_pytorchs()
    {
        // PyTorch: nn.AdaptiveMaxPool2d(2); TorchSharp: AdaptiveMaxPool2d(new long[] { 2, 2 }) only.
        Assert.All(typeof(nn).GetMethods().Where(m => m.Name == nameof(AdaptiveMaxPool2d)), m => Assert.Equal(typeof(long[]), m.GetParameters()[0].ParameterType));
        // PyTorch: rnn(x) with h0 optional; TorchSharp's RNN.forward(x, h0) needs h0 (null for zeros).
        Assert.False(typeof(TorchSharp.Modules.RNN).GetMethod("forward", [typeof(Tensor), typeof(Tensor)])!.GetParameters()[1].HasDefaultValue);
        // PyTorch: clip_grad_norm_ of any tensors; TorchSharp: of Parameters.
        Assert.Equal(typeof(IEnumerable<Parameter>), typeof(nn.utils).GetMethod(nameof(nn.utils.clip_grad_norm_))!.GetParameters()[0].ParameterType);
        // PyTorch: model.get_submodule("fc3"); TorchSharp's Module has get_parameter and get_buffer but no get_submodule.
        Assert.Null(typeof(Module).GetMethod("get_submodule"));
    }

    [Fact]
    public void Layers_check_their_input_with_their_own_messages()
    {
        using var scope = NewDisposeScope();
        // PyTorch: Conv2d(3, 6, 3)(x) of a 1-channel x says libtorch's "Given groups=1, weight of size [6, 3, 3, 3], expected
        // input[1, 1, 8, 8] to have 3 channels, but got 1 channels instead" (F.conv2d still does: LearnerMistakeTests).
        using var conv = Conv2d(3, 6, 3);
        var e = Assert.Throws<ArgumentException>(() => conv.forward(ones(1, 1, 8, 8)));
        Assert.Equal("Expected 3D (unbatched) or 4D (batched) input with 3 channels to Conv2d.", e.Message);
        // PyTorch: "expected 4D input (got 2D input)".
        using var bn = BatchNorm2d(3);
        Assert.Equal("expected 4D input, but got 2D input.", Assert.Throws<ArgumentException>(() => bn.forward(ones(2, 3))).Message);
    }

    [Fact]
    public void BatchNorm_trains_on_a_batch_of_one()
    {
        using var scope = NewDisposeScope();
        // PyTorch: BatchNorm1d(3)(torch.ones(1, 3)) in training raises "Expected more than 1 value per channel when training,
        // got input size torch.Size([1, 3])". TorchSharp normalises the single sample (to zeros) and updates the running statistics.
        using var bn = BatchNorm1d(3);
        var y = bn.forward(ones(1, 3));
        Assert.True(y.eq(0).all().item<bool>());
        Assert.Equal(1, bn.num_batches_tracked!.item<long>());
    }
}
