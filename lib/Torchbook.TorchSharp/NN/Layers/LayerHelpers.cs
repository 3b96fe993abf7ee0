namespace TorchSharp.Modules;

using static TorchSharp.torch;

internal static class LayerHelpers
{
    /// <summary>A new uninitialised parameter (torch.empty does not draw random numbers).</summary>
    public static Parameter NewParameter(long[] shape, ScalarType? dtype, Device? device)
    {
        using var t = empty(shape, dtype, device);
        return new Parameter(t);
    }

    /// <summary>A tensor owned by a module (a buffer): kept out of dispose scopes.</summary>
    public static Tensor Owned(Tensor t) => t.DetachFromDisposeScope();

    /// <summary>How a size argument prints: "2" when given as one number, "(2, 2)" when given per dimension.</summary>
    public static string SizeArg(long[] values, bool givenAsScalar) => givenAsScalar ? values[0].ToString() : PyText.Tuple(values);
}
