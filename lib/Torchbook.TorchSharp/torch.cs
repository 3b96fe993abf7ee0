using System.Runtime.InteropServices;
using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp;

/// <summary>The entry point, as in PyTorch: <c>torch.zeros</c>, <c>torch.manual_seed</c>, <c>torch.float32</c>.</summary>
public static partial class torch
{
    // dtype names as PyTorch spells them.
    public const ScalarType @bool = ScalarType.Bool;
    public const ScalarType uint8 = ScalarType.Byte;
    public const ScalarType int8 = ScalarType.Int8;
    public const ScalarType int16 = ScalarType.Int16;
    public const ScalarType @short = ScalarType.Int16;
    public const ScalarType int32 = ScalarType.Int32;
    public const ScalarType @int = ScalarType.Int32;
    public const ScalarType int64 = ScalarType.Int64;
    public const ScalarType @long = ScalarType.Int64;
    public const ScalarType float16 = ScalarType.Float16;
    public const ScalarType half = ScalarType.Float16;
    public const ScalarType bfloat16 = ScalarType.BFloat16;
    public const ScalarType float32 = ScalarType.Float32;
    public const ScalarType @float = ScalarType.Float32;
    public const ScalarType float64 = ScalarType.Float64;
    public const ScalarType @double = ScalarType.Float64;
    public const ScalarType complex64 = ScalarType.ComplexFloat32;
    public const ScalarType complex128 = ScalarType.ComplexFloat64;

    public static bool is_floating_point(ScalarType t) =>
        t is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;

    public static bool is_integral(ScalarType t) =>
        t is ScalarType.Byte or ScalarType.Int8 or ScalarType.Int16 or ScalarType.Int32 or ScalarType.Int64;

    public static bool is_complex(ScalarType t) => t is ScalarType.ComplexFloat32 or ScalarType.ComplexFloat64;

    /// <summary>Bytes per element of a dtype.</summary>
    public static int element_size(ScalarType t) => t switch
    {
        ScalarType.Bool or ScalarType.Byte or ScalarType.Int8 => 1,
        ScalarType.Int16 or ScalarType.Float16 or ScalarType.BFloat16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 or ScalarType.ComplexFloat32 => 8,
        ScalarType.ComplexFloat64 => 16,
        _ => throw new ArgumentException($"unknown dtype {t}"),
    };

    /// <summary>The version of the libtorch the shim was built against, e.g. "1.13.1".</summary>
    public static string libtorch_version => Marshal.PtrToStringUTF8(tb_libtorch_version())!;

    /// <summary>Seeds libtorch's default generator. The same seed gives the same numbers as PyTorch.</summary>
    public static Generator manual_seed(long seed)
    {
        NativeErrors.Check(tb_manual_seed(seed));
        return Generator.Default;
    }

    public static ulong initial_seed() => tb_initial_seed();

    /// <summary>Threads libtorch uses inside one operation (intra-op parallelism).</summary>
    public static int get_num_threads() => tb_get_num_threads();

    public static void set_num_threads(int num)
    {
        if (num < 1) throw new ArgumentOutOfRangeException(nameof(num), "set_num_threads expects a positive number of threads");
        NativeErrors.Check(tb_set_num_threads(num));
    }

    public static int get_num_interop_threads() => tb_get_num_interop_threads();

    public static partial class cuda
    {
        /// <summary>True when the libtorch in use was built with CUDA and a GPU is present.</summary>
        public static bool is_available() => tb_cuda_is_available() != 0;
        public static int device_count() => tb_cuda_device_count();
    }

    // Shared helpers for the P/Invoke wrappers.
    internal static int DtypeArg(ScalarType? dtype) => dtype.HasValue ? (int)dtype.Value : -1;
    internal static int DeviceTypeArg(Device? device) => device is null ? -1 : (int)device.type;
    internal static int DeviceIndexArg(Device? device) => device is null ? -1 : device.index;
}
