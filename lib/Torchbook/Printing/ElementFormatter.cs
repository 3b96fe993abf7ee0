using System.Globalization;

namespace Torchbook;

/// <summary>
/// Chooses how the elements of one tensor are written and how wide each one is padded, from the
/// elements that will be shown (PyTorch's <c>_Formatter</c> semantics):
/// <list type="bullet">
/// <item>integers and bools: as Python writes them, right-aligned to the widest;</item>
/// <item>floats whose finite non-zero values are all integers ("int mode"): <c>1.</c>, <c>-3.</c>;</item>
/// <item>otherwise fixed notation with <c>precision</c> digits, or scientific notation when the
/// largest/smallest finite non-zero magnitude ratio exceeds 1000, the largest exceeds 1e8, or (not
/// in int mode) the smallest is below 1e-4; <see cref="PrintOptions.SciMode"/> overrides the choice.</item>
/// </list>
/// Widths come from the finite non-zero values only; zeros, nan and inf are padded to them (or
/// overflow them), as in PyTorch.
/// </summary>
internal sealed class ElementFormatter
{
    private readonly bool intMode = true;
    private readonly bool sciMode;
    private readonly int precision;

    private ElementFormatter(int precision) => this.precision = precision;

    /// <summary>The width every element is padded to (on the left).</summary>
    public int Width { get; private init; } = 1;

    public static ElementFormatter ForIntegers(IEnumerable<long> shown)
    {
        int width = 1;
        foreach (long v in shown) width = Math.Max(width, IntegerText(v).Length);
        return new ElementFormatter(precision: 0) { Width = width };
    }

    public static ElementFormatter ForBools(IEnumerable<bool> shown)
    {
        int width = 1;
        foreach (bool v in shown) width = Math.Max(width, BoolText(v).Length);
        return new ElementFormatter(precision: 0) { Width = width };
    }

    public static ElementFormatter ForFloats(IReadOnlyList<double> shown, PrintOptions options)
        => new(shown, options);

    private ElementFormatter(IReadOnlyList<double> shown, PrintOptions options)
    {
        precision = options.Precision;

        double min = double.PositiveInfinity, max = 0;
        bool any = false;
        foreach (double v in shown)
        {
            if (!double.IsFinite(v) || v == 0) continue;
            any = true;
            double magnitude = Math.Abs(v);
            min = Math.Min(min, magnitude);
            max = Math.Max(max, magnitude);
            if (v != Math.Ceiling(v)) intMode = false;
        }

        // No finite non-zero value: PyTorch stops here, before the sci_mode option is applied.
        if (!any) return;

        bool wide = max / min > 1000.0 || max > 1.0e8;
        int width = 1;
        if (intMode)
        {
            sciMode = wide;
            foreach (double v in FiniteNonZero(shown))
                width = Math.Max(width, sciMode ? PythonFloatText.Exponent(v, precision).Length
                                                : PythonFloatText.Fixed(v, 0).Length + 1);
        }
        else
        {
            sciMode = wide || min < 1.0e-4;
            foreach (double v in FiniteNonZero(shown))
                width = Math.Max(width, sciMode ? PythonFloatText.Exponent(v, precision).Length
                                                : PythonFloatText.Fixed(v, precision).Length);
        }
        Width = width;

        if (options.SciMode is { } forced) sciMode = forced;
    }

    public string FormatFloat(double value)
    {
        string text;
        if (sciMode) text = PythonFloatText.Exponent(value, precision);
        else if (intMode) text = double.IsFinite(value) ? PythonFloatText.Fixed(value, 0) + "." : PythonFloatText.Fixed(value, 0);
        else text = PythonFloatText.Fixed(value, precision);
        return Pad(text);
    }

    public string FormatInteger(long value) => Pad(IntegerText(value));

    public string FormatBool(bool value) => Pad(BoolText(value));

    private string Pad(string text) => text.Length >= Width ? text : text.PadLeft(Width);

    private static IEnumerable<double> FiniteNonZero(IEnumerable<double> values)
    {
        foreach (double v in values)
            if (double.IsFinite(v) && v != 0) yield return v;
    }

    private static string IntegerText(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string BoolText(bool value) => value ? "True" : "False";
}
