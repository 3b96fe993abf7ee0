using System.Globalization;
using System.Numerics;

namespace Torchbook;

/// <summary>
/// Python's float formatting, <c>"{:.Nf}".format(x)</c> and <c>"{:.Ne}".format(x)</c>, character for
/// character: the exact binary value rounded half to even at the last printed digit, a sign on every
/// negative value (negative zero included), "nan", "inf", "-inf", and an exponent of at least two
/// digits. .NET's own "F"/"E" formats round ties away from zero and write exponents differently,
/// hence this small exact implementation.
/// </summary>
internal static class PythonFloatText
{
    /// <summary><c>"{:.{precision}f}".format(value)</c>.</summary>
    public static string Fixed(double value, int precision)
    {
        if (!double.IsFinite(value)) return NonFinite(value);
        Decompose(value, out bool negative, out ulong mantissa, out int exponent);
        string digits = mantissa == 0 ? "0" : ScaleAndRound(mantissa, exponent, precision);
        if (digits.Length <= precision) digits = new string('0', precision + 1 - digits.Length) + digits;

        var text = precision == 0
            ? digits
            : string.Concat(digits.AsSpan(0, digits.Length - precision), ".", digits.AsSpan(digits.Length - precision));
        return negative ? "-" + text : text;
    }

    /// <summary><c>"{:.{precision}e}".format(value)</c>.</summary>
    public static string Exponent(double value, int precision)
    {
        if (!double.IsFinite(value)) return NonFinite(value);
        Decompose(value, out bool negative, out ulong mantissa, out int exponent);

        string digits;
        int decimalExponent = 0;
        if (mantissa == 0)
        {
            digits = new string('0', precision + 1);
        }
        else
        {
            // Estimate floor(log10 |value|), then correct it: the rounded significand must have
            // exactly precision + 1 digits. A carry (9.99996 -> 10.0000) moves the exponent up by one.
            decimalExponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
            while (true)
            {
                digits = ScaleAndRound(mantissa, exponent, precision - decimalExponent);
                if (digits.Length > precision + 1) decimalExponent++;
                else if (digits.Length < precision + 1) decimalExponent--;
                else break;
            }
        }

        var builder = new System.Text.StringBuilder(precision + 8);
        if (negative) builder.Append('-');
        builder.Append(digits[0]);
        if (precision > 0) builder.Append('.').Append(digits, 1, precision);
        builder.Append('e').Append(decimalExponent < 0 ? '-' : '+');
        builder.Append(Math.Abs(decimalExponent).ToString("00", CultureInfo.InvariantCulture));
        return builder.ToString();
    }

    private static string NonFinite(double value) =>
        double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";

    /// <summary>|value| = mantissa * 2^exponent exactly; negative is the sign bit.</summary>
    private static void Decompose(double value, out bool negative, out ulong mantissa, out int exponent)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        negative = bits < 0;
        int biased = (int)((bits >> 52) & 0x7FF);
        ulong fraction = (ulong)bits & ((1UL << 52) - 1);
        if (biased == 0)
        {
            mantissa = fraction;          // subnormal (or zero)
            exponent = -1074;
        }
        else
        {
            mantissa = fraction | (1UL << 52);
            exponent = biased - 1075;
        }
    }

    /// <summary>The decimal digits of round_half_even(mantissa * 2^exponent * 10^power).</summary>
    private static string ScaleAndRound(ulong mantissa, int exponent, int power)
    {
        // Fast path: everything fits in 128 bits (mantissa < 2^53, 10^19 < 2^64, shifts up to 2^10).
        if (power is >= 0 and <= 19 && exponent is >= -127 and <= 10)
        {
            UInt128 scaled = (UInt128)mantissa * Pow10UInt64(power);
            if (exponent >= 0) return (scaled << exponent).ToString(CultureInfo.InvariantCulture);
            int shift = -exponent;
            UInt128 quotient = scaled >> shift;
            UInt128 remainder = scaled & ((UInt128.One << shift) - 1);
            UInt128 half = UInt128.One << (shift - 1);
            if (remainder > half || (remainder == half && (quotient & 1) == 1)) quotient++;
            return quotient.ToString(CultureInfo.InvariantCulture);
        }

        BigInteger numerator = mantissa;
        BigInteger denominator = BigInteger.One;
        if (exponent >= 0) numerator <<= exponent; else denominator <<= -exponent;
        if (power >= 0) numerator *= BigInteger.Pow(10, power); else denominator *= BigInteger.Pow(10, -power);

        BigInteger q = BigInteger.DivRem(numerator, denominator, out BigInteger r);
        int versusHalf = (r << 1).CompareTo(denominator);
        if (versusHalf > 0 || (versusHalf == 0 && !q.IsEven)) q += BigInteger.One;
        return q.ToString(CultureInfo.InvariantCulture);
    }

    private static ulong Pow10UInt64(int power)
    {
        ulong result = 1;
        for (int i = 0; i < power; i++) result *= 10;
        return result;
    }
}
