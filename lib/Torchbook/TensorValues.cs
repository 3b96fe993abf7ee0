using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook;

/// <summary>A tensor's elements as a .NET array, whatever its device, strides or gradient flag.</summary>
internal static class TensorValues
{
    /// <summary>
    /// A copy of the elements in row-major order: TorchSharp's <c>data&lt;T&gt;().ToArray()</c> after
    /// moving the tensor to the CPU, detaching it and making it contiguous.
    /// </summary>
    public static T[] Values<T>(this Tensor t) where T : unmanaged
    {
        using var cpu = t.detach().cpu().contiguous();
        return cpu.data<T>().ToArray();
    }

    /// <summary>A one-element tensor's value as a double, whatever its dtype (TorchSharp's item&lt;T&gt; needs T to be the dtype).</summary>
    public static double ToDouble(this Tensor t)
    {
        using var d = t.detach().to(ScalarType.Float64);
        return d.item<double>();
    }

    /// <summary>A one-element integer tensor's value as a long, whatever its integer dtype.</summary>
    public static long ToInt64(this Tensor t)
    {
        using var d = t.detach().to(ScalarType.Int64);
        return d.item<long>();
    }
}
