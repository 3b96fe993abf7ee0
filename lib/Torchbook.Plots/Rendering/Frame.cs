namespace Torchbook.Plots.Rendering;

/// <summary>A tick placed on screen: pixel position along its axis, label (may be empty), major or minor.</summary>
internal readonly record struct ScreenTick(double Position, string Label, bool Major);

/// <summary>Draws the parts every chart with axes shares: tick marks, tick labels, axis titles, the chart title.</summary>
internal static class Frame
{
    public const double TickFont = 11;
    public const double AxisTitleFont = 12.5;
    public const double TitleFont = 15;
    public const string AxisColor = "#444444";
    public const string GridColor = "#e8e8e8";

    /// <summary>Chart title centred over the plot area.</summary>
    public static void ChartTitle(SvgBuilder s, string? title, double centerX, double width)
    {
        if (string.IsNullOrWhiteSpace(title)) return;
        const double bold = 1.12; // bold glyphs are wider than the regular ones TextMetrics assumes
        var text = TextMetrics.Fit(title, TitleFont, (width - 16) / bold);
        // Centred over the plot area, but moved sideways if that would push it off the chart.
        double half = TextMetrics.Width(text, TitleFont) * bold / 2;
        double x = Math.Clamp(centerX, Math.Min(half + 8, width / 2.0), Math.Max(width - half - 8, width / 2.0));
        s.Text(x, 24, text, TitleFont, "middle", "chart-title", "#111111", "bold");
    }

    /// <summary>
    /// X tick marks below <paramref name="y0"/> and their labels; rotates labels by 45° when
    /// <paramref name="rotate"/> is set (long category names).
    /// </summary>
    public static void XTicks(SvgBuilder s, IEnumerable<ScreenTick> ticks, double y0, bool rotate)
    {
        s.Open("axis x-axis");
        foreach (var t in ticks)
        {
            s.Line(t.Position, y0, t.Position, y0 + (t.Major ? 5 : 3), AxisColor, 1, "tick");
            if (t.Label.Length == 0) continue;
            if (rotate)
                s.Text(t.Position + 3, y0 + 14, t.Label, TickFont, "end", "tick-label", "#333333", rotate: -45);
            else
                s.Text(t.Position, y0 + 17, t.Label, TickFont, "middle", "tick-label", "#333333");
        }
        s.Close();
    }

    /// <summary>Y tick marks left of <paramref name="x0"/> and their labels, right-aligned.</summary>
    public static void YTicks(SvgBuilder s, IEnumerable<ScreenTick> ticks, double x0, string cls = "axis y-axis")
    {
        s.Open(cls);
        foreach (var t in ticks)
        {
            s.Line(x0 - (t.Major ? 5 : 3), t.Position, x0, t.Position, AxisColor, 1, "tick");
            if (t.Label.Length > 0)
                s.Text(x0 - 8, t.Position, t.Label, TickFont, "end", "tick-label", "#333333", middleBaseline: true);
        }
        s.Close();
    }

    public static void XTitle(SvgBuilder s, string? title, double centerX, double y, double maxWidth)
    {
        if (string.IsNullOrWhiteSpace(title)) return;
        s.Text(centerX, y, TextMetrics.Fit(title, AxisTitleFont, maxWidth), AxisTitleFont, "middle", "axis-title x-title", "#222222");
    }

    public static void YTitle(SvgBuilder s, string? title, double x, double centerY, double maxHeight)
    {
        if (string.IsNullOrWhiteSpace(title)) return;
        s.Text(x, centerY, TextMetrics.Fit(title, AxisTitleFont, maxHeight), AxisTitleFont, "middle", "axis-title y-title", "#222222", rotate: -90);
    }

    /// <summary>Widest label among the ticks (estimated), 0 when none.</summary>
    public static double MaxLabelWidth(IEnumerable<string> labels, double font = TickFont) =>
        labels.Select(l => TextMetrics.Width(l, font)).DefaultIfEmpty(0).Max();

    /// <summary>Whether labels centred on the given positions would overlap (with a small gap).</summary>
    public static bool Overlaps(IReadOnlyList<ScreenTick> ticks, double gap = 6)
    {
        ScreenTick? prev = null;
        foreach (var t in ticks)
        {
            if (t.Label.Length == 0) continue;
            if (prev is { } p)
            {
                var need = (TextMetrics.Width(p.Label, TickFont) + TextMetrics.Width(t.Label, TickFont)) / 2 + gap;
                if (Math.Abs(t.Position - p.Position) < need) return true;
            }
            prev = t;
        }
        return false;
    }
}
