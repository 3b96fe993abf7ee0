using System.Buffers.Binary;
using System.IO.Compression;

namespace Torchbook.Plots.Png;

/// <summary>
/// A small, complete PNG writer for 8-bit images: grayscale, grayscale+alpha, RGB or RGBA,
/// with per-row adaptive filtering and zlib compression (System.IO.Compression.ZLibStream).
/// </summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>
    /// Encodes interleaved 8-bit pixels, row by row from the top (HWC order).
    /// <paramref name="channels"/>: 1 grayscale, 2 grayscale+alpha, 3 RGB, 4 RGBA.
    /// </summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentException($"PNG size must be positive; received width {width}, height {height}.");
        byte colorType = channels switch
        {
            1 => 0, 2 => 4, 3 => 2, 4 => 6,
            _ => throw new ArgumentException($"PNG channels must be 1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA); received {channels}."),
        };
        long expected = (long)width * height * channels;
        if (pixels.Length != expected)
            throw new ArgumentException(
                $"PNG pixels: expected width {width} x height {height} x {channels} channel(s) = {expected} bytes, received {pixels.Length}.");

        using var output = new MemoryStream();
        output.Write(Signature);

        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], height);
        ihdr[8] = 8;          // bit depth
        ihdr[9] = colorType;
        ihdr[10] = 0;         // deflate
        ihdr[11] = 0;         // adaptive filtering
        ihdr[12] = 0;         // no interlace
        WriteChunk(output, "IHDR", ihdr);

        WriteChunk(output, "IDAT", Compress(pixels, width, height, channels));
        WriteChunk(output, "IEND", ReadOnlySpan<byte>.Empty);
        return output.ToArray();
    }

    private static byte[] Compress(ReadOnlySpan<byte> pixels, int width, int height, int bpp)
    {
        int stride = width * bpp;
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var prev = new byte[stride];
            var candidates = new byte[5][];
            for (int f = 0; f < 5; f++) candidates[f] = new byte[stride + 1];
            for (int y = 0; y < height; y++)
            {
                var row = pixels.Slice(y * stride, stride);
                // Try every filter; keep the one with the smallest sum of absolute (signed) bytes.
                int best = 0; long bestScore = long.MaxValue;
                for (int f = 0; f < 5; f++)
                {
                    var outRow = candidates[f];
                    outRow[0] = (byte)f;
                    long score = 0;
                    for (int i = 0; i < stride; i++)
                    {
                        int a = i >= bpp ? row[i - bpp] : 0;
                        int b = y > 0 ? prev[i] : 0;
                        int c = i >= bpp && y > 0 ? prev[i - bpp] : 0;
                        int predictor = f switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) >> 1, _ => Paeth(a, b, c) };
                        var v = (byte)(row[i] - predictor);
                        outRow[i + 1] = v;
                        score += v < 128 ? v : 256 - v;
                    }
                    if (score < bestScore) { bestScore = score; best = f; }
                }
                z.Write(candidates[best]);
                row.CopyTo(prev);
            }
        }
        return compressed.ToArray();
    }

    internal static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream s, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        for (int i = 0; i < 4; i++) header[4 + i] = (byte)type[i];
        s.Write(header);
        s.Write(data);
        var hash = new System.IO.Hashing.Crc32();
        hash.Append(header[4..]);
        hash.Append(data);
        uint crc = hash.GetCurrentHashAsUInt32();
        Span<byte> tail = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(tail, crc);
        s.Write(tail);
    }
}
