using static TorchSharp.torch;

namespace Torchbook;

/// <summary>
/// Lets a list of tensors (an item or batch of TorchSharp's <c>utils.data.TensorDataset</c>) deconstruct the way a
/// Python tuple unpacks: <c>foreach (var (X, y) in loader)</c>, <c>var (x, label) = dataset.GetTensor(0)</c>.
/// </summary>
public static class TensorListDeconstruction
{
    public static void Deconstruct(this IList<Tensor> list, out Tensor first, out Tensor second)
    {
        if (list.Count != 2) throw new ArgumentException($"Cannot unpack {list.Count} tensors into 2 variables.", nameof(list));
        (first, second) = (list[0], list[1]);
    }

    public static void Deconstruct(this IList<Tensor> list, out Tensor first, out Tensor second, out Tensor third)
    {
        if (list.Count != 3) throw new ArgumentException($"Cannot unpack {list.Count} tensors into 3 variables.", nameof(list));
        (first, second, third) = (list[0], list[1], list[2]);
    }
}
