using TorchSharp;
using static TorchSharp.torch;
using ImageReadMode = TorchSharp.torchvision.io.ImageReadMode;

namespace Torchbook.Vision.IO;

/// <summary>
/// An imager for <c>torchvision.io</c> (read_image, write_png, write_jpeg, encode_image) that reads
/// PNG and JPEG files as torchvision.io.read_image and PIL do, on SkiaSharp. Torchbook installs it as
/// <c>torchvision.io.DefaultImager</c>.
/// <para>
/// Reading gives a uint8 [channels, height, width] tensor. UNCHANGED keeps the file's channels:
/// gray 1, gray + alpha 2, RGB 3, RGBA 4 (a palette PNG is RGB, or RGBA when it has transparency;
/// a gray or RGB PNG with a transparent colour (tRNS) gains an alpha channel; a 1-bit PNG is 0/255
/// gray; 16-bit samples keep their high byte, as PIL reduces them). GRAY is PIL's "L" conversion,
/// <c>L = R * 299/1000 + G * 587/1000 + B * 114/1000</c> rounded as PIL rounds it; GRAY_ALPHA,
/// RGB and RGB_ALPHA are PIL's "LA", "RGB" and "RGBA" (alpha 255 where the file has none). Alpha is
/// never premultiplied into the colours. The format is told by the content, not the file name.
/// </para>
/// <para>
/// PNG is exact: the same pixels as PIL for every file and mode. JPEG is exact too: Skia decodes
/// with libjpeg-turbo's defaults (integer DCT, fancy upsampling), as PIL does, and its encoder
/// writes files that decode to the same pixels as PIL's at the same quality (measured at 10, 75
/// and 95, gray and RGB). One difference from torchvision: a colour JPEG read as GRAY is PIL's
/// <c>Image.open(path).convert("L")</c>, L computed from the decoded RGB, where torchvision's
/// decode_jpeg (and PIL's <c>draft("L")</c>) take libjpeg's own luma channel (Skia gives no access
/// to it). The two differ where the RGB is clamped: by up to 22 levels on a synthetic pattern of
/// saturated edges, at most 6 on the sample photos (on under 2% of their pixels).
/// </para>
/// <para>
/// Writing takes a uint8 [channels, height, width] tensor: PNG with 1 to 4 channels (lossless, the
/// colour type matching the channels), JPEG with 1 or 3 at <see cref="Quality"/>. Files that
/// cannot be read and tensors that cannot be written are refused with what is wrong and what to do
/// (<see cref="InvalidDataException"/> and <see cref="ArgumentException"/>).
/// </para>
/// </summary>
public sealed class PilImager : torchvision.io.Imager
{
    /// <summary>An imager writing JPEGs at <paramref name="quality"/>, 1 (smallest) to 100 (best); 75 is PIL's default.</summary>
    public PilImager(int quality = 75)
    {
        if (quality is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(quality), quality, "JPEG quality goes from 1 (smallest file, worst) to 100 (largest, best); 75 is PIL's default.");
        Quality = quality;
    }

    /// <summary>The JPEG quality used when writing, 1 to 100.</summary>
    public int Quality { get; }

    /// <summary>Decodes the rest of <paramref name="stream"/> (read_image passes a FileStream: messages name its file).</summary>
    /// <exception cref="InvalidDataException">the data is empty, truncated, corrupt, or not a PNG or JPEG.</exception>
    public override Tensor DecodeImage(Stream stream, ImageReadMode mode = ImageReadMode.UNCHANGED)
    {
        ArgumentNullException.ThrowIfNull(stream);
        PilModes.Check(mode);
        var source = SourceOf(stream);
        return Decode(ReadRest(stream), mode, source);
    }

