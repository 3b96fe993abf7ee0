using System.Buffers.Binary;
using System.IO.Compression;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Vision.Datasets;

/// <summary>
/// Reads IDX files (the format of MNIST and Fashion-MNIST): two zero bytes, a type code, the
/// number of dimensions, each dimension as a big-endian int32, then the values, big-endian.
/// Gzipped files are recognised by their content. Everything is checked: the magic number, the
/// dimensions, and that the data is exactly as long as the header says.
/// </summary>
public static class IdxFile
{
    /// <summary>
    /// Reads the file at <paramref name="path"/>. <paramref name="remedy"/> ends every error
    /// message (say, which script fetches the file again).
    /// </summary>
    public static IdxArray Read(string path, string? remedy = null)
    {
        string Fail(string what) => $"{path}: {what}" + (remedy is null ? "" : " " + remedy);
        if (!File.Exists(path)) throw new FileNotFoundException(Fail("file not found."), path);

        using var file = File.OpenRead(path);
        bool gzipped = file.Length >= 2 && file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        using Stream stream = gzipped ? new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            Span<byte> magic = stackalloc byte[4];
            int got = ReadFully(stream, magic);
            if (got < 4) throw new InvalidDataException(Fail($"truncated: the IDX header needs 4 bytes but the {(gzipped ? "uncompressed " : "")}file has {got}."));
            if (magic[0] != 0 || magic[1] != 0)
                throw new InvalidDataException(Fail($"not an IDX file: it starts with {magic[0]:x2} {magic[1]:x2} instead of 00 00."));
            var type = magic[2];
            int elementSize = ElementSize(type) ?? throw new InvalidDataException(Fail($"unknown IDX type code 0x{type:x2} (expected 08, 09, 0b, 0c, 0d or 0e)."));
            int ndims = magic[3];
            if (ndims == 0) throw new InvalidDataException(Fail("the IDX header declares zero dimensions."));

            var dimBytes = new byte[4 * ndims];
            got = ReadFully(stream, dimBytes);
            if (got < dimBytes.Length) throw new InvalidDataException(Fail($"truncated inside the header: {ndims} dimensions need {dimBytes.Length} bytes but only {got} follow."));
            var dims = new int[ndims];
            long count = 1;
            for (int i = 0; i < ndims; i++)
            {
                dims[i] = BinaryPrimitives.ReadInt32BigEndian(dimBytes.AsSpan(4 * i));
                if (dims[i] < 0) throw new InvalidDataException(Fail($"dimension {i} is negative ({dims[i]})."));
                count = checked(count * dims[i]);
            }
            long expected = checked(count * elementSize);
            if (expected > Array.MaxLength) throw new InvalidDataException(Fail($"the header declares {expected} bytes of data, more than one array can hold."));

            var data = new byte[expected];
            long read = ReadFully(stream, data);
            if (read < expected)
                throw new InvalidDataException(Fail(
                    $"truncated: the header declares {string.Join(" x ", dims)} values ({expected} bytes) but only {read} bytes of data follow."));
            Span<byte> extra = stackalloc byte[1];
            if (ReadFully(stream, extra) > 0)
                throw new InvalidDataException(Fail($"corrupt: more data follows the {expected} bytes the header declares ({string.Join(" x ", dims)} values)."));
            return new IdxArray(type, dims, data);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            // The gzip layer's own complaint (a cut or damaged .gz file).
            throw new InvalidDataException(Fail($"the gzip data is truncated or corrupt ({e.Message})."), e);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException(Fail($"the gzip data is truncated ({e.Message})."), e);
        }
    }

    private static int? ElementSize(byte type) => type switch
    {
        0x08 or 0x09 => 1,
        0x0B => 2,
        0x0C or 0x0D => 4,
        0x0E => 8,
        _ => null,
    };

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    /// <summary>Writes an IDX file (tests and tools): uint8 values with the given dimensions, gzipped when asked.</summary>
    public static void WriteBytes(string path, ReadOnlySpan<byte> values, int[] dims, bool gzip = false)
    {
        long count = dims.Aggregate(1L, (a, d) => a * d);
        if (count != values.Length) throw new ArgumentException($"{values.Length} values do not fill dimensions {string.Join(" x ", dims)}.");
        using var file = File.Create(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        stream.Write([0, 0, 0x08, (byte)dims.Length]);
        Span<byte> dim = stackalloc byte[4];
        foreach (var d in dims)
        {
            BinaryPrimitives.WriteInt32BigEndian(dim, d);
            stream.Write(dim);
        }
        stream.Write(values);
    }
}

/// <summary>The contents of an IDX file: its type code, dimensions and raw (big-endian) values.</summary>
public sealed record IdxArray(byte TypeCode, int[] Dimensions, byte[] Data)
{
    /// <summary>The number of values.</summary>
    public long Count => Dimensions.Aggregate(1L, (a, d) => a * d);

    /// <summary>The values as a tensor of the matching dtype (uint8, int8, int16, int32, float32, float64).</summary>
    public torch.Tensor ToTensor()
    {
        var shape = Dimensions.Select(d => (long)d).ToArray();
        switch (TypeCode)
        {
            case 0x08: return torch.tensor(Data, shape, ScalarType.Byte);
            case 0x09: return torch.tensor(Array.ConvertAll(Data, b => unchecked((sbyte)b)), shape, ScalarType.Int8);
            case 0x0B:
                {
                    var v = new short[Count];
                    for (int i = 0; i < v.Length; i++) v[i] = BinaryPrimitives.ReadInt16BigEndian(Data.AsSpan(2 * i));
                    return torch.tensor(v, shape, ScalarType.Int16);
                }
            case 0x0C:
                {
                    var v = new int[Count];
                    for (int i = 0; i < v.Length; i++) v[i] = BinaryPrimitives.ReadInt32BigEndian(Data.AsSpan(4 * i));
                    return torch.tensor(v, shape, ScalarType.Int32);
                }
            case 0x0D:
                {
                    var v = new float[Count];
                    for (int i = 0; i < v.Length; i++) v[i] = BinaryPrimitives.ReadSingleBigEndian(Data.AsSpan(4 * i));
                    return torch.tensor(v, shape, ScalarType.Float32);
                }
            case 0x0E:
                {
                    var v = new double[Count];
                    for (int i = 0; i < v.Length; i++) v[i] = BinaryPrimitives.ReadDoubleBigEndian(Data.AsSpan(8 * i));
                    return torch.tensor(v, shape, ScalarType.Float64);
                }
            default: throw new InvalidDataException($"Unknown IDX type code 0x{TypeCode:x2}.");
        }
    }
}
