using System.Numerics;

namespace Torchbook.Plots;

/// <summary>
/// One-call charts for notebooks, in the spirit of matplotlib's <c>plt.plot</c>, <c>plt.scatter</c>,
/// <c>plt.hist</c>, <c>plt.imshow</c>. Every method returns the chart object: display it by making it a
/// cell's last expression, change it (add series, markers, points) and display it again, or save it
/// with <see cref="Chart.SavePng"/> / <see cref="Chart.SaveSvg"/>. Numbers may be double, float, int, long...
/// </summary>
public static partial class Plot
{
    /// <summary>A line through y[i] at x = 0, 1, 2, ... (like <c>plt.plot(y)</c>).</summary>
    /// <param name="y">The values to draw; NaN or infinite values leave a gap.</param>
    /// <param name="name">Series name for the legend.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title, e.g. "epoch".</param>
    /// <param name="yTitle">Vertical axis title, e.g. "loss".</param>
    /// <param name="logX">Logarithmic x axis.</param>
    /// <param name="logY">Logarithmic y axis (values ≤ 0 are left out).</param>
    /// <param name="width">Chart width in pixels.</param>
    /// <param name="height">Chart height in pixels.</param>
    public static XYChart Line<T>(IEnumerable<T> y, string? name = null, string? title = null, string? xTitle = null,
        string? yTitle = null, bool logX = false, bool logY = false, int width = 640, int height = 400)
        where T : INumberBase<T>
    {
        var ys = Data.NonEmpty(y, "y", "Plot.Line");
        var chart = NewChart(title, xTitle, yTitle, logX, logY, width, height);
        chart.AddLine(Data.Range(ys.Length), ys, name);
        return chart;
    }

    /// <summary>A line through the points (x[i], y[i]) (like <c>plt.plot(x, y)</c>).</summary>
    /// <inheritdoc cref="Line{T}(IEnumerable{T}, string?, string?, string?, string?, bool, bool, int, int)"/>
    /// <param name="x">Horizontal positions, one per y value.</param>
    public static XYChart Line<TX, TY>(IEnumerable<TX> x, IEnumerable<TY> y, string? name = null, string? title = null,
        string? xTitle = null, string? yTitle = null, bool logX = false, bool logY = false, int width = 640, int height = 400)
        where TX : INumberBase<TX> where TY : INumberBase<TY>
    {
        var xs = Data.NonEmpty(x, "x", "Plot.Line");
        var ys = Data.NonEmpty(y, "y", "Plot.Line");
        Data.CheckSameLength(xs.Length, ys.Length, "x", "y", "Plot.Line");
        var chart = NewChart(title, xTitle, yTitle, logX, logY, width, height);
        chart.AddLine(xs, ys, name);
        return chart;
    }

