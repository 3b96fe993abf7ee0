using System.Runtime.InteropServices;

namespace TorchSharp;

/// <summary>
/// A single number passed to libtorch (a fill value, an alpha, a clamp bound). Converts implicitly
/// from .NET numbers and booleans, so <c>x.add(1)</c> and <c>x * 0.5</c> just work.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Scalar : IDisposable
{
    private readonly double _double;
    private readonly long _long;
    private readonly int _kind; // 0 floating, 1 integral, 2 boolean: the shim's tb::Scalar layout

    private Scalar(double d, long l, int kind) { _double = d; _long = l; _kind = kind; }

    public static Scalar FromDouble(double value) => new(value, 0, 0);
    public static Scalar FromLong(long value) => new(value, value, 1);
    public static Scalar FromBool(bool value) => new(value ? 1 : 0, value ? 1 : 0, 2);

    public static implicit operator Scalar(double value) => FromDouble(value);
    public static implicit operator Scalar(float value) => FromDouble(value);
    public static implicit operator Scalar(long value) => FromLong(value);
    public static implicit operator Scalar(int value) => FromLong(value);
    public static implicit operator Scalar(short value) => FromLong(value);
    public static implicit operator Scalar(byte value) => FromLong(value);
    public static implicit operator Scalar(sbyte value) => FromLong(value);
    public static implicit operator Scalar(bool value) => FromBool(value);
    public static implicit operator Scalar(Half value) => FromDouble((double)value);

    public bool IsFloatingPoint => _kind == 0;
    public bool IsIntegral => _kind == 1;
    public bool IsBoolean => _kind == 2;

    public double ToDouble() => _kind == 0 ? _double : _long;
    public long ToInt64() => _kind == 0 ? (long)_double : _long;
    public bool ToBoolean() => _kind == 0 ? _double != 0 : _long != 0;

    /// <summary>Scalars hold no native memory; Dispose exists so TorchSharp-style <c>using</c> code compiles.</summary>
    public void Dispose() { }

    public override string ToString() => _kind switch
    {
        0 => _double.ToString(System.Globalization.CultureInfo.InvariantCulture),
        1 => _long.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => _long != 0 ? "True" : "False",
    };
}

/// <summary>TorchSharp's <c>ToScalar()</c> extension methods.</summary>
public static class ScalarExtensionMethods
{
    public static Scalar ToScalar(this double value) => value;
    public static Scalar ToScalar(this float value) => value;
    public static Scalar ToScalar(this long value) => value;
    public static Scalar ToScalar(this int value) => value;
    public static Scalar ToScalar(this short value) => value;
    public static Scalar ToScalar(this byte value) => value;
    public static Scalar ToScalar(this sbyte value) => value;
    public static Scalar ToScalar(this bool value) => value;
    public static Scalar ToScalar(this Half value) => value;
}
