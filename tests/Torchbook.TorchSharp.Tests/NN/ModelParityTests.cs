using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Torchbook.TorchSharp.Tests.NN;

/// <summary>Same seed, same network, same numbers as PyTorch 1.13.</summary>
[Collection("libtorch global state")]
public class ModelParityTests
{
    private static void AssertInitialWeights(string name, Module model)
    {
        var sd = model.state_dict();
        var keys = NNGoldens.Get("models.json", name + "/keys").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(keys, sd.Keys.ToArray());
        foreach (var (k, v) in sd) NNGoldens.AssertMatches("models.json", $"{name}/init/{k}", v);
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
        using var tokens = NNGoldens.Tensor("models.json", "lstm/tokens");
        NNGoldens.AssertMatches("models.json", "lstm/output", model.forward(tokens), rtol: 1e-5, atol: 1e-6);
    }

    [Fact]
    public void BatchNorm_CNN_weights_running_statistics_and_eval_output_match()
    {
        manual_seed(0);
        using var model = Nets.BnCnn();
        AssertInitialWeights("bn_cnn", model);
        var x = randn(4, 3, 8, 8);
        NNGoldens.AssertMatches("models.json", "bn_cnn/train_output", model.forward(x), rtol: 1e-5, atol: 1e-6);
        var bn = (BatchNorm)model[1];
        NNGoldens.AssertMatches("models.json", "bn_cnn/running_mean", bn.running_mean!, rtol: 1e-5, atol: 1e-7);
        NNGoldens.AssertMatches("models.json", "bn_cnn/running_var", bn.running_var!, rtol: 1e-5, atol: 1e-7);
        Assert.Equal(1, bn.num_batches_tracked!.item<long>());
        model.eval();
        NNGoldens.AssertMatches("models.json", "bn_cnn/eval_output", model.forward(x), rtol: 1e-5, atol: 1e-6);
    }

    [Fact]
    public void Cifar2_net_initial_weights_match()
    {
        manual_seed(0);
        using var model = Nets.Cifar2();
        AssertInitialWeights("cifar2", model);
    }

    [Fact]
    public void Fifty_SGD_steps_of_GarmentClassifier_give_pytorchs_losses()
    {
        var x = NNGoldens.Tensor("training.json", "inputs");
        var y = NNGoldens.Tensor("training.json", "labels");
        var expected = NNGoldens.Doubles("training.json", "losses");
        manual_seed(0);
        using var model = new GarmentClassifier();
        using var optimizer = optim.SGD(model.parameters(), 1e-3, momentum: 0.9);
        var lossFn = CrossEntropyLoss();
        for (int i = 0; i < 50; i++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = lossFn.forward(model.forward(x), y);
            loss.backward();
            optimizer.step();
            Assert.True(Math.Abs(loss.item<float>() - expected[i]) <= 1e-4, $"step {i}: loss {loss.item<float>()}, PyTorch {expected[i]}");
        }
        NNGoldens.AssertMatches("training.json", "final/fc3.bias", model.get_submodule("fc3")!.get_parameter("bias")!, atol: 1e-4);
    }

    [Fact]
    public void Parameter_prints_as_pytorch_prints_it()
    {
        manual_seed(0);
        using var l = Linear(3, 2);
        Assert.Equal(NNGoldens.String("repr.json", "parameter_repr"), l.bias!.ToString());
    }
}
