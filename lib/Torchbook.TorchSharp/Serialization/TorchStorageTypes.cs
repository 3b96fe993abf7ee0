namespace TorchSharp.Serialization;

/// <summary>The typed-storage classes torch.save names in .pth pickles (torch.FloatStorage, ...)
/// and the element type of each.</summary>
static class TorchStorageTypes
{
    static readonly (string Name, ScalarType Type)[] Classes =
    [
        ("FloatStorage", ScalarType.Float32), ("DoubleStorage", ScalarType.Float64),
        ("HalfStorage", ScalarType.Float16), ("BFloat16Storage", ScalarType.BFloat16),
        ("LongStorage", ScalarType.Int64), ("IntStorage", ScalarType.Int32),
        ("ShortStorage", ScalarType.Int16), ("CharStorage", ScalarType.Int8),
        ("ByteStorage", ScalarType.Byte), ("BoolStorage", ScalarType.Bool),
        ("ComplexFloatStorage", ScalarType.ComplexFloat32), ("ComplexDoubleStorage", ScalarType.ComplexFloat64),
    ];

    /// <summary>The element type of <c>torch.&lt;name&gt;</c>, or null if it is not a typed storage.</summary>
    public static ScalarType? FromClassName(string name)
    {
        foreach (var (n, t) in Classes)
            if (n == name) return t;
        return null;
    }

    /// <summary>The class name torch.save writes for storages of a dtype.</summary>
    public static string ClassNameOf(ScalarType type)
    {
        foreach (var (n, t) in Classes)
            if (t == type) return n;
        throw new ArgumentException($"PyTorch has no storage class for {type}.");
    }
}
