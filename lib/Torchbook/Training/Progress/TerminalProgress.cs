using System.Globalization;

namespace Torchbook;

/// <summary>
/// A live line per epoch on an interactive terminal, redrawn in place (carriage return) about ten
/// times a second: a bar, batches done, running loss and accuracy, examples per second. When the
/// epoch ends the line is replaced by the epoch's figures and kept. Lines are cut to the
/// terminal's width so they never wrap.
/// </summary>
internal sealed class TerminalProgress(TextWriter output) : TrainingProgress
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private string _prefix = "";
    private long? _batches;
    private DateTime _last = DateTime.MinValue;
    private int _shown;

    public override void EpochStarted(int epoch, int epochs, long? batches)
    {
        _prefix = $"epoch {epoch.ToString(CultureInfo.InvariantCulture).PadLeft(epochs.ToString(CultureInfo.InvariantCulture).Length)}/{epochs}";
        _batches = batches;
        Draw(_prefix, newLine: false);
    }

    public override void BatchEnded(long batch, double running_loss, double running_acc, long examples, double seconds)
    {
        var now = DateTime.UtcNow;
        if (now - _last < Interval) return;
        _last = now;
        var c = CultureInfo.InvariantCulture;
        var bar = "";
        if (_batches is long n && n > 0)
        {
            int filled = (int)(20 * Math.Min(batch, n) / n);
            bar = $" [{new string('=', filled)}{(filled < 20 ? ">" : "")}{new string(' ', Math.Max(0, 19 - filled))}] {batch}/{n}";
        }
        var text = _prefix + bar + string.Format(c, "  loss {0:0.0000}", running_loss)
            + (double.IsNaN(running_acc) ? "" : "  acc " + Percent(running_acc))
            + (seconds > 0 ? string.Format(c, "  {0:N0} ex/s", examples / seconds) : "");
        Draw(text, newLine: false);
    }

    public override void Validating() => Draw(_prefix + "  validating ...", newLine: false);

    public override void EpochEnded(EpochRecord record, string? note) =>
        Draw(_prefix + "  " + record.Figures() + (note is null ? "" : "  " + note), newLine: true);

    public override void Finished(History history)
    {
        if (history.stop_reason is not null) output.WriteLine("stopped: " + history.stop_reason);
        output.Flush();
    }

    private void Draw(string text, bool newLine)
    {
        int width = Width();
        // A live line must not wrap (a wrapped line cannot be redrawn in place); a kept line may.
        if (!newLine && text.Length > width - 1) text = text[..(width - 1)];
        var padding = Math.Max(0, _shown - text.Length);
        output.Write("\r" + text + new string(' ', padding));
        if (newLine)
        {
            output.WriteLine();
            _shown = 0;
        }
        else
        {
            _shown = text.Length;
        }
        output.Flush();
    }

    private static int Width()
    {
        try
        {
            var w = Console.WindowWidth;
            return w >= 20 ? w : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
