using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Torchbook;

/// <summary>
/// <c>t.repr()</c>: a TorchSharp tensor as PyTorch prints it (<c>str(t)</c>, which is <c>repr(t)</c>),
/// under the options of <see cref="printing.set_printoptions"/>.
/// </summary>
/// <remarks>
/// TorchSharp 0.107's own <c>ToString()</c> prints only the metadata ("[2x2], type = Float32, ...") and
/// its <c>str()</c>/<c>print()</c> use TorchSharp's styles; <c>repr()</c> gives PyTorch's text, so a
/// notebook's output reads as the PyTorch course's. One thing differs: TorchSharp does not expose a
/// tensor's <c>grad_fn</c>, so a result computed from tensors that require grad prints
/// <c>requires_grad=True</c> (what PyTorch prints for a tensor that requires grad and has no
/// grad_fn) where PyTorch prints <c>grad_fn=&lt;AddBackward0&gt;</c>.
/// </remarks>
public static class TensorPrinting
{
    /// <summary>
    /// The tensor as PyTorch 1.13 prints it: <c>tensor([[0.1000, 0.2000]], requires_grad=True)</c>;
    /// a parameter starts with "Parameter containing:". Only the printed elements are copied out
    /// of libtorch (a summarised tensor shows a few dozen of its elements).
    /// </summary>
    public static string repr(this Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.IsInvalid) return "tensor(<disposed>)";
        var options = printing.options;
        return TensorFormatter.Repr(PrintData(t, options), options);
    }

    /// <summary>What the formatter needs from <paramref name="t"/>: shape, dtype, the printed elements, device and autograd facts.</summary>
    internal static TensorPrintData PrintData(Tensor t, PrintOptions options)
    {
        var shape = t.shape;
        var dtype = t.dtype;
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var flat = t.detach().reshape(-1);
        var indices = TensorFormatter.PrintedElementIndices(shape, options);
        if (indices.LongLength < flat.numel())
        {
            using var index = torch.tensor(indices, device: t.device);
            flat = flat.index_select(0, index);
        }
        flat = flat.cpu().contiguous();
        var data = dtype switch
        {
            ScalarType.Bool => new TensorPrintData(shape, flat.data<bool>().ToArray()),
            ScalarType.ComplexFloat32 or ScalarType.ComplexFloat64 => new TensorPrintData(shape, dtype, Doubles(flat.real), Doubles(flat.imag)),
            _ when is_floating_point(dtype) => new TensorPrintData(shape, dtype, Doubles(flat)),
            _ when is_integral(dtype) => new TensorPrintData(shape, dtype, flat.to(ScalarType.Int64).data<long>().ToArray()),
            _ => throw new NotSupportedException($"Printing {dtype} tensors is not supported; convert the tensor with .to(...) first."),
        };
        return data with
        {
            Device = DTypeText.Device(t.device_type, t.device_index),
            RequiresGrad = t.requires_grad,
            // TorchSharp 0.107 has no grad_fn: a non-leaf prints requires_grad=True instead of grad_fn=<...>.
            GradFn = null,
            IsParameter = t is Parameter,
            DefaultDType = get_default_dtype(),
        };
    }

    private static double[] Doubles(Tensor t) => t.to(ScalarType.Float64).contiguous().data<double>().ToArray();
}
