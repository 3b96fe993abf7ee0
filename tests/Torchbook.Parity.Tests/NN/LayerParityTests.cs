using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace Torchbook.Parity.Tests.NN;

/// <summary>
/// Each layer against PyTorch 1.13 (goldens/nn/layers.json, tests/parity/make_nn_goldens.py): seed k, build the layer
/// (its default initialisation draws from the seeded generator), draw the input with randn, compare the outputs.
/// Tolerance: rtol 1e-5, atol 1e-6 for forward outputs (convolutions and matmuls run through oneDNN/MKL in 2.10 and
/// through plain loops in Debian's 1.13, so sums are ordered differently); initial weights exact (init draws
/// are bit-identical).
/// </summary>
[Collection("libtorch global state")]
public class LayerParityTests
{
    private const string File = "nn/layers.json";

    private static void Check(string key, int seed, Func<Module?> make, long[] shape, Func<Module?, Tensor, Tensor[]>? run = null, double rtol = 1e-5, double atol = 1e-6)
    {
        using var scope = NewDisposeScope();
        manual_seed(seed);
        using var layer = make();
        var x = randn(shape);
        var outputs = run is null ? [((Module<Tensor, Tensor>)layer!).forward(x)] : run(layer, x);
        if (outputs.Length == 1) Goldens.AssertMatches(File, key, outputs[0], rtol, atol);
        else for (int i = 0; i < outputs.Length; i++) Goldens.AssertMatches(File, $"{key}/{i}", outputs[i], rtol, atol);
    }

    [Fact] public void Conv2d_stride_padding_groups_matches() => Check("conv2d", 1, () => Conv2d(4, 6, 3, stride: 2, padding: 1, groups: 2), [2, 4, 9, 9]);
    [Fact] public void Conv2d_dilation_rectangular_kernel_no_bias_matches() => Check("conv2d_dilated", 2, () => Conv2d(3, 5, (3, 2), padding: (2, 1), dilation: (2, 2), bias: false), [1, 3, 8, 7]);
    [Fact] public void Conv2d_padding_same_matches() => Check("conv2d_same", 3, () => Conv2d(2, 3, 4, Padding.Same), [1, 2, 6, 6]);
    [Fact] public void Conv2d_reflect_padding_mode_matches() => Check("conv2d_reflect", 4, () => Conv2d(2, 3, 3, padding: 1, padding_mode: PaddingModes.Reflect), [1, 2, 5, 5]);
    [Fact] public void Conv1d_matches() => Check("conv1d", 5, () => Conv1d(3, 4, 3, stride: 2), [2, 3, 11]);
    [Fact] public void ConvTranspose2d_matches() => Check("convt2d", 6, () => ConvTranspose2d(3, 2, 3, stride: 2, padding: 1, output_padding: 1), [1, 3, 4, 4]);
    [Fact] public void MaxPool2d_stride_padding_matches() => Check("maxpool2d", 7, () => MaxPool2d(3, stride: 2, padding: 1), [1, 2, 7, 7]);
    [Fact] public void MaxPool2d_ceil_mode_matches() => Check("maxpool2d_ceil", 8, () => MaxPool2d(2, ceil_mode: true), [1, 1, 5, 5]);
    [Fact] public void MaxPool1d_matches() => Check("maxpool1d", 9, () => MaxPool1d(2), [2, 3, 8]);
    [Fact] public void AvgPool2d_matches() => Check("avgpool2d", 10, () => AvgPool2d(3, stride: 2, padding: 1), [1, 2, 7, 7]);
    [Fact] public void AvgPool1d_matches() => Check("avgpool1d", 11, () => AvgPool1d(3), [1, 2, 9]);
    [Fact] public void AdaptiveAvgPool2d_matches() => Check("adaptive_avg2d", 12, () => AdaptiveAvgPool2d((3, 2)), [1, 2, 7, 5]);
    [Fact] public void AdaptiveAvgPool1d_matches() => Check("adaptive_avg1d", 13, () => AdaptiveAvgPool1d(4), [1, 2, 9]);
    [Fact] public void AdaptiveMaxPool2d_matches() => Check("adaptive_max2d", 14, () => AdaptiveMaxPool2d([2, 2]), [1, 2, 5, 5]);

    [Fact]
    public void BatchNorm2d_training_updates_running_statistics_matches() =>
        Check("batchnorm2d_train", 15, () => BatchNorm2d(3), [4, 3, 2, 2], (l, x) => { var bn = (BatchNorm)l!; return [bn.forward(x), bn.running_mean!, bn.running_var!]; });

