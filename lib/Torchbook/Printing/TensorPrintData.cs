using static TorchSharp.torch;

namespace Torchbook;

/// <summary>
/// Everything <see cref="TensorFormatter"/> needs to print one tensor: its shape, element type,
/// elements and the facts that PyTorch shows as suffixes (device, autograd state).
/// </summary>
/// <remarks>
/// Elements are given in row-major order, in the arrays of the element type's kind:
/// <see cref="FloatValues"/> for float16, bfloat16, float32 and float64 (each converted exactly to
/// double), <see cref="IntegerValues"/> for uint8, int8, int16, int32 and int64,
/// <see cref="BoolValues"/> for bool, <see cref="FloatValues"/> (real parts) and
/// <see cref="ImagValues"/> for complex64 and complex128. The arrays hold either all elements, or
/// only the elements that will be printed, in print order
/// (<see cref="TensorFormatter.PrintedElementIndices"/> says which): the second form lets a caller
/// copy a few dozen elements out of a huge tensor instead of all of it.
/// </remarks>
internal sealed record TensorPrintData
{
    /// <summary>A floating point tensor (float16, bfloat16, float32, float64).</summary>
    public TensorPrintData(long[] shape, ScalarType dtype, double[] values)
        : this(shape, dtype, ElementKind.Floating)
    {
        FloatValues = values ?? throw new ArgumentNullException(nameof(values));
    }

    /// <summary>A complex tensor (complex64, complex128): real and imaginary parts.</summary>
    public TensorPrintData(long[] shape, ScalarType dtype, double[] real, double[] imag)
        : this(shape, dtype, ElementKind.Complex)
    {
        FloatValues = real ?? throw new ArgumentNullException(nameof(real));
        ImagValues = imag ?? throw new ArgumentNullException(nameof(imag));
        if (real.Length != imag.Length) throw new ArgumentException("real and imag must have the same length.", nameof(imag));
    }

    /// <summary>An integer tensor (uint8, int8, int16, int32, int64).</summary>
    public TensorPrintData(long[] shape, ScalarType dtype, long[] values)
        : this(shape, dtype, ElementKind.Integer)
    {
        IntegerValues = values ?? throw new ArgumentNullException(nameof(values));
    }

    /// <summary>A bool tensor.</summary>
    public TensorPrintData(long[] shape, bool[] values)
        : this(shape, ScalarType.Bool, ElementKind.Bool)
    {
        BoolValues = values ?? throw new ArgumentNullException(nameof(values));
    }

    private TensorPrintData(long[] shape, ScalarType dtype, ElementKind kind)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Shape = (long[])shape.Clone();
        ElementCount = CountElements(Shape);
        DType = dtype;
        var actual = KindOf(dtype);
        if (actual != kind)
            throw new ArgumentException(
                $"Elements of a {DTypeText.Name(dtype)} tensor must be given as {ArrayNameFor(actual)}, not as {ArrayNameFor(kind)}.",
                nameof(dtype));
    }

    /// <summary>The size of each dimension; empty for a scalar (rank 0).</summary>
    public long[] Shape { get; }

    /// <summary>The number of elements: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    public long ElementCount { get; }

    /// <summary>The element type.</summary>
    public ScalarType DType { get; }

    /// <summary>The elements of a floating point tensor, or the real parts of a complex one, or null.</summary>
    public double[]? FloatValues { get; }

    /// <summary>The imaginary parts of a complex tensor, or null.</summary>
    public double[]? ImagValues { get; }

    /// <summary>The elements of an integer tensor, or null.</summary>
    public long[]? IntegerValues { get; }

    /// <summary>The elements of a bool tensor, or null.</summary>
    public bool[]? BoolValues { get; }

    /// <summary>The device as PyTorch writes it: "cpu", "cuda:0". Anything but a CPU device is printed.</summary>
    public string Device
    {
        get;
        init => field = string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException("Device must be a device name such as \"cpu\" or \"cuda:0\".", nameof(Device))
            : value;
    } = "cpu";

    /// <summary>Whether the tensor requires grad; printed as <c>requires_grad=True</c> when there is no <see cref="GradFn"/>.</summary>
    public bool RequiresGrad { get; init; }

    /// <summary>
    /// The class name of the node that made this tensor, e.g. "AddBackward0", printed as
    /// <c>grad_fn=&lt;AddBackward0&gt;</c>; null for a leaf, and whenever the name is not known
    /// (TorchSharp 0.107 does not expose grad_fn).
    /// </summary>
    public string? GradFn
    {
        get;
        init => field = value is not null && string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException("GradFn must be a node name such as \"AddBackward0\", or null.", nameof(GradFn))
            : value;
    }

    /// <summary>Whether the tensor is an <c>nn.Parameter</c>: its text starts with "Parameter containing:".</summary>
    public bool IsParameter { get; init; }

    /// <summary>
    /// The default floating point type (<c>torch.get_default_dtype()</c>): tensors of this type (and
    /// of its complex type), of int64 and of bool print no dtype suffix. Float32 unless changed.
    /// </summary>
    public ScalarType DefaultDType
    {
        get;
        init => field = KindOf(value) == ElementKind.Floating
            ? value
            : throw new ArgumentException(
                $"DefaultDType must be a floating point type (float32 or float64), not {DTypeText.Name(value)}.", nameof(DefaultDType));
    } = ScalarType.Float32;

    internal enum ElementKind { Floating, Integer, Bool, Complex }

    internal static ElementKind KindOf(ScalarType dtype) => dtype switch
    {
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64 => ElementKind.Floating,
        ScalarType.Byte or ScalarType.Int8 or ScalarType.Int16 or ScalarType.Int32 or ScalarType.Int64 => ElementKind.Integer,
        ScalarType.Bool => ElementKind.Bool,
        ScalarType.ComplexFloat32 or ScalarType.ComplexFloat64 => ElementKind.Complex,
        _ => throw new NotSupportedException($"Printing {dtype} tensors is not supported; convert the tensor with .to(...) first."),
    };

    private static string ArrayNameFor(ElementKind kind) => kind switch
    {
        ElementKind.Floating => "double[]",
        ElementKind.Integer => "long[]",
        ElementKind.Complex => "two double[] (real, imag)",
        _ => "bool[]",
    };

    internal static long CountElements(long[] shape)
    {
        long count = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0)
                throw new ArgumentException(
                    $"Shape [{string.Join(", ", shape)}] has a negative size {shape[i]} in dimension {i}.", nameof(shape));
            try
            {
                count = checked(count * shape[i]);
            }
            catch (OverflowException)
            {
                throw new ArgumentException($"Shape [{string.Join(", ", shape)}] has more elements than a long can count.", nameof(shape));
            }
        }
        return count;
    }

    internal int ValueCount => FloatValues?.Length ?? IntegerValues?.Length ?? BoolValues!.Length;
}
