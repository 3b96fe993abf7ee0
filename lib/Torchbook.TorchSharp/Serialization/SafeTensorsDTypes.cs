namespace TorchSharp.Serialization;

/// <summary>The dtype names of the safetensors header and their order in the reference writer.</summary>
static class SafeTensorsDTypes
{
    /// <summary>Every name the format defines, in the reference implementation's Dtype order
    /// (increasing alignment); its writer lays tensors out by descending position here.</summary>
    static readonly string[] ReferenceOrder =
        ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"];

    static readonly (string Name, ScalarType Type)[] Supported =
    [
        ("BOOL", ScalarType.Bool), ("U8", ScalarType.Byte), ("I8", ScalarType.Int8),
        ("I16", ScalarType.Int16), ("F16", ScalarType.Float16), ("BF16", ScalarType.BFloat16),
        ("I32", ScalarType.Int32), ("F32", ScalarType.Float32), ("F64", ScalarType.Float64),
        ("I64", ScalarType.Int64),
    ];

    public static string SupportedNames => string.Join(", ", Supported.Select(s => s.Name));

    public static ScalarType? FromName(string name)
    {
        foreach (var (n, t) in Supported)
            if (n == name) return t;
        return null;
    }

    /// <summary>True for names the format defines that Torchbook has no tensor type for.</summary>
    public static bool IsKnownButUnsupported(string name) => Array.IndexOf(ReferenceOrder, name) >= 0 && FromName(name) is null;

    public static string NameOf(ScalarType type)
    {
        foreach (var (n, t) in Supported)
            if (t == type) return n;
        throw new ArgumentException($"safetensors has no dtype for {type}; supported: {SupportedNames}.");
    }

    /// <summary>Position in the reference Dtype order (higher is laid out first).</summary>
    public static int Rank(ScalarType type) => Array.IndexOf(ReferenceOrder, NameOf(type));
}
