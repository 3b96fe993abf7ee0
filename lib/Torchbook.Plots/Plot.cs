using System.Numerics;

namespace Torchbook.Plots;

/// <summary>
/// One-call charts for notebooks, in the spirit of matplotlib's <c>plt.plot</c>, <c>plt.scatter</c>,
/// <c>plt.hist</c>, <c>plt.imshow</c>. Every method returns the chart object: display it by making it a
/// cell's last expression, change it (add series, markers, points) and display it again, or save it
/// with <see cref="Chart.SavePng"/> / <see cref="Chart.SaveSvg"/>. Numbers may be double, float, int, long...
/// </summary>
/// <remarks>
/// Parameters shared by the chart methods, always optional and best passed by name:
/// <c>title</c> (above the chart), <c>xTitle</c> / <c>yTitle</c> (axis titles), <c>logX</c> / <c>logY</c>
/// (logarithmic axes), <c>width</c> / <c>height</c> (size in pixels). NaN and infinite values are skipped
/// (lines show a gap); empty data throws an <see cref="ArgumentException"/> that says which argument was empty.
/// </remarks>
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
    /// Several named lines on one chart with a legend, each drawn at x = 0, 1, 2, ...:
    /// <c>Plot.Lines([("train", trainLoss), ("valid", validLoss)], xTitle: "epoch")</c>.
    /// </summary>
    /// <param name="series">(name, values) pairs, one per line.</param>
    public static XYChart Lines<T>(IEnumerable<(string Name, IEnumerable<T> Y)> series,
        string? title = null, string? xTitle = null, string? yTitle = null, bool logX = false, bool logY = false,
        int width = 640, int height = 400)
        where T : INumberBase<T> =>
        LinesAt(null, series, title, xTitle, yTitle, logX, logY, width, height);

    /// <summary>
    /// Several named lines sharing the x positions <paramref name="x"/>:
    /// <c>Plot.Lines(Enumerable.Range(1, epochs), [("train", trainLoss), ("valid", validLoss)], xTitle: "epoch")</c>.
    /// </summary>
    /// <param name="x">Shared x positions, one per value of every series.</param>
    /// <param name="series">(name, values) pairs, one per line.</param>
    public static XYChart Lines<TX, T>(IEnumerable<TX> x, IEnumerable<(string Name, IEnumerable<T> Y)> series,
        string? title = null, string? xTitle = null, string? yTitle = null, bool logX = false, bool logY = false,
        int width = 640, int height = 400)
        where TX : INumberBase<TX> where T : INumberBase<T> =>
        LinesAt(Data.NonEmpty(x, "x", "Plot.Lines"), series, title, xTitle, yTitle, logX, logY, width, height);

    private static XYChart LinesAt<T>(double[]? xs, IEnumerable<(string Name, IEnumerable<T> Y)> series,
        string? title, string? xTitle, string? yTitle, bool logX, bool logY, int width, int height)
        where T : INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(series);
        var list = series.ToList();
        if (list.Count == 0) throw new ArgumentException("Plot.Lines: no series given; pass at least one (name, values) pair.", nameof(series));
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

    /// <summary>Unconnected points (like <c>plt.scatter(x, y)</c>).</summary>
    /// <param name="x">Horizontal positions.</param>
    /// <param name="y">Vertical positions, one per x.</param>
    /// <param name="name">Series name for the legend.</param>
    public static XYChart Scatter<TX, TY>(IEnumerable<TX> x, IEnumerable<TY> y, string? name = null, string? title = null,
        string? xTitle = null, string? yTitle = null, bool logX = false, bool logY = false, int width = 640, int height = 400)
        where TX : INumberBase<TX> where TY : INumberBase<TY>
    {
        var xs = Data.NonEmpty(x, "x", "Plot.Scatter");
        var ys = Data.NonEmpty(y, "y", "Plot.Scatter");
        Data.CheckSameLength(xs.Length, ys.Length, "x", "y", "Plot.Scatter");
        var chart = NewChart(title, xTitle, yTitle, logX, logY, width, height);
        chart.AddScatter(xs, ys, name);
        return chart;
    }

    /// <summary>
    /// Points coloured by class (like <c>plt.scatter(x, y, c=labels)</c>): one colour and legend entry per class index,
    /// named by <paramref name="classNames"/> (else "class 0", "class 1", ...).
    /// </summary>
    /// <param name="x">Horizontal positions.</param>
    /// <param name="y">Vertical positions, one per x.</param>
    /// <param name="classes">Class index per point (0, 1, 2, ...), int or long.</param>
    /// <param name="classNames">Optional names for the class indices.</param>
    public static XYChart Scatter<TX, TY, TC>(IEnumerable<TX> x, IEnumerable<TY> y, IEnumerable<TC> classes,
        IReadOnlyList<string>? classNames = null, string? title = null, string? xTitle = null, string? yTitle = null,
        bool logX = false, bool logY = false, int width = 640, int height = 400)
        where TX : INumberBase<TX> where TY : INumberBase<TY> where TC : IBinaryInteger<TC>
    {
        var xs = Data.NonEmpty(x, "x", "Plot.Scatter");
        var ys = Data.NonEmpty(y, "y", "Plot.Scatter");
        Data.CheckSameLength(xs.Length, ys.Length, "x", "y", "Plot.Scatter");
        var cs = Data.ClassIndices(classes, "classes", "Plot.Scatter");
        Data.CheckSameLength(xs.Length, cs.Length, "x", "classes", "Plot.Scatter");
        int count = cs.Max() + 1;
        if (classNames != null && classNames.Count < count)
            throw new ArgumentException($"Plot.Scatter: class index {count - 1} appears but only {classNames.Count} class names were given.", nameof(classNames));
        var chart = NewChart(title, xTitle, yTitle, logX, logY, width, height);
        for (int c = 0; c < count; c++)
        {
            var idx = Enumerable.Range(0, cs.Length).Where(i => cs[i] == c).ToArray();
            if (idx.Length == 0) continue;
            chart.AddScatter(idx.Select(i => xs[i]), idx.Select(i => ys[i]), classNames?[c] ?? $"class {c}", Palette.Color(c));
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

    /// <summary>
    /// An empty chart to fill while training: display it once, then call
    /// <c>chart.Append("train", epoch, loss)</c> as values arrive; hosts that support live updates redraw it.
    /// </summary>
    public static XYChart Live(string? title = null, string? xTitle = null, string? yTitle = null, bool logY = false,
        int width = 640, int height = 400)
    {
        var chart = NewChart(title, xTitle, yTitle, false, logY, width, height);
        chart.ShowLegend = true;
        return chart;
    }

    private static XYChart NewChart(string? title, string? xTitle, string? yTitle, bool logX, bool logY, int width, int height)
    {
        var chart = new XYChart(title, xTitle, yTitle, width, height);
        if (logX) chart.XAxis.Scale = AxisScale.Log;
        if (logY) chart.YAxis.Scale = AxisScale.Log;
        return chart;
    }
}

public static partial class Plot
{
    /// <summary>Bars with one value per category (like <c>plt.bar(categories, values)</c>).</summary>
    /// <param name="categories">Category labels along the x axis, e.g. class names.</param>
    /// <param name="values">One value per category.</param>
    public static BarChart Bar<T>(IEnumerable<string> categories, IEnumerable<T> values, string? title = null,
        string? xTitle = null, string? yTitle = null, string? color = null, int width = 640, int height = 400)
        where T : INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(categories);
        var v = Data.NonEmpty(values, "values", "Plot.Bar");
        var chart = new BarChart(categories, title, xTitle, yTitle, width, height);
        chart.AddBars(v, null, color);
        return chart;
    }

    /// <summary>Grouped bars: one bar per (name, values) pair in each category, with a legend.</summary>
    public static BarChart Bars<T>(IEnumerable<string> categories, IEnumerable<(string Name, IEnumerable<T> Values)> groups,
        string? title = null, string? xTitle = null, string? yTitle = null, int width = 640, int height = 400)
        where T : INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(groups);
        var chart = new BarChart(categories, title, xTitle, yTitle, width, height);
        foreach (var (name, values) in groups) chart.AddBars(Data.NonEmpty(values, $"values of \"{name}\"", "Plot.Bars"), name);
        if (chart.Groups.Count == 0) throw new ArgumentException("Plot.Bars: no groups given; pass at least one (name, values) pair.", nameof(groups));
        return chart;
    }
}

