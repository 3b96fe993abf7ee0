using TorchSharp;
using Torchbook.Plots;
using static TorchSharp.torch;

namespace Torchbook;

public static partial class Training
{
    /// <summary>
    /// Counts of (true class, predicted class) pairs: an int64 tensor <paramref name="num_classes"/> x
    /// <paramref name="num_classes"/> whose row i, column j counts the examples of class i predicted
    /// as class j (scikit-learn's layout; the diagonal holds the correct ones).
    /// <paramref name="predictions"/> are class indices (N), or the model's output N x C (its argmax is taken);
    /// <paramref name="labels"/> are class indices (N).
    /// </summary>
    public static Tensor confusion_matrix(Tensor predictions, Tensor labels, int num_classes)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(labels);
        if (num_classes <= 0) throw new ArgumentOutOfRangeException(nameof(num_classes), num_classes, "confusion_matrix: num_classes must be at least 1.");
        using var scope = NewDisposeScope();
        var predicted = predictions.ndim == 2 ? predictions.argmax(1) : predictions;
        if (predicted.ndim != 1 || labels.ndim != 1 || predicted.shape[0] != labels.shape[0])
            throw new ArgumentException(
                $"confusion_matrix: expected predictions N (class indices) or N x C (outputs) and labels N, got predictions [{string.Join(", ", predictions.shape)}] and labels [{string.Join(", ", labels.shape)}].");
        if (!predicted.is_integral() || !labels.is_integral())
            throw new ArgumentException($"confusion_matrix: class indices must be integers, got predictions {predicted.dtype} and labels {labels.dtype}. " +
                "For one-hot labels pass labels.argmax(1).");
        var p = predicted.to(ScalarType.Int64);
        var t = labels.to(ScalarType.Int64);
        if (t.numel() > 0)
        {
            foreach (var (x, name) in new[] { (p, "predictions"), (t, "labels") })
            {
                long min = x.min().ToInt64(), max = x.max().ToInt64();
                if (min < 0 || max >= num_classes)
                    throw new ArgumentException($"confusion_matrix: {name} run from {min} to {max}, outside 0 to {num_classes - 1} for num_classes = {num_classes}.");
            }
        }
        return t.mul(num_classes).add(p).bincount(null, minlength: (long)num_classes * num_classes)
            .view(num_classes, num_classes).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The picture of a confusion matrix (from <see cref="confusion_matrix"/>): true classes down,
    /// predicted classes across, named by <paramref name="class_names"/>; <paramref name="normalize"/>
    /// shows each row as fractions of its class.
    /// </summary>
    public static Heatmap plot_confusion_matrix(Tensor matrix, IReadOnlyList<string>? class_names = null, bool normalize = false,
        string? title = "Confusion matrix")
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.ndim != 2 || matrix.shape[0] != matrix.shape[1])
            throw new ArgumentException($"plot_confusion_matrix: expected a square matrix of counts (classes x classes), got [{string.Join(", ", matrix.shape)}].", nameof(matrix));
        int n = (int)matrix.shape[0];
        if (class_names is not null && class_names.Count != n)
            throw new ArgumentException($"plot_confusion_matrix: {class_names.Count} class names for a {n} x {n} matrix; give one name per class.", nameof(class_names));
        var values = matrix.to(ScalarType.Int64).Values<long>();
        var counts = new long[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) counts[i, j] = values[i * n + j];
        return Plot.ConfusionMatrix(counts, class_names, normalize, title);
    }
}