    [Fact]
    public void BatchNorm1d_training_updates_running_statistics_matches() =>
        Check("batchnorm1d_train", 16, () => BatchNorm1d(5), [6, 5], (l, x) => { var bn = (BatchNorm)l!; return [bn.forward(x), bn.running_mean!, bn.running_var!]; });

    [Fact] public void LayerNorm_matches() => Check("layernorm", 17, () => LayerNorm([3, 4]), [2, 3, 4]);
    [Fact] public void Linear_matches() => Check("linear", 18, () => Linear(5, 3), [4, 5]);

    [Fact]
    public void LSTM_two_layers_bidirectional_batch_first_matches() =>
        Check("lstm", 19, () => LSTM(4, 6, numLayers: 2, bidirectional: true, batchFirst: true), [2, 5, 4],
            (l, x) => { var (o, h, c) = ((LSTM)l!).forward(x); return [o, h, c]; });

    [Fact]
    public void GRU_matches() => Check("gru", 20, () => GRU(4, 5), [3, 2, 4], (l, x) => { var (o, h) = ((GRU)l!).forward(x); return [o, h]; });

    [Fact]
    public void RNN_relu_two_layers_matches() => Check("rnn", 21, () => RNN(4, 5, numLayers: 2, nonLinearity: NonLinearities.ReLU), [3, 2, 4], (l, x) => { var (o, h) = ((RNN)l!).forward(x, null); return [o, h]; });

    [Fact] public void Upsample_nearest_matches() => Check("upsample_nearest", 22, () => Upsample(scale_factor: [2, 2]), [1, 1, 2, 3]); // PyTorch: scale_factor=2 (NNDeviationTests)
    [Fact] public void Upsample_bilinear_to_size_matches() => Check("upsample_bilinear", 23, () => Upsample(size: [5, 4], mode: UpsampleMode.Bilinear, align_corners: false), [1, 1, 2, 3]);
    [Fact] public void Pad_reflect_matches() => Check("pad_reflect", 24, () => null, [1, 1, 3, 3], (_, x) => [F.pad(x, [1, 2, 2, 1], PaddingModes.Reflect)]);
    [Fact] public void GELU_matches() => Check("gelu", 25, () => GELU(), [7]);
    [Fact] public void LeakyReLU_matches() => Check("leaky", 26, () => LeakyReLU(0.2), [7]);

    [Fact]
    public void Embedding_zeroes_the_padding_row_matches()
    {
        manual_seed(27);
        using var emb = Embedding(6, 3, padding_idx: 2);
        Goldens.AssertMatches(File, "embedding_pad/weight", emb.weight);
        Goldens.AssertMatches(File, "embedding_pad/out", emb.forward(tensor(new long[] { 0, 2, 5, 1, 1, 2 }, [2, 3])));
    }

    [Fact]
    public void Init_functions_draw_as_pytorch_matches()
    {
        manual_seed(28);
        var w = empty(4, 5);
        init.kaiming_uniform_(w);
        Goldens.AssertMatches(File, "init/kaiming_uniform", w);
        init.kaiming_normal_(w, mode: init.FanInOut.FanOut, nonlinearity: init.NonlinearityType.ReLU);
        Goldens.AssertMatches(File, "init/kaiming_normal", w);
        init.xavier_uniform_(w, gain: init.calculate_gain(init.NonlinearityType.Tanh));
        Goldens.AssertMatches(File, "init/xavier_uniform", w);
        // TorchSharp's init.xavier_normal_ draws uniform numbers (NNDeviationTests); PyTorch's is normal_(0, std) with
        // std = gain * sqrt(2 / (fan_in + fan_out)), here sqrt(2 / 9).
        w.normal_(0, Math.Sqrt(2.0 / (5 + 4)));
        Goldens.AssertMatches(File, "init/xavier_normal", w);
    }

    [Fact]
    public void Clip_grad_norm_scales_gradients_as_pytorch_matches()
    {
        manual_seed(29);
        // TorchSharp's clip_grad_norm_ takes Parameters (PyTorch: any tensors).
        var a = Parameter(randn(3, 4));
        var b = Parameter(randn(5));
        ((a * 3).sum() + b.pow(2).sum()).backward();
        var total = torch.nn.utils.clip_grad_norm_([a, b], 1.0);
        Assert.Equal(Goldens.Get(File, "clip/total").GetDouble(), total, 5);
        Goldens.AssertMatches(File, "clip/a_grad", a.grad!, rtol: 1e-5, atol: 1e-7);
        Goldens.AssertMatches(File, "clip/b_grad", b.grad!, rtol: 1e-5, atol: 1e-7);
    }
}
