using System.Globalization;

namespace Torchbook;

/// <summary>
/// What one epoch of <see cref="Trainer.Fit"/> measured. Losses are means over the examples (each
/// batch's loss weighted by its size); accuracies are fractions (0 to 1), NaN when the task is not
/// a classification (see <see cref="Training.accuracy"/>); validation values are NaN without a
/// validation loader. <see cref="lr"/> is the first parameter group's learning rate at the start of
/// the epoch; <see cref="seconds"/> covers training and validation.
/// </summary>
public sealed record EpochRecord(int epoch, double train_loss, double train_acc, double val_loss, double val_acc, double lr, double seconds)
{
    /// <summary>The metrics a trainer can monitor, by name.</summary>
    public static readonly IReadOnlyList<string> MetricNames = ["train_loss", "train_acc", "val_loss", "val_acc"];

    /// <summary>A metric by name: train_loss, train_acc, val_loss, val_acc, lr or seconds.</summary>
    public double this[string metric] => metric switch
    {
        "train_loss" => train_loss,
        "train_acc" => train_acc,
        "val_loss" => val_loss,
        "val_acc" => val_acc,
        "lr" => lr,
        "seconds" => seconds,
        _ => throw new ArgumentException($"Unknown metric '{metric}': use one of {string.Join(", ", MetricNames)}, lr or seconds.", nameof(metric)),
    };

    /// <summary>Whether a larger value of <paramref name="metric"/> is better (accuracies) or a smaller one (losses).</summary>
    public static bool HigherIsBetter(string metric) => metric switch
    {
        "train_acc" or "val_acc" => true,
        "train_loss" or "val_loss" => false,
        _ => throw new ArgumentException($"Unknown metric '{metric}' to monitor: use one of {string.Join(", ", MetricNames)}.", nameof(metric)),
    };

    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "epoch {0,3}  ", epoch) + Figures();

    /// <summary>The figures without the epoch number: "train_loss 0.5123  train_acc 81.23%  ...".</summary>
    public string Figures()
    {
        var c = CultureInfo.InvariantCulture;
        var parts = new List<string> { string.Format(c, "train_loss {0:0.0000}", train_loss) };
        if (!double.IsNaN(train_acc)) parts.Add(string.Format(c, "train_acc {0:0.00%}", train_acc));
        if (!double.IsNaN(val_loss)) parts.Add(string.Format(c, "val_loss {0:0.0000}", val_loss));
        if (!double.IsNaN(val_acc)) parts.Add(string.Format(c, "val_acc {0:0.00%}", val_acc));
        parts.Add(string.Format(c, "lr {0:G4}", lr));
        parts.Add(string.Format(c, "{0:0.0} s", seconds));
        return string.Join("  ", parts);
    }
}
