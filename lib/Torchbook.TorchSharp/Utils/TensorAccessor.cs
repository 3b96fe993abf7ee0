using System.Collections;

namespace TorchSharp.Utils;

/// <summary>
/// Element access to a contiguous CPU tensor's memory (TorchSharp's <c>data&lt;T&gt;()</c>).
/// The accessor keeps the tensor alive; indices are flat (row-major).
/// </summary>
public sealed unsafe class TensorAccessor<T> : IEnumerable<T>, IDisposable where T : unmanaged
{
    private readonly torch.Tensor _tensor;
    private readonly bool _ownsCopy;

    internal TensorAccessor(torch.Tensor tensor, bool ownsCopy)
    {
        _tensor = tensor;
        _ownsCopy = ownsCopy;
        Count = tensor.numel();
    }

    public long Count { get; }

    private T* Pointer => (T*)_tensor.DataPointer;

    public T this[long index]
    {
        get => Pointer[Check(index)];
        set => Pointer[Check(index)] = value;
    }

    /// <summary>The element at a multi-dimensional position.</summary>
    public T this[params long[] indices]
    {
        get => Pointer[Flat(indices)];
        set => Pointer[Flat(indices)] = value;
    }

    private long Check(long index) =>
        index >= 0 && index < Count ? index : throw new IndexOutOfRangeException($"index {index} is out of range for {Count} elements");

    private long Flat(long[] indices)
    {
        var shape = _tensor.shape;
        if (indices.Length != shape.Length) throw new ArgumentException($"expected {shape.Length} indices, got {indices.Length}");
        long flat = 0;
        for (int i = 0; i < shape.Length; i++)
        {
            if (indices[i] < 0 || indices[i] >= shape[i]) throw new IndexOutOfRangeException($"index {indices[i]} is out of range for dimension {i} of size {shape[i]}");
            flat = flat * shape[i] + indices[i];
        }
        return flat;
    }

    public T[] ToArray() => new ReadOnlySpan<T>(Pointer, checked((int)Count)).ToArray();

    public IEnumerator<T> GetEnumerator()
    {
        for (long i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        if (_ownsCopy) _tensor.Dispose();
    }
}
