using System.Globalization;
using System.Text;

namespace Torchbook.Plots.Rendering;

/// <summary>Formats numbers for people: tick labels, cell annotations, descriptions.</summary>
internal static class NumberFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// A tick label for a value on a linear axis whose ticks are <paramref name="step"/> apart:
    /// as many decimals as the step needs, scientific notation for very large or very small magnitudes.
    /// </summary>
    public static string Tick(double value, double step, double largestMagnitude)
    {
        bool zero = Math.Abs(value) < step * 1e-9;
        int stepExp = (int)Math.Floor(Math.Log10(step) + 1e-9);
        if (largestMagnitude >= 1e5 && largestMagnitude < 1e15)
        {
            // Thousands, millions, billions, trillions: 500k, 1.5M, 12M (one unit for the whole axis).
            if (zero) return "0";
            int group = (int)Math.Floor(Math.Log10(largestMagnitude) / 3 + 1e-9);
            double unit = Math.Pow(1000, group);
            int d = Math.Clamp(3 * group - stepExp, 0, 6);
            return (Math.Round(value / step) * step / unit).ToString("F" + d, Inv) + " kMGT"[group];
        }
        if (largestMagnitude >= 1e5 || largestMagnitude < 1e-3)
        {
            if (zero) return "0";
            int exp = (int)Math.Floor(Math.Log10(Math.Abs(value)) + 1e-9);
            int decimals = Math.Clamp(exp - stepExp, 0, 6);
            var mantissa = value / Math.Pow(10, exp);
            var m = mantissa.ToString("F" + decimals, Inv);
            if (m.Contains('.')) m = m.TrimEnd('0').TrimEnd('.');
            return m + "e" + exp.ToString(Inv);
        }
        int dec = Math.Clamp(-stepExp, 0, 10);
        var rounded = zero ? 0 : Math.Round(value / step) * step;
        return rounded.ToString("F" + dec, Inv);
    }

    /// <summary>10 raised to an integer, written with Unicode superscripts: 10⁻³.</summary>
    public static string PowerOfTen(int exponent)
    {
        var sb = new StringBuilder("10");
        foreach (var c in exponent.ToString(Inv))
            sb.Append(c switch
            {
                '-' => '\u207b',
                '1' => '\u00b9',
                '2' => '\u00b2',
                '3' => '\u00b3',
                _ => (char)('\u2070' + (c - '0')),
            });
        return sb.ToString();
    }

    /// <summary>A compact general-purpose label: integers as integers, otherwise 3 significant digits.</summary>
    public static string Compact(double v)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsPositiveInfinity(v)) return "∞";
        if (double.IsNegativeInfinity(v)) return "-∞";
        if (v == Math.Round(v) && Math.Abs(v) < 1e7) return v.ToString("0", Inv);
        var a = Math.Abs(v);
        if (a >= 1e5 || a < 1e-3) return v.ToString("0.##e0", Inv);
        return v.ToString("G3", Inv);
    }
}
