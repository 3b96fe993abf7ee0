using static TorchSharp.torch;

namespace Torchbook;

/// <summary>The names PyTorch prints for element types: <c>str(torch.float64)</c> is "torch.float64".</summary>
internal static class DTypeText
{
    /// <summary>The bare name: "float64", "uint8", "bool".</summary>
    public static string Name(ScalarType dtype) => dtype switch
    {
        ScalarType.Bool => "bool",
        ScalarType.Byte => "uint8",
        ScalarType.Int8 => "int8",
        ScalarType.Int16 => "int16",
        ScalarType.Int32 => "int32",
        ScalarType.Int64 => "int64",
        ScalarType.Float16 => "float16",
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Float32 => "float32",
        ScalarType.Float64 => "float64",
        ScalarType.ComplexFloat32 => "complex64",
        ScalarType.ComplexFloat64 => "complex128",
        _ => dtype.ToString(),
    };

    /// <summary>The name as a suffix shows it: "torch.float64".</summary>
    public static string TorchName(ScalarType dtype) => "torch." + Name(dtype);

    /// <summary>PyTorch's <c>str(torch.device)</c> for a TorchSharp device: "cpu", "cuda:0".</summary>
    public static string Device(TorchSharp.DeviceType type, int index)
    {
        var name = type.ToString().ToLowerInvariant();
        return index < 0 ? name : name + ":" + index;
    }
}
