using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using static Torchbook.Training;

namespace Torchbook.Tests.Training;

[Collection("global state")]
public class EvaluateAndPredictTests
{
    [Fact]
    public void Evaluate_runs_in_eval_mode_without_gradients_and_puts_the_mode_back()
    {
        var (X, y) = SyntheticData.Blobs(50, seed: 20);
        manual_seed(1);
        var model = Sequential(Linear(2, 8), Dropout(0.5), Linear(8, 2));
        var seen = new List<(bool training, bool grad)>();
        Func<Tensor, Tensor, Tensor> loss = (o, t) =>
        {
            seen.Add((model.training, o.requires_grad));
            return functional.cross_entropy(o, t);
        };
        var first = evaluate(model, SyntheticData.Batches(X, y, 16), loss);
        var second = evaluate(model, SyntheticData.Batches(X, y, 16), loss);
        Assert.Equal(first, second); // dropout off: the same numbers twice
        Assert.All(seen, s => Assert.Equal((false, false), s));
        Assert.True(model.training);
        model.eval();
        evaluate(model, SyntheticData.Batches(X, y, 16));
        Assert.False(model.training);

        using var all = functional.cross_entropy(model.call(X), y);
        Assert.Equal(all.item<float>(), first.loss, 5);
        Assert.Equal(50, first.count);
        Assert.True(double.IsNaN(evaluate(model, SyntheticData.Batches(X, y, 16)).loss));
    }

    [Fact]
    public void Predict_keeps_outputs_and_labels_in_order_with_classes_and_probabilities()
    {
        var (X, y) = SyntheticData.Blobs(70, seed: 21);
        var model = SyntheticData.Mlp(2);
        using var p = predict(model, SyntheticData.Batches(X, y, 16));
        Assert.Equal(70, p.Count);
        Assert.True(p.labels!.SameAs(y));
        using var direct = model.call(X);
        Assert.True(p.outputs.allclose(direct, 1e-6, 1e-6));
        Assert.True(p.classes.SameAs(direct.argmax(1)));
        using var sums = p.probabilities.sum(1);
        Assert.True(sums.allclose(ones(70), 1e-6, 1e-6));
        Assert.Equal(accuracy(direct, y), p.accuracy);
        using var cm = p.confusion_matrix(2);
        Assert.Equal(70, cm.sum().item<long>());

        using var fromInputs = predict(model, X, batch_size: 32);
        Assert.Null(fromInputs.labels);
        Assert.True(fromInputs.outputs.allclose(direct, 1e-6, 1e-6));
        Assert.Throws<InvalidOperationException>(() => fromInputs.accuracy);
    }

    [Fact]
    public void Predict_reads_a_binary_classifier()
    {
        manual_seed(3);
        var model = Linear(2, 1);
        var X = randn(10, 2);
        using var p = predict(model, X);
        using var logits = model.call(X).view(-1);
        Assert.True(p.classes.SameAs(logits.gt(0).to(ScalarType.Int64)));
        Assert.True(p.probabilities.allclose(logits.sigmoid(), 1e-6, 1e-6));
    }
}
