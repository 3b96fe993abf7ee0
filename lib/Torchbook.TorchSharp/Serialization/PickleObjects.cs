using System.Collections;

namespace TorchSharp.Serialization;

/// <summary>What a whitelisted global stands for while unpickling.</summary>
enum AllowedGlobal
{
    OrderedDict,
    RebuildTensorV2,
    RebuildTensor,
    RebuildParameter,
    RebuildParameterWithState,
    StorageClass,
}

/// <summary>A global the unpickler allowed (never an arbitrary Python callable).</summary>
sealed record PickleGlobal(string QualifiedName, AllowedGlobal Kind, ScalarType StorageType = default);

/// <summary>A storage the pickle refers to by persistent id: <c>data/&lt;Key&gt;</c> in the zip.</summary>
sealed record StorageRef(string Key, ScalarType DType, long Numel);

/// <summary>A tensor described by <c>_rebuild_tensor_v2</c>, materialized once the whole pickle
/// has been read (so that storages used by one tensor only need no copy).</summary>
sealed class PendingTensor(StorageRef storage, long offset, long[] size, long[] stride)
{
    public StorageRef Storage { get; } = storage;
    public long Offset { get; } = offset;
    public long[] Size { get; } = size;
    public long[] Stride { get; } = stride;
}

/// <summary>Dictionary keys as Python compares them, as far as pickles of state go: tuples
/// (object?[]) by their items, everything else by Equals.</summary>
sealed class PickleKeyComparer : IEqualityComparer<object>
{
    public static readonly PickleKeyComparer Instance = new();

    public new bool Equals(object? x, object? y) =>
        x is object?[] a && y is object?[] b
            ? a.Length == b.Length && a.Zip(b).All(p => p.First is null ? p.Second is null : p.Second is not null && Equals(p.First, p.Second))
            : object.Equals(x, y);

    public int GetHashCode(object obj)
    {
        if (obj is object?[] items)
        {
            var hash = new HashCode();
            foreach (object? item in items) hash.Add(item is null ? 0 : GetHashCode(item));
            return hash.ToHashCode();
        }
        return obj.GetHashCode();
    }
}
