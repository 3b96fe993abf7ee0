using System.Text.Json.Nodes;
using Torchbook.Formatting;
using Torchbook.Plots.Rendering;

namespace Torchbook.Plots;

/// <summary>
/// Vertical bars over named categories (like <c>plt.bar</c>); several value sets draw as grouped bars
/// with a legend. Negative values hang below the zero line; NaN values draw no bar.
/// </summary>
[TypeFormatterSource(typeof(ChartFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.Plotly, MimeTypes.PlainText])]
public sealed class BarChart : Chart
{
    private readonly List<(string Name, double[] Values, string? Color)> _groups = [];
    private string? _xTitle, _yTitle;
    private bool _showValues;

    /// <summary>A bar chart over <paramref name="categories"/> (the x labels, in order).</summary>
    public BarChart(IEnumerable<string> categories, string? title = null, string? xTitle = null, string? yTitle = null,
        int width = 640, int height = 400) : base(width, height)
    {
        ArgumentNullException.ThrowIfNull(categories);
        Categories = categories.Select(c => c ?? "").ToArray();
        if (Categories.Count == 0) throw new ArgumentException("BarChart: categories is empty; pass at least one category name.", nameof(categories));
        Title = title; _xTitle = xTitle; _yTitle = yTitle;
    }

    /// <summary>The category labels along the x axis.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The value sets, one per bar in each group.</summary>
    public IReadOnlyList<(string Name, double[] Values, string? Color)> Groups => _groups;

    public string? XTitle { get => _xTitle; set { _xTitle = value; OnChanged(); } }
    public string? YTitle { get => _yTitle; set { _yTitle = value; OnChanged(); } }

    /// <summary>Write each bar's value above it (default: when there is one value set of at most 20 bars).</summary>
    public bool ShowValues { get => _showValues; set { _showValues = value; OnChanged(); } }

    /// <summary>Adds one value per category; a second call makes grouped bars.</summary>
    public BarChart AddBars<T>(IEnumerable<T> values, string? name = null, string? color = null) where T : System.Numerics.INumberBase<T>
    {
        var v = Data.ToDoubles(values, "values", "BarChart.AddBars");
        if (v.Length != Categories.Count)
            throw new ArgumentException($"BarChart.AddBars: {Categories.Count} categories need {Categories.Count} values; received {v.Length}.");
        _groups.Add((name ?? "", v, color));
        OnChanged();
        return this;
    }

    private string ColorOf(int g) => _groups[g].Color ?? Palette.Color(g);

    public override string Describe()
    {
        var t = string.IsNullOrWhiteSpace(Title) ? "" : $" \"{Title}\"";
        return $"Bar chart{t}: {Categories.Count} categories" + (_groups.Count > 1 ? $", {_groups.Count} groups ({string.Join(", ", _groups.Select(g => g.Name))})" : "");
    }

    internal override JsonObject RenderPlotly()
    {
        var data = new JsonArray();
        for (int g = 0; g < _groups.Count; g++)
        {
            var trace = new JsonObject
            {
                ["type"] = "bar",
                ["x"] = PlotlyJson.Strings(Categories),
                ["y"] = PlotlyJson.Numbers(_groups[g].Values),
                ["marker"] = new JsonObject { ["color"] = ColorOf(g) },
            };
            if (_groups[g].Name.Length > 0) trace["name"] = _groups[g].Name;
            data.Add(trace);
        }
        var layout = PlotlyJson.Layout(Title, Width, Height);
        layout["xaxis"] = PlotlyJson.Axis(_xTitle, false);
        layout["xaxis"]!["type"] = "category";
        layout["yaxis"] = PlotlyJson.Axis(_yTitle, false);
        layout["barmode"] = "group";
        layout["showlegend"] = _groups.Count > 1;
        return PlotlyJson.Figure(data, layout);
    }

