using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Vision.IO;

/// <summary>
/// An image tensor checked for writing, and its pixels row by row with the channels interleaved
/// (height, width, channels), as PNG and JPEG store them. A tensor of the wrong dtype or shape is
/// refused with what to pass instead.
/// </summary>
internal sealed record ImageTensor(byte[] Pixels, int Channels, int Height, int Width)
{
    public static ImageTensor From(Tensor image, torchvision.ImageFormat format)
    {
        ArgumentNullException.ThrowIfNull(image);
        var what = $"Cannot write the image as {format.ToString().ToUpperInvariant()}";
        if (image.dtype != ScalarType.Byte)
            throw new ArgumentException(
                $"{what}: the image must be a uint8 (ScalarType.Byte) tensor, not {image.dtype}. " +
                (image.is_floating_point()
                    ? "For floats in [0, 1], convert with (image * 255).round().clamp(0, 255).to(ScalarType.Byte)."
                    : "Convert it with image.clamp(0, 255).to(ScalarType.Byte)."), nameof(image));
        var shape = Shape(image);
        if (image.dim() != 3)
            throw new ArgumentException(
                $"{what}: the image must have shape [channels, height, width], not {shape}." +
                (image.dim() == 2 ? " For a gray [height, width] image, pass image.unsqueeze(0)." :
                 image.dim() == 4 ? " This looks like a batch [n, channels, height, width]: write one image, images[i]." : ""), nameof(image));
        var (channels, height, width) = (image.shape[0], image.shape[1], image.shape[2]);
        var png = format == torchvision.ImageFormat.Png;
        if (png ? channels is < 1 or > 4 : channels is not (1 or 3))
            throw new ArgumentException(
                $"{what}: the image has {channels} channels (shape {shape}); " +
                (png ? "PNG holds 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA)."
                     : "JPEG holds 1 (gray) or 3 (RGB) and has no transparency" +
                       (channels is 2 or 4 ? ": drop the alpha channel with image[..^1], or write a PNG." : ".")) +
                (channels > 4 && width is >= 1 and <= 4 ? $" Is it [height, width, channels]? Then pass image.permute(2, 0, 1)." : ""), nameof(image));
        if (height == 0 || width == 0)
            throw new ArgumentException($"{what}: the image is empty (shape {shape}); it needs at least one row and one column.", nameof(image));
        var limit = png ? int.MaxValue : 65535;
        if (height > limit || width > limit || channels * height * width > Array.MaxLength)
            throw new ArgumentException($"{what}: the image {shape} is too large for {(png ? "one array" : "JPEG (at most 65535 x 65535)")}.", nameof(image));
        using var scope = NewDisposeScope();
        var hwc = image.detach().cpu().permute(1, 2, 0).contiguous();
        return new ImageTensor(hwc.data<byte>().ToArray(), (int)channels, (int)height, (int)width);
    }

    private static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";
}
