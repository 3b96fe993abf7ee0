using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TorchSharp.Serialization;

/// <summary>
/// A tensor as model files store it, independent of libtorch: an element type, a shape and the
/// elements' bytes, contiguous, row-major (C order) and little-endian.
/// </summary>
/// <remarks>
/// The constructor takes ownership of <c>data</c> (no copy); the shape is copied. Two RawTensors
/// are equal when their dtype, shape and bytes are equal.
/// </remarks>
public sealed class RawTensor : IEquatable<RawTensor>
{
    readonly long[] _shape;

    /// <summary>Creates a tensor over <paramref name="data"/>, checking that its length is
    /// exactly numel × element size.</summary>
    /// <exception cref="ArgumentException">an unsupported dtype, a negative dimension, or a
    /// data length that does not match the shape.</exception>
    public RawTensor(ScalarType dtype, long[] shape, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        int elementSize = ElementSizeOf(dtype);
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0)
                throw new ArgumentException(
                    $"RawTensor shape {FormatShape(shape)} has a negative dimension {shape[i]} at index {i}.",
                    nameof(shape));
        }
        long numel = CountElements(shape)
            ?? throw new ArgumentException($"RawTensor shape {FormatShape(shape)} has more elements than fit in 64 bits.", nameof(shape));
        long expected = numel > long.MaxValue / elementSize
            ? throw new ArgumentException($"RawTensor {dtype} {FormatShape(shape)} is larger than 2^63 bytes.", nameof(shape))
            : numel * elementSize;
        if (data.LongLength != expected)
            throw new ArgumentException(
                $"RawTensor {dtype} {FormatShape(shape)} needs {expected} bytes ({numel} elements × {elementSize} bytes) " +
                $"but {data.LongLength} were given.", nameof(data));
        DType = dtype;
        _shape = (long[])shape.Clone();
        Shape = Array.AsReadOnly(_shape);
        Data = data;
        NumElements = numel;
    }

    /// <summary>The element type.</summary>
    public ScalarType DType { get; }

    /// <summary>The size of each dimension; empty for a 0-d (scalar) tensor.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>The elements, contiguous, row-major, little-endian.</summary>
    public byte[] Data { get; }

    /// <summary>The number of elements (1 for a 0-d tensor, 0 when a dimension is 0).</summary>
    public long NumElements { get; }

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>Bytes per element of <see cref="DType"/>.</summary>
    public int ElementSize => ElementSizeOf(DType);

    /// <summary>A copy of the shape as an array (what tensor factories take).</summary>
    public long[] ShapeArray() => (long[])_shape.Clone();

    /// <summary>Bytes per element of a dtype.</summary>
    /// <exception cref="ArgumentException">a dtype that model files cannot hold.</exception>
    public static int ElementSizeOf(ScalarType dtype) => dtype switch
    {
        ScalarType.Bool or ScalarType.Byte or ScalarType.Int8 => 1,
        ScalarType.Int16 or ScalarType.Float16 or ScalarType.BFloat16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 or ScalarType.ComplexFloat32 => 8,
        ScalarType.ComplexFloat64 => 16,
        _ => throw new ArgumentException($"dtype {dtype} ({(int)dtype}) is not a tensor element type that model files support.", nameof(dtype)),
    };

    /// <summary>Creates a tensor from .NET values, copying them. The dtype follows the element
    /// type (float → Float32, double → Float64, Half → Float16, long → Int64, int → Int32,
    /// short → Int16, sbyte → Int8, byte → Byte, bool → Bool); pass <paramref name="dtype"/> to
    /// give raw bits instead, e.g. ushort values as BFloat16 or Float16.</summary>
    public static RawTensor Create<T>(ReadOnlySpan<T> values, long[] shape, ScalarType? dtype = null) where T : unmanaged
    {
        ScalarType type = dtype ?? DTypeOf<T>()
            ?? throw new ArgumentException($"No dtype corresponds to {typeof(T).Name}; pass one explicitly.", nameof(dtype));
        int size = ElementSizeOf(type);
        if (Unsafe.SizeOf<T>() != size)
            throw new ArgumentException($"{typeof(T).Name} values ({Unsafe.SizeOf<T>()} bytes) cannot hold {type} elements ({size} bytes).", nameof(values));
        RequireLittleEndian();
        byte[] data = MemoryMarshal.AsBytes(values).ToArray();
        return new RawTensor(type, shape, data);
    }

    /// <summary>Creates a 1-d tensor from .NET values (see <see cref="Create{T}(ReadOnlySpan{T}, long[], ScalarType?)"/>).</summary>
    public static RawTensor Create<T>(T[] values) where T : unmanaged => Create<T>(values.AsSpan(), [values.LongLength]);

    /// <summary>The elements as .NET values, copied. T must match the dtype (see
    /// <see cref="Create{T}(ReadOnlySpan{T}, long[], ScalarType?)"/>); ushort also reads the raw
    /// bits of Float16 and BFloat16, and byte reads Bool.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        bool compatible = DTypeOf<T>() == DType
            || (typeof(T) == typeof(ushort) && DType is ScalarType.Float16 or ScalarType.BFloat16)
            || (typeof(T) == typeof(byte) && DType == ScalarType.Bool);
        if (!compatible)
            throw new InvalidOperationException($"A {DType} tensor cannot be read as {typeof(T).Name} values; use ToDoubleArray() to widen.");
        RequireLittleEndian();
        if (typeof(T) == typeof(bool))
        {
            // Any non-zero byte is true; never hand out bools with other bit patterns.
            var bools = new bool[Data.Length];
            for (int i = 0; i < bools.Length; i++) bools[i] = Data[i] != 0;
            return (T[])(object)bools;
        }
        return MemoryMarshal.Cast<byte, T>(Data).ToArray();
    }

    /// <summary>Every element widened to double, exactly (bool → 0 or 1; Int64 beyond 2^53 rounds).
    /// Complex dtypes are refused.</summary>
    public double[] ToDoubleArray()
    {
        RequireLittleEndian();
        var result = new double[NumElements];
        ReadOnlySpan<byte> d = Data;
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = DType switch
            {
                ScalarType.Bool => d[i] != 0 ? 1 : 0,
                ScalarType.Byte => d[i],
                ScalarType.Int8 => (sbyte)d[i],
                ScalarType.Int16 => MemoryMarshal.Read<short>(d[(2 * i)..]),
                ScalarType.Int32 => MemoryMarshal.Read<int>(d[(4 * i)..]),
                ScalarType.Int64 => MemoryMarshal.Read<long>(d[(8 * i)..]),
                ScalarType.Float16 => (double)MemoryMarshal.Read<Half>(d[(2 * i)..]),
                ScalarType.BFloat16 => BitConverter.Int32BitsToSingle(MemoryMarshal.Read<ushort>(d[(2 * i)..]) << 16),
                ScalarType.Float32 => MemoryMarshal.Read<float>(d[(4 * i)..]),
                ScalarType.Float64 => MemoryMarshal.Read<double>(d[(8 * i)..]),
                _ => throw new InvalidOperationException($"A {DType} tensor cannot be widened to double."),
            };
        }
        return result;
    }

    /// <inheritdoc/>
    public bool Equals(RawTensor? other) =>
        other is not null
        && DType == other.DType
        && _shape.AsSpan().SequenceEqual(other._shape)
        && Data.AsSpan().SequenceEqual(other.Data);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RawTensor other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(DType);
        foreach (long d in _shape) hash.Add(d);
        hash.AddBytes(Data.AsSpan(0, Math.Min(Data.Length, 64)));
        return hash.ToHashCode();
    }

    /// <summary>For example <c>RawTensor(Float32, [3, 4], 48 bytes)</c>.</summary>
    public override string ToString() => $"RawTensor({DType}, {FormatShape(_shape)}, {Data.LongLength} bytes)";

    /// <summary>Writes a shape as <c>[3, 4]</c>.</summary>
    public static string FormatShape(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>The product of the dimensions, or null on overflow.</summary>
    internal static long? CountElements(ReadOnlySpan<long> shape)
    {
        long numel = 1;
        foreach (long d in shape)
        {
            if (d < 0) return null;
            if (d != 0 && numel > long.MaxValue / d) return null;
            numel *= d;
        }
        return numel;
    }

    static ScalarType? DTypeOf<T>() =>
        typeof(T) == typeof(float) ? ScalarType.Float32
        : typeof(T) == typeof(double) ? ScalarType.Float64
        : typeof(T) == typeof(Half) ? ScalarType.Float16
        : typeof(T) == typeof(long) ? ScalarType.Int64
        : typeof(T) == typeof(int) ? ScalarType.Int32
        : typeof(T) == typeof(short) ? ScalarType.Int16
        : typeof(T) == typeof(sbyte) ? ScalarType.Int8
        : typeof(T) == typeof(byte) ? ScalarType.Byte
        : typeof(T) == typeof(bool) ? ScalarType.Bool
        : null;

    static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("Model files are little-endian; this machine is big-endian.");
    }
}
