using SkiaSharp;

namespace Torchbook.Vision.IO;

/// <summary>
/// Writes gray (1 channel) and RGB (3 channels) JPEGs with Skia's libjpeg-turbo encoder, with PIL's
/// defaults: baseline, 4:2:0 chroma subsampling, libjpeg's quality-scaled tables.
/// </summary>
internal static class JpegWriter
{
    public static unsafe byte[] Encode(ImageTensor image, int quality)
    {
        var (width, height) = (image.Width, image.Height);
        byte[] pixels;
        SKImageInfo info;
        if (image.Channels == 1)
        {
            pixels = image.Pixels;
            info = new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        }
        else
        {
            pixels = new byte[4L * width * height];
            for (long p = 0, n = (long)width * height; p < n; p++)
            {
                pixels[4 * p] = image.Pixels[3 * p];
                pixels[4 * p + 1] = image.Pixels[3 * p + 1];
                pixels[4 * p + 2] = image.Pixels[3 * p + 2];
                pixels[4 * p + 3] = 255;
            }
            info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        }
        fixed (byte* p = pixels)
        {
            using var pixmap = new SKPixmap(info, (IntPtr)p, info.RowBytes);
            using var data = pixmap.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
                ?? throw new InvalidOperationException($"Skia's JPEG encoder refused a {width} x {height} image with {image.Channels} channel(s).");
            return data.ToArray();
        }
    }
}