    internal override string RenderSvg()
    {
        var finite = _groups.SelectMany(g => g.Values).Where(double.IsFinite).ToList();
        double lo = Math.Min(0, finite.DefaultIfEmpty(0).Min()), hi = Math.Max(0, finite.DefaultIfEmpty(1).Max());
        if (lo == hi) hi = 1;
        var pad = (hi - lo) * 0.06;
        if (hi > 0) hi += pad;
        if (lo < 0) lo -= pad;

        bool hasTitle = !string.IsNullOrWhiteSpace(Title);
        bool legend = _groups.Count > 1;
        double top = hasTitle ? 40 : 14;
        var legendNames = legend ? _groups.Select(g => TextMetrics.Fit(g.Name, 11.5, 160)).ToList() : [];
        double legendW = legend ? 44 + Frame.MaxLabelWidth(legendNames, 11.5) : 0;

        // Category labels: horizontal when they fit their slot, else rotated 45°, cut to a sane length.
        var labels = Categories.Select(c => TextMetrics.Fit(c, Frame.TickFont, 140)).ToList();
        double widest = Frame.MaxLabelWidth(labels);
        double guessLeft = 70, right = legend ? legendW + 16 : 18;
        double slot = (Width - guessLeft - right) / Categories.Count;
        bool rotate = widest + 6 > slot;
        int labelEvery = rotate && slot < 14 ? (int)Math.Ceiling(14 / slot) : 1;
        double labelsH = rotate ? widest * 0.72 + 16 : 22;
        double bottom = 10 + labelsH + (string.IsNullOrWhiteSpace(_xTitle) ? 0 : 22);
        double plotH = Math.Max(40, Height - top - bottom);

        var yTicks = Ticks.Linear(lo, hi, (int)Math.Round(plotH / 48));
        double left = 10 + (string.IsNullOrWhiteSpace(_yTitle) ? 0 : 22) + Frame.MaxLabelWidth(yTicks.Select(t => t.Label)) + 10;
        if (rotate) left = Math.Max(left, widest * 0.72 - slot / 2 + 6);
        double plotW = Math.Max(40, Width - left - right);
        slot = plotW / Categories.Count;
        double Y(double v) => top + plotH - (v - lo) / (hi - lo) * plotH;

        var s = new SvgBuilder(Width, Height, "bar", Title ?? Describe());
        s.Open("grid");
        foreach (var t in yTicks) s.Line(left, Y(t.Value), left + plotW, Y(t.Value), Frame.GridColor, 1);
        s.Close();

        bool showValues = _showValues || (_groups.Count == 1 && Categories.Count <= 20 && slot > 24);
        double groupW = slot * 0.8, barW = groupW / Math.Max(1, _groups.Count);
        for (int g = 0; g < _groups.Count; g++)
        {
            s.Open("series bars", SvgBuilder.Attr("data-name", _groups[g].Name));
            for (int c = 0; c < Categories.Count; c++)
            {
                var v = _groups[g].Values[c];
                if (!double.IsFinite(v)) continue;
                double x = left + slot * c + (slot - groupW) / 2 + barW * g;
                double y0 = Y(0), y1 = Y(v);
                s.Rect(x, Math.Min(y0, y1), barW - (_groups.Count > 1 ? 1 : 0), Math.Abs(y1 - y0), ColorOf(g), cls: "bar");
                if (showValues)
                {
                    var text = NumberFormat.Compact(v);
                    if (TextMetrics.Width(text, 10) <= barW + 8)
                        s.Text(x + barW / 2, v >= 0 ? y1 - 4 : y1 + 13, text, 10, "middle", "value-label", "#333333");
                }
            }
            s.Close();
        }
        s.Line(left, Y(0), left + plotW, Y(0), Frame.AxisColor, 1, "zero-line");
        s.Rect(left, top, plotW, plotH, "none", "#bbbbbb", 1, "frame");
        s.Line(left, top, left, top + plotH, Frame.AxisColor, 1, "y-axis-line");

        var xt = Categories.Select((_, c) => new ScreenTick(left + slot * (c + 0.5), c % labelEvery == 0 ? labels[c] : "", true)).ToList();
        Frame.XTicks(s, xt, top + plotH, rotate);
        Frame.YTicks(s, yTicks.Select(t => new ScreenTick(Y(t.Value), t.Label, true)), left);
        Frame.XTitle(s, _xTitle, left + plotW / 2, top + plotH + labelsH + 18, plotW);
        Frame.YTitle(s, _yTitle, 20, top + plotH / 2, plotH);
        Frame.ChartTitle(s, Title, left + plotW / 2, Width);

        if (legend)
        {
            double lx = left + plotW + 14, ly = top + 4;
            s.Open("legend");
            s.Rect(lx, ly, legendW, 10 + 20 * _groups.Count, "#ffffff", "#dddddd", 1, "legend-box");
            for (int g = 0; g < _groups.Count; g++)
            {
                double ry = ly + 15 + 20 * g;
                s.Open("legend-entry", SvgBuilder.Attr("data-name", _groups[g].Name));
                s.Rect(lx + 12, ry - 6, 16, 12, ColorOf(g), cls: "swatch");
                s.Text(lx + 38, ry, legendNames[g], 11.5, "start", "legend-label", "#222222", middleBaseline: true);
                s.Close();
            }
            s.Close();
        }
        return s.Finish();
    }
}
