using System.Globalization;

namespace TorchSharp.Modules;

/// <summary>Python's str() of the values that layers show in their repr (floats, bools, tuples).</summary>
internal static class PyText
{
    /// <summary>Python's repr of a float: the shortest round-trip digits, "1e-05", "0.1", "2.0".</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        if (value == 0) return 1 / value < 0 ? "-0.0" : "0.0";
        // Shortest round-trip digits, from .NET's "R" (shortest since .NET Core 3.0).
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        bool negative = shortest.StartsWith('-');
        if (negative) shortest = shortest[1..];
        string mantissa = shortest;
        int exp10 = 0;
        var e = shortest.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            mantissa = shortest[..e];
            exp10 = int.Parse(shortest[(e + 1)..], CultureInfo.InvariantCulture);
        }
        var dot = mantissa.IndexOf('.');
        string intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        string fracPart = dot >= 0 ? mantissa[(dot + 1)..] : "";
        string digits = (intPart + fracPart).TrimStart('0');
        int leadingZeros = (intPart + fracPart).Length - (intPart + fracPart).TrimStart('0').Length;
        int decpt = intPart.Length + exp10 - leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        string text;
        if (decpt > -4 && decpt <= 16)
        {
            if (decpt <= 0) text = "0." + new string('0', -decpt) + digits;
            else if (decpt >= digits.Length) text = digits + new string('0', decpt - digits.Length) + ".0";
            else text = digits[..decpt] + "." + digits[decpt..];
        }
        else
        {
            int exp = decpt - 1;
            string m = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            text = m + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
        }
        return negative ? "-" + text : text;
    }

    public static string Bool(bool value) => value ? "True" : "False";

    /// <summary>A Python tuple of integers: "(5, 5)", "(3,)".</summary>
    public static string Tuple(IReadOnlyList<long> values) =>
        values.Count == 1 ? $"({values[0]},)" : "(" + string.Join(", ", values) + ")";

    public static string Tuple(IReadOnlyList<double> values) =>
        values.Count == 1 ? $"({Float(values[0])},)" : "(" + string.Join(", ", values.Select(Float)) + ")";
}