public static partial class Plot
{
    /// <summary>
    /// A heatmap of <paramref name="values"/>[row, column] with a colour bar (like <c>plt.imshow</c>).
    /// For a spectrogram pass <c>xValues</c> = frame times in seconds, <c>yValues</c> = bin frequencies,
    /// <c>originBottom: true</c> and <c>colorMap: ColorMap.Magma</c> (or use <see cref="Spectrogram(double[,], double, double, IReadOnlyList{double}?, string?, string, string, int, int)"/>).
    /// </summary>
    /// <param name="values">The grid: values[row, column].</param>
    /// <param name="xLabels">A label per column (categories).</param>
    /// <param name="yLabels">A label per row (categories).</param>
    /// <param name="xValues">A numeric coordinate per column (e.g. seconds).</param>
    /// <param name="yValues">A numeric coordinate per row (e.g. Hz).</param>
    /// <param name="originBottom">Draw row 0 at the bottom (graphs, spectrograms) instead of the top (matrices).</param>
    /// <param name="annotate">Write each value in its cell.</param>
    /// <param name="colorBarTitle">Title beside the colour bar, e.g. "dB".</param>
    /// <param name="min">Value for the lowest colour (default: smallest value).</param>
    /// <param name="max">Value for the highest colour (default: largest value).</param>
    public static Heatmap Heatmap(double[,] values, string? title = null, string? xTitle = null, string? yTitle = null,
        IReadOnlyList<string>? xLabels = null, IReadOnlyList<string>? yLabels = null,
        IReadOnlyList<double>? xValues = null, IReadOnlyList<double>? yValues = null,
        ColorMap colorMap = ColorMap.Viridis, bool originBottom = false, bool annotate = false, string? colorBarTitle = null,
        double? min = null, double? max = null, int width = 640, int height = 440)
    {
        ArgumentNullException.ThrowIfNull(values);
        var h = new Heatmap(values, title, width, height)
        {
            XTitle = xTitle, YTitle = yTitle, XLabels = xLabels, YLabels = yLabels, XValues = xValues, YValues = yValues,
            ColorMap = colorMap, Origin = originBottom ? HeatmapOrigin.Bottom : HeatmapOrigin.Top, Annotate = annotate,
            ColorBarTitle = colorBarTitle, Min = min, Max = max,
        };
        h.ToSvg(); // validates label and coordinate lengths now, with a clear message, rather than at display time
        return h;
    }

