using TorchSharp.Native;
using static TorchSharp.torch;

namespace TorchSharp;

/// <summary>
/// The calls into the shim's PNG/JPEG entry points (lib/native/src/tb_image.cpp) behind
/// <see cref="torchvision.io"/>: checks of what is passed in, and the shim's messages turned into
/// exceptions that say what is wrong.
/// </summary>
internal static class ImageCodec
{
    internal const int AnyFormat = 0, PngFormat = 1, JpegFormat = 2;

    /// <summary>Decodes an image file held in memory; <paramref name="source"/> names it in messages ("'photo.png'", "decode_png").</summary>
    internal static unsafe Tensor Decode(ReadOnlySpan<byte> data, int format, torchvision.io.ImageReadMode mode, string source)
    {
        if (!Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), $"{source}: unknown ImageReadMode {(int)mode}; use UNCHANGED, GRAY, GRAY_ALPHA, RGB or RGB_ALPHA.");
        IntPtr handle;
        fixed (byte* p = data)
            handle = NativeMethods.tb_image_decode(p, data.Length, format, (int)mode);
        if (handle == IntPtr.Zero)
            throw new InvalidDataException($"{source}: {NativeErrors.LastMessage()}.");
        return Tensor.Wrap(handle);
    }

    /// <summary>Decodes the bytes held by a 1-D uint8 tensor (what read_file gives).</summary>
    internal static Tensor Decode(Tensor data, int format, torchvision.io.ImageReadMode mode, string function)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.dtype != ScalarType.Byte || data.dim() != 1)
            throw new ArgumentException(
                $"{function} takes the bytes of an image file as a 1-D uint8 tensor (what torchvision.io.read_file gives), " +
                $"not a {data.dtype} tensor of shape {Shape(data)}. To read an image from a path, use torchvision.io.read_image(path).", nameof(data));
        using var bytes = data.is_contiguous() && data.device_type == DeviceType.CPU ? data.alias() : data.cpu().contiguous();
        unsafe
        {
            var span = new ReadOnlySpan<byte>((void*)bytes.DataPointer, checked((int)bytes.numel()));
            return Decode(span, format, mode, function);
        }
    }

    internal static Tensor EncodePng(Tensor image, int compression_level, string function)
    {
        CheckImage(image, function, png: true);
        if (compression_level < 0 || compression_level > 9)
            throw new ArgumentOutOfRangeException(nameof(compression_level), compression_level,
                $"{function}: compression_level goes from 0 (no compression, fastest) to 9 (smallest file); 6 is the usual default.");
        return Tensor.Wrap(NativeMethods.tb_image_encode_png(image.Handle, compression_level));
    }

    internal static Tensor EncodeJpeg(Tensor image, int quality, string function)
    {
        CheckImage(image, function, png: false);
        if (quality < 1 || quality > 100)
            throw new ArgumentOutOfRangeException(nameof(quality), quality,
                $"{function}: quality goes from 1 (smallest file, worst) to 100 (largest, best); 75 is the usual default.");
        return Tensor.Wrap(NativeMethods.tb_image_encode_jpeg(image.Handle, quality));
    }

    /// <summary>Checks that <paramref name="image"/> is a uint8 [channels, height, width] tensor with channels the format can hold.</summary>
    internal static void CheckImage(Tensor image, string function, bool png)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.dtype != ScalarType.Byte)
            throw new ArgumentException(
                $"{function}: the image must be a uint8 (ScalarType.Byte) tensor, not {image.dtype}. " +
                "For floats in [0, 1], convert with (image * 255).round().clamp(0, 255).to(torch.uint8).", nameof(image));
        if (image.dim() != 3)
            throw new ArgumentException(
                $"{function}: the image must have shape [channels, height, width], not {Shape(image)}. " +
                (image.dim() == 2 ? "For a gray [height, width] image, pass image.unsqueeze(0)." :
                 image.dim() == 4 ? "This looks like a batch: pass one image, images[i]." : ""), nameof(image));
        var shape = image.shape;
        var channels = shape[0];
        var allowed = png ? channels is >= 1 and <= 4 : channels is 1 or 3;
        if (!allowed)
            throw new ArgumentException(
                $"{function}: the image has {channels} channels (shape {Shape(image)}); " +
                (png ? "PNG takes 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA)."
                     : "JPEG takes 1 (gray) or 3 (RGB) and has no transparency" + (channels is 2 or 4 ? ": drop the alpha channel with image[..^1] or write a PNG." : ".")) +
                (shape[2] is >= 1 and <= 4 && channels > 4 ? " Is it [height, width, channels]? Then pass image.permute(2, 0, 1)." : ""), nameof(image));
        if (shape[1] == 0 || shape[2] == 0)
            throw new ArgumentException($"{function}: the image is empty (shape {Shape(image)}).", nameof(image));
    }

    internal static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";
}
