using System.Numerics;
using System.Text.Json.Nodes;
using Torchbook.Formatting;
using Torchbook.Plots.Rendering;

namespace Torchbook.Plots;

/// <summary>
/// A chart with two numeric axes holding any mix of lines, scatter points and histogram bars, plus
/// highlighted marker points: the chart behind <see cref="Plot.Line{T}"/>, <see cref="Plot.Scatter{TX,TY}"/>
/// and <c>Plot.Histogram</c>. Add series and points at any time and display it again.
/// </summary>
[TypeFormatterSource(typeof(ChartFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.Plotly, MimeTypes.PlainText])]
public sealed partial class XYChart : Chart
{
    private readonly List<Series> _series = [];
    private readonly List<MarkerPoint> _markers = [];
    private bool? _showLegend;

    /// <summary>An empty chart; add data with <c>AddLine</c>, <c>AddScatter</c>, <c>AddHistogram</c>, <c>AddMarker</c> or <see cref="Append"/>.</summary>
    public XYChart(string? title = null, string? xTitle = null, string? yTitle = null, int width = 640, int height = 400)
        : base(width, height)
    {
        XAxis = new Axis(this) { Title = xTitle };
        YAxis = new Axis(this) { Title = yTitle };
        Title = title;
    }

    /// <summary>The horizontal axis.</summary>
    public Axis XAxis { get; }

    /// <summary>The vertical axis.</summary>
    public Axis YAxis { get; }

    /// <summary>The series in drawing order.</summary>
    public IReadOnlyList<Series> Series => _series;

    /// <summary>The highlighted points.</summary>
    public IReadOnlyList<MarkerPoint> Markers => _markers;

    /// <summary>Show the legend? Null (default): when there are two or more named series.</summary>
    public bool? ShowLegend { get => _showLegend; set { _showLegend = value; OnChanged(); } }

