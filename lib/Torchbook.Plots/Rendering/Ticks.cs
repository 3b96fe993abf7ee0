namespace Torchbook.Plots.Rendering;

/// <summary>One tick on an axis: its data value, its label (empty for unlabelled minor ticks).</summary>
internal readonly record struct Tick(double Value, string Label, bool Major);

/// <summary>Chooses axis ranges and tick positions: 1-2-5 steps on linear axes, decades on log axes.</summary>
internal static class Ticks
{
    /// <summary>The smallest "nice" step (1, 2 or 5 times a power of ten) at least as large as <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        if (!(rough > 0) || !double.IsFinite(rough)) return 1;
        var exp = Math.Floor(Math.Log10(rough));
        var pow = Math.Pow(10, exp);
        var f = rough / pow;
        double nice = f <= 1.0 + 1e-9 ? 1 : f <= 2.0 + 1e-9 ? 2 : f <= 5.0 + 1e-9 ? 5 : 10;
        return nice * pow;
    }

    /// <summary>The 1-2-5 value nearest to <paramref name="v"/> in ratio (0 stays 0): 1400 → 1000, 1600 → 2000.</summary>
    public static double NiceRound(double v)
    {
        if (v == 0 || !double.IsFinite(v)) return 0;
        double a = Math.Abs(v), pow = Math.Pow(10, Math.Floor(Math.Log10(a)));
        double f = a / pow;
        double nice = f < Math.Sqrt(2) ? 1 : f < Math.Sqrt(10) ? 2 : f < Math.Sqrt(50) ? 5 : 10;
        return Math.Sign(v) * nice * pow;
    }

    /// <summary>Linear ticks inside [min, max], about <paramref name="target"/> of them.</summary>
    public static List<Tick> Linear(double min, double max, int target)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || !double.IsFinite(max - min) || !(max > min)) return [];
        target = Math.Max(2, target);
        var step = NiceStep((max - min) / target);
        // A short axis still gets at least two labelled ticks.
        for (int more = target + 1; CountInside(min, max, step) < 2 && more < 20; more++) step = NiceStep((max - min) / more);
        var first = Math.Ceiling(min / step - 1e-9) * step;
        var values = new List<double>();
        for (int i = 0; ; i++)
        {
            var v = first + i * step;
            if (v > max + step * 1e-9 || i > 1000) break;
            values.Add(Math.Abs(v) < step * 1e-9 ? 0 : v);
        }
        var largest = values.Count == 0 ? 0 : values.Max(Math.Abs);
        return values.Select(v => new Tick(v, NumberFormat.Tick(v, step, largest), true)).ToList();
    }

    private static int CountInside(double min, double max, double step) =>
        (int)(Math.Floor(max / step + 1e-9) - Math.Ceiling(min / step - 1e-9)) + 1;

    /// <summary>
    /// Log ticks for [min, max] (both &gt; 0): labelled decades, unlabelled 2..9 minor ticks; when the
    /// range spans less than about two decades, 2× and 5× ticks are labelled too.
    /// </summary>
    public static List<Tick> Log(double min, double max, int target)
    {
        if (!(min > 0) || !double.IsFinite(max) || !(max > min)) return [];
        // Exponents stay within what a double can hold, so the loops below always end.
        var lo = (int)Math.Clamp(Math.Floor(Math.Log10(min) + 1e-9), -330, 310);
        var hi = (int)Math.Clamp(Math.Ceiling(Math.Log10(max) - 1e-9), -330, 310);
        var decades = Math.Max(1, hi - lo);
        var ticks = new List<Tick>();
        bool labelMinor = Math.Log10(max / min) < 2.2;
        int every = Math.Max(1, (int)Math.Ceiling(decades / (double)Math.Max(2, target)));
        for (int k = lo; k <= hi; k++)
        {
            var dec = Math.Pow(10, k);
            if (dec >= min * (1 - 1e-9) && dec <= max * (1 + 1e-9))
            {
                bool labelled = (k - lo) % every == 0;
                ticks.Add(new Tick(dec, labelled ? DecadeLabel(k, labelMinor) : "", labelled));
            }
            if (every > 2) continue; // too many decades for minor ticks to help
            for (int m = 2; m <= 9; m++)
            {
                var v = m * dec;
                if (v < min * (1 - 1e-9) || v > max * (1 + 1e-9)) continue;
                bool lab = labelMinor && (m == 2 || m == 5);
                ticks.Add(new Tick(v, lab ? Plain(v) : "", lab));
            }
        }
        ticks.Sort((a, b) => a.Value.CompareTo(b.Value));
        if (ticks.Count(t => t.Label.Length > 0) >= 2) return ticks;
        // Less than a decade: label every 1..9 multiple, or, on a very short range, fall back to linear ticks.
        var all = ticks.Select(t => t with { Label = Plain(t.Value), Major = true }).ToList();
        return all.Count >= 2 ? all : Linear(min, max, target);
    }

    private static string DecadeLabel(int k, bool plain) =>
        plain && k >= -4 && k <= 4 ? Plain(Math.Pow(10, k)) : NumberFormat.PowerOfTen(k);

    private static string Plain(double v) =>
        v >= 1 ? v.ToString("0", System.Globalization.CultureInfo.InvariantCulture)
               : v.ToString("0.#########", System.Globalization.CultureInfo.InvariantCulture);
}
