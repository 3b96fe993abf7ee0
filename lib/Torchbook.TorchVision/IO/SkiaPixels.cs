using System.Runtime.InteropServices;
using SkiaSharp;

namespace Torchbook.Vision.IO;

/// <summary>
/// Decodes a file's pixels with Skia, as stored: unpremultiplied (colour values kept where alpha is
/// 0, as PIL keeps them), no colour-space conversion (no destination colour space: PIL ignores
/// gAMA, iCCP and ICC profiles too), 16-bit samples reduced to their high byte (Skia's PNG reader
/// strips the low byte, as PIL does). A 1-channel file comes back as Gray8, one byte a pixel;
/// everything else as RGBA8888, four bytes a pixel (gray + alpha as L, L, L, A).
/// </summary>
internal static class SkiaPixels
{
    public static byte[] Decode(byte[] data, EncodedImage header, ImageSource source)
    {
        using var skData = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(skData)
            ?? throw source.Error($"{source.Noun} is a corrupt {Name(header)}: its header is readable but the decoder refuses it. {ImageSource.FetchAgain}");
        if (codec.Info.Width != header.Width || codec.Info.Height != header.Height)
            throw source.Error($"{source.Noun} is a corrupt {Name(header)}: its header gives {header.Width} x {header.Height} pixels, the decoder {codec.Info.Width} x {codec.Info.Height}.");
        var info = header.Channels == 1
            ? new SKImageInfo(header.Width, header.Height, SKColorType.Gray8, SKAlphaType.Opaque)
            : new SKImageInfo(header.Width, header.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        if (info.BytesSize64 > Array.MaxLength) throw TooLarge(header, source);
        var pixels = new byte[info.BytesSize64];
        var pin = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        SKCodecResult result;
        try { result = codec.GetPixels(info, pin.AddrOfPinnedObject()); }
        finally { pin.Free(); }
        return result switch
        {
            SKCodecResult.Success => pixels,
            SKCodecResult.IncompleteInput => throw source.Error(
                $"{source.Noun} is truncated: the {Name(header)} ends after {data.Length} bytes, inside its image data. {ImageSource.FetchAgain}"),
            SKCodecResult.ErrorInInput => throw source.Error(
                $"{source.Noun} is a corrupt {Name(header)}: its image data cannot be decoded. {ImageSource.FetchAgain}"),
            _ => throw source.Error(
                $"{source.Noun} is a {Name(header)} that cannot be decoded ({result}): it may be damaged or use a feature the decoder lacks. Convert it to an ordinary PNG and try again."),
        };
    }

    private static string Name(EncodedImage header) => header.Format.ToString().ToUpperInvariant();

    private static InvalidDataException TooLarge(EncodedImage header, ImageSource source) =>
        source.Error($"{source.Noun} holds a {header.Width} x {header.Height} image, too large for one array of pixels. Scale it down first.");
}