    /// <summary>
    /// Several named lines on one chart with a legend, e.g.
    /// <c>Plot.Lines([("train", trainLoss), ("valid", validLoss)], xTitle: "epoch")</c>.
    /// Each line is drawn at x = <paramref name="x"/> (or 0, 1, 2, ... when null).
    /// </summary>
    /// <param name="series">(name, values) pairs, one per line.</param>
    /// <param name="x">Shared x positions; null for 0, 1, 2, ...</param>
    public static XYChart Lines<T>(IEnumerable<(string Name, IEnumerable<T> Y)> series, IEnumerable<double>? x = null,
        string? title = null, string? xTitle = null, string? yTitle = null, bool logX = false, bool logY = false,
        int width = 640, int height = 400)
        where T : INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(series);
        var list = series.ToList();
        if (list.Count == 0) throw new ArgumentException("Plot.Lines: no series given; pass at least one (name, values) pair.", nameof(series));
        var xs = x?.ToArray();
        var chart = NewChart(title, xTitle, yTitle, logX, logY, width, height);
        foreach (var (name, values) in list)
        {
            var ys = Data.NonEmpty(values, $"values of \"{name}\"", "Plot.Lines");
            if (xs != null) Data.CheckSameLength(xs.Length, ys.Length, "x", $"\"{name}\"", "Plot.Lines");
            chart.AddLine(xs ?? Data.Range(ys.Length), ys, name);
        }
        chart.ShowLegend = true;
        return chart;
    }

    /// <summary>
    /// Unconnected points (like <c>plt.scatter</c>). With <paramref name="classes"/> each point is coloured
    /// by its class index and the legend names the classes (<paramref name="classNames"/>, else "class 0", ...).
    /// </summary>
    /// <param name="x">Horizontal positions.</param>
    /// <param name="y">Vertical positions, one per x.</param>
    /// <param name="classes">Optional class index per point (0, 1, 2, ...).</param>
    /// <param name="classNames">Optional names for the class indices.</param>
    /// <param name="name">Series name when there are no classes.</param>
    public static XYChart Scatter<TX, TY>(IEnumerable<TX> x, IEnumerable<TY> y, IEnumerable<int>? classes = null,
        IReadOnlyList<string>? classNames = null, string? name = null, string? title = null, string? xTitle = null,
        string? yTitle = null, bool logX = false, bool logY = false, int width = 640, int height = 400)
        where TX : INumberBase<TX> where TY : INumberBase<TY>
    {
        var xs = Data.NonEmpty(x, "x", "Plot.Scatter");
        var ys = Data.NonEmpty(y, "y", "Plot.Scatter");
        Data.CheckSameLength(xs.Length, ys.Length, "x", "y", "Plot.Scatter");
        var chart = NewChart(title, xTitle, yTitle, logX, logY, width, height);
        if (classes is null)
        {
            chart.AddScatter(xs, ys, name);
            return chart;
        }
        var cs = classes.ToArray();
        Data.CheckSameLength(xs.Length, cs.Length, "x", "classes", "Plot.Scatter");
        int bad = Array.FindIndex(cs, c => c < 0);
        if (bad >= 0) throw new ArgumentException($"Plot.Scatter: class indices must be 0 or more; classes[{bad}] is {cs[bad]}.", nameof(classes));
        int count = cs.Max() + 1;
        if (classNames != null && classNames.Count < count)
            throw new ArgumentException($"Plot.Scatter: class index {count - 1} appears but only {classNames.Count} class names were given.", nameof(classNames));
        for (int c = 0; c < count; c++)
        {
            var idx = Enumerable.Range(0, cs.Length).Where(i => cs[i] == c).ToArray();
            if (idx.Length == 0) continue;
            var s = chart.AddScatter(idx.Select(i => xs[i]), idx.Select(i => ys[i]), classNames?[c] ?? $"class {c}", Palette.Color(c));
        }
        chart.ShowLegend = true;
        return chart;
    }

    /// <summary>
    /// A histogram of <paramref name="values"/> (like <c>plt.hist</c>): <paramref name="bins"/> equal-width bins
    /// over the data's range (numpy's default is 10) or over <paramref name="range"/>. NaN and infinities are skipped.
    /// </summary>
    /// <param name="values">The samples to count.</param>
    /// <param name="bins">Number of equal-width bins.</param>
    /// <param name="range">(min, max) to bin over; values outside are ignored.</param>
    /// <param name="density">Divide counts so the bars' total area is 1 (a probability density).</param>
    public static XYChart Histogram<T>(IEnumerable<T> values, int bins = 10, (double Min, double Max)? range = null,
        bool density = false, string? name = null, string? title = null, string? xTitle = null, string? yTitle = null,
        bool logY = false, int width = 640, int height = 400)
        where T : INumberBase<T>
    {
        var v = Data.NonEmpty(values, "values", "Plot.Histogram");
        var (edges, counts) = HistogramBins.Count(v, bins, range, density);
        var chart = NewChart(title, xTitle, yTitle ?? (density ? "density" : "count"), false, logY, width, height);
        chart.AddHistogram(edges, counts, name);
        return chart;
    }

    /// <summary>A histogram over explicit, increasing bin <paramref name="edges"/> (one more edge than bins).</summary>
    public static XYChart Histogram<T>(IEnumerable<T> values, double[] edges, bool density = false, string? name = null,
        string? title = null, string? xTitle = null, string? yTitle = null, bool logY = false, int width = 640, int height = 400)
        where T : INumberBase<T>
    {
        var v = Data.NonEmpty(values, "values", "Plot.Histogram");
        ArgumentNullException.ThrowIfNull(edges);
        var counts = HistogramBins.CountInto(v.Where(double.IsFinite).ToArray(), edges, density);
        var chart = NewChart(title, xTitle, yTitle ?? (density ? "density" : "count"), false, logY, width, height);
        chart.AddHistogram(edges, counts, name);
        return chart;
    }

    /// <summary>
    /// Loss against learning rate from a learning-rate finder: log x axis, and when
    /// <paramref name="suggested"/> is given, a highlighted marker at that rate labelled with it.
    /// </summary>
    /// <param name="learningRates">The learning rates tried, increasing.</param>
    /// <param name="losses">The (smoothed) loss at each rate.</param>
    /// <param name="suggested">The suggested learning rate, if any; its loss is read off the curve.</param>
    public static XYChart LearningRateFinder<TX, TY>(IEnumerable<TX> learningRates, IEnumerable<TY> losses, double? suggested = null,
        string title = "Learning rate finder", int width = 640, int height = 400)
        where TX : INumberBase<TX> where TY : INumberBase<TY>
    {
        var chart = Line(learningRates, losses, "loss", title, "learning rate", "loss", logX: true, width: width, height: height);
        if (suggested is { } lr)
        {
            var line = (LineSeries)chart.Series[0];
            chart.AddMarker(lr, InterpolateLog(line, lr), $"suggested: {Rendering.NumberFormat.Compact(lr)}");
        }
        return chart;
    }

    private static double InterpolateLog(LineSeries line, double x)
    {
        double best = double.NaN, bestDist = double.PositiveInfinity;
        for (int i = 0; i < line.Count; i++)
        {
            if (!(line.X[i] > 0) || !double.IsFinite(line.Y[i])) continue;
            var d = Math.Abs(Math.Log10(line.X[i]) - Math.Log10(x));
            if (d < bestDist) { bestDist = d; best = line.Y[i]; }
        }
        if (double.IsNaN(best)) throw new ArgumentException("Plot.LearningRateFinder: no finite loss at a positive learning rate to place the suggestion on.");
        return best;
    }

    private static XYChart NewChart(string? title, string? xTitle, string? yTitle, bool logX, bool logY, int width, int height)
    {
        var chart = new XYChart(title, xTitle, yTitle, width, height);
        if (logX) chart.XAxis.Scale = AxisScale.Log;
        if (logY) chart.YAxis.Scale = AxisScale.Log;
        return chart;
    }
}
