namespace Torchbook.Plots;

/// <summary>How a line is drawn.</summary>
public enum LineStyle { Solid, Dashed, Dotted }

/// <summary>One named set of data drawn on an <see cref="XYChart"/>.</summary>
public abstract class Series
{
    private string _name;
    private string? _color;

    private protected Series(XYChart owner, string name, string? color)
    {
        Owner = owner;
        _name = name;
        _color = color;
    }

    internal XYChart Owner { get; }

    /// <summary>The name shown in the legend (empty for none).</summary>
    public string Name { get => _name; set { _name = value ?? ""; Owner.OnChanged(); } }

    /// <summary>A CSS colour ("#0072B2", "red"); null takes the next palette colour.</summary>
    public string? Color { get => _color; set { _color = value; Owner.OnChanged(); } }

    /// <summary>The number of data points (or bins).</summary>
    public abstract int Count { get; }
}

/// <summary>Points (x, y) joined by straight lines; non-finite values leave a gap.</summary>
public sealed class LineSeries : Series
{
    private readonly List<double> _x = [], _y = [];
    private LineStyle _style;
    private double _lineWidth = 2;
    private bool _showPoints;

    internal LineSeries(XYChart owner, string name, string? color, LineStyle style) : base(owner, name, color) => _style = style;

    public IReadOnlyList<double> X => _x;
    public IReadOnlyList<double> Y => _y;
    public override int Count => _x.Count;

    public LineStyle Style { get => _style; set { _style = value; Owner.OnChanged(); } }

    /// <summary>Stroke width in pixels (default 2).</summary>
    public double LineWidth { get => _lineWidth; set { _lineWidth = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(LineWidth), value, "Line width must be positive."); Owner.OnChanged(); } }

    /// <summary>Draw a dot at every point as well as the line.</summary>
    public bool ShowPoints { get => _showPoints; set { _showPoints = value; Owner.OnChanged(); } }

    /// <summary>Adds one point at the end (a live chart calls this once per epoch or step).</summary>
    public void Append(double x, double y)
    {
        lock (Owner.SyncRoot) { _x.Add(x); _y.Add(y); }
        Owner.OnChanged();
    }

    /// <summary>Adds several points at the end.</summary>
    public void AppendRange(IEnumerable<double> x, IEnumerable<double> y)
    {
        var xs = x.ToArray(); var ys = y.ToArray();
        Data.CheckSameLength(xs.Length, ys.Length, "x", "y", "LineSeries.AppendRange");
        lock (Owner.SyncRoot) { _x.AddRange(xs); _y.AddRange(ys); }
        Owner.OnChanged();
    }

    /// <summary>Removes every point (the series and its style stay).</summary>
    public void Clear()
    {
        lock (Owner.SyncRoot) { _x.Clear(); _y.Clear(); }
        Owner.OnChanged();
    }

    internal void SetSilently(double[] x, double[] y) { _x.AddRange(x); _y.AddRange(y); }
}

/// <summary>Unconnected points (x, y); non-finite values are skipped.</summary>
public sealed class ScatterSeries : Series
{
    private readonly List<double> _x = [], _y = [];
    private double _radius = 3.5;

    internal ScatterSeries(XYChart owner, string name, string? color) : base(owner, name, color) { }

    public IReadOnlyList<double> X => _x;
    public IReadOnlyList<double> Y => _y;
    public override int Count => _x.Count;

    /// <summary>Dot radius in pixels (default 3.5).</summary>
    public double Radius { get => _radius; set { _radius = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Radius), value, "Radius must be positive."); Owner.OnChanged(); } }

    public void Append(double x, double y)
    {
        lock (Owner.SyncRoot) { _x.Add(x); _y.Add(y); }
        Owner.OnChanged();
    }

    internal void SetSilently(IEnumerable<double> x, IEnumerable<double> y) { _x.AddRange(x); _y.AddRange(y); }
}

/// <summary>Histogram bars: counts (or densities) over contiguous bins given by their edges.</summary>
public sealed class HistogramSeries : Series
{
    internal HistogramSeries(XYChart owner, string name, string? color, double[] edges, double[] heights) : base(owner, name, color)
    {
        Edges = edges;
        Heights = heights;
    }

    /// <summary>Bin edges, one more than the bins, increasing.</summary>
    public IReadOnlyList<double> Edges { get; }

    /// <summary>Bar heights: counts, or densities when the histogram was normalised.</summary>
    public IReadOnlyList<double> Heights { get; }

    public override int Count => Heights.Count;
}

/// <summary>A highlighted point with an optional label, e.g. the suggested learning rate.</summary>
public sealed class MarkerPoint
{
    internal MarkerPoint(double x, double y, string? label, string color)
    {
        X = x; Y = y; Label = label; Color = color;
    }

    public double X { get; }
    public double Y { get; }
    public string? Label { get; }
    public string Color { get; }
}
