using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook;

/// <summary>
/// What <c>Training.predict</c> returns: the model's outputs for every example, in order, and the
/// labels the loader gave with them (null when predicting from a tensor of inputs).
/// <see cref="classes"/> and <see cref="probabilities"/> read the outputs as a classifier's logits.
/// The tensors belong to this object: dispose it, or let the dispose scope it was made in do so.
/// </summary>
public sealed class Predictions : IDisposable
{
    private Tensor? _classes, _probabilities;

    internal Predictions(Tensor outputs, Tensor? labels)
    {
        this.outputs = outputs;
        this.labels = labels;
    }

    /// <summary>The model's outputs, N x ... (logits for a classifier).</summary>
    public Tensor outputs { get; }

    /// <summary>The labels from the loader, N (null when predicting from inputs alone).</summary>
    public Tensor? labels { get; }

    public long Count => outputs.shape[0];

    /// <summary>The predicted class of each example: argmax over the classes (N x C outputs), or logit above 0 (binary, N or N x 1 outputs).</summary>
    public Tensor classes => _classes ??= Make(() => IsBinary ? outputs.gt(0).view(-1).to(ScalarType.Int64) : RequireClasses().argmax(1));

    /// <summary>Probabilities: softmax over the classes (N x C outputs), or sigmoid of the logit (binary outputs: probability of class 1).</summary>
    public Tensor probabilities => _probabilities ??= Make(() => IsBinary ? outputs.sigmoid().view(-1) : RequireClasses().softmax(1));

    /// <summary>The fraction of examples whose predicted class is their label (see <see cref="Training.accuracy"/>).</summary>
    public double accuracy => Training.accuracy(outputs, labels ?? throw new InvalidOperationException("Predictions: there are no labels (the predictions were made from inputs alone)."));

    /// <summary>The confusion matrix of <see cref="classes"/> against <see cref="labels"/>.</summary>
    public Tensor confusion_matrix(int num_classes) =>
        Training.confusion_matrix(classes, labels ?? throw new InvalidOperationException("Predictions: there are no labels to compare with."), num_classes);

    private bool IsBinary => outputs.ndim == 1 || (outputs.ndim == 2 && outputs.shape[1] == 1);

    private Tensor RequireClasses() => outputs.ndim == 2
        ? outputs
        : throw new InvalidOperationException($"Predictions: outputs of shape [{string.Join(", ", outputs.shape)}] are not N x C class scores; use outputs directly.");

    private static Tensor Make(Func<Tensor> f)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return f().DetachFromDisposeScope();
    }

    public void Dispose()
    {
        outputs.Dispose();
        labels?.Dispose();
        _classes?.Dispose();
        _probabilities?.Dispose();
    }

    public override string ToString() =>
        $"Predictions: {Count} examples, outputs [{string.Join(", ", outputs.shape)}]" + (labels is null ? "" : ", with labels");
}

public static partial class Training
{
    /// <summary>
    /// Runs <paramref name="model"/> over every batch of <paramref name="loader"/> (no gradients, eval
    /// mode, the mode put back afterwards) and keeps the outputs and the labels, in order:
    /// <c>var p = predict(model, test_loader); p.classes; p.probabilities; p.confusion_matrix(10)</c>.
    /// </summary>
    public static Predictions predict(nn.Module<Tensor, Tensor> model, IEnumerable<(Tensor, Tensor)> loader)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loader);
        var outputs = new List<Tensor>();
        var labels = new List<Tensor>();
        try
        {
            RunEval(model, () =>
            {
                var device = Batches.DeviceOf(model);
                foreach (var (X, y) in loader)
                {
                    using var scope = NewDisposeScope();
                    outputs.Add(model.call(Batches.On(X, device)).detach().DetachFromDisposeScope());
                    labels.Add(y.clone().DetachFromDisposeScope());
                }
            });
            if (outputs.Count == 0) throw new ArgumentException("predict: the loader gave no batches.", nameof(loader));
            using var scope = NewDisposeScope();
            var o = cat(outputs, 0).MoveToOuterDisposeScope();
            var l = cat(labels, 0).MoveToOuterDisposeScope();
            return new Predictions(o, l);
        }
        finally
        {
            foreach (var t in outputs) t.Dispose();
            foreach (var t in labels) t.Dispose();
        }
    }

    /// <summary>
    /// Runs <paramref name="model"/> over <paramref name="inputs"/> (examples along the first dimension)
    /// in batches of <paramref name="batch_size"/>, without gradients and in eval mode.
    /// </summary>
    public static Predictions predict(nn.Module<Tensor, Tensor> model, Tensor inputs, int batch_size = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        if (batch_size <= 0) throw new ArgumentOutOfRangeException(nameof(batch_size), batch_size, "predict: batch_size must be positive.");
        if (inputs.ndim == 0) throw new ArgumentException("predict: inputs need a first dimension of examples; a single example needs .unsqueeze(0).", nameof(inputs));
        var outputs = new List<Tensor>();
        try
        {
            RunEval(model, () =>
            {
                var device = Batches.DeviceOf(model);
                long n = inputs.shape[0];
                for (long start = 0; start < n; start += batch_size)
                {
                    using var scope = NewDisposeScope();
                    var x = Batches.On(inputs.narrow(0, start, Math.Min(batch_size, n - start)), device);
                    outputs.Add(model.call(x).detach().DetachFromDisposeScope());
                }
            });
            if (outputs.Count == 0) throw new ArgumentException("predict: inputs hold no examples.", nameof(inputs));
            using var scope = NewDisposeScope();
            return new Predictions(cat(outputs, 0).MoveToOuterDisposeScope(), null);
        }
        finally
        {
            foreach (var t in outputs) t.Dispose();
        }
    }

    /// <summary>predict for loaders whose batches are lists [inputs, labels] (a DataLoader over TensorDataset(X, y)).</summary>
    public static Predictions predict(nn.Module<Tensor, Tensor> model, IEnumerable<IList<Tensor>> loader) =>
        predict(model, new PairedBatches(loader ?? throw new ArgumentNullException(nameof(loader))));

    private static void RunEval(nn.Module model, Action body)
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            body();
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
