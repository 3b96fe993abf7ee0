namespace Torchbook;

/// <summary>
/// Stops training when the monitored metric has not improved by more than <see cref="min_delta"/>
/// for <see cref="patience"/> epochs in a row (Keras's rule: an epoch improves when it beats the
/// best so far by more than min_delta).
/// </summary>
public sealed class EarlyStopping
{
    public EarlyStopping(string monitor, int patience, double min_delta = 0)
    {
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, "EarlyStopping: patience is a number of epochs, 0 or more.");
        if (min_delta < 0 || double.IsNaN(min_delta)) throw new ArgumentOutOfRangeException(nameof(min_delta), min_delta, "EarlyStopping: min_delta must be 0 or more.");
        higher_is_better = EpochRecord.HigherIsBetter(monitor);
        this.monitor = monitor;
        this.patience = patience;
        this.min_delta = min_delta;
    }

    public string monitor { get; }
    public bool higher_is_better { get; }
    public int patience { get; }
    public double min_delta { get; }

    /// <summary>The best value so far (NaN before the first).</summary>
    public double best { get; private set; } = double.NaN;

    /// <summary>Epochs since the last improvement.</summary>
    public int wait { get; private set; }

    /// <summary>Records an epoch's value; returns true when training should stop.</summary>
    public bool Update(double value)
    {
        bool improved = !double.IsNaN(value) && (double.IsNaN(best)
            || (higher_is_better ? value - min_delta > best : value + min_delta < best));
        if (improved)
        {
            best = value;
            wait = 0;
            return false;
        }
        wait++;
        return wait >= patience;
    }
}
