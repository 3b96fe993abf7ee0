using System.Collections;
using System.Globalization;
using System.Text;
using Torchbook.Plots;

namespace Torchbook;

/// <summary>
/// The epochs a <see cref="Trainer"/> ran, one <see cref="EpochRecord"/> each, with the columns as
/// lists (<c>history.train_loss</c>, <c>history.val_acc</c>, ...) ready to plot, the best epoch by
/// the monitored metric, and why training stopped. <see cref="Plot"/> draws the curves.
/// </summary>
public sealed class History : IReadOnlyList<EpochRecord>
{
    private readonly List<EpochRecord> _epochs = new();

    internal History(string monitor) => this.monitor = monitor;

    /// <summary>The metric that picks the best epoch (and drives early stopping).</summary>
    public string monitor { get; internal set; }

    /// <summary>The best epoch by <see cref="monitor"/> (1-based), or null before the first epoch.</summary>
    public int? best_epoch { get; internal set; }

    /// <summary>The monitored metric's value at <see cref="best_epoch"/>.</summary>
    public double best_value { get; internal set; } = double.NaN;

    /// <summary>Whether early stopping (or a NaN loss) ended training before the last epoch asked for.</summary>
    public bool stopped_early { get; internal set; }

    /// <summary>Why training stopped before the last epoch asked for (null when it ran them all).</summary>
    public string? stop_reason { get; internal set; }

    internal void Add(EpochRecord record) => _epochs.Add(record);

    public int Count => _epochs.Count;
    public EpochRecord this[int index] => _epochs[index];
    public IEnumerator<EpochRecord> GetEnumerator() => _epochs.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public IReadOnlyList<int> epoch => _epochs.Select(e => e.epoch).ToArray();
    public IReadOnlyList<double> train_loss => Column("train_loss");
    public IReadOnlyList<double> train_acc => Column("train_acc");
    public IReadOnlyList<double> val_loss => Column("val_loss");
    public IReadOnlyList<double> val_acc => Column("val_acc");
    public IReadOnlyList<double> lr => Column("lr");
    public IReadOnlyList<double> seconds => Column("seconds");

    /// <summary>A column by name (train_loss, train_acc, val_loss, val_acc, lr, seconds).</summary>
    public IReadOnlyList<double> Column(string metric) => _epochs.Select(e => e[metric]).ToArray();

    /// <summary>Whether any epoch has a value (not NaN) for <paramref name="metric"/>.</summary>
    public bool Has(string metric) => _epochs.Any(e => !double.IsNaN(e[metric]));

    /// <summary>
    /// The curves against the epoch: losses (train and validation) in one chart, accuracies in a
    /// second one next to it when the task is a classification; the best epoch is marked.
    /// </summary>
    public Chart Plot(string? title = null)
    {
        if (Count == 0) throw new InvalidOperationException("History.Plot: no epoch has run yet; call Fit first.");
        var x = epoch.Select(e => (double)e).ToArray();
        XYChart Curves(string kind, string chartTitle, string yTitle)
        {
            var chart = Plots.Plot.Live(chartTitle, "epoch", yTitle);
            foreach (var (metric, name) in new[] { ($"train_{kind}", "train"), ($"val_{kind}", "validation") })
                if (Has(metric)) chart.AddLine(x, Column(metric), name);
            if (best_epoch is int b && monitor.EndsWith(kind, StringComparison.Ordinal) && !double.IsNaN(best_value))
                chart.AddMarker(b, best_value, $"best: epoch {b}");
            return chart;
        }
        var loss = Curves("loss", "Loss", "loss");
        if (!Has("train_acc") && !Has("val_acc"))
        {
            if (title is not null) loss.Title = title;
            return loss;
        }
        return Plots.Plot.Grid([loss, Curves("acc", "Accuracy", "accuracy")], title: title);
    }

    /// <summary>A table: one line per epoch.</summary>
    public override string ToString()
    {
        if (Count == 0) return "History (no epochs yet)";
        var c = CultureInfo.InvariantCulture;
        var columns = new List<(string Name, Func<EpochRecord, string> Cell)> { ("epoch", e => e.epoch.ToString(c)), ("train_loss", e => e.train_loss.ToString("0.0000", c)) };
        if (Has("train_acc")) columns.Add(("train_acc", e => e.train_acc.ToString("0.00%", c)));
        if (Has("val_loss")) columns.Add(("val_loss", e => e.val_loss.ToString("0.0000", c)));
        if (Has("val_acc")) columns.Add(("val_acc", e => e.val_acc.ToString("0.00%", c)));
        columns.Add(("lr", e => e.lr.ToString("G4", c)));
        columns.Add(("seconds", e => e.seconds.ToString("0.0", c)));
        var cells = _epochs.Select(e => columns.Select(col => col.Cell(e)).ToArray()).ToList();
        var widths = columns.Select((col, i) => Math.Max(col.Name.Length, cells.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(string.Join("  ", columns.Select((col, i) => col.Name.PadLeft(widths[i]))));
        foreach (var row in cells) sb.AppendLine(string.Join("  ", row.Select((v, i) => v.PadLeft(widths[i]))));
        if (best_epoch is int best) sb.AppendLine(string.Format(c, "best {0}: {1:0.0000} at epoch {2}", monitor, best_value, best));
        if (stop_reason is not null) sb.AppendLine("stopped: " + stop_reason);
        return sb.ToString().TrimEnd();
    }
}