    /// <inheritdoc cref="Heatmap(double[,], string?, string?, string?, IReadOnlyList{string}?, IReadOnlyList{string}?, IReadOnlyList{double}?, IReadOnlyList{double}?, ColorMap, bool, bool, string?, double?, double?, int, int)"/>
    public static Heatmap Heatmap(float[,] values, string? title = null, string? xTitle = null, string? yTitle = null,
        IReadOnlyList<string>? xLabels = null, IReadOnlyList<string>? yLabels = null,
        IReadOnlyList<double>? xValues = null, IReadOnlyList<double>? yValues = null,
        ColorMap colorMap = ColorMap.Viridis, bool originBottom = false, bool annotate = false, string? colorBarTitle = null,
        double? min = null, double? max = null, int width = 640, int height = 440) =>
        Heatmap(Matrices.ToDouble(values), title, xTitle, yTitle, xLabels, yLabels, xValues, yValues, colorMap, originBottom,
            annotate, colorBarTitle, min, max, width, height);

    /// <summary>A heatmap from a flat row-major array (e.g. a tensor's data) of <paramref name="rows"/> x <paramref name="columns"/> values.</summary>
    public static Heatmap Heatmap<T>(IReadOnlyList<T> values, int rows, int columns, string? title = null, string? xTitle = null,
        string? yTitle = null, IReadOnlyList<string>? xLabels = null, IReadOnlyList<string>? yLabels = null,
        IReadOnlyList<double>? xValues = null, IReadOnlyList<double>? yValues = null,
        ColorMap colorMap = ColorMap.Viridis, bool originBottom = false, bool annotate = false, string? colorBarTitle = null,
        double? min = null, double? max = null, int width = 640, int height = 440) where T : INumberBase<T> =>
        Heatmap(Matrices.FromFlat(values, rows, columns, "Plot.Heatmap"), title, xTitle, yTitle, xLabels, yLabels, xValues, yValues,
            colorMap, originBottom, annotate, colorBarTitle, min, max, width, height);

