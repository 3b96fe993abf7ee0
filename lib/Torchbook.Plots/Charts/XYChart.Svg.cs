using Torchbook.Plots.Rendering;

namespace Torchbook.Plots;

public sealed partial class XYChart
{
    internal readonly record struct Bounds(double XMin, double XMax, double YMin, double YMax, bool HasData);

    private static bool Usable(double v, AxisScale scale) => double.IsFinite(v) && (scale == AxisScale.Linear || v > 0);

    /// <summary>The visible data range: every drawable value with a small margin, or the axes' fixed limits.</summary>
    internal Bounds ComputeBounds()
    {
        double x0 = double.PositiveInfinity, x1 = double.NegativeInfinity, y0 = double.PositiveInfinity, y1 = double.NegativeInfinity;
        bool bars = false;
        void Take(double x, double y)
        {
            if (!Usable(x, XAxis.Scale) || !Usable(y, YAxis.Scale)) return;
            x0 = Math.Min(x0, x); x1 = Math.Max(x1, x); y0 = Math.Min(y0, y); y1 = Math.Max(y1, y);
        }
        foreach (var s in _series)
        {
            switch (s)
            {
                case LineSeries l: for (int i = 0; i < l.Count; i++) Take(l.X[i], l.Y[i]); break;
                case ScatterSeries sc: for (int i = 0; i < sc.Count; i++) Take(sc.X[i], sc.Y[i]); break;
                case HistogramSeries h:
                    bars = true;
                    for (int i = 0; i < h.Count; i++)
                    {
                        Take(h.Edges[i], h.Heights[i]);
                        Take(h.Edges[i + 1], h.Heights[i]);
                        if (YAxis.Scale == AxisScale.Linear) Take(h.Edges[i], 0);
                    }
                    break;
            }
        }
        foreach (var m in _markers) Take(m.X, m.Y);
        bool has = x0 <= x1;
        if (!has) { x0 = XAxis.Scale == AxisScale.Log ? 1 : 0; x1 = XAxis.Scale == AxisScale.Log ? 10 : 1; y0 = x0; y1 = x1; }
        (x0, x1) = Pad(x0, x1, XAxis.Scale, bars ? 0.0 : 0.04, false);
        (y0, y1) = Pad(y0, y1, YAxis.Scale, 0.05, bars && y0 >= 0);
        if (XAxis.Min is { } a) x0 = a;
        if (XAxis.Max is { } b) x1 = b;
        if (YAxis.Min is { } c) y0 = c;
        if (YAxis.Max is { } d) y1 = d;
        if (!(x0 < x1)) (x0, x1) = Pad(x0, x0, XAxis.Scale, 0, false);
        if (!(y0 < y1)) (y0, y1) = Pad(y0, y0, YAxis.Scale, 0, false);
        return new Bounds(x0, x1, y0, y1, has);
    }

    private static (double, double) Pad(double lo, double hi, AxisScale scale, double fraction, bool keepZeroFloor)
    {
        var (a, b) = PadUnclamped(lo, hi, scale, fraction, keepZeroFloor);
        // Data near the limits of double must not pad itself into infinity.
        const double Big = 1e306;
        if (scale == AxisScale.Log) return (Math.Clamp(a, 1e-306, Big / 10), Math.Clamp(b, 1e-305, Big));
        return (Math.Clamp(a, -Big, Big / 2), Math.Clamp(b, -Big / 2, Big));
    }

    private static (double, double) PadUnclamped(double lo, double hi, AxisScale scale, double fraction, bool keepZeroFloor)
    {
        if (scale == AxisScale.Log)
        {
            double l = Math.Log10(lo), h = Math.Log10(hi);
            if (h - l < 1e-12) { l -= 0.5; h += 0.5; }
            var p = (h - l) * fraction;
            return (Math.Pow(10, l - p), Math.Pow(10, h + p));
        }
        if (hi - lo < 1e-12 * Math.Max(1, Math.Abs(hi)))
        {
            var d = lo == 0 ? 1 : Math.Abs(lo) * 0.1;
            return (lo - d, hi + d);
        }
        var pad = (hi - lo) * fraction;
        return (keepZeroFloor && lo == 0 ? 0 : lo - pad, hi + pad);
    }

