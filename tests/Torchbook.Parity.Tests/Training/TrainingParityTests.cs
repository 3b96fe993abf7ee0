using Torchbook.Parity.Tests.NN;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Torchbook.Parity.Tests.Training;

/// <summary>
/// A training loop as chapter 4 writes it, against PyTorch 1.13 (goldens/nn/training.json): seed 0, the
/// GarmentClassifier, SGD with momentum, 50 steps on one fixed batch. Tolerance: each loss within 1e-4 and the
/// final fc3.bias within atol 1e-4 (float32 rounding differences between the two libtorch builds compound over 50 steps).
/// </summary>
[Collection("libtorch global state")]
public class TrainingParityTests
{
    [Fact]
    public void Fifty_SGD_steps_of_GarmentClassifier_give_pytorchs_losses()
    {
        using var data = NewDisposeScope();
        var x = Goldens.Tensor("nn/training.json", "inputs");
        var y = Goldens.Tensor("nn/training.json", "labels");
        var expected = Goldens.Doubles("nn/training.json", "losses");
        manual_seed(0);
        using var model = new GarmentClassifier();
        using var optimizer = optim.SGD(model.parameters(), 1e-3, momentum: 0.9);
        var lossFn = CrossEntropyLoss();
        for (int i = 0; i < 50; i++)
        {
            using var step = NewDisposeScope();
            optimizer.zero_grad();
            var loss = lossFn.forward(model.forward(x), y);
            loss.backward();
            optimizer.step();
            Assert.True(Math.Abs(loss.item<float>() - expected[i]) <= 1e-4, $"step {i}: loss {loss.item<float>()}, PyTorch {expected[i]}");
        }
        Goldens.AssertMatches("nn/training.json", "final/fc3.bias", model.get_parameter("fc3.bias")!, atol: 1e-4);
    }
}