    /// <summary>Decodes a PNG or JPEG file held in memory.</summary>
    /// <exception cref="InvalidDataException">the data is empty, truncated, corrupt, or not a PNG or JPEG.</exception>
    public override Tensor DecodeImage(byte[] data, ImageReadMode mode = ImageReadMode.UNCHANGED)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Decode(data, mode, ImageSource.Bytes);
    }

    /// <summary>Reads the rest of <paramref name="stream"/> asynchronously, then decodes it as <see cref="DecodeImage(Stream, ImageReadMode)"/> does.</summary>
    public override async Task<Tensor> DecodeImageAsync(Stream stream, ImageReadMode mode = ImageReadMode.UNCHANGED, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        PilModes.Check(mode);
        var source = SourceOf(stream);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Decode(buffer.ToArray(), mode, source);
    }

    /// <summary>
    /// Writes <paramref name="image"/> to <paramref name="stream"/>. Writing to a file that is longer
    /// (write_image opens the file without truncating it), the rest of the old file is cut off.
    /// </summary>
    /// <exception cref="ArgumentException">the tensor is not a uint8 [channels, height, width] image the format can hold, or the format is neither PNG nor JPEG.</exception>
    public override void EncodeImage(Tensor image, torchvision.ImageFormat format, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = EncodeImage(image, format);
        stream.Write(bytes);
        CutOffTheRest(stream);
    }

    /// <summary>The file's bytes for <paramref name="image"/> in <paramref name="format"/> (PNG or JPEG).</summary>
    /// <exception cref="ArgumentException">the tensor is not a uint8 [channels, height, width] image the format can hold, or the format is neither PNG nor JPEG.</exception>
    public override byte[] EncodeImage(Tensor image, torchvision.ImageFormat format)
    {
        if (format is not (torchvision.ImageFormat.Png or torchvision.ImageFormat.Jpeg))
            throw new ArgumentException($"PilImager writes PNG and JPEG files, not {format}: use ImageFormat.Png or ImageFormat.Jpeg.", nameof(format));
        var pixels = ImageTensor.From(image, format);
        return format == torchvision.ImageFormat.Png ? PngWriter.Encode(pixels) : JpegWriter.Encode(pixels, Quality);
    }

    /// <summary>Encodes <paramref name="image"/>, then writes it to <paramref name="stream"/> asynchronously, as <see cref="EncodeImage(Tensor, torchvision.ImageFormat, Stream)"/> does.</summary>
    public override async Task EncodeImageAsync(Tensor image, torchvision.ImageFormat format, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = EncodeImage(image, format);
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        CutOffTheRest(stream);
    }

    private static Tensor Decode(byte[] data, ImageReadMode mode, ImageSource source)
    {
        PilModes.Check(mode);
        var header = EncodedImage.Inspect(data, source);
        var pixels = SkiaPixels.Decode(data, header, source);
        return PilModes.ToTensor(pixels, header.Width, header.Height, header.Channels, mode);
    }

    /// <summary>
    /// What a stream is, for messages. An empty MemoryStream is what TorchVision 0.107's
    /// decode_image(tensor) passes: it never copies the tensor's bytes into the stream it decodes.
    /// </summary>
    private static ImageSource SourceOf(Stream stream) =>
        stream is MemoryStream { Length: 0 }
            ? throw new InvalidDataException(
                "Cannot read the image stream: it is empty. If it came from torchvision.io.decode_image(data): TorchVision 0.107's decode_image " +
                "hands the imager an empty stream instead of the tensor's bytes. Decode the bytes with " +
                "torchvision.io.DefaultImager.DecodeImage(data.data<byte>().ToArray(), mode), or read the file with torchvision.io.read_image(path).")
            : ImageSource.Of(stream);

    private static byte[] ReadRest(Stream stream)
    {
        if (stream.CanSeek)
        {
            var rest = stream.Length - stream.Position;
            if (rest > Array.MaxLength) throw new InvalidDataException($"{ImageSource.Of(stream).Prefix}: it holds {rest} bytes, too many for one image.");
            var bytes = new byte[Math.Max(0, rest)];
            stream.ReadExactly(bytes);
            return bytes;
        }
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static void CutOffTheRest(Stream stream)
    {
        stream.Flush();
        if (stream is FileStream { CanSeek: true } file && file.Position < file.Length)
            file.SetLength(file.Position);
    }
}
