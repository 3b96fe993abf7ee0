using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Torchbook.Parity.Tests.NN;

/// <summary>The course's models, written as a learner writes them in C# (TorchSharp style).</summary>
internal sealed class GarmentClassifier : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> conv1 = Conv2d(1, 6, 5);
    private readonly Module<Tensor, Tensor> pool = MaxPool2d(2, 2);
    private readonly Module<Tensor, Tensor> conv2 = Conv2d(6, 16, 5);
    private readonly Module<Tensor, Tensor> fc1 = Linear(16 * 4 * 4, 120);
    private readonly Module<Tensor, Tensor> fc2 = Linear(120, 84);
    private readonly Module<Tensor, Tensor> fc3 = Linear(84, 10);

    public GarmentClassifier() : base(nameof(GarmentClassifier)) => RegisterComponents();

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        x = pool.forward(functional.relu(conv1.forward(x)));
        x = pool.forward(functional.relu(conv2.forward(x)));
        x = x.view(-1, 16 * 4 * 4);
        x = functional.relu(fc1.forward(x));
        x = functional.relu(fc2.forward(x));
        return fc3.forward(x).MoveToOuterDisposeScope();
    }
}

internal sealed class LSTMClassifier : Module<Tensor, Tensor>
{
    private readonly Embedding embedding = Embedding(100, 16);
    private readonly LSTM lstm = LSTM(16, 32, batchFirst: true);
    private readonly Linear fc = Linear(32, 2);

    public LSTMClassifier() : base(nameof(LSTMClassifier)) => RegisterComponents();

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (output, h, c) = lstm.forward(embedding.forward(x));
        return fc.forward(h[-1]).MoveToOuterDisposeScope();
    }
}

internal static class Nets
{
    public static Sequential BnCnn() => Sequential(Conv2d(3, 8, 3, padding: 1), BatchNorm2d(8), ReLU(), MaxPool2d(2), Flatten(), Linear(8 * 4 * 4, 10));

    public static Sequential Cifar2() => Sequential(
        Conv2d(3, 16, 3, padding: 1), Tanh(), MaxPool2d(2),
        Conv2d(16, 8, 3, padding: 1), Tanh(), MaxPool2d(2),
        Flatten(), Linear(8 * 8 * 8, 32), Tanh(), Linear(32, 2));
}
