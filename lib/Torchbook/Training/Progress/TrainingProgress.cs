namespace Torchbook;

/// <summary>Receives what a <see cref="Trainer"/> does, to show it. One instance per Fit call.</summary>
internal abstract class TrainingProgress
{
    /// <summary>Runs the whole training inside whatever the display needs around it (a live terminal region).</summary>
    public virtual void Run(Action training) => training();

    public virtual void EpochStarted(int epoch, int epochs, long? batches) { }

    /// <summary>After each training batch: running means over the epoch so far.</summary>
    public virtual void BatchEnded(long batch, double running_loss, double running_acc, long examples, double seconds) { }

    public virtual void Validating() { }

    /// <summary>After an epoch; <paramref name="note"/> says what the trainer made of it ("best", "stopping early ...").</summary>
    public virtual void EpochEnded(EpochRecord record, string? note) { }

    public virtual void Finished(History history) { }

    public static TrainingProgress Create(ProgressMode mode)
    {
        if (mode == ProgressMode.Auto)
        {
            var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            mode = Formatting.Display.IsHosted ? ProgressMode.Notebook
                : ci || Console.IsOutputRedirected || Environment.GetEnvironmentVariable("TERM") is "dumb" ? ProgressMode.Lines
                : ProgressMode.Terminal;
        }
        return mode switch
        {
            ProgressMode.Notebook => new NotebookProgress(),
            ProgressMode.Terminal => new TerminalProgress(Console.Out),
            ProgressMode.Lines => new LineProgress(Console.Out),
            _ => new TrainingProgress.Silent(),
        };
    }

    internal sealed class Silent : TrainingProgress { }

    internal static string Percent(double v) => double.IsNaN(v) ? "" : v.ToString("0.00%", System.Globalization.CultureInfo.InvariantCulture);
}
