using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook;

public static partial class Training
{
    /// <summary>
    /// The fraction of examples classified correctly (0 to 1). <paramref name="output"/> is what the
    /// model returned (logits or probabilities), <paramref name="labels"/> what the loss compares it with:
    /// <list type="bullet">
    /// <item>class indices: labels N (integers), output N x C (or N x C x ... for per-pixel labels N x ...): the class is output.argmax(1);</item>
    /// <item>one-hot or soft labels: labels and output both N x C: argmax of each;</item>
    /// <item>binary: labels N or N x 1 of 0 and 1, output logits of the same shape (as BCEWithLogitsLoss takes): positive when the logit is above 0.</item>
    /// </list>
    /// Anything else (a regression) has no accuracy: the error says what was given.
    /// </summary>
    public static double accuracy(Tensor output, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(labels);
        var counted = CountCorrect(output, labels)
            ?? throw new ArgumentException(
                $"accuracy: output [{string.Join(", ", output.shape)}] ({output.dtype}) and labels [{string.Join(", ", labels.shape)}] ({labels.dtype}) are not a classification: " +
                "expected class indices (labels N of integers, output N x C), one-hot labels (both N x C) or binary 0/1 labels with logits of the same shape.");
        return counted.total == 0 ? double.NaN : counted.correct / (double)counted.total;
    }

    /// <summary>Correct and total counts for <see cref="accuracy"/>, or null when the pair is not a classification.</summary>
    internal static (long correct, long total)? CountCorrect(Tensor output, Tensor labels)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var o = output.shape;
        var l = labels.shape;
        if (labels.is_integral() && o.Length == l.Length + 1 && o.Length >= 2 && o[0] == l[0] && o.Skip(2).SequenceEqual(l.Skip(1)))
            return (output.argmax(1).eq(labels).sum().ToInt64(), labels.numel());
        if (!o.SequenceEqual(l)) return null;
        if (o.Length >= 2 && o[1] > 1)
            return labels.is_floating_point() ? (output.argmax(1).eq(labels.argmax(1)).sum().ToInt64(), labels.numel() / l[1]) : null;
        if (o.Length == 1 || (o.Length == 2 && o[1] == 1))
        {
            bool binary = labels.eq(0).logical_or(labels.eq(1)).all().item<bool>();
            if (!binary) return null;
            return (output.gt(0).eq(labels.gt(0.5)).sum().ToInt64(), labels.numel());
        }
        return null;
    }
}
