using System.Buffers.Binary;
using System.Text;

namespace Torchbook.Vision.IO;

/// <summary>
/// Walks a PNG's chunks before it is decoded: checks each chunk's length and CRC, reads IHDR (size,
/// bit depth, colour type) and notes tRNS, so a damaged file is refused with where it is damaged and
/// the file's own channels are known (gray 1, gray + alpha 2, RGB 3, RGBA 4; a palette is RGB, or
/// RGBA with a tRNS chunk; gray or RGB with tRNS gains an alpha channel, as PIL converts them).
/// </summary>
internal static class PngHeader
{
    public static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>A chunk's CRC-32, over its type and its data, as PNG stores it.</summary>
    public static uint ChunkCrc(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        var hash = new System.IO.Hashing.Crc32();
        hash.Append(type);
        hash.Append(data);
        return hash.GetCurrentHashAsUInt32();
    }

    public static EncodedImage Read(ReadOnlySpan<byte> data, ImageSource source)
    {
        var position = Signature.Length;
        int width = 0, height = 0, colorType = -1;
        bool transparency = false, palette = false, imageData = false;
        while (true)
        {
            if (position == data.Length)
                throw Truncated(data, source, "before its IEND chunk, which ends every PNG");
            if (position + 8 > data.Length)
                throw Truncated(data, source, "inside a chunk's header");
            var length = BinaryPrimitives.ReadUInt32BigEndian(data[position..]);
            var type = data.Slice(position + 4, 4);
            foreach (var b in type)
                if (!char.IsAsciiLetter((char)b))
                    throw Corrupt(source, $"the bytes at offset {position} are not a chunk (a chunk's type is 4 letters)");
            var name = Encoding.ASCII.GetString(type);
            if (length > int.MaxValue)
                throw Corrupt(source, $"its {name} chunk at offset {position} claims {length} bytes");
            var end = position + 12L + length;
            if (end > data.Length)
                throw Truncated(data, source, $"inside its {name} chunk (which needs {length} bytes of data)");
            var body = data.Slice(position + 8, (int)length);
            var stored = BinaryPrimitives.ReadUInt32BigEndian(data[(int)(end - 4)..]);
            if (ChunkCrc(type, body) != stored)
                throw Corrupt(source, $"the CRC checksum of its {name} chunk (at offset {position}) does not match the chunk's bytes");
            if (colorType < 0)
            {
                if (name != "IHDR" || length != 13)
                    throw Corrupt(source, $"its first chunk is {name}, and every PNG starts with a 13-byte IHDR chunk");
                (width, height, colorType) = ReadIhdr(body, source);
            }
            else if (name == "IHDR")
                throw Corrupt(source, $"it has a second IHDR chunk (at offset {position})");
            switch (name)
            {
                case "tRNS": transparency = true; break;
                case "PLTE": palette = true; break;
                case "IDAT": imageData = true; break;
            }
            if (name == "IEND") break;
            position = (int)end;
        }
        if (!imageData) throw Corrupt(source, "it has no IDAT chunk (no pixels)");
        if (colorType == 3 && !palette) throw Corrupt(source, "it is a palette image without a PLTE chunk (no palette)");
        var channels = colorType switch
        {
            0 => transparency ? 2 : 1,
            4 => 2,
            2 or 3 => transparency ? 4 : 3,
            _ => 4,
        };
        return new EncodedImage(EncodedFormat.Png, width, height, channels);
    }

    private static (int width, int height, int colorType) ReadIhdr(ReadOnlySpan<byte> ihdr, ImageSource source)
    {
        var width = BinaryPrimitives.ReadUInt32BigEndian(ihdr);
        var height = BinaryPrimitives.ReadUInt32BigEndian(ihdr[4..]);
        int depth = ihdr[8], colorType = ihdr[9];
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
            throw Corrupt(source, $"its IHDR chunk gives a size of {width} x {height} pixels");
        var depths = colorType switch
        {
            0 => new[] { 1, 2, 4, 8, 16 },
            3 => new[] { 1, 2, 4, 8 },
            2 or 4 or 6 => new[] { 8, 16 },
            _ => throw Corrupt(source, $"its IHDR chunk gives colour type {colorType}, which is not one of PNG's (0, 2, 3, 4, 6)"),
        };
        if (!depths.Contains(depth))
            throw Corrupt(source, $"its IHDR chunk gives bit depth {depth}, which PNG does not allow with colour type {colorType}");
        if (ihdr[10] != 0 || ihdr[11] != 0 || ihdr[12] > 1)
            throw Corrupt(source, "its IHDR chunk names an unknown compression, filter or interlace method");
        return ((int)width, (int)height, colorType);
    }

    private static InvalidDataException Truncated(ReadOnlySpan<byte> data, ImageSource source, string where) =>
        source.Error($"{source.Noun} is truncated: the PNG ends after {data.Length} bytes, {where}. {ImageSource.FetchAgain}");

    private static InvalidDataException Corrupt(ImageSource source, string what) =>
        source.Error($"{source.Noun} is a corrupt PNG: {what}. {ImageSource.FetchAgain}");
}
