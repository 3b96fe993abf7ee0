using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Torchbook.Parity.Tests.NN;

/// <summary>
/// The course's models (goldens/nn/models.json): same seed, same initial weights as PyTorch 1.13 (exact); outputs
/// within rtol 1e-5, atol 1e-6; running statistics rtol 1e-5, atol 1e-7.
/// </summary>
[Collection("libtorch global state")]
public class ModelParityTests
{
    // Exact: default initialisation under a seed draws PyTorch's numbers. Keys compared as a set: TorchSharp's
    // state_dict lists all parameters before all buffers (NNDeviationTests); PyTorch interleaves them by module.
    private static void AssertInitialWeights(string name, Module model)
    {
        var sd = model.state_dict();
        var keys = Goldens.Get("nn/models.json", name + "/keys").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(keys.Order(), sd.Keys.Order());
        foreach (var (k, v) in sd) Goldens.AssertMatches("nn/models.json", $"{name}/init/{k}", v);
    }

    [Fact]
    public void GarmentClassifier_initial_weights_are_bit_identical()
    {
        manual_seed(0);
        using var model = new GarmentClassifier();
        AssertInitialWeights("garment", model);
    }

    [Fact]
    public void LSTM_classifier_initial_weights_and_output_match()
    {
        manual_seed(0);
        using var model = new LSTMClassifier();
        AssertInitialWeights("lstm", model);
        using var tokens = Goldens.Tensor("nn/models.json", "lstm/tokens");
        Goldens.AssertMatches("nn/models.json", "lstm/output", model.forward(tokens), rtol: 1e-5, atol: 1e-6);
    }

    [Fact]
    public void BatchNorm_CNN_weights_running_statistics_and_eval_output_match()
    {
        manual_seed(0);
        using var model = Nets.BnCnn();
        AssertInitialWeights("bn_cnn", model);
        var x = randn(4, 3, 8, 8);
        Goldens.AssertMatches("nn/models.json", "bn_cnn/train_output", model.forward(x), rtol: 1e-5, atol: 1e-6);
        var bn = (BatchNorm)model[1];
        Goldens.AssertMatches("nn/models.json", "bn_cnn/running_mean", bn.running_mean!, rtol: 1e-5, atol: 1e-7);
        Goldens.AssertMatches("nn/models.json", "bn_cnn/running_var", bn.running_var!, rtol: 1e-5, atol: 1e-7);
        Assert.Equal(1, bn.num_batches_tracked!.item<long>());
        model.eval();
        Goldens.AssertMatches("nn/models.json", "bn_cnn/eval_output", model.forward(x), rtol: 1e-5, atol: 1e-6);
    }

    [Fact]
    public void Cifar2_net_initial_weights_match()
    {
        manual_seed(0);
        using var model = Nets.Cifar2();
        AssertInitialWeights("cifar2", model);
    }
}
