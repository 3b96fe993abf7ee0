using System.Buffers.Binary;
using System.Text;

namespace TorchSharp.Serialization;

/// <summary>
/// Reads and writes safetensors files (the Hugging Face layout): an 8-byte little-endian header
/// length, a JSON header <c>{name: {dtype, shape, data_offsets}, "__metadata__": {...}}</c>, then
/// the tensors' raw little-endian bytes. Reading never runs code; every inconsistency is a
/// <see cref="ModelFileException"/> naming the file and the tensor.
/// </summary>
public static class SafeTensorsFile
{
    /// <summary>The largest header accepted (the reference implementation's limit, 100 MB).</summary>
    public const long MaxHeaderLength = 100_000_000;

    /// <summary>Reads a safetensors file.</summary>
    /// <exception cref="ModelFileException">the file is truncated, corrupt or not safetensors.</exception>
    /// <exception cref="FileNotFoundException">there is no such file.</exception>
    public static SafeTensorsContent Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path);
    }

    /// <summary>Reads the tensors of a safetensors file (a shortcut for <c>Load(path).Tensors</c>).</summary>
    public static OrderedDictionary<string, RawTensor> LoadTensors(string path) => Load(path).Tensors;

    /// <summary>Reads safetensors content from the current position of a stream to its end.
    /// <paramref name="sourceName"/> names the stream in error messages.</summary>
    public static SafeTensorsContent Read(Stream stream, string sourceName = "<stream>")
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return Read(copy.ToArray(), sourceName);
        }

        long available = stream.Length - stream.Position;
        long headerLength = ReadHeaderLength(available, sourceName, span => ReadExactly(stream, span, sourceName));
        var header = new byte[headerLength];
        ReadExactly(stream, header, sourceName);
        long dataLength = available - 8 - headerLength;
        var (entries, metadata) = SafeTensorsHeader.Parse(header, dataLength, sourceName);

        // Validation guarantees the entries tile the data section in offset order.
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (SafeTensorsEntry e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            var bytes = new byte[e.End - e.Begin];
            ReadExactly(stream, bytes, sourceName);
            data[e.Name] = bytes;
        }
        return Assemble(entries, metadata, e => data[e.Name]);
    }

    /// <summary>Reads safetensors content from bytes. <paramref name="sourceName"/> names them in
    /// error messages.</summary>
    public static SafeTensorsContent Read(byte[] bytes, string sourceName = "<bytes>")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        long headerLength = ReadHeaderLength(bytes.Length, sourceName, span => bytes.AsSpan(0, 8).CopyTo(span));
        long dataStart = 8 + headerLength;
        var (entries, metadata) = SafeTensorsHeader.Parse(bytes.AsMemory(8, (int)headerLength), bytes.Length - dataStart, sourceName);
        return Assemble(entries, metadata, e => bytes.AsSpan((int)(dataStart + e.Begin), (int)(e.End - e.Begin)).ToArray());
    }

    /// <summary>Writes a safetensors file atomically (temporary file, then rename). Tensors are laid
    /// out as the reference writer lays them out: by descending dtype (F64/I64 first, BOOL last),
    /// then by name; the header is padded to a multiple of 8 bytes.</summary>
    /// <exception cref="ArgumentException">a duplicate or reserved name, or a dtype safetensors lacks.</exception>
    public static void Save(string path, IEnumerable<KeyValuePair<string, RawTensor>> tensors,
        IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        var (header, ordered) = Prepare(tensors, metadata);
        AtomicFile.Write(path, stream => WritePrepared(stream, header, ordered));
    }

    /// <summary>Writes safetensors content to a stream (see <see cref="Save"/>).</summary>
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, RawTensor>> tensors,
        IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (header, ordered) = Prepare(tensors, metadata);
        WritePrepared(stream, header, ordered);
    }

    /// <summary>The bytes of a safetensors file (see <see cref="Save"/>).</summary>
    public static byte[] ToBytes(IEnumerable<KeyValuePair<string, RawTensor>> tensors,
        IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        using var stream = new MemoryStream();
        Write(stream, tensors, metadata);
        return stream.ToArray();
    }

    static long ReadHeaderLength(long available, string source, Action<Span<byte>> readPrefix)
    {
        if (available < 8)
            throw new ModelFileException(source,
                $"it is {available} bytes long; a safetensors file starts with an 8-byte header length, so it is truncated or not safetensors.");
        Span<byte> prefix = stackalloc byte[8];
        readPrefix(prefix);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (n > MaxHeaderLength)
            throw new ModelFileException(source,
                $"its header length field says {n} bytes, more than the {MaxHeaderLength} allowed: the file is corrupt or not safetensors.");
        if ((long)n > available - 8)
            throw new ModelFileException(source,
                $"its header length field says {n} bytes but only {available - 8} follow: the file is truncated or not safetensors.");
        return (long)n;
    }

    static void ReadExactly(Stream stream, Span<byte> buffer, string source)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new ModelFileException(source, "the file ended early (it was truncated while being read).", inner: e);
        }
    }

    static SafeTensorsContent Assemble(List<SafeTensorsEntry> entries, OrderedDictionary<string, string> metadata,
        Func<SafeTensorsEntry, byte[]> dataOf)
    {
        var tensors = new OrderedDictionary<string, RawTensor>(entries.Count, StringComparer.Ordinal);
        foreach (SafeTensorsEntry e in entries)
            tensors.Add(e.Name, new RawTensor(e.DType, e.Shape, dataOf(e)));
        return new SafeTensorsContent(tensors, metadata);
    }

    static (byte[] Header, List<RawTensor> Ordered) Prepare(IEnumerable<KeyValuePair<string, RawTensor>> tensors,
        IEnumerable<KeyValuePair<string, string>>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var items = new List<(string Name, byte[] Utf8, RawTensor Tensor, int Rank)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors)
        {
            if (name is null) throw new ArgumentException("A tensor name is null.", nameof(tensors));
            if (name == SafeTensorsHeader.MetadataKey)
                throw new ArgumentException($"'{name}' is reserved by the safetensors format; rename the tensor.", nameof(tensors));
            if (!names.Add(name)) throw new ArgumentException($"Tensor name '{name}' appears twice.", nameof(tensors));
            ArgumentNullException.ThrowIfNull(tensor, $"tensors['{name}']");
            int rank;
            try
            {
                rank = SafeTensorsDTypes.Rank(tensor.DType);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Tensor '{name}': {e.Message}", nameof(tensors), e);
            }
            items.Add((name, Encoding.UTF8.GetBytes(name), tensor, rank));
        }
        if (metadata is not null)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, value) in metadata)
            {
                if (key is null || value is null) throw new ArgumentException("Metadata keys and values must not be null.", nameof(metadata));
                if (!keys.Add(key)) throw new ArgumentException($"Metadata key '{key}' appears twice.", nameof(metadata));
            }
        }

        // The reference orders by descending dtype, then by name (byte-wise UTF-8).
        items.Sort((a, b) => a.Rank != b.Rank ? b.Rank.CompareTo(a.Rank) : a.Utf8.AsSpan().SequenceCompareTo(b.Utf8));
        var entries = new List<SafeTensorsEntry>(items.Count);
        long offset = 0;
        foreach (var item in items)
        {
            long length = item.Tensor.Data.LongLength;
            entries.Add(new SafeTensorsEntry(item.Name, item.Tensor.DType, item.Tensor.ShapeArray(), offset, offset + length));
            offset += length;
        }
        byte[] header;
        try
        {
            header = SafeTensorsHeader.Build(entries, metadata);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("A tensor name or metadata string is not valid Unicode (an unpaired surrogate).", nameof(tensors), e);
        }
        return (header, items.Select(i => i.Tensor).ToList());
    }

    static void WritePrepared(Stream stream, byte[] header, List<RawTensor> ordered)
    {
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        foreach (RawTensor t in ordered)
            stream.Write(t.Data);
    }
}
