using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook;

/// <summary>
/// The result of <see cref="Training.evaluate(nn.Module{Tensor, Tensor}, IEnumerable{ValueTuple{Tensor, Tensor}}, Func{Tensor, Tensor, Tensor}?)"/>:
/// mean loss over the examples (NaN without a loss function), accuracy (NaN when not a
/// classification) and the number of examples.
/// </summary>
public sealed record Evaluation(double loss, double accuracy, long count)
{
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var parts = new List<string>();
        if (!double.IsNaN(loss)) parts.Add(string.Format(c, "loss {0:0.0000}", loss));
        if (!double.IsNaN(accuracy)) parts.Add(string.Format(c, "accuracy {0:0.00%}", accuracy));
        parts.Add(string.Format(c, "{0:N0} examples", count));
        return string.Join(", ", parts);
    }
}

public static partial class Training
{
    /// <summary>
    /// Loss and accuracy of <paramref name="model"/> over every batch of <paramref name="loader"/>,
    /// without gradients and in eval mode (dropout off, batch norm on its running statistics); the
    /// model's mode is put back afterwards. Each batch's loss is weighted by its size, so the
    /// result is the mean over the examples when the loss averages over its batch.
    /// </summary>
    public static Evaluation evaluate(nn.Module<Tensor, Tensor> model, IEnumerable<(Tensor, Tensor)> loader, Func<Tensor, Tensor, Tensor>? loss_fn = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loader);
        var wasTraining = model.training;
        var device = Batches.DeviceOf(model);
        double lossSum = 0;
        long correct = 0, counted = 0, count = 0;
        bool classification = true;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            foreach (var (X, y) in loader)
            {
                using var scope = NewDisposeScope();
                var x = Batches.On(X, device);
                var t = Batches.On(y, device);
                var output = model.call(x);
                long n = Batches.BatchSize(x);
                if (loss_fn is not null) lossSum += loss_fn(output, t).ToDouble() * n;
                if (classification)
                {
                    if (CountCorrect(output, t) is var (c, total)) { correct += c; counted += total; }
                    else classification = false;
                }
                count += n;
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        return new Evaluation(loss_fn is null || count == 0 ? double.NaN : lossSum / count,
            classification && counted > 0 ? correct / (double)counted : double.NaN, count);
    }

    /// <inheritdoc cref="evaluate(nn.Module{Tensor, Tensor}, IEnumerable{ValueTuple{Tensor, Tensor}}, Func{Tensor, Tensor, Tensor}?)"/>
    public static Evaluation evaluate(nn.Module<Tensor, Tensor> model, IEnumerable<(Tensor, Tensor)> loader, nn.Module<Tensor, Tensor, Tensor> loss_fn)
    {
        ArgumentNullException.ThrowIfNull(loss_fn);
        return evaluate(model, loader, loss_fn.call);
    }

    /// <summary>evaluate for loaders whose batches are lists [inputs, labels] (a DataLoader over TensorDataset(X, y)).</summary>
    public static Evaluation evaluate(nn.Module<Tensor, Tensor> model, IEnumerable<IList<Tensor>> loader, Func<Tensor, Tensor, Tensor>? loss_fn = null) =>
        evaluate(model, new PairedBatches(loader ?? throw new ArgumentNullException(nameof(loader))), loss_fn);

    /// <summary>evaluate for loaders whose batches are lists [inputs, labels], with a loss module.</summary>
    public static Evaluation evaluate(nn.Module<Tensor, Tensor> model, IEnumerable<IList<Tensor>> loader, nn.Module<Tensor, Tensor, Tensor> loss_fn) =>
        evaluate(model, new PairedBatches(loader ?? throw new ArgumentNullException(nameof(loader))), loss_fn);
}
