namespace Torchbook.Plots;

/// <summary>Counts values into bins the way numpy.histogram does.</summary>
internal static class HistogramBins
{
    /// <summary>
    /// Equal-width bins over [min, max] of the finite values (or <paramref name="range"/>); the last bin
    /// includes its right edge. A single repeated value gets the range [v - 0.5, v + 0.5], like numpy.
    /// </summary>
    public static (double[] Edges, double[] Counts) Count(double[] values, int bins, (double Min, double Max)? range, bool density)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "Histogram: bins must be at least 1 (numpy's default is 10).");
        var finite = values.Where(double.IsFinite).ToArray();
        double lo, hi;
        if (range is { } r)
        {
            if (!double.IsFinite(r.Min) || !double.IsFinite(r.Max) || !(r.Min < r.Max))
                throw new ArgumentException($"Histogram: range must be two finite numbers with min < max; received ({r.Min}, {r.Max}).");
            (lo, hi) = r;
        }
        else if (finite.Length == 0)
        {
            throw new ArgumentException($"Histogram: none of the {values.Length} values is a finite number (all NaN or infinite), so there is nothing to count.");
        }
        else
        {
            lo = finite.Min(); hi = finite.Max();
            if (lo == hi) { var half = Math.Max(0.5, Math.Abs(lo) * 1e-6 * bins); lo -= half; hi += half; }
        }
        if (!double.IsFinite(hi - lo))
            throw new ArgumentException($"Histogram: the finite values span {lo} to {hi}, too wide to split into bins; pass a range.");
        var edges = MakeEdges(lo, hi, bins);
        if (!StrictlyIncreasing(edges))
        {
            // The values differ by less than a double can split into this many bins: treat them as one value, like numpy.
            var mid = lo / 2 + hi / 2;
            var half = Math.Max(0.5, Math.Abs(mid) * 1e-6 * bins); // ±0.5 as numpy, wider for huge magnitudes
            edges = MakeEdges(mid - half, mid + half, bins);
        }
        return (edges, CountInto(finite, edges, density));
    }

    private static double[] MakeEdges(double lo, double hi, int bins)
    {
        var edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) edges[i] = lo + (hi - lo) * i / bins;
        edges[bins] = hi;
        return edges;
    }

    private static bool StrictlyIncreasing(double[] e)
    {
        for (int i = 1; i < e.Length; i++) if (!(e[i] > e[i - 1])) return false;
        return true;
    }

    /// <summary>Counts into explicit increasing edges; values outside are ignored, the last bin is closed.</summary>
    public static double[] CountInto(double[] finite, double[] edges, bool density)
    {
        if (edges.Length < 2) throw new ArgumentException($"Histogram: bin edges need at least 2 values; received {edges.Length}.");
        for (int i = 1; i < edges.Length; i++)
            if (!(edges[i] > edges[i - 1]))
                throw new ArgumentException($"Histogram: bin edges must increase; edge {i - 1} is {edges[i - 1]} and edge {i} is {edges[i]}.");
        int bins = edges.Length - 1;
        var counts = new double[bins];
        double lo = edges[0], hi = edges[^1];
        foreach (var v in finite)
        {
            if (!double.IsFinite(v) || v < lo || v > hi) continue;
            int k = Array.BinarySearch(edges, v);
            if (k < 0) k = ~k - 1;       // index of the edge to the left
            if (k >= bins) k = bins - 1; // v == last edge
            counts[k]++;
        }
        if (density)
        {
            var total = counts.Sum();
            if (total > 0) for (int i = 0; i < bins; i++) counts[i] /= total * (edges[i + 1] - edges[i]);
        }
        return counts;
    }
}