    /// <summary>
    /// A spectrogram: <paramref name="values"/>[frequency bin, frame] with time in seconds along x
    /// (frame k at k * <paramref name="hopLength"/> / <paramref name="sampleRate"/>), low frequencies at the bottom.
    /// </summary>
    /// <param name="values">Power or dB values, [bin, frame] as torchaudio's (mel) spectrogram gives them.</param>
    /// <param name="sampleRate">Samples per second of the audio.</param>
    /// <param name="hopLength">Samples between frames.</param>
    /// <param name="binFrequencies">Centre frequency of each bin in Hz; null labels the axis with bin numbers ("mel bin").</param>
    public static Heatmap Spectrogram(double[,] values, double sampleRate, double hopLength, IReadOnlyList<double>? binFrequencies = null,
        string? title = null, string colorBarTitle = "dB", string yTitle = "", int width = 640, int height = 360)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!(sampleRate > 0) || !(hopLength > 0))
            throw new ArgumentException($"Plot.Spectrogram: sampleRate and hopLength must be positive; received {sampleRate} and {hopLength}.");
        var times = Enumerable.Range(0, values.GetLength(1)).Select(k => k * hopLength / sampleRate).ToArray();
        return Heatmap(values, title, "time (s)", yTitle.Length > 0 ? yTitle : binFrequencies is null ? "mel bin" : "frequency (Hz)",
            xValues: times, yValues: binFrequencies, colorMap: ColorMap.Magma, originBottom: true, colorBarTitle: colorBarTitle,
            width: width, height: height);
    }

    /// <inheritdoc cref="Spectrogram(double[,], double, double, IReadOnlyList{double}?, string?, string, string, int, int)"/>
    public static Heatmap Spectrogram(float[,] values, double sampleRate, double hopLength, IReadOnlyList<double>? binFrequencies = null,
        string? title = null, string colorBarTitle = "dB", string yTitle = "", int width = 640, int height = 360) =>
        Spectrogram(Matrices.ToDouble(values), sampleRate, hopLength, binFrequencies, title, colorBarTitle, yTitle, width, height);

    /// <summary>A spectrogram from a flat row-major [bins, frames] array (e.g. a tensor's data); see the [,] overload.</summary>
    public static Heatmap Spectrogram<T>(IReadOnlyList<T> values, int bins, int frames, double sampleRate, double hopLength,
        IReadOnlyList<double>? binFrequencies = null, string? title = null, string colorBarTitle = "dB", string yTitle = "",
        int width = 640, int height = 360) where T : INumberBase<T> =>
        Spectrogram(Matrices.FromFlat(values, bins, frames, "Plot.Spectrogram"), sampleRate, hopLength, binFrequencies, title,
            colorBarTitle, yTitle, width, height);

    /// <summary>
    /// A confusion matrix: counts[true class, predicted class] with the class names on both axes and the
    /// count in every cell. <paramref name="normalize"/> shows each row as fractions of that class's total.
    /// </summary>
    public static Heatmap ConfusionMatrix(int[,] counts, IReadOnlyList<string>? classNames = null, bool normalize = false,
        string? title = "Confusion matrix", ColorMap colorMap = ColorMap.Blues, int width = 560, int height = 500) =>
        ConfusionMatrix(Matrices.ToDouble(counts), classNames, normalize, title, colorMap, width, height);

    /// <inheritdoc cref="ConfusionMatrix(int[,], IReadOnlyList{string}?, bool, string?, ColorMap, int, int)"/>
    public static Heatmap ConfusionMatrix(long[,] counts, IReadOnlyList<string>? classNames = null, bool normalize = false,
        string? title = "Confusion matrix", ColorMap colorMap = ColorMap.Blues, int width = 560, int height = 500) =>
        ConfusionMatrix(Matrices.ToDouble(counts), classNames, normalize, title, colorMap, width, height);

    /// <summary>A confusion matrix counted from true and predicted class indices (one pair per example).</summary>
    public static Heatmap ConfusionMatrix<T>(IEnumerable<T> actual, IEnumerable<T> predicted, IReadOnlyList<string>? classNames = null,
        bool normalize = false, string? title = "Confusion matrix", ColorMap colorMap = ColorMap.Blues, int width = 560, int height = 500)
        where T : IBinaryInteger<T>
    {
        var a = Data.ClassIndices(actual, "actual", "Plot.ConfusionMatrix");
        var p = Data.ClassIndices(predicted, "predicted", "Plot.ConfusionMatrix");
        Data.CheckSameLength(a.Length, p.Length, "actual", "predicted", "Plot.ConfusionMatrix");
        int n = Math.Max(a.Max(), p.Max()) + 1;
        if (classNames != null)
        {
            if (classNames.Count < n) throw new ArgumentException($"Plot.ConfusionMatrix: class index {n - 1} appears but only {classNames.Count} class names were given.", nameof(classNames));
            n = classNames.Count;
        }
        var counts = new double[n, n];
        for (int i = 0; i < a.Length; i++) counts[a[i], p[i]]++;
        return ConfusionMatrix(counts, classNames, normalize, title, colorMap, width, height);
    }

    private static Heatmap ConfusionMatrix(double[,] counts, IReadOnlyList<string>? classNames, bool normalize, string? title,
        ColorMap colorMap, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int n = counts.GetLength(0);
        if (n == 0 || n != counts.GetLength(1))
            throw new ArgumentException($"Plot.ConfusionMatrix: counts must be square and non-empty (true classes x predicted classes); received {counts.GetLength(0)} x {counts.GetLength(1)}.", nameof(counts));
        if (classNames != null && classNames.Count != n)
            throw new ArgumentException($"Plot.ConfusionMatrix: {n} classes need {n} class names; received {classNames.Count}.", nameof(classNames));
        var names = classNames ?? Enumerable.Range(0, n).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var values = counts;
        if (normalize)
        {
            values = new double[n, n];
            for (int r = 0; r < n; r++)
            {
                double total = 0;
                for (int c = 0; c < n; c++) total += counts[r, c];
                for (int c = 0; c < n; c++) values[r, c] = total > 0 ? counts[r, c] / total : 0;
            }
        }
        return new Heatmap(values, title, width, height)
        {
            XLabels = names, YLabels = names, XTitle = "predicted", YTitle = "true", ColorMap = colorMap,
            Annotate = true, SquareCells = true, Min = 0, Max = normalize ? 1 : null,
            ValueFormat = normalize ? "0.00" : null, ColorBarTitle = normalize ? "fraction of true class" : "count",
        };
    }
}

