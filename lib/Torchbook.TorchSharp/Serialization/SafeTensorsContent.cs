namespace TorchSharp.Serialization;

/// <summary>What a safetensors file holds: named tensors, in the header's order, and the
/// free-form string metadata of its <c>__metadata__</c> entry (empty when there is none).</summary>
public sealed class SafeTensorsContent
{
    /// <summary>Creates the content.</summary>
    public SafeTensorsContent(OrderedDictionary<string, RawTensor> tensors, OrderedDictionary<string, string> metadata)
    {
        Tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>Tensors by name, in the order the header lists them.</summary>
    public OrderedDictionary<string, RawTensor> Tensors { get; }

    /// <summary>The <c>__metadata__</c> strings, in header order.</summary>
    public OrderedDictionary<string, string> Metadata { get; }
}
