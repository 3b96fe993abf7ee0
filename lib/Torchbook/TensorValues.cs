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
}