/// <summary>Conversions to the double[,] grids charts use.</summary>
internal static class Matrices
{
    public static double[,] ToDouble<T>(T[,] m) where T : INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        var r = new double[m.GetLength(0), m.GetLength(1)];
        for (int i = 0; i < m.GetLength(0); i++)
            for (int j = 0; j < m.GetLength(1); j++) r[i, j] = double.CreateSaturating(m[i, j]);
        return r;
    }

    public static double[,] FromFlat<T>(IReadOnlyList<T> values, int rows, int columns, string caller) where T : INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(values);
        if (rows <= 0 || columns <= 0) throw new ArgumentException($"{caller}: rows and columns must be positive; received {rows} and {columns}.");
        if (values.Count != (long)rows * columns)
            throw new ArgumentException($"{caller}: {rows} rows x {columns} columns need {rows * columns} values (row-major); received {values.Count}.");
        var r = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) r[i, j] = double.CreateSaturating(values[i * columns + j]);
        return r;
    }
}

public static partial class Plot
{
    /// <summary>Shows one image, optionally with a title (like <c>plt.imshow</c>).</summary>
    public static ImageChart Image(Image image, string? title = null, int size = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new ImageChart([image], null, 1, title, size);
    }

    /// <summary>
    /// Shows an image from raw pixels: floats in [0, 1] with <paramref name="shape"/> [C, H, W] (CHW, PyTorch's layout),
    /// [H, W, C] (HWC) or [H, W] (grayscale); <paramref name="mean"/>/<paramref name="std"/> undo a Normalize transform.
    /// </summary>
    public static ImageChart Image(float[] pixels, int[] shape, ImageLayout layout = ImageLayout.CHW, float[]? mean = null,
        float[]? std = null, string? title = null, int size = 0) =>
        Image(Plots.Image.FromPixels(pixels, shape, layout, mean, std), title, size);

