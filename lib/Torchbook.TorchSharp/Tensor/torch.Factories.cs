using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp;

// Constant fills, ranges and the *_like forms. Random factories are in torch.Random.cs, tensors
// from .NET data in torch.FromArrays.cs.
public static partial class torch
{
    private delegate IntPtr ShapeFactory(IntPtr shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    private static unsafe Tensor Make(ReadOnlySpan<long> size, ScalarType? dtype, Device? device, bool requires_grad,
        delegate*<long*, int, int, int, int, int, IntPtr> factory)
    {
        foreach (var s in size)
            if (s < 0) throw new ArgumentException($"Trying to create tensor with negative dimension {s}: [{string.Join(", ", size.ToArray())}]");
        fixed (long* p = size)
            return Tensor.Wrap(factory(p, size.Length, DtypeArg(dtype), DeviceTypeArg(device), DeviceIndexArg(device), requires_grad ? 1 : 0));
    }

    public static unsafe Tensor zeros(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Make(size, dtype, device, requires_grad, &tb_zeros);
    public static Tensor zeros(long size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => zeros([size], dtype, device, requires_grad);
    public static Tensor zeros(long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => zeros([rows, columns], dtype, device, requires_grad);
    public static Tensor zeros(long dim0, long dim1, long dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => zeros([dim0, dim1, dim2], dtype, device, requires_grad);
    public static Tensor zeros(long dim0, long dim1, long dim2, long dim3, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => zeros([dim0, dim1, dim2, dim3], dtype, device, requires_grad);

    public static unsafe Tensor ones(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Make(size, dtype, device, requires_grad, &tb_ones);
    public static Tensor ones(long size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => ones([size], dtype, device, requires_grad);
    public static Tensor ones(long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => ones([rows, columns], dtype, device, requires_grad);
    public static Tensor ones(long dim0, long dim1, long dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => ones([dim0, dim1, dim2], dtype, device, requires_grad);
    public static Tensor ones(long dim0, long dim1, long dim2, long dim3, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => ones([dim0, dim1, dim2, dim3], dtype, device, requires_grad);

    public static unsafe Tensor empty(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Make(size, dtype, device, requires_grad, &tb_empty);
    public static Tensor empty(long size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => empty([size], dtype, device, requires_grad);
    public static Tensor empty(long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => empty([rows, columns], dtype, device, requires_grad);
    public static Tensor empty(long dim0, long dim1, long dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => empty([dim0, dim1, dim2], dtype, device, requires_grad);

    /// <summary>A tensor filled with <paramref name="value"/>; without a dtype, the value's kind decides it (int64, float32, bool), as in PyTorch.</summary>
    public static unsafe Tensor full(long[] size, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        fixed (long* p = size)
            return Tensor.Wrap(tb_full(p, size.Length, value, DtypeArg(dtype), DeviceTypeArg(device), DeviceIndexArg(device), requires_grad ? 1 : 0));
    }
    public static Tensor full(long size, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => full([size], value, dtype, device, requires_grad);
    public static Tensor full(long rows, long columns, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => full([rows, columns], value, dtype, device, requires_grad);

    public static Tensor eye(long rows, long columns = -1, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Tensor.Wrap(tb_eye(rows, columns < 0 ? rows : columns, DtypeArg(dtype), DeviceTypeArg(device), DeviceIndexArg(device), requires_grad ? 1 : 0));

    /// <summary>Values from <paramref name="start"/> up to (not including) <paramref name="stop"/>; integer arguments give int64, as in PyTorch.</summary>
    public static Tensor arange(Scalar start, Scalar stop, Scalar step, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Tensor.Wrap(tb_arange(start, stop, step, DtypeArg(dtype), DeviceTypeArg(device), DeviceIndexArg(device), requires_grad ? 1 : 0));
    public static Tensor arange(Scalar start, Scalar stop, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        arange(start, stop, 1, dtype, device, requires_grad);
    public static Tensor arange(Scalar stop, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        arange(0, stop, 1, dtype, device, requires_grad);

    public static Tensor linspace(double start, double end, long steps, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Tensor.Wrap(tb_linspace(start, end, steps, DtypeArg(dtype), DeviceTypeArg(device), DeviceIndexArg(device), requires_grad ? 1 : 0));

    public static Tensor logspace(double start, double end, long steps, double @base = 10.0, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Tensor.Wrap(tb_logspace(start, end, steps, @base, DtypeArg(dtype), DeviceTypeArg(device), DeviceIndexArg(device), requires_grad ? 1 : 0));

    public static Tensor zeros_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Tensor.Wrap(tb_zeros_like(input.Handle, DtypeArg(dtype), DeviceTypeArg(device), DeviceIndexArg(device), requires_grad ? 1 : 0));
    public static Tensor ones_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Tensor.Wrap(tb_ones_like(input.Handle, DtypeArg(dtype), DeviceTypeArg(device), DeviceIndexArg(device), requires_grad ? 1 : 0));
    public static Tensor empty_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Tensor.Wrap(tb_empty_like(input.Handle, DtypeArg(dtype), DeviceTypeArg(device), DeviceIndexArg(device), requires_grad ? 1 : 0));
    public static Tensor full_like(Tensor input, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Tensor.Wrap(tb_full_like(input.Handle, value, DtypeArg(dtype), DeviceTypeArg(device), DeviceIndexArg(device), requires_grad ? 1 : 0));
    public static Tensor rand_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Tensor.Wrap(tb_rand_like(input.Handle, DtypeArg(dtype), DeviceTypeArg(device), DeviceIndexArg(device), requires_grad ? 1 : 0));
    public static Tensor randn_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Tensor.Wrap(tb_randn_like(input.Handle, DtypeArg(dtype), DeviceTypeArg(device), DeviceIndexArg(device), requires_grad ? 1 : 0));

    public static Tensor randint_like(Tensor input, long low, long high, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        randint(low, high, input.shape, dtype ?? input.dtype, device ?? input.device, requires_grad);
}
