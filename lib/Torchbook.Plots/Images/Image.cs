using System.Numerics;
using Torchbook.Formatting;
using Torchbook.Plots.Png;

namespace Torchbook.Plots;

/// <summary>How the values of an image array are ordered.</summary>
public enum ImageLayout
{
    /// <summary>Channels, height, width: PyTorch's layout for image tensors ([3, 32, 32]).</summary>
    CHW,
    /// <summary>Height, width, channels: the layout of image files and NumPy/matplotlib ([32, 32, 3]).</summary>
    HWC,
}

/// <summary>
/// An 8-bit grayscale or RGB picture made from raw pixel arrays, displayed inline as a PNG. Build one with
/// <see cref="FromPixels(float[], int[], ImageLayout, float[], float[])"/>; show several with <see cref="Plot.ImageGrid"/>.
/// </summary>
[TypeFormatterSource(typeof(ImageFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed class Image
{
    private readonly byte[] _pixels;

    private Image(byte[] hwcPixels, int height, int width, int channels)
    {
        _pixels = hwcPixels; Height = height; Width = width; Channels = channels;
    }

    public int Width { get; }
    public int Height { get; }
    /// <summary>1 (grayscale) or 3 (RGB).</summary>
    public int Channels { get; }

    /// <summary>The pixels as bytes 0-255 in HWC order (row by row, channels interleaved).</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>The pixel value of <paramref name="channel"/> at (<paramref name="row"/>, <paramref name="column"/>), 0-255.</summary>
    public byte this[int row, int column, int channel = 0] => _pixels[(row * Width + column) * Channels + channel];

    /// <summary>
    /// An image from float pixels in [0, 1] (values outside are clamped). <paramref name="shape"/> is [height, width]
    /// for grayscale, or three numbers read in <paramref name="layout"/> order: [C, H, W] for CHW (PyTorch's default),
    /// [H, W, C] for HWC, with 1 or 3 channels. Given <paramref name="mean"/> and <paramref name="std"/> (one per channel,
    /// as used by <c>transforms.Normalize</c>), pixels are un-normalised first: x * std + mean.
    /// </summary>
    public static Image FromPixels(float[] pixels, int[] shape, ImageLayout layout = ImageLayout.CHW, float[]? mean = null, float[]? std = null)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var (c, h, w) = ParseShape(shape, layout, pixels.Length);
        if ((mean is null) != (std is null))
            throw new ArgumentException("Image: pass both mean and std to un-normalise (x * std + mean), or neither.");
        var m = PerChannel(mean, c, nameof(mean));
        var s = PerChannel(std, c, nameof(std));
        if (m is null)
        {
            float max = 0;
            foreach (var v in pixels) if (v > max) max = v;
            if (max > 2)
                throw new ArgumentException($"Image: float pixels are expected in [0, 1], but these go up to {max}. " +
                    "Divide by 255 first, pass the bytes instead, or pass mean and std if the image was normalised.");
        }
        var bytes = new byte[c * h * w];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int k = 0; k < c; k++)
                {
                    int src = layout == ImageLayout.CHW ? (k * h + y) * w + x : (y * w + x) * c + k;
                    float v = pixels[src];
                    if (m != null) v = v * s![k] + m[k];
                    if (float.IsNaN(v)) v = 0;
                    bytes[(y * w + x) * c + k] = (byte)MathF.Round(Math.Clamp(v, 0f, 1f) * 255f);
                }
        return new Image(bytes, h, w, c);
    }

    /// <inheritdoc cref="FromPixels(float[], int[], ImageLayout, float[], float[])"/>
    public static Image FromPixels(float[] pixels, long[] shape, ImageLayout layout = ImageLayout.CHW, float[]? mean = null, float[]? std = null) =>
        FromPixels(pixels, ToInts(shape), layout, mean, std);

    /// <summary>An image from bytes 0-255; <paramref name="shape"/> as for the float version.</summary>
    public static Image FromPixels(byte[] pixels, int[] shape, ImageLayout layout = ImageLayout.CHW)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var (c, h, w) = ParseShape(shape, layout, pixels.Length);
        var bytes = new byte[c * h * w];
        if (layout == ImageLayout.HWC || c == 1) Array.Copy(pixels, bytes, bytes.Length);
        else
            for (int k = 0; k < c; k++)
                for (int i = 0; i < h * w; i++) bytes[i * c + k] = pixels[k * h * w + i];
        return new Image(bytes, h, w, c);
    }

    /// <inheritdoc cref="FromPixels(byte[], int[], ImageLayout)"/>
    public static Image FromPixels(byte[] pixels, long[] shape, ImageLayout layout = ImageLayout.CHW) =>
        FromPixels(pixels, ToInts(shape), layout);

    /// <summary>A grayscale image from a [height, width] grid of values in [0, 1].</summary>
    public static Image FromGray(float[,] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        int h = pixels.GetLength(0), w = pixels.GetLength(1);
        var flat = new float[h * w];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) flat[y * w + x] = pixels[y, x];
        return FromPixels(flat, [h, w]);
    }

    /// <summary>The image as PNG bytes; <paramref name="scale"/> &gt; 1 enlarges it with square pixels (no blur).</summary>
    public byte[] ToPng(int scale = 1)
    {
        if (scale < 1 || scale > 64) throw new ArgumentOutOfRangeException(nameof(scale), scale, "PNG scale must be a whole number from 1 to 64.");
        if (scale == 1) return PngEncoder.Encode(_pixels, Width, Height, Channels);
        int w = Width * scale, h = Height * scale;
        var big = new byte[w * h * Channels];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                Array.Copy(_pixels, ((y / scale) * Width + x / scale) * Channels, big, (y * w + x) * Channels, Channels);
        return PngEncoder.Encode(big, w, h, Channels);
    }

    /// <summary>Writes the image as a PNG file at its own size (or enlarged by <paramref name="scale"/>).</summary>
    public void SavePng(string path, int scale = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        File.WriteAllBytes(path, ToPng(scale));
    }

    /// <summary>
    /// The whole-number enlargement that shows a small image at a comfortable size (28x28 → 4x), 1 for larger ones.
    /// </summary>
    internal int DisplayScale(int target = 128) => Math.Clamp(target / Math.Max(Width, Height), 1, 8);

    /// <summary>An HTML &lt;img&gt; with the PNG inline; small images are enlarged with square pixels.</summary>
    public string ToHtml()
    {
        int k = DisplayScale();
        return $"<img class=\"torchbook-image\" width=\"{Width * k}\" height=\"{Height * k}\" style=\"image-rendering:pixelated\" alt=\"{Describe()}\" src=\"data:image/png;base64,{Convert.ToBase64String(ToPng(k))}\"/>";
    }

    /// <summary>E.g. "Image 28x28 grayscale".</summary>
    public string Describe() => $"Image {Width}x{Height} {(Channels == 1 ? "grayscale" : "RGB")}";

    public override string ToString() => Describe();

    private static int[] ToInts(long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape.Select(v => v is < 0 or > int.MaxValue
            ? throw new ArgumentException($"Image: shape [{string.Join(", ", shape)}] has a dimension out of range.")
            : (int)v).ToArray();
    }

    private static (int C, int H, int W) ParseShape(int[] shape, ImageLayout layout, int length)
    {
        ArgumentNullException.ThrowIfNull(shape);
        string given = $"[{string.Join(", ", shape)}]";
        string expect = layout == ImageLayout.CHW ? "[channels, height, width]" : "[height, width, channels]";
        int c, h, w;
        if (shape.Length == 2) { c = 1; h = shape[0]; w = shape[1]; }
        else if (shape.Length == 3)
            (c, h, w) = layout == ImageLayout.CHW ? (shape[0], shape[1], shape[2]) : (shape[2], shape[0], shape[1]);
        else
            throw new ArgumentException($"Image: shape {given} has {shape.Length} dimensions; expected [height, width] for grayscale or {expect} ({layout} layout).");
        if (h <= 0 || w <= 0)
            throw new ArgumentException($"Image: shape {given} read as {layout} {expect} gives height {h} and width {w}; both must be positive.");
        if (c != 1 && c != 3)
        {
            string hint = layout == ImageLayout.CHW && shape.Length == 3 && shape[2] is 1 or 3 ? " It looks like HWC: pass layout: ImageLayout.HWC."
                : layout == ImageLayout.HWC && shape.Length == 3 && shape[0] is 1 or 3 ? " It looks like CHW: pass layout: ImageLayout.CHW."
                : " For a batch, pass one image at a time.";
            throw new ArgumentException($"Image: shape {given} read as {layout} {expect} has {c} channels; expected 1 (grayscale) or 3 (RGB).{hint}");
        }
        long need = (long)c * h * w;
        if (length != need)
            throw new ArgumentException($"Image: shape {given} in {layout} layout {expect} needs {c} x {h} x {w} = {need} values, but received {length}.");
        return (c, h, w);
    }

    private static float[]? PerChannel(float[]? v, int channels, string name)
    {
        if (v is null) return null;
        if (v.Length == 1) return Enumerable.Repeat(v[0], channels).ToArray();
        if (v.Length != channels)
            throw new ArgumentException($"Image: {name} has {v.Length} values but the image has {channels} channel(s); give one per channel (or a single value).");
        return v;
    }
}

/// <summary>Notebook formatters for <see cref="Image"/>: an inline PNG in HTML, and a description.</summary>
public sealed class ImageFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new TypeFormatter<Image>(MimeTypes.Html, (i, w) => { w.Write(i.ToHtml()); return true; }),
        new TypeFormatter<Image>(MimeTypes.PlainText, (i, w) => { w.Write(i.Describe()); return true; }),
    ];
}
