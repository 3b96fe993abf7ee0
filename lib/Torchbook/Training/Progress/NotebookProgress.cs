using System.Globalization;
using System.Text;
using Torchbook.Formatting;
using Torchbook.Plots;

namespace Torchbook;

/// <summary>
/// In a notebook: the loss (and accuracy) curves drawn as training goes (the running training
/// mean five times per epoch, validation at the end of each epoch) and a text block, one line per
/// finished epoch and a progress line for the current one. Both are updated in place, at most
/// about once a second; everything is drawn once more at the end.
/// </summary>
internal sealed class NotebookProgress : TrainingProgress
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly StringBuilder _done = new();
    private readonly DisplayHandle _text;
    private DisplayHandle? _chartHandle;
    private Chart? _chart;
    private XYChart? _loss, _acc;
    private int _epoch, _epochs;
    private long? _batches;
    private long _nextPoint;
    private string _current = "";
    private DateTime _lastText = DateTime.MinValue, _lastChart = DateTime.MinValue;

    public NotebookProgress() => _text = Display.Show("starting training ...");

    public override void EpochStarted(int epoch, int epochs, long? batches)
    {
        (_epoch, _epochs, _batches) = (epoch, epochs, batches);
        _nextPoint = NextPoint(0);
        _current = $"epoch {epoch}/{epochs} ...";
        UpdateText(force: true);
    }

    // The running loss is plotted when the batch count passes 1/5, 2/5, ... of the epoch.
    private long NextPoint(long batch)
    {
        if (_batches is not long n || n < 5) return long.MaxValue;
        for (int k = 1; k < 5; k++)
        {
            long at = n * k / 5;
            if (at > batch) return at;
        }
        return long.MaxValue;
    }

    public override void BatchEnded(long batch, double running_loss, double running_acc, long examples, double seconds)
    {
        var bar = "";
        if (_batches is long n && n > 0)
        {
            int filled = (int)(20 * batch / n);
            bar = $"[{new string('#', filled)}{new string('-', 20 - filled)}] {batch}/{n}  ";
        }
        var c = CultureInfo.InvariantCulture;
        _current = $"epoch {_epoch}/{_epochs}  {bar}" + string.Format(c, "loss {0:0.0000}", running_loss)
            + (double.IsNaN(running_acc) ? "" : "  acc " + Percent(running_acc))
            + (seconds > 0 ? string.Format(c, "  {0:N0} examples/s", examples / seconds) : "");
        UpdateText(force: false);
        if (batch >= _nextPoint)
        {
            _nextPoint = NextPoint(batch);
            double x = _epoch - 1 + batch / (double)_batches!.Value;
            EnsureCharts(!double.IsNaN(running_acc));
            _loss!.Append("train", x, running_loss);
            if (!double.IsNaN(running_acc)) _acc?.Append("train", x, running_acc);
            UpdateChart(force: false);
        }
    }

    public override void Validating()
    {
        _current = $"epoch {_epoch}/{_epochs}  validating ...";
        UpdateText(force: true);
    }

    public override void EpochEnded(EpochRecord record, string? note)
    {
        _done.AppendLine(record + (note is null ? "" : "  " + note));
        _current = "";
        EnsureCharts(!double.IsNaN(record.train_acc) || !double.IsNaN(record.val_acc));
        _loss!.Append("train", record.epoch, record.train_loss);
        if (!double.IsNaN(record.val_loss)) _loss.Append("validation", record.epoch, record.val_loss);
        if (_acc is not null)
        {
            if (!double.IsNaN(record.train_acc)) _acc.Append("train", record.epoch, record.train_acc);
            if (!double.IsNaN(record.val_acc)) _acc.Append("validation", record.epoch, record.val_acc);
        }
        UpdateText(force: true);
        UpdateChart(force: true);
    }

    public override void Finished(History history)
    {
        if (history.stop_reason is not null) _done.AppendLine("stopped: " + history.stop_reason);
        if (history.best_epoch is int b)
            _done.AppendLine(string.Format(CultureInfo.InvariantCulture, "best {0}: {1:0.0000} at epoch {2}", history.monitor, history.best_value, b));
        _current = "";
        UpdateText(force: true);
        UpdateChart(force: true);
    }

    private void EnsureCharts(bool withAccuracy)
    {
        if (_loss is not null) return;
        _loss = Plot.Live("Loss", "epoch", "loss");
        if (withAccuracy)
        {
            _acc = Plot.Live("Accuracy", "epoch", "accuracy");
            _chart = Plot.Grid([_loss, _acc]);
        }
        else _chart = _loss;
    }

    private void UpdateText(bool force)
    {
        var now = DateTime.UtcNow;
        if (!force && now - _lastText < Interval) return;
        _lastText = now;
        _text.Update((_done.ToString() + _current).TrimEnd());
    }

    private void UpdateChart(bool force)
    {
        if (_chart is null) return;
        var now = DateTime.UtcNow;
        if (!force && now - _lastChart < Interval) return;
        _lastChart = now;
        if (_chartHandle is null) _chartHandle = Display.Show(_chart);
        else _chartHandle.Update(_chart);
    }
}