    internal override string RenderSvg()
    {
        var b = ComputeBounds();
        bool hasTitle = !string.IsNullOrWhiteSpace(Title);
        bool hasXTitle = !string.IsNullOrWhiteSpace(XAxis.Title);
        bool hasYTitle = !string.IsNullOrWhiteSpace(YAxis.Title);
        bool legend = LegendVisible;

        double top = hasTitle ? 40 : 14;
        double bottom = 30 + (hasXTitle ? 22 : 0);
        double plotH = Math.Max(40, Height - top - bottom);

        var yTicks = MakeTicks(YAxis.Scale, b.YMin, b.YMax, (int)Math.Round(plotH / 48));
        double yLabelW = Frame.MaxLabelWidth(yTicks.Select(t => t.Label));
        double left = 10 + (hasYTitle ? 22 : 0) + yLabelW + 10;

        var legendNames = legend ? _series.Where(s => s.Name.Length > 0).Select(s => TextMetrics.Fit(s.Name, 11.5, 160)).ToList() : [];
        double legendW = legend && legendNames.Count > 0 ? 44 + Frame.MaxLabelWidth(legendNames, 11.5) : 0;
        double right = legendW > 0 ? legendW + 16 : 22;
        double plotW = Math.Max(40, Width - left - right);

        // Fewer x ticks until their labels stop overlapping.
        List<Tick> xTicks = [];
        List<ScreenTick> xScreen = [];
        for (int target = Math.Max(2, (int)Math.Round(plotW / 80)); target >= 1; target--)
        {
            xTicks = MakeTicks(XAxis.Scale, b.XMin, b.XMax, target);
            xScreen = xTicks.Select(t => new ScreenTick(Px(t.Value, b.XMin, b.XMax, XAxis.Scale, left, plotW), t.Label, t.Major)).ToList();
            if (!Frame.Overlaps(xScreen)) break;
        }
        var yScreen = yTicks.Select(t => new ScreenTick(Py(t.Value, b.YMin, b.YMax, YAxis.Scale, top, plotH), t.Label, t.Major)).ToList();

        var s = new SvgBuilder(Width, Height, "xy", Title ?? Describe());
        string clipId = IdPlaceholder + "-clip";
        s.ClipRect(clipId, left, top, plotW, plotH);

        // Grid lines at the labelled ticks (minor log ticks fainter).
        s.Open("grid");
        // Minor grid lines only while they are few enough to help reading values.
        bool xMinorGrid = xScreen.Count <= 30, yMinorGrid = yScreen.Count <= 30;
        foreach (var t in xScreen) if (t.Major || xMinorGrid) s.Line(t.Position, top, t.Position, top + plotH, t.Major ? Frame.GridColor : "#f3f3f3", 1);
        foreach (var t in yScreen) if (t.Major || yMinorGrid) s.Line(left, t.Position, left + plotW, t.Position, t.Major ? Frame.GridColor : "#f3f3f3", 1);
        s.Close();

        double X(double v) => Px(v, b.XMin, b.XMax, XAxis.Scale, left, plotW);
        double Y(double v) => Py(v, b.YMin, b.YMax, YAxis.Scale, top, plotH);

        s.Open("plot-area", $"clip-path=\"url(#{clipId})\"");
        for (int i = 0; i < _series.Count; i++)
        {
            var color = ColorOf(i);
            var series = _series[i];
            var nameAttr = SvgBuilder.Attr("data-name", series.Name);
            switch (series)
            {
                case HistogramSeries h:
                    s.Open("series histogram", nameAttr);
                    double baseY = Y(YAxis.Scale == AxisScale.Log ? b.YMin : Math.Max(b.YMin, 0));
                    for (int k = 0; k < h.Count; k++)
                    {
                        if (!Usable(h.Heights[k], YAxis.Scale) || h.Heights[k] == 0) continue;
                        double xa = X(h.Edges[k]), xb = X(h.Edges[k + 1]), yv = Y(h.Heights[k]);
                        s.Rect(xa, Math.Min(yv, baseY), xb - xa, Math.Abs(baseY - yv), color, "#ffffff", 0.6, "bar", "fill-opacity=\"0.85\"");
                    }
                    s.Close();
                    break;
                case LineSeries l:
                    s.Open("series line", nameAttr);
                    var segments = new List<IReadOnlyList<(double, double)>>();
                    var current = new List<(double, double)>();
                    for (int k = 0; k < l.Count; k++)
                    {
                        if (Usable(l.X[k], XAxis.Scale) && Usable(l.Y[k], YAxis.Scale)) current.Add((X(l.X[k]), Y(l.Y[k])));
                        else if (current.Count > 0) { segments.Add(current); current = []; }
                    }
                    if (current.Count > 0) segments.Add(current);
                    for (int k = 0; k < segments.Count; k++) segments[k] = Thin(segments[k], plotW);
                    string? dash = l.Style switch { LineStyle.Dashed => "7 4", LineStyle.Dotted => "2 3", _ => null };
                    s.Path(segments, color, l.LineWidth, dash);
                    // A lone point between gaps has no line to show it: give it a dot.
                    foreach (var seg in segments)
                        if (l.ShowPoints || seg.Count == 1)
                            foreach (var (px, py) in seg) s.Circle(px, py, Math.Max(2.5, l.LineWidth * 1.3), color, cls: "point");
                    s.Close();
                    break;
                case ScatterSeries sc:
                    s.Open("series scatter", nameAttr);
                    for (int k = 0; k < sc.Count; k++)
                        if (Usable(sc.X[k], XAxis.Scale) && Usable(sc.Y[k], YAxis.Scale))
                            s.Circle(X(sc.X[k]), Y(sc.Y[k]), sc.Radius, color, "#ffffff", 0.5, "point", 0.8);
                    s.Close();
                    break;
            }
        }
        s.Close();

        if (!b.HasData)
            s.Text(left + plotW / 2, top + plotH / 2, "no data yet", 13, "middle", "empty-note", "#888888", middleBaseline: true);

        // Frame and axes.
        s.Rect(left, top, plotW, plotH, "none", "#bbbbbb", 1, "frame");
        s.Line(left, top + plotH, left + plotW, top + plotH, Frame.AxisColor, 1, "x-axis-line");
        s.Line(left, top, left, top + plotH, Frame.AxisColor, 1, "y-axis-line");
        Frame.XTicks(s, xScreen, top + plotH, rotate: false);
        Frame.YTicks(s, yScreen, left);
        Frame.XTitle(s, XAxis.Title, left + plotW / 2, top + plotH + 44, plotW);
        Frame.YTitle(s, YAxis.Title, 10 + 10, top + plotH / 2, plotH);
        Frame.ChartTitle(s, Title, left + plotW / 2, Width);

        // Markers on top of everything in the plot, labels kept inside the plot area.
        foreach (var m in _markers)
        {
            if (!Usable(m.X, XAxis.Scale) || !Usable(m.Y, YAxis.Scale)) continue;
            double mx = X(m.X), my = Y(m.Y);
            if (mx < left - 1 || mx > left + plotW + 1 || my < top - 1 || my > top + plotH + 1) continue;
            s.Open("marker", SvgBuilder.Attr("data-label", m.Label ?? ""));
            s.Circle(mx, my, 9, "none", m.Color, 1.5, "marker-ring");
            s.Circle(mx, my, 5, m.Color, "#ffffff", 1.5, "marker-dot");
            if (!string.IsNullOrEmpty(m.Label))
            {
                double w = TextMetrics.Width(m.Label, 12);
                bool leftSide = mx + 14 + w > left + plotW - 4;
                double ty = my - 14 < top + 14 ? my + 24 : my - 14;
                s.Text(leftSide ? mx - 12 : mx + 12, ty, m.Label, 12, leftSide ? "end" : "start", "marker-label", m.Color, "bold", halo: true);
            }
            s.Close();
        }

        if (legendW > 0)
        {
            double lx = left + plotW + 14, ly = top + 4;
            s.Open("legend");
            s.Rect(lx, ly, legendW, 10 + 20 * legendNames.Count, "#ffffff", "#dddddd", 1, "legend-box");
            int row = 0;
            for (int i = 0; i < _series.Count; i++)
            {
                var series = _series[i];
                if (series.Name.Length == 0) continue;
                double ry = ly + 15 + 20 * row;
                var color = ColorOf(i);
                s.Open("legend-entry", SvgBuilder.Attr("data-name", series.Name));
                switch (series)
                {
                    case LineSeries l:
                        s.Line(lx + 8, ry, lx + 32, ry, color, Math.Max(2, l.LineWidth), "swatch",
                            l.Style switch { LineStyle.Dashed => "7 4", LineStyle.Dotted => "2 3", _ => null });
                        break;
                    case ScatterSeries:
                        s.Circle(lx + 20, ry, 4, color, cls: "swatch");
                        break;
                    default:
                        s.Rect(lx + 12, ry - 6, 16, 12, color, cls: "swatch");
                        break;
                }
                s.Text(lx + 38, ry, legendNames[row], 11.5, "start", "legend-label", "#222222", middleBaseline: true);
                s.Close();
                row++;
            }
            s.Close();
        }
        return s.Finish();
    }

