using System.Buffers.Binary;
using System.IO.Compression;

namespace Torchbook.Vision.IO;

/// <summary>
/// Writes 8-bit PNGs of 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA) channels, the colour type
/// matching the channels so a file read back UNCHANGED has the channels written. Skia's PNG encoder
/// has no gray + alpha type (it would write RGBA), hence this small writer: each row filtered with
/// the PNG filter that makes it smallest, then zlib (System.IO.Compression) at
/// <see cref="CompressionLevel.Optimal"/>. Lossless.
/// </summary>
internal static class PngWriter
{
    public static byte[] Encode(ImageTensor image)
    {
        var (width, height, channels) = (image.Width, image.Height, image.Channels);
        using var output = new MemoryStream();
        output.Write(PngHeader.Signature);
        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], height);
        ihdr[8] = 8;                                                        // bits a sample
        ihdr[9] = channels switch { 1 => 0, 2 => 4, 3 => 2, _ => 6 };     // colour type
        WriteChunk(output, "IHDR"u8, ihdr);                                 // deflate, adaptive filters, no interlace
        WriteChunk(output, "IDAT"u8, Compress(image.Pixels, width * channels, height, channels));
        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    private static byte[] Compress(byte[] pixels, int stride, int height, int bpp)
    {
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var candidates = Enumerable.Range(0, 5).Select(_ => new byte[stride + 1]).ToArray();
            for (var y = 0; y < height; y++)
            {
                var row = pixels.AsSpan(y * stride, stride);
                var previous = y > 0 ? pixels.AsSpan((y - 1) * stride, stride) : default;
                // Every filter; keep the one whose bytes, read as signed, sum smallest (libpng's heuristic).
                var (best, bestScore) = (0, long.MaxValue);
                for (var f = 0; f < 5; f++)
                {
                    var filtered = candidates[f];
                    filtered[0] = (byte)f;
                    long score = 0;
                    for (var i = 0; i < stride; i++)
                    {
                        int a = i >= bpp ? row[i - bpp] : 0, b = y > 0 ? previous[i] : 0, c = i >= bpp && y > 0 ? previous[i - bpp] : 0;
                        var predicted = f switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) >> 1, _ => Paeth(a, b, c) };
                        var v = (byte)(row[i] - predicted);
                        filtered[i + 1] = v;
                        score += v < 128 ? v : 256 - v;
                    }
                    if (score < bestScore) (best, bestScore) = (f, score);
                }
                z.Write(candidates[best]);
            }
        }
        return compressed.ToArray();
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, PngHeader.ChunkCrc(type, data));
        output.Write(word);
    }
}
