namespace TorchSharp;

public static partial class torchvision
{
    /// <summary>The image file formats torchvision.io reads and writes (TorchSharp's torchvision.ImageFormat, the members supported here).</summary>
    public enum ImageFormat
    {
        /// <summary>Not a format this library reads.</summary>
        Unknown,
        /// <summary>PNG: lossless, 8-bit gray, gray + alpha, RGB or RGBA.</summary>
        Png,
        /// <summary>JPEG: lossy, 8-bit gray or RGB, no transparency.</summary>
        Jpeg,
    }
}
