using System.Buffers.Binary;

namespace Torchbook.Vision.IO;

/// <summary>
/// Walks a JPEG's marker segments up to its first scan: checks each segment's length, reads the
/// frame header (SOF: size, sample precision, components) and the Adobe marker, so a truncated
/// header is refused with where it ends, and CMYK, 12-bit and lossless JPEGs (which neither
/// torchvision nor Skia decode to gray or RGB) are refused with what to do. Gray JPEGs have
/// 1 channel, colour ones 3.
/// </summary>
internal static class JpegHeader
{
    public static ReadOnlySpan<byte> Start => [0xFF, 0xD8, 0xFF];

    public static EncodedImage Read(ReadOnlySpan<byte> data, ImageSource source)
    {
        var position = 2;
        int width = 0, height = 0, components = 0, precision = 0, frame = -1, adobeTransform = -1;
        while (true)
        {
            if (position >= data.Length) throw Truncated(data, source, "before its image data");
            if (data[position] != 0xFF)
                throw Corrupt(source, $"offset {position} holds 0x{data[position]:x2} where a marker (0xff ...) should start");
            while (position < data.Length && data[position] == 0xFF) position++;
            if (position >= data.Length) throw Truncated(data, source, "inside a marker");
            var marker = data[position++];
            if (marker is >= 0xD0 and <= 0xD7 or 0x01) continue;    // markers without a segment
            if (marker is 0xD8 or 0xD9 or 0x00)
                throw Corrupt(source, $"marker 0xff{marker:x2} at offset {position - 2} comes before any image data");
            if (position + 2 > data.Length) throw Truncated(data, source, $"inside the length of its 0xff{marker:x2} segment");
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2) throw Corrupt(source, $"its 0xff{marker:x2} segment at offset {position - 2} has length {length}");
            if (position + length > data.Length)
                throw Truncated(data, source, $"inside its {Name(marker)} segment (which needs {length} bytes)");
            var body = data.Slice(position + 2, length - 2);
            if (IsFrame(marker))
            {
                if (body.Length < 6) throw Corrupt(source, $"its frame header (SOF) is {body.Length} bytes long");
                frame = marker;
                precision = body[0];
                height = BinaryPrimitives.ReadUInt16BigEndian(body[1..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
                components = body[5];
            }
            else if (marker == 0xEE && body.Length >= 12 && body.StartsWith("Adobe"u8))
                adobeTransform = body[11];
            else if (marker == 0xDA)
                break;
            position += length;
        }
        if (frame < 0) throw Corrupt(source, "its image data starts before any frame header (SOF) gives the image's size");
        if (width == 0 || height == 0) throw Corrupt(source, $"its frame header gives a size of {width} x {height} pixels");
        if (components == 4)
            throw source.Error($"{source.Noun} is a CMYK JPEG{(adobeTransform == 2 ? " (stored as YCCK)" : "")} (4 ink channels, made for print); read_image reads gray and RGB images, " +
                               "as torchvision does. Convert it to RGB first, for example with Python's PIL: Image.open(path).convert(\"RGB\").save(\"rgb.jpg\").");
        if (components is not (1 or 3))
            throw Corrupt(source, $"its frame header gives {components} components (a JPEG has 1 for gray or 3 for colour)");
        if (precision != 8)
            throw source.Error($"{source.Noun} is a {precision}-bit JPEG; read_image reads 8-bit JPEGs (as almost every JPEG is). Convert it to PNG or to an 8-bit JPEG first.");
        if (frame is 0xC3 or 0xC7 or 0xCB or 0xCF)
            throw source.Error($"{source.Noun} is a lossless JPEG (process 0xff{frame:x2}), which read_image does not read. Convert it to PNG first.");
        return new EncodedImage(EncodedFormat.Jpeg, width, height, components);
    }

    /// <summary>SOF0 to SOF15, less DHT (C4), JPG (C8) and DAC (CC).</summary>
    private static bool IsFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);

    private static string Name(byte marker) => marker switch
    {
        0xDA => "start-of-scan (SOS)",
        0xC4 => "Huffman table (DHT)",
        0xDB => "quantisation table (DQT)",
        0xDD => "restart interval (DRI)",
        0xFE => "comment (COM)",
        >= 0xE0 and <= 0xEF => $"APP{marker - 0xE0}",
        _ when IsFrame(marker) => "frame header (SOF)",
        _ => $"0xff{marker:x2}",
    };

    internal static InvalidDataException Truncated(ReadOnlySpan<byte> data, ImageSource source, string where) =>
        source.Error($"{source.Noun} is truncated: the JPEG ends after {data.Length} bytes, {where}. {ImageSource.FetchAgain}");

    private static InvalidDataException Corrupt(ImageSource source, string what) =>
        source.Error($"{source.Noun} is a corrupt JPEG: {what}. {ImageSource.FetchAgain}");
}
