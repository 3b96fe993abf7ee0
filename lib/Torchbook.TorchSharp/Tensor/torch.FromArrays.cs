using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp;

// Tensors from .NET values and arrays. torch.tensor copies; torch.from_array shares the array's
// memory (like torch.from_numpy), so changes show through in both directions.
public static partial class torch
{
    /// <summary>The dtype that holds a .NET element type exactly.</summary>
    public static ScalarType ToScalarType(Type type) =>
        type == typeof(float) ? ScalarType.Float32 :
        type == typeof(double) ? ScalarType.Float64 :
        type == typeof(long) ? ScalarType.Int64 :
        type == typeof(int) ? ScalarType.Int32 :
        type == typeof(short) ? ScalarType.Int16 :
        type == typeof(sbyte) ? ScalarType.Int8 :
        type == typeof(byte) ? ScalarType.Byte :
        type == typeof(bool) ? ScalarType.Bool :
        type == typeof(Half) ? ScalarType.Float16 :
        throw new ArgumentException($"{type.Name} has no tensor dtype: use float, double, long, int, short, sbyte, byte, bool or Half.");

    private static unsafe Tensor Copy<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape, ScalarType? dtype, Device? device, bool requires_grad) where T : unmanaged
    {
        long numel = 1;
        foreach (var s in shape)
        {
            if (s < 0) throw new ArgumentException($"negative dimension {s} in shape [{string.Join(", ", shape.ToArray())}]");
            numel *= s;
        }
        if (numel != data.Length)
            throw new ArgumentException($"the shape [{string.Join(", ", shape.ToArray())}] needs {numel} elements but {data.Length} were given");
        var own = ToScalarType(typeof(T));
        Tensor t;
        fixed (T* p = data)
        fixed (long* s = shape)
            t = Tensor.Wrap(tb_tensor_from_data(p, (long)data.Length * sizeof(T), s, shape.Length, (int)own,
                DeviceTypeArg(device), DeviceIndexArg(device), dtype is null || dtype == own ? (requires_grad ? 1 : 0) : 0));
        if (dtype is null || dtype == own) return t;
        using (t)
        {
            var converted = t.to_type(dtype.Value);
            if (requires_grad) converted.requires_grad_(true);
            return converted;
        }
    }

    private static ReadOnlySpan<T> Elements<T>(Array array) where T : unmanaged =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(array)), array.Length);

    private static long[] ShapeOf(Array array)
    {
        var shape = new long[array.Rank];
        for (int i = 0; i < shape.Length; i++) shape[i] = array.GetLength(i);
        return shape;
    }

    /// <summary>A 0-dimensional tensor holding one value.</summary>
    public static Tensor tensor<T>(T scalar, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) where T : unmanaged =>
        Copy(new ReadOnlySpan<T>(in scalar), ReadOnlySpan<long>.Empty, dtype, device, requires_grad);

    /// <summary>A 1-D tensor with a copy of the values.</summary>
    public static Tensor tensor<T>(T[] rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) where T : unmanaged =>
        Copy<T>(rawArray, [rawArray.LongLength], dtype, device, requires_grad);

    /// <summary>A tensor with the given shape and a copy of the values (row-major).</summary>
    public static Tensor tensor<T>(T[] rawArray, long[] dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) where T : unmanaged =>
        Copy<T>(rawArray, dimensions, dtype, device, requires_grad);

    public static Tensor tensor<T>(ReadOnlySpan<T> rawArray, long[] dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) where T : unmanaged =>
        Copy(rawArray, dimensions, dtype, device, requires_grad);

    public static Tensor tensor<T>(IList<T> rawArray, long[] dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) where T : unmanaged =>
        Copy<T>(rawArray as T[] ?? rawArray.ToArray(), dimensions, dtype, device, requires_grad);

    public static Tensor tensor<T>(IList<T> rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) where T : unmanaged =>
        tensor(rawArray as T[] ?? rawArray.ToArray(), dtype, device, requires_grad);

    public static Tensor tensor<T>(T[,] rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) where T : unmanaged =>
        Copy(Elements<T>(rawArray), ShapeOf(rawArray), dtype, device, requires_grad);

    public static Tensor tensor<T>(T[,,] rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) where T : unmanaged =>
        Copy(Elements<T>(rawArray), ShapeOf(rawArray), dtype, device, requires_grad);

    public static Tensor tensor<T>(T[,,,] rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) where T : unmanaged =>
        Copy(Elements<T>(rawArray), ShapeOf(rawArray), dtype, device, requires_grad);

    /// <summary>A tensor from any .NET array of a supported element type (any rank), copying the values.</summary>
    public static Tensor tensor(Array rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var e = rawArray.GetType().GetElementType()!;
        return e == typeof(float) ? Copy(Elements<float>(rawArray), ShapeOf(rawArray), dtype, device, requires_grad)
            : e == typeof(double) ? Copy(Elements<double>(rawArray), ShapeOf(rawArray), dtype, device, requires_grad)
            : e == typeof(long) ? Copy(Elements<long>(rawArray), ShapeOf(rawArray), dtype, device, requires_grad)
            : e == typeof(int) ? Copy(Elements<int>(rawArray), ShapeOf(rawArray), dtype, device, requires_grad)
            : e == typeof(short) ? Copy(Elements<short>(rawArray), ShapeOf(rawArray), dtype, device, requires_grad)
            : e == typeof(sbyte) ? Copy(Elements<sbyte>(rawArray), ShapeOf(rawArray), dtype, device, requires_grad)
            : e == typeof(byte) ? Copy(Elements<byte>(rawArray), ShapeOf(rawArray), dtype, device, requires_grad)
            : e == typeof(bool) ? Copy(Elements<bool>(rawArray), ShapeOf(rawArray), dtype, device, requires_grad)
            : e == typeof(Half) ? Copy(Elements<Half>(rawArray), ShapeOf(rawArray), dtype, device, requires_grad)
            : throw new ArgumentException($"{e.Name}[] has no tensor dtype: use float, double, long, int, short, sbyte, byte, bool or Half arrays.");
    }

    /// <summary>
    /// A CPU tensor that shares the array's memory, without copying (like <c>torch.from_numpy</c>):
    /// writes to either are seen by both. The array stays pinned while the tensor, or any view of
    /// it, is alive.
    /// </summary>
    public static unsafe Tensor from_array(Array rawArray)
    {
        var dtype = ToScalarType(rawArray.GetType().GetElementType()!);
        var shape = ShapeOf(rawArray);
        var pin = GCHandle.Alloc(rawArray, GCHandleType.Pinned);
        try
        {
            fixed (long* s = shape)
                return Tensor.Wrap(tb_tensor_from_blob((void*)pin.AddrOfPinnedObject(), s, shape.Length, (int)dtype, &ReleasePin, GCHandle.ToIntPtr(pin)));
        }
        catch
        {
            pin.Free();
            throw;
        }
    }

    /// <summary>Like <c>torch.as_tensor</c>: shares the array's memory when no conversion is asked for, copies otherwise.</summary>
    public static Tensor as_tensor(Array rawArray, ScalarType? dtype = null, Device? device = null)
    {
        var own = ToScalarType(rawArray.GetType().GetElementType()!);
        if ((dtype is null || dtype == own) && (device is null || device.type == DeviceType.CPU)) return from_array(rawArray);
        return tensor(rawArray, dtype, device);
    }

    [UnmanagedCallersOnly]
    private static void ReleasePin(IntPtr context) => GCHandle.FromIntPtr(context).Free();
}
