using System.Globalization;
using Spectre.Console;

namespace Torchbook;

/// <summary>A live progress bar per epoch on an interactive terminal (Spectre.Console); each finished epoch stays on screen with its figures.</summary>
internal sealed class TerminalProgress : TrainingProgress
{
    private ProgressContext? _context;
    private ProgressTask? _task;
    private string _prefix = "";
    private DateTime _lastText = DateTime.MinValue;

    public override void Run(Action training)
    {
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                _context = context;
                training();
            });
    }

    public override void EpochStarted(int epoch, int epochs, long? batches)
    {
        _prefix = $"epoch {epoch.ToString().PadLeft(epochs.ToString(CultureInfo.InvariantCulture).Length)}/{epochs}";
        _task = _context!.AddTask(_prefix, maxValue: Math.Max(1, batches ?? 1));
        if (batches is null) _task.IsIndeterminate = true;
    }

    public override void BatchEnded(long batch, double running_loss, double running_acc, long examples, double seconds)
    {
        if (_task is null) return;
        if (!_task.IsIndeterminate) _task.Value = batch;
        var now = DateTime.UtcNow;
        if (now - _lastText < TimeSpan.FromMilliseconds(200)) return;
        _lastText = now;
        var text = string.Format(CultureInfo.InvariantCulture, "{0}  loss {1:0.0000}", _prefix, running_loss);
        if (!double.IsNaN(running_acc)) text += "  acc " + Percent(running_acc);
        if (seconds > 0) text += string.Format(CultureInfo.InvariantCulture, "  {0:N0} ex/s", examples / seconds);
        _task.Description = Markup.Escape(text);
    }

    public override void Validating()
    {
        if (_task is not null) _task.Description = Markup.Escape(_prefix + "  validating");
    }

    public override void EpochEnded(EpochRecord record, string? note)
    {
        if (_task is null) return;
        var text = _prefix + "  " + record.Figures();
        if (note is not null) text += "  " + note;
        _task.Description = Markup.Escape(text);
        _task.IsIndeterminate = false;
        _task.Value = _task.MaxValue;
        _task.StopTask();
    }

    public override void Finished(History history)
    {
        if (history.stop_reason is not null) AnsiConsole.WriteLine("stopped: " + history.stop_reason);
    }
}