    /// <summary>The series with this name (case-sensitive).</summary>
    /// <exception cref="KeyNotFoundException">No series has that name; the message lists the names there are.</exception>
    public Series this[string name] =>
        _series.FirstOrDefault(s => s.Name == name)
        ?? throw new KeyNotFoundException($"This chart has no series named \"{name}\". Series: {string.Join(", ", _series.Select(s => $"\"{s.Name}\""))}.");

    /// <summary>Adds a line through the points (x[i], y[i]); numbers of any type (double, float, int...).</summary>
    public LineSeries AddLine<TX, TY>(IEnumerable<TX> x, IEnumerable<TY> y, string? name = null, string? color = null, LineStyle style = LineStyle.Solid)
        where TX : INumberBase<TX> where TY : INumberBase<TY>
    {
        var xs = Data.ToDoubles(x, "x", "AddLine"); var ys = Data.ToDoubles(y, "y", "AddLine");
        Data.CheckSameLength(xs.Length, ys.Length, "x", "y", "AddLine");
        var s = new LineSeries(this, name ?? "", color, style);
        s.SetSilently(xs, ys);
        lock (SyncRoot) _series.Add(s);
        OnChanged();
        return s;
    }

    /// <summary>Adds a line through y[i] at x = 0, 1, 2, ...</summary>
    public LineSeries AddLine<T>(IEnumerable<T> y, string? name = null, string? color = null, LineStyle style = LineStyle.Solid)
        where T : INumberBase<T>
    {
        var ys = Data.ToDoubles(y, "y", "AddLine");
        return AddLine(Data.Range(ys.Length), ys, name, color, style);
    }

    /// <summary>Adds unconnected points (x[i], y[i]).</summary>
    public ScatterSeries AddScatter<TX, TY>(IEnumerable<TX> x, IEnumerable<TY> y, string? name = null, string? color = null)
        where TX : INumberBase<TX> where TY : INumberBase<TY>
    {
        var xs = Data.ToDoubles(x, "x", "AddScatter"); var ys = Data.ToDoubles(y, "y", "AddScatter");
        Data.CheckSameLength(xs.Length, ys.Length, "x", "y", "AddScatter");
        var s = new ScatterSeries(this, name ?? "", color);
        s.SetSilently(xs, ys);
        lock (SyncRoot) _series.Add(s);
        OnChanged();
        return s;
    }

    /// <summary>Adds histogram bars over bins with the given edges (one more edge than heights).</summary>
    public HistogramSeries AddHistogram(IReadOnlyList<double> edges, IReadOnlyList<double> heights, string? name = null, string? color = null)
    {
        ArgumentNullException.ThrowIfNull(edges); ArgumentNullException.ThrowIfNull(heights);
        if (edges.Count != heights.Count + 1)
            throw new ArgumentException($"AddHistogram: {heights.Count} bins need {heights.Count + 1} edges; received {edges.Count}.");
        for (int i = 1; i < edges.Count; i++)
            if (!(edges[i] > edges[i - 1]))
                throw new ArgumentException($"AddHistogram: bin edges must increase; edge {i - 1} is {edges[i - 1]} and edge {i} is {edges[i]}.");
        var s = new HistogramSeries(this, name ?? "", color, edges.ToArray(), heights.ToArray());
        lock (SyncRoot) _series.Add(s);
        OnChanged();
        return s;
    }

    /// <summary>Highlights the point (x, y) with a dot and an optional label, e.g. a suggested learning rate.</summary>
    public MarkerPoint AddMarker(double x, double y, string? label = null, string? color = null)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y))
            throw new ArgumentException($"AddMarker: the point must be finite; received ({x}, {y}).");
        var m = new MarkerPoint(x, y, label, color ?? Palette.Highlight);
        lock (SyncRoot) _markers.Add(m);
        OnChanged();
        return m;
    }

    /// <summary>
    /// Appends (x, y) to the line series called <paramref name="series"/>, creating it if needed:
    /// the one call a live training chart needs per step.
    /// </summary>
    public void Append(string series, double x, double y)
    {
        ArgumentNullException.ThrowIfNull(series);
        var s = _series.FirstOrDefault(v => v.Name == series);
        switch (s)
        {
            case null: AddLine(new[] { x }, new[] { y }, series); break;
            case LineSeries line: line.Append(x, y); break;
            case ScatterSeries sc: sc.Append(x, y); break;
            default: throw new InvalidOperationException($"Series \"{series}\" is a {s.GetType().Name}; only lines and scatter series take appended points.");
        }
    }

    /// <summary>The colour series <paramref name="index"/> is drawn with.</summary>
    internal string ColorOf(int index)
    {
        var explicitColor = _series[index].Color;
        if (explicitColor != null) return explicitColor;
        // Palette position counts only the series without their own colour.
        int auto = 0;
        for (int i = 0; i < index; i++) if (_series[i].Color == null) auto++;
        return Palette.Color(auto);
    }

    internal bool LegendVisible => _showLegend ?? _series.Count(s => s.Name.Length > 0) >= 2;

    public override string Describe()
    {
        string kind = _series.Count == 0 ? "Chart"
            : _series.All(s => s is LineSeries) ? "Line chart"
            : _series.All(s => s is ScatterSeries) ? "Scatter chart"
            : _series.All(s => s is HistogramSeries) ? "Histogram"
            : "Chart";
        var parts = new List<string>();
        var t = string.IsNullOrWhiteSpace(Title) ? "" : $" \"{Title}\"";
        var list = string.Join(", ", _series.Select(s =>
            (s.Name.Length > 0 ? s.Name + ": " : "") + s.Count + (s is HistogramSeries ? " bin" : " point") + (s.Count == 1 ? "" : "s")));
        var desc = $"{kind}{t}: {_series.Count} series" + (_series.Count > 0 ? $" ({list})" : "");
        if (XAxis.Scale == AxisScale.Log) parts.Add("log x");
        if (YAxis.Scale == AxisScale.Log) parts.Add("log y");
        if (_markers.Count > 0) parts.Add(_markers.Count == 1 ? "1 marker" : $"{_markers.Count} markers");
        return parts.Count > 0 ? desc + ", " + string.Join(", ", parts) : desc;
    }

    internal override JsonObject RenderPlotly()
    {
        var data = new JsonArray();
        for (int i = 0; i < _series.Count; i++)
        {
            var color = ColorOf(i);
            var s = _series[i];
            JsonObject trace = s switch
            {
                LineSeries l => new JsonObject
                {
                    ["type"] = "scatter",
                    ["mode"] = l.ShowPoints ? "lines+markers" : "lines",
                    ["x"] = PlotlyJson.Numbers(l.X),
                    ["y"] = PlotlyJson.Numbers(l.Y),
                    ["line"] = new JsonObject
                    {
                        ["color"] = color,
                        ["width"] = l.LineWidth,
                        ["dash"] = l.Style switch { LineStyle.Dashed => "dash", LineStyle.Dotted => "dot", _ => "solid" },
                    },
                    ["connectgaps"] = false,
                },
                ScatterSeries sc => new JsonObject
                {
                    ["type"] = "scatter",
                    ["mode"] = "markers",
                    ["x"] = PlotlyJson.Numbers(sc.X),
                    ["y"] = PlotlyJson.Numbers(sc.Y),
                    ["marker"] = new JsonObject { ["color"] = color, ["size"] = sc.Radius * 2, ["opacity"] = 0.8 },
                },
                HistogramSeries h => new JsonObject
                {
                    ["type"] = "bar",
                    ["x"] = PlotlyJson.Numbers(Enumerable.Range(0, h.Count).Select(k => (h.Edges[k] + h.Edges[k + 1]) / 2)),
                    ["y"] = PlotlyJson.Numbers(h.Heights),
                    ["width"] = PlotlyJson.Numbers(Enumerable.Range(0, h.Count).Select(k => h.Edges[k + 1] - h.Edges[k])),
                    ["marker"] = new JsonObject { ["color"] = color, ["line"] = new JsonObject { ["color"] = "#ffffff", ["width"] = 0.5 } },
                },
                _ => throw new InvalidOperationException("unknown series type"),
            };
            if (s.Name.Length > 0) trace["name"] = s.Name;
            trace["showlegend"] = LegendVisible && s.Name.Length > 0;
            data.Add(trace);
        }
        foreach (var m in _markers)
        {
            var trace = new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = m.Label is null ? "markers" : "markers+text",
                ["x"] = new JsonArray(m.X),
                ["y"] = new JsonArray(m.Y),
                ["marker"] = new JsonObject { ["color"] = m.Color, ["size"] = 12, ["line"] = new JsonObject { ["color"] = "#ffffff", ["width"] = 1.5 } },
                ["showlegend"] = false,
                ["textposition"] = "top right",
            };
            if (m.Label != null) trace["text"] = new JsonArray(m.Label);
            data.Add(trace);
        }
        var layout = PlotlyJson.Layout(Title, Width, Height);
        var xa = PlotlyJson.Axis(XAxis.Title, XAxis.Scale == AxisScale.Log);
        var ya = PlotlyJson.Axis(YAxis.Title, YAxis.Scale == AxisScale.Log);
        var b = ComputeBounds();
        if (XAxis.Min is not null || XAxis.Max is not null) xa["range"] = PlotlyRange(b.XMin, b.XMax, XAxis.Scale);
        if (YAxis.Min is not null || YAxis.Max is not null) ya["range"] = PlotlyRange(b.YMin, b.YMax, YAxis.Scale);
        layout["xaxis"] = xa;
        layout["yaxis"] = ya;
        layout["showlegend"] = LegendVisible;
        if (_series.Any(s => s is HistogramSeries)) layout["bargap"] = 0;
        return PlotlyJson.Figure(data, layout);
    }

    private static JsonArray PlotlyRange(double min, double max, AxisScale scale) =>
        scale == AxisScale.Log ? new JsonArray(Math.Log10(min), Math.Log10(max)) : new JsonArray(min, max);
}
