namespace Torchbook;

/// <summary>One line per epoch, for logs and CI: no cursor movement, nothing between epochs.</summary>
internal sealed class LineProgress(TextWriter output) : TrainingProgress
{
    private int _epochs;

    public override void EpochStarted(int epoch, int epochs, long? batches) => _epochs = epochs;

    public override void EpochEnded(EpochRecord record, string? note)
    {
        var width = _epochs.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        output.WriteLine($"epoch {record.epoch.ToString().PadLeft(width)}/{_epochs}  " + record.Figures()
            + (note is null ? "" : "  " + note));
        output.Flush();
    }

    public override void Finished(History history)
    {
        if (history.stop_reason is not null) output.WriteLine("stopped: " + history.stop_reason);
        output.Flush();
    }
}
