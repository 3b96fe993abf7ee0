namespace Torchbook.Vision.IO;

/// <summary>The two formats <see cref="PilImager"/> reads and writes.</summary>
internal enum EncodedFormat { Png, Jpeg }

/// <summary>
/// What an image file's header says, read before decoding: its format, size, and the channels the
/// file itself holds as PIL opens it (1 gray, 2 gray + alpha, 3 RGB, 4 RGBA). The channel count is
/// what UNCHANGED gives; the pixels' decoder (Skia) does not tell it (it reports gray + alpha as
/// RGBA, for one).
/// </summary>
internal sealed record EncodedImage(EncodedFormat Format, int Width, int Height, int Channels)
{
    /// <summary>
    /// Reads the header of a PNG or JPEG file, checking its structure on the way (every PNG chunk's
    /// CRC, every JPEG segment's length), and refuses anything else with what it seems to be.
    /// </summary>
    /// <exception cref="InvalidDataException">empty, truncated, corrupt, or not a PNG or JPEG (the message says which and what to do).</exception>
    public static EncodedImage Inspect(ReadOnlySpan<byte> data, ImageSource source)
    {
        if (data.IsEmpty)
            throw source.Error($"{source.Noun} is empty (0 bytes). {ImageSource.FetchAgain}");
        if (StartsWithOrIsPrefixOf(data, PngHeader.Signature))
            return data.Length < PngHeader.Signature.Length
                ? throw source.Error($"{source.Noun} is truncated: it ends after {data.Length} of the PNG signature's 8 bytes. {ImageSource.FetchAgain}")
                : PngHeader.Read(data, source);
        if (StartsWithOrIsPrefixOf(data, JpegHeader.Start))
            return data.Length < JpegHeader.Start.Length
                ? throw source.Error($"{source.Noun} is truncated: it ends after {data.Length} bytes, inside the JPEG's first marker. {ImageSource.FetchAgain}")
                : JpegHeader.Read(data, source);
        throw source.Error(OtherContent.Describe(data, source.Noun));
    }

    private static bool StartsWithOrIsPrefixOf(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        data.Length >= signature.Length ? data.StartsWith(signature) : signature.StartsWith(data);
}
