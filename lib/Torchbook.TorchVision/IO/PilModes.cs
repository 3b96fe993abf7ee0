using TorchSharp;
using static TorchSharp.torch;
using ImageReadMode = TorchSharp.torchvision.io.ImageReadMode;

namespace Torchbook.Vision.IO;

/// <summary>
/// Turns decoded pixels into the [channels, height, width] uint8 tensor a read mode asks for, with
/// PIL's conversions (Image.convert): UNCHANGED is the file's own channels; GRAY is PIL's "L",
/// <c>L = R * 299/1000 + G * 587/1000 + B * 114/1000</c> computed as PIL does,
/// <c>(R * 19595 + G * 38470 + B * 7471 + 0x8000) &gt;&gt; 16</c>, and a gray file's own gray
/// level; RGB repeats a gray level three times; the _ALPHA modes add the file's alpha, or 255
/// where it has none. Alpha never changes the colour values (they are not premultiplied).
/// </summary>
internal static class PilModes
{
    /// <summary>How many channels <paramref name="mode"/> gives for a file with <paramref name="fileChannels"/>.</summary>
    public static int Channels(ImageReadMode mode, int fileChannels) => mode switch
    {
        ImageReadMode.UNCHANGED => fileChannels,
        ImageReadMode.GRAY => 1,
        ImageReadMode.GRAY_ALPHA => 2,
        ImageReadMode.RGB => 3,
        ImageReadMode.RGB_ALPHA => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown ImageReadMode: use UNCHANGED, GRAY, GRAY_ALPHA, RGB or RGB_ALPHA."),
    };

    /// <summary>Throws ArgumentOutOfRangeException for a value that is not an ImageReadMode.</summary>
    public static void Check(ImageReadMode mode) => Channels(mode, 1);

    /// <summary>PIL's RGB to L (libImaging's L24 macro, rounded).</summary>
    public static byte Luma(int r, int g, int b) => (byte)((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);

    /// <summary>
    /// <paramref name="pixels"/>: one byte a pixel (gray) or four (RGBA, gray + alpha as L, L, L, A),
    /// row by row, as <see cref="SkiaPixels"/> gives them.
    /// </summary>
    public static Tensor ToTensor(byte[] pixels, int width, int height, int fileChannels, ImageReadMode mode)
    {
        var channels = Channels(mode, fileChannels);
        var n = width * height;
        var planes = new byte[(long)channels * n];
        var gray = fileChannels <= 2;
        if (pixels.Length == n)                         // Gray8: the file is gray without alpha
        {
            for (var c = 0; c < channels; c++)
                if (c == 3 || (c == 1 && channels == 2)) planes.AsSpan(c * n, n).Fill(255);
                else pixels.CopyTo(planes, c * n);
        }
        else
        {
            for (var p = 0; p < n; p++)
            {
                int r = pixels[4 * p], g = pixels[4 * p + 1], b = pixels[4 * p + 2], a = pixels[4 * p + 3];
                switch (channels)
                {
                    case 1:
                        planes[p] = gray ? (byte)r : Luma(r, g, b);
                        break;
                    case 2:
                        planes[p] = gray ? (byte)r : Luma(r, g, b);
                        planes[n + p] = (byte)a;
                        break;
                    default:
                        planes[p] = (byte)r;
                        planes[n + p] = (byte)g;
                        planes[2 * n + p] = (byte)b;
                        if (channels == 4) planes[3 * n + p] = (byte)a;
                        break;
                }
            }
        }
        return tensor(planes, [channels, height, width], ScalarType.Byte);
    }
}
