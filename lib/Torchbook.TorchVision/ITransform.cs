namespace TorchSharp;

public static partial class torchvision
{
    /// <summary>A transformation of one tensor (an image, a label), as TorchSharp's torchvision defines it.</summary>
    public interface ITransform
    {
        torch.Tensor call(torch.Tensor input);
    }
}
