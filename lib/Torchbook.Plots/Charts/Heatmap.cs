using System.Globalization;
using System.Text.Json.Nodes;
using Torchbook.Formatting;
using Torchbook.Plots.Png;
using Torchbook.Plots.Rendering;

namespace Torchbook.Plots;

/// <summary>Where row 0 of a heatmap is drawn.</summary>
public enum HeatmapOrigin
{
    /// <summary>Row 0 at the top, like a matrix or an image (confusion matrices).</summary>
    Top,
    /// <summary>Row 0 at the bottom, like a graph (spectrograms: low frequencies at the bottom).</summary>
    Bottom,
}

/// <summary>
/// A grid of values drawn as coloured cells with a colour bar (like <c>plt.imshow</c> / <c>plt.pcolormesh</c>):
/// <c>values[row, column]</c>, rows along y and columns along x. Axes can carry category labels (class names),
/// numeric coordinates per row/column (seconds, Hz) or plain indices. With <see cref="Annotate"/> each cell
/// shows its value, in white on dark cells. Large grids render as one embedded image to stay small.
/// </summary>
[TypeFormatterSource(typeof(ChartFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.Plotly, MimeTypes.PlainText])]
public sealed class Heatmap : Chart
{
    /// <summary>Grids with more cells than this (and no annotations) draw as one image instead of one rectangle per cell.</summary>
    public const int MaxVectorCells = 2500;

    private readonly double[,] _values;

