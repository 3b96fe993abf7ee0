namespace Torchbook.Plots;

/// <summary>How an axis maps values to positions.</summary>
public enum AxisScale
{
    /// <summary>Equal distances for equal differences.</summary>
    Linear,
    /// <summary>Equal distances for equal ratios (base 10); values ≤ 0 are left out.</summary>
    Log,
}

/// <summary>A numeric axis of an <see cref="XYChart"/>: title, scale and optional fixed limits.</summary>
public sealed class Axis
{
    private readonly Chart _owner;
    private string? _title;
    private AxisScale _scale;
    private double? _min, _max;

    internal Axis(Chart owner) => _owner = owner;

    /// <summary>The axis title, e.g. "epoch" or "learning rate".</summary>
    public string? Title { get => _title; set { _title = value; _owner.OnChanged(); } }

    /// <summary>Linear (default) or logarithmic.</summary>
    public AxisScale Scale { get => _scale; set { _scale = value; _owner.OnChanged(); } }

    /// <summary>A fixed lower limit; null (default) fits the data.</summary>
    public double? Min { get => _min; set { CheckLimit(value, nameof(Min)); _min = value; _owner.OnChanged(); } }

    /// <summary>A fixed upper limit; null (default) fits the data.</summary>
    public double? Max { get => _max; set { CheckLimit(value, nameof(Max)); _max = value; _owner.OnChanged(); } }

    /// <summary>Sets both limits at once (like matplotlib's xlim/ylim).</summary>
    public void SetLimits(double min, double max)
    {
        CheckLimit(min, nameof(min)); CheckLimit(max, nameof(max));
        if (!(min < max)) throw new ArgumentException($"Axis limits: min ({min}) must be smaller than max ({max}).");
        _min = min; _max = max; _owner.OnChanged();
    }

    private void CheckLimit(double? v, string name)
    {
        if (v is { } d && !double.IsFinite(d)) throw new ArgumentException($"Axis {name} must be a finite number; received {d}.");
        if (v is { } p && _scale == AxisScale.Log && p <= 0) throw new ArgumentException($"Axis {name} must be positive on a log axis; received {p}.");
    }
}