    /// <inheritdoc cref="Image(float[], int[], ImageLayout, float[], float[], string?, int)"/>
    public static ImageChart Image(float[] pixels, long[] shape, ImageLayout layout = ImageLayout.CHW, float[]? mean = null,
        float[]? std = null, string? title = null, int size = 0) =>
        Image(Plots.Image.FromPixels(pixels, shape, layout, mean, std), title, size);

    /// <summary>Shows an image from bytes 0-255 with <paramref name="shape"/> as for the float version.</summary>
    public static ImageChart Image(byte[] pixels, int[] shape, ImageLayout layout = ImageLayout.CHW, string? title = null, int size = 0) =>
        Image(Plots.Image.FromPixels(pixels, shape, layout), title, size);

    /// <summary>
    /// A grid of images with a title over each one, e.g. a 3x3 gallery of samples with their class names:
    /// <c>Plot.ImageGrid(images, titles: labels.Select(l => classes[l]), columns: 3)</c>.
    /// </summary>
    /// <param name="images">The images, filled in row by row.</param>
    /// <param name="titles">One title per image (or null).</param>
    /// <param name="columns">Images per row; 0 chooses about √n.</param>
    /// <param name="title">A title over the whole grid.</param>
    /// <param name="cellSize">Largest side of each image on screen in pixels; 0 chooses.</param>
    public static ImageChart ImageGrid(IEnumerable<Image> images, IEnumerable<string?>? titles = null, int columns = 0,
        string? title = null, int cellSize = 0) =>
        new(images, titles, columns, title, cellSize);
}

public static partial class Plot
{
    /// <summary>
    /// Charts side by side (like matplotlib's subplots): <c>Plot.Grid([lossChart, accuracyChart])</c>.
    /// All in one row when there are up to 3, otherwise about square; <paramref name="columns"/> sets the row length.
    /// </summary>
    public static ChartGrid Grid(IEnumerable<Chart> charts, int columns = 0, string? title = null) => new(charts, columns, title);
}

public static partial class Plot
{
    /// <summary>
    /// A directed acyclic graph drawn in layers with arrows pointing down (like graphviz's <c>dot</c>):
    /// <c>Plot.Graph([new("x", "x"), new("y", "y = f(x)", NodeStyle.Output)], [new("x", "y")])</c>.
    /// Nodes with no incoming edge go on top; every node sits one layer below its lowest predecessor;
    /// the order within each layer is chosen to avoid crossing edges. Parallel duplicate edges are drawn once.
    /// </summary>
    /// <param name="nodes">The boxes: unique ids, labels (several lines allowed), styles.</param>
    /// <param name="edges">The arrows, by node id. They must not form a cycle.</param>
    /// <param name="title">Title above the graph.</param>
    /// <exception cref="ArgumentException">No nodes, a repeated id, an edge to an unknown id, or a cycle (named in the message).</exception>
    public static GraphChart Graph(IEnumerable<GraphNode> nodes, IEnumerable<GraphEdge> edges, string? title = null) =>
        new(nodes, edges, title);
}