    /// <summary>A heatmap of <paramref name="values"/>[row, column].</summary>
    public Heatmap(double[,] values, string? title = null, int width = 640, int height = 440) : base(width, height)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.GetLength(0) == 0 || values.GetLength(1) == 0)
            throw new ArgumentException($"Heatmap: values is empty ({values.GetLength(0)} rows x {values.GetLength(1)} columns); pass at least one row and one column.", nameof(values));
        _values = values;
        Title = title;
    }

    public int Rows => _values.GetLength(0);
    public int Columns => _values.GetLength(1);

    /// <summary>The value at [row, column].</summary>
    public double this[int row, int column] => _values[row, column];

    /// <summary>A label per column (e.g. predicted class names); takes precedence over <see cref="XValues"/>.</summary>
    public IReadOnlyList<string>? XLabels { get; set { field = value; OnChanged(); } }
    /// <summary>A label per row (e.g. true class names); takes precedence over <see cref="YValues"/>.</summary>
    public IReadOnlyList<string>? YLabels { get; set { field = value; OnChanged(); } }
    /// <summary>A numeric coordinate per column, increasing (e.g. frame times in seconds); ticks are chosen from them.</summary>
    public IReadOnlyList<double>? XValues { get; set { field = value; OnChanged(); } }
    /// <summary>A numeric coordinate per row, increasing (e.g. mel-bin centre frequencies in Hz).</summary>
    public IReadOnlyList<double>? YValues { get; set { field = value; OnChanged(); } }
    public string? XTitle { get; set { field = value; OnChanged(); } }
    public string? YTitle { get; set { field = value; OnChanged(); } }
    /// <summary>Title beside the colour bar (e.g. "dB" or "count").</summary>
    public string? ColorBarTitle { get; set { field = value; OnChanged(); } }
    public bool ShowColorBar { get; set { field = value; OnChanged(); } } = true;
    public ColorMap ColorMap { get; set { field = value; OnChanged(); } } = ColorMap.Viridis;
    public HeatmapOrigin Origin { get; set { field = value; OnChanged(); } } = HeatmapOrigin.Top;
    /// <summary>Write each cell's value in the cell (confusion matrices).</summary>
    public bool Annotate { get; set { field = value; OnChanged(); } }
    /// <summary>Make cells square (confusion matrices) instead of filling the plot area.</summary>
    public bool SquareCells { get; set { field = value; OnChanged(); } }
    /// <summary>Value mapped to the lowest colour; null: the smallest finite value.</summary>
    public double? Min { get; set { field = value; OnChanged(); } }
    /// <summary>Value mapped to the highest colour; null: the largest finite value.</summary>
    public double? Max { get; set { field = value; OnChanged(); } }
    /// <summary>.NET format for annotations (e.g. "0.00"); null: integers as integers, otherwise 2 decimals.</summary>
    public string? ValueFormat { get; set { field = value; OnChanged(); } }

    private (double Lo, double Hi) Range()
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in _values) if (double.IsFinite(v)) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        if (lo > hi) { lo = 0; hi = 1; }
        if (Min is { } a) lo = a;
        if (Max is { } b) hi = b;
        if (!(hi > lo)) { lo -= 0.5; hi += 0.5; }
        return (lo, hi);
    }

    private string FormatValue(double v)
    {
        if (double.IsNaN(v)) return ""; // a missing value shows as an empty (grey) cell
        if (ValueFormat != null) return v.ToString(ValueFormat, CultureInfo.InvariantCulture);
        bool allIntegers = true;
        foreach (var x in _values) if (double.IsFinite(x) && x != Math.Round(x)) { allIntegers = false; break; }
        if (!double.IsFinite(v)) return NumberFormat.Compact(v);
        return allIntegers ? v.ToString("0", CultureInfo.InvariantCulture) : NumberFormat.Compact(Math.Round(v, 2));
    }

    private void Validate()
    {
        void Check<T>(IReadOnlyList<T>? list, int n, string name, string what)
        {
            if (list != null && list.Count != n)
                throw new ArgumentException($"Heatmap: {name} has {list.Count} entries but the values have {n} {what}; give one per {what[..^1]}.");
        }
        Check(XLabels, Columns, nameof(XLabels), "columns");
        Check(XValues, Columns, nameof(XValues), "columns");
        Check(YLabels, Rows, nameof(YLabels), "rows");
        Check(YValues, Rows, nameof(YValues), "rows");
    }

    public override string Describe()
    {
        var t = string.IsNullOrWhiteSpace(Title) ? "" : $" \"{Title}\"";
        var (lo, hi) = Range();
        return $"Heatmap{t}: {Rows} rows x {Columns} columns, values {NumberFormat.Compact(lo)} to {NumberFormat.Compact(hi)}";
    }

    internal override JsonObject RenderPlotly()
    {
        Validate();
        var z = new JsonArray();
        for (int r = 0; r < Rows; r++)
            z.Add(PlotlyJson.Numbers(Enumerable.Range(0, Columns).Select(c => _values[r, c])));
        var (lo, hi) = Range();
        var trace = new JsonObject
        {
            ["type"] = "heatmap",
            ["z"] = z,
            ["zmin"] = lo,
            ["zmax"] = hi,
            ["colorscale"] = ColorMaps.PlotlyScale(ColorMap),
            ["showscale"] = ShowColorBar,
        };
        if (XLabels != null) trace["x"] = PlotlyJson.Strings(XLabels);
        else if (XValues != null) trace["x"] = PlotlyJson.Numbers(XValues);
        if (YLabels != null) trace["y"] = PlotlyJson.Strings(YLabels);
        else if (YValues != null) trace["y"] = PlotlyJson.Numbers(YValues);
        if (!string.IsNullOrWhiteSpace(ColorBarTitle)) trace["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = ColorBarTitle } };
        if (Annotate)
        {
            var text = new JsonArray();
            for (int r = 0; r < Rows; r++) text.Add(PlotlyJson.Strings(Enumerable.Range(0, Columns).Select(c => FormatValue(_values[r, c]))));
            trace["text"] = text;
            trace["texttemplate"] = "%{text}";
        }
        var layout = PlotlyJson.Layout(Title, Width, Height);
        var xa = PlotlyJson.Axis(XTitle, false);
        var ya = PlotlyJson.Axis(YTitle, false);
        if (XLabels != null) xa["type"] = "category";
        if (YLabels != null) ya["type"] = "category";
        if (Origin == HeatmapOrigin.Top) ya["autorange"] = "reversed";
        if (SquareCells)
        {
            ya["scaleanchor"] = "x";
            xa["constrain"] = "domain"; // shrink the axes, not the data range, to keep cells square
            ya["constrain"] = "domain";
        }
        layout["xaxis"] = xa;
        layout["yaxis"] = ya;
        return PlotlyJson.Figure(new JsonArray(trace), layout);
    }

    internal override string RenderSvg()
    {
        Validate();
        var (lo, hi) = Range();
        bool hasTitle = !string.IsNullOrWhiteSpace(Title);
        double top = hasTitle ? 40 : 14;

        // Right side: colour bar, its tick labels and title.
        var cbTicks = ShowColorBar ? Ticks.Linear(lo, hi, 6) : [];
        double cbLabelW = Frame.MaxLabelWidth(cbTicks.Select(t => t.Label));
        double right = ShowColorBar ? 18 + 14 + 8 + cbLabelW + (string.IsNullOrWhiteSpace(ColorBarTitle) ? 0 : 22) + 8 : 16;

        // Bottom: x tick labels (rotated when category names are long), x title.
        var xCats = XLabels?.Select(l => TextMetrics.Fit(l ?? "", Frame.TickFont, 120)).ToList();
        double xCatW = xCats != null ? Frame.MaxLabelWidth(xCats) : 0;
        var yCats = YLabels?.Select(l => TextMetrics.Fit(l ?? "", Frame.TickFont, 140)).ToList();
        double left0 = 10 + (string.IsNullOrWhiteSpace(YTitle) ? 0 : 22);

        // A first guess of the plot width decides whether category labels need rotating.
        double yLabelGuess = yCats != null ? Frame.MaxLabelWidth(yCats) : 40;
        double guessW = Width - left0 - yLabelGuess - 10 - right;
        bool rotateX = xCats != null && xCatW + 6 > guessW / Columns;
        double xLabelsH = rotateX ? xCatW * 0.72 + 16 : 22;
        double bottom = 10 + xLabelsH + (string.IsNullOrWhiteSpace(XTitle) ? 0 : 22);
        double plotH = Math.Max(30, Height - top - bottom);

        // Y ticks (labels, numeric coordinates or indices).
        double cellH0 = plotH / Rows;
        var yTicks = AxisTicks(yCats, YValues, Rows, plotH, vertical: true);
        double yLabelW = Frame.MaxLabelWidth(yTicks.Select(t => t.Label));
        double left = left0 + yLabelW + 10;
        if (rotateX) left = Math.Max(left, xCatW * 0.72 - guessW / Columns / 2 + 8);
        double plotW = Math.Max(30, Width - left - right);
        if (SquareCells)
        {
            double cell = Math.Min(plotW / Columns, plotH / Rows);
            plotW = cell * Columns; plotH = cell * Rows;
        }
        double cw = plotW / Columns, ch = plotH / Rows;
        var xTicks = AxisTicks(xCats, XValues, Columns, plotW, vertical: false);

        double ColX(double c) => left + c * cw;                                   // c in column units (0 = left edge)
        double RowY(double r) => Origin == HeatmapOrigin.Top ? top + r * ch : top + plotH - (r + 1) * ch; // top edge of row r

        var s = new SvgBuilder(Width, Height, "heatmap", Title ?? Describe());
        int cells = Rows * Columns;
        if (Annotate || cells <= MaxVectorCells)
        {
            s.Open("cells", $"data-rows=\"{Rows}\" data-columns=\"{Columns}\"");
            double fontSize = Math.Clamp(Math.Min(ch * 0.3, 16), 6, 16);
            for (int r = 0; r < Rows; r++)
                for (int c = 0; c < Columns; c++)
                {
                    var v = _values[r, c];
                    var t = double.IsNaN(v) ? double.NaN : (v - lo) / (hi - lo);
                    var rgb = ColorMaps.Rgb(ColorMap, t);
                    // Cells overlap by a hair so no seams show between them.
                    s.Rect(ColX(c), RowY(r), cw + 0.3, ch + 0.3, $"#{rgb.R:X2}{rgb.G:X2}{rgb.B:X2}", cls: "cell");
                    if (!Annotate) continue;
                    var text = FormatValue(v);
                    double fs = Math.Min(fontSize, cw / Math.Max(1, TextMetrics.Width(text, 1)) * 0.9);
                    if (fs < 5) continue;
                    var ink = ColorMaps.Luminance(rgb) < 0.4 ? "#ffffff" : "#111111";
                    s.Text(ColX(c + 0.5), RowY(r) + ch / 2, text, fs, "middle", "cell-label", ink, middleBaseline: true);
                }
            s.Close();
        }
        else
        {
            var rgb = new byte[cells * 3];
            for (int r = 0; r < Rows; r++)
            {
                int screenRow = Origin == HeatmapOrigin.Top ? r : Rows - 1 - r;
                for (int c = 0; c < Columns; c++)
                {
                    var v = _values[r, c];
                    var col = ColorMaps.Rgb(ColorMap, double.IsNaN(v) ? double.NaN : (v - lo) / (hi - lo));
                    int o = (screenRow * Columns + c) * 3;
                    rgb[o] = col.R; rgb[o + 1] = col.G; rgb[o + 2] = col.B;
                }
            }
            s.Open("cells", $"data-rows=\"{Rows}\" data-columns=\"{Columns}\"");
            s.Image(left, top, plotW, plotH, PngEncoder.Encode(rgb, Columns, Rows, 3), pixelated: cw >= 3 && ch >= 3, cls: "cells-image");
            s.Close();
        }

        s.Rect(left, top, plotW, plotH, "none", Frame.AxisColor, 1, "frame");
        double Flip(double pos) => Origin == HeatmapOrigin.Top ? top + pos : top + plotH - pos;
        Frame.XTicks(s, xTicks.Select(t => new ScreenTick(left + t.Position, t.Label, t.Major)), top + plotH, rotateX);
        Frame.YTicks(s, yTicks.Select(t => new ScreenTick(Flip(t.Position), t.Label, t.Major)), left);
        Frame.XTitle(s, XTitle, left + plotW / 2, top + plotH + xLabelsH + 18, plotW);
        Frame.YTitle(s, YTitle, 20, top + plotH / 2, plotH);
        Frame.ChartTitle(s, Title, left + plotW / 2, Width);

        if (ShowColorBar)
        {
            double bx = left + plotW + 18, bw = 14;
            var strip = new byte[256 * 3];
            for (int i = 0; i < 256; i++)
            {
                var col = ColorMaps.Rgb(ColorMap, 1 - i / 255.0);
                strip[i * 3] = col.R; strip[i * 3 + 1] = col.G; strip[i * 3 + 2] = col.B;
            }
            s.Open("colorbar");
            s.Image(bx, top, bw, plotH, PngEncoder.Encode(strip, 1, 256, 3), pixelated: false, cls: "colorbar-image");
            s.Rect(bx, top, bw, plotH, "none", "#888888", 1, "colorbar-frame");
            foreach (var t in cbTicks)
            {
                double y = top + plotH - (t.Value - lo) / (hi - lo) * plotH;
                s.Line(bx + bw, y, bx + bw + 4, y, Frame.AxisColor, 1, "tick");
                s.Text(bx + bw + 7, y, t.Label, Frame.TickFont, "start", "tick-label", "#333333", middleBaseline: true);
            }
            if (!string.IsNullOrWhiteSpace(ColorBarTitle))
                s.Text(bx + bw + 7 + cbLabelW + 16, top + plotH / 2, TextMetrics.Fit(ColorBarTitle, Frame.AxisTitleFont, plotH),
                    Frame.AxisTitleFont, "middle", "axis-title colorbar-title", "#222222", rotate: -90);
            s.Close();
        }
        return s.Finish();
    }

    /// <summary>Whether neighbouring coordinate gaps differ by more than 3x across the axis (e.g. mel or log spacing).</summary>
    private static bool IsStronglyNonlinear(IReadOnlyList<double> c)
    {
        double minGap = double.PositiveInfinity, maxGap = 0;
        for (int i = 1; i < c.Count; i++)
        {
            var g = Math.Abs(c[i] - c[i - 1]);
            if (g > 0) { minGap = Math.Min(minGap, g); maxGap = Math.Max(maxGap, g); }
        }
        return maxGap > 3 * minGap;
    }

    /// <summary>
    /// Ticks along one axis, as pixel offsets from the axis start (bottom-up for vertical axes, before flipping):
    /// every category label (thinned when crowded), nice values of numeric coordinates, or nice indices.
    /// </summary>
    private static List<ScreenTick> AxisTicks(List<string>? labels, IReadOnlyList<double>? coords, int n, double length, bool vertical)
    {
        double cell = length / n;
        var ticks = new List<ScreenTick>();
        if (labels != null)
        {
            double minGap = vertical ? Frame.TickFont + 3 : 14;
            int every = Math.Max(1, (int)Math.Ceiling(minGap / cell));
            for (int i = 0; i < n; i++) ticks.Add(new ScreenTick((i + 0.5) * cell, i % every == 0 ? labels[i] : "", i % every == 0));
            return ticks;
        }
        double first = 0, last = n - 1;
        Func<double, double> pos = v => (v + 0.5) * cell;
        if (coords != null && n >= 2)
        {
            first = coords[0]; last = coords[n - 1];
            var c = coords;
            pos = v =>
            {
                // Fractional index of v by linear interpolation between neighbouring coordinates.
                int k = 0;
                while (k < n - 2 && c[k + 1] < v) k++;
                double span = c[k + 1] - c[k];
                double f = span == 0 ? 0 : (v - c[k]) / span;
                return (k + f + 0.5) * cell;
            };
        }
        else if (coords != null) { first = last = coords[0]; pos = _ => 0.5 * cell; }
        int target = Math.Max(2, (int)(length / (vertical ? 45 : 80)));
        var lo = Math.Min(first, last); var hi = Math.Max(first, last);
        if (coords != null && n >= 3 && IsStronglyNonlinear(coords))
        {
            // Mel-spaced bins and the like: evenly linear ticks would crowd at one end. Space the ticks
            // evenly on screen instead and round each to a 1-2-5 value.
            var chosen = new SortedSet<double>();
            for (int i = 0; i <= target; i++)
            {
                double f = i * (n - 1.0) / target;
                int k = Math.Min((int)f, n - 2);
                double v = coords[k] + (coords[k + 1] - coords[k]) * (f - k);
                double r = Ticks.NiceRound(v);
                if (r >= lo && r <= hi) chosen.Add(r);
            }
            var list = chosen.Select(v => new ScreenTick(pos(v), NumberFormat.Compact(v), true)).ToList();
            // Drop ticks that land too close to the previous one.
            var kept = new List<ScreenTick>();
            foreach (var t in list) if (kept.Count == 0 || Math.Abs(t.Position - kept[^1].Position) >= (vertical ? 16 : 40)) kept.Add(t);
            return kept;
        }
        if (hi == lo) return [new ScreenTick(pos(lo), coords is null ? "0" : NumberFormat.Compact(lo), true)];
        for (; target >= 1; target--)
        {
            var values = Ticks.Linear(lo, hi, target);
            // Indices are integers: drop fractional ticks, and label the rest without the step's decimals ("1", not "1.0").
            ticks = coords is null
                ? values.Where(t => t.Value == Math.Round(t.Value))
                    .Select(t => new ScreenTick(pos(t.Value), ((long)t.Value).ToString(System.Globalization.CultureInfo.InvariantCulture), true)).ToList()
                : values.Select(t => new ScreenTick(pos(t.Value), t.Label, true)).ToList();
            if (vertical || !Frame.Overlaps(ticks)) break;
        }
        return ticks;
    }
}
