using System.Runtime.InteropServices;
using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp;

// The bridge back to .NET: single values, flat copies, multi-dimensional arrays, and direct access.
public static partial class torch
{
    public partial class Tensor
    {
        /// <summary>The value of a one-element tensor as a .NET value.</summary>
        public T item<T>() where T : unmanaged
        {
            var n = numel();
            if (n != 1)
                throw new InvalidOperationException($"item() needs a tensor with exactly one element, but this one has {n} (shape [{string.Join(", ", shape)}]). Reduce it first (sum, mean, max) or index one element.");
            NativeErrors.Check(tb_tensor_item(Handle, out var d, out var l));
            object boxed = typeof(T) == typeof(float) ? (float)d
                : typeof(T) == typeof(double) ? d
                : typeof(T) == typeof(long) ? l
                : typeof(T) == typeof(int) ? (int)l
                : typeof(T) == typeof(short) ? (short)l
                : typeof(T) == typeof(sbyte) ? (sbyte)l
                : typeof(T) == typeof(byte) ? (byte)l
                : typeof(T) == typeof(bool) ? l != 0
                : typeof(T) == typeof(Half) ? (Half)d
                : throw new ArgumentException($"item<{typeof(T).Name}>() is not supported: use float, double, long, int, short, sbyte, byte, bool or Half.");
            return (T)boxed;
        }

        public float ToSingle() => item<float>();
        public double ToDouble() => item<double>();
        public long ToInt64() => item<long>();
        public int ToInt32() => item<int>();
        public bool ToBoolean() => item<bool>();

        /// <summary>A copy of all elements in row-major order, converted to <typeparamref name="T"/> if the dtype differs.</summary>
        public unsafe T[] ToArray<T>() where T : unmanaged
        {
            var want = ToScalarType(typeof(T));
            if (dtype != want)
            {
                using var converted = to_type(want);
                return converted.ToArray<T>();
            }
            var result = new T[numel()];
            fixed (T* p = result)
                NativeErrors.Check(tb_tensor_copy_to(Handle, p, (long)result.Length * sizeof(T)));
            return result;
        }

        /// <summary>A copy as a multi-dimensional .NET array of the dtype's element type (float[,] for a 2-D float32 tensor).</summary>
        public Array ToNDArray()
        {
            var elementType = dtype switch
            {
                ScalarType.Float32 => typeof(float), ScalarType.Float64 => typeof(double), ScalarType.Int64 => typeof(long),
                ScalarType.Int32 => typeof(int), ScalarType.Int16 => typeof(short), ScalarType.Int8 => typeof(sbyte),
                ScalarType.Byte => typeof(byte), ScalarType.Bool => typeof(bool), ScalarType.Float16 => typeof(Half),
                ScalarType.BFloat16 => typeof(float),
                _ => throw new NotSupportedException($"ToNDArray does not support {dtype}"),
            };
            if (dtype == ScalarType.BFloat16)
            {
                using var f = to_type(ScalarType.Float32);
                return f.ToNDArray();
            }
            var s = shape;
            var array = s.Length == 0 ? Array.CreateInstance(elementType, 1) : Array.CreateInstance(elementType, s);
            var pin = GCHandle.Alloc(array, GCHandleType.Pinned);
            try
            {
                unsafe { NativeErrors.Check(tb_tensor_copy_to(Handle, (void*)pin.AddrOfPinnedObject(), nbytes)); }
            }
            finally { pin.Free(); }
            return array;
        }

        /// <summary>
        /// Direct access to the elements of a CPU tensor. Reads and writes go to the tensor's own
        /// memory when it is contiguous; otherwise the accessor reads a contiguous copy.
        /// </summary>
        public Utils.TensorAccessor<T> data<T>() where T : unmanaged
        {
            if (device_type != DeviceType.CPU)
                throw new InvalidOperationException($"data<T>() reads CPU memory, but this tensor is on {device}. Move it first: t.cpu().data<T>().");
            var want = ToScalarType(typeof(T));
            if (dtype != want)
                throw new ArgumentException($"data<{typeof(T).Name}>() does not match the tensor's dtype {dtype}; use data<{ElementTypeName(dtype)}>() or convert with .to({want}).");
            return new Utils.TensorAccessor<T>(is_contiguous() ? this : contiguous(), ownsCopy: !is_contiguous());
        }

        /// <summary>Copies <paramref name="values"/> (row-major) into this tensor's elements.</summary>
        public unsafe Tensor copy_from<T>(ReadOnlySpan<T> values) where T : unmanaged
        {
            if (ToScalarType(typeof(T)) != dtype)
                throw new ArgumentException($"{typeof(T).Name} values do not match the tensor's dtype {dtype}");
            fixed (T* p = values)
                NativeErrors.Check(tb_tensor_copy_from(Handle, p, (long)values.Length * sizeof(T)));
            return this;
        }

        internal IntPtr DataPointer
        {
            get
            {
                var p = tb_tensor_data_ptr(Handle);
                return p != 0 ? (IntPtr)p : throw NativeErrors.Exception();
            }
        }

        private static string ElementTypeName(ScalarType t) => t switch
        {
            ScalarType.Float32 => "float", ScalarType.Float64 => "double", ScalarType.Int64 => "long", ScalarType.Int32 => "int",
            ScalarType.Int16 => "short", ScalarType.Int8 => "sbyte", ScalarType.Byte => "byte", ScalarType.Bool => "bool",
            ScalarType.Float16 => "Half", _ => t.ToString(),
        };
    }
}
