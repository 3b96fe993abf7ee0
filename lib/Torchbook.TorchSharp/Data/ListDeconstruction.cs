namespace TorchSharp;

/// <summary>Lets a list of tensors (a TensorDataset item or batch) deconstruct: <c>var (X, y) = batch;</c>.</summary>
public static class TensorListDeconstruction
{
    public static void Deconstruct(this IList<torch.Tensor> list, out torch.Tensor first, out torch.Tensor second)
    {
        if (list.Count != 2) throw new ArgumentException($"Cannot deconstruct {list.Count} tensors into 2 variables.");
        first = list[0];
        second = list[1];
    }

    public static void Deconstruct(this IList<torch.Tensor> list, out torch.Tensor first, out torch.Tensor second, out torch.Tensor third)
    {
        if (list.Count != 3) throw new ArgumentException($"Cannot deconstruct {list.Count} tensors into 3 variables.");
        first = list[0];
        second = list[1];
        third = list[2];
    }
}