    /// <summary>
    /// Long lines (a loss per training step) keep, per pixel column, only the first, lowest, highest and last
    /// point: the drawing looks the same and the SVG stays small.
    /// </summary>
    internal static IReadOnlyList<(double X, double Y)> Thin(IReadOnlyList<(double X, double Y)> points, double plotWidth)
    {
        if (points.Count <= 4 * plotWidth) return points;
        var result = new List<(double, double)>();
        int i = 0;
        while (i < points.Count)
        {
            int column = (int)Math.Floor(points[i].X);
            int j = i;
            int lo = i, hi = i;
            while (j < points.Count && (int)Math.Floor(points[j].X) == column)
            {
                if (points[j].Y < points[lo].Y) lo = j;
                if (points[j].Y > points[hi].Y) hi = j;
                j++;
            }
            foreach (var k in new SortedSet<int> { i, lo, hi, j - 1 }) result.Add(points[k]);
            i = j;
        }
        return result;
    }

    private static List<Tick> MakeTicks(AxisScale scale, double min, double max, int target) =>
        scale == AxisScale.Log ? Ticks.Log(min, max, target) : Ticks.Linear(min, max, target);

    private static double T(double v, AxisScale scale) => scale == AxisScale.Log ? Math.Log10(v) : v;

    private static double Px(double v, double min, double max, AxisScale scale, double left, double width) =>
        left + (T(v, scale) - T(min, scale)) / (T(max, scale) - T(min, scale)) * width;

    private static double Py(double v, double min, double max, AxisScale scale, double top, double height) =>
        top + height - (T(v, scale) - T(min, scale)) / (T(max, scale) - T(min, scale)) * height;
}
