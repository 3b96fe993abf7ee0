using TorchSharp;
using Torchbook.Plots;
using static TorchSharp.torch;
using static Torchbook.Training;

namespace Torchbook.Tests.Training;

public class MetricsTests
{
    [Fact]
    public void Accuracy_reads_class_indices_one_hot_labels_and_binary_logits()
    {
        using var logits = tensor(new float[,] { { 2, 1, 0 }, { 0, 3, 1 }, { 1, 0, 4 }, { 5, 0, 0 } });
        using var labels = tensor(new long[] { 0, 1, 1, 2 });
        Assert.Equal(0.5, accuracy(logits, labels));
        using var oneHot = nn.functional.one_hot(labels, 3).to(ScalarType.Float32);
        Assert.Equal(0.5, accuracy(logits, oneHot));
        using var binaryLogits = tensor(new float[] { -1, 2, 0.5f, -3 });
        using var binaryLabels = tensor(new float[] { 0, 1, 0, 0 });
        Assert.Equal(0.75, accuracy(binaryLogits, binaryLabels));
        using var column = binaryLogits.view(4, 1);
        using var columnLabels = binaryLabels.view(4, 1);
        Assert.Equal(0.75, accuracy(column, columnLabels));
        // Per-pixel labels: N x C x H x W scores against N x H x W classes.
        using var pixels = zeros(2, 3, 2, 2);
        pixels[TensorIndex.Colon, 1].fill_(1);
        using var pixelLabels = ones(new long[] { 2, 2, 2 }, ScalarType.Int64);
        pixelLabels[0, 0, 0].fill_(2);
        Assert.Equal(7 / 8.0, accuracy(pixels, pixelLabels));
    }

    [Fact]
    public void Accuracy_refuses_a_regression_and_says_what_it_expects()
    {
        using var outputs = randn(5);
        using var targets = randn(5);
        var e = Assert.Throws<ArgumentException>(() => accuracy(outputs, targets));
        Assert.Contains("not a classification", e.Message);
        using var wide = randn(5, 3);
        using var labels = tensor(new long[] { 0, 1, 2, 0 });
        Assert.Throws<ArgumentException>(() => accuracy(wide, labels)); // 5 outputs, 4 labels
    }

    [Fact]
    public void The_confusion_matrix_counts_true_classes_down_and_predictions_across()
    {
        using var predicted = tensor(new long[] { 0, 1, 1, 2, 2, 2, 0 });
        using var actual = tensor(new long[] { 0, 1, 2, 2, 2, 1, 0 });
        using var m = confusion_matrix(predicted, actual, 3);
        Assert.Equal(ScalarType.Int64, m.dtype);
        Assert.Equal(new long[] { 2, 0, 0, 0, 1, 1, 0, 1, 2 }, m.data<long>().ToArray());
        // From outputs: their argmax is taken.
        using var outputs = nn.functional.one_hot(predicted, 3).to(ScalarType.Float32);
        using var fromOutputs = confusion_matrix(outputs, actual, 3);
        Assert.True(fromOutputs.SameAs(m));
        var chart = plot_confusion_matrix(m, ["cat", "dog", "bird"]);
        Assert.Contains("bird", chart.ToSvg());
    }

    [Fact]
    public void The_confusion_matrix_names_what_is_out_of_range()
    {
        using var predicted = tensor(new long[] { 0, 3 });
        using var actual = tensor(new long[] { 0, 1 });
        Assert.Contains("predictions run from 0 to 3", Assert.Throws<ArgumentException>(() => confusion_matrix(predicted, actual, 3)).Message);
        using var shorter = tensor(new long[] { 0 });
        Assert.Throws<ArgumentException>(() => confusion_matrix(predicted, shorter, 4));
        using var m = zeros(new long[] { 2, 2 }, ScalarType.Int64);
        Assert.Contains("2 x 2", Assert.Throws<ArgumentException>(() => plot_confusion_matrix(m, ["a", "b", "c"])).Message);
    }

    [Fact]
    public void The_timer_reports_runs_and_examples_per_second()
    {
        var timer = new Timer();
        var first = timer.stop(examples: 100);
        timer.start();
        var second = timer.stop(examples: 300);
        Assert.Equal([first, second], timer.times);
        Assert.Equal(first + second, timer.sum(), 12);
        Assert.Equal((first + second) / 2, timer.avg(), 12);
        Assert.Equal([first, first + second], timer.cumsum());
        Assert.Equal(400, timer.examples);
        Assert.Equal(400 / (first + second), timer.examples_per_second, 6);
        Assert.Contains("examples/s", timer.ToString());
        Assert.Throws<InvalidOperationException>(() => timer.stop());
    }
}
