using System.Buffers.Binary;
using System.IO.Compression;

namespace Torchbook.Plots.Tests;

/// <summary>
/// An independent minimal PNG reader for the tests: checks the signature, every chunk's CRC (bitwise, no table),
/// reads IHDR, inflates IDAT and undoes the five row filters.
/// </summary>
internal static class PngReader
{
    public sealed record Decoded(int Width, int Height, int BitDepth, int ColorType, byte[] Pixels, List<string> Chunks);

    public static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }

    public static Decoded Decode(byte[] png)
    {
        byte[] sig = [137, 80, 78, 71, 13, 10, 26, 10];
        if (!png.AsSpan(0, 8).SequenceEqual(sig)) throw new InvalidDataException("bad PNG signature");
        int pos = 8, width = 0, height = 0, depth = 0, colorType = -1;
        var idat = new MemoryStream();
        var chunks = new List<string>();
        while (pos < png.Length)
        {
            int len = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            var typeAndData = png.AsSpan(pos + 4, 4 + len);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + len));
            if (crc != BitwiseCrc(typeAndData)) throw new InvalidDataException($"CRC mismatch in {type}");
            chunks.Add(type);
            var data = png.AsSpan(pos + 8, len);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                depth = data[8]; colorType = data[9];
            }
            else if (type == "IDAT") idat.Write(data);
            else if (type == "IEND") break;
            pos += 12 + len;
        }
        int bpp = colorType switch { 0 => 1, 4 => 2, 2 => 3, 6 => 4, _ => throw new InvalidDataException($"color type {colorType}") };
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        z.CopyTo(raw);
        var bytes = raw.ToArray();
        int stride = width * bpp;
        if (bytes.Length != height * (stride + 1)) throw new InvalidDataException($"inflated {bytes.Length} bytes, expected {height * (stride + 1)}");
        var pixels = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            int filter = bytes[y * (stride + 1)];
            for (int i = 0; i < stride; i++)
            {
                int x = bytes[y * (stride + 1) + 1 + i];
                int a = i >= bpp ? pixels[y * stride + i - bpp] : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + i] : 0;
                int c = i >= bpp && y > 0 ? pixels[(y - 1) * stride + i - bpp] : 0;
                int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                int paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                int pred = filter switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2, 4 => paeth, _ => throw new InvalidDataException($"filter {filter}") };
                pixels[y * stride + i] = (byte)(x + pred);
            }
        }
        return new Decoded(width, height, depth, colorType, pixels, chunks);
    }
}
