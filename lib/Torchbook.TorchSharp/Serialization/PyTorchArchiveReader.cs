using System.Collections;
using System.IO.Compression;
using System.Text;

namespace TorchSharp.Serialization;

/// <summary>
/// Reads a torch.save zip archive (the format since PyTorch 1.6): <c>&lt;archive&gt;/data.pkl</c>,
/// the storages <c>&lt;archive&gt;/data/&lt;key&gt;</c>, <c>version</c> and, in newer versions,
/// <c>byteorder</c>. The pickle goes through <see cref="RestrictedUnpickler"/>; tensors are then
/// materialized as contiguous <see cref="RawTensor"/>s.
/// </summary>
sealed class PyTorchArchiveReader
{
    readonly ZipArchive _zip;
    readonly string _file;
    readonly string _prefix;
    readonly bool _bigEndian;
    readonly Dictionary<string, byte[]> _storageBytes = new(StringComparer.Ordinal);

    PyTorchArchiveReader(ZipArchive zip, string file, string prefix, bool bigEndian)
    {
        _zip = zip;
        _file = file;
        _prefix = prefix;
        _bigEndian = bigEndian;
    }

    public static object? Read(Stream stream, string file)
    {
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }
        CheckMagic(stream, file);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new ModelFileException(file, $"it starts like a zip file but is not a readable one ({e.Message}): it is truncated or corrupt.", inner: e);
        }
        using (zip)
        {
            string prefix = FindArchivePrefix(zip, file);
            bool bigEndian = ReadByteOrder(zip, prefix, file);
            return new PyTorchArchiveReader(zip, file, prefix, bigEndian).ReadContent();
        }
    }

    static void CheckMagic(Stream stream, string file)
    {
        long start = stream.Position;
        Span<byte> magic = stackalloc byte[4];
        int n = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        stream.Position = start;
        if (n >= 4 && magic.SequenceEqual("PK\x03\x04"u8)) return;
        if (n >= 4 && magic.SequenceEqual("PK\x05\x06"u8))
            throw new ModelFileException(file, "it is an empty zip file, not a torch.save file.");
        if (n >= 1 && magic[0] == PickleOpcodes.PROTO)
            throw new ModelFileException(file,
                "it is in PyTorch's legacy (pre-1.6) format, which Torchbook does not read. In Python, re-save it: " +
                "torch.save(torch.load(path), path) writes the zip format.");
        throw new ModelFileException(file,
            n < 4 ? $"it is {n} bytes long, too short for a torch.save file." : "it is not a torch.save file (a .pth is a zip archive, and this is not one).");
    }

    static string FindArchivePrefix(ZipArchive zip, string file)
    {
        ZipArchiveEntry? first;
        try
        {
            first = zip.Entries.FirstOrDefault();
        }
        catch (InvalidDataException e)
        {
            throw new ModelFileException(file, $"its zip directory is corrupt ({e.Message}).", inner: e);
        }
        if (first is null)
            throw new ModelFileException(file, "the zip archive holds no files.");
        // torch: every record lives in one folder, named after the first entry's folder.
        int slash = first.FullName.IndexOf('/');
        string prefix = slash > 0 ? first.FullName[..slash] : "";
        if (prefix.Length > 0 && zip.GetEntry(prefix + "/data.pkl") is not null)
            return prefix;
        if (zip.Entries.Any(e => e.FullName.EndsWith("constants.pkl", StringComparison.Ordinal)))
            throw new ModelFileException(file,
                "it is a TorchScript archive (torch.jit.save), not a torch.save file. In Python, save the weights: " +
                "torch.save(model.state_dict(), path).");
        throw new ModelFileException(file,
            $"the zip has no {(prefix.Length > 0 ? prefix : "<archive>")}/data.pkl, so it is not a torch.save file " +
            "(or it was re-zipped: torch keeps every record in one folder, listed first).");
    }

    static bool ReadByteOrder(ZipArchive zip, string prefix, string file)
    {
        ZipArchiveEntry? entry = zip.GetEntry(prefix + "/byteorder");
        if (entry is null) return false; // files from torch < 2.1 carry none; they are little-endian
        string order = Encoding.ASCII.GetString(ReadEntry(entry, file, 16)).Trim();
        return order switch
        {
            "little" => false,
            "big" => true,
            _ => throw new ModelFileException(file, $"its byteorder record says '{order}', neither 'little' nor 'big'."),
        };
    }

    static byte[] ReadEntry(ZipArchiveEntry entry, string file, long limit, long? count = null)
    {
        if (count is null && entry.Length > limit)
            throw new ModelFileException(file, $"zip entry {entry.FullName} is {entry.Length} bytes, more than the {limit} expected.");
        var bytes = new byte[count ?? entry.Length];
        try
        {
            using Stream s = entry.Open();
            s.ReadExactly(bytes);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or NotSupportedException)
        {
            throw new ModelFileException(file, $"zip entry {entry.FullName} cannot be read ({e.Message}): the file is truncated or corrupt.", inner: e);
        }
        return bytes;
    }

    object? ReadContent()
    {
        string pickleName = _prefix + "/data.pkl";
        byte[] pickle = ReadEntry(_zip.GetEntry(pickleName)!, _file, Array.MaxLength);
        var unpickler = new RestrictedUnpickler(pickle, _file, pickleName);
        object? root = unpickler.Load();
        return Materialize(root);
    }

    /// <summary>Replaces every pending tensor in the graph by a RawTensor (the same RawTensor
    /// where the pickle shared one tensor object). A storage used whole by a single contiguous
    /// tensor becomes that tensor's data without a copy; other views are copied out.</summary>
    object? Materialize(object? root)
    {
        var tensors = new Dictionary<PendingTensor, string>(ReferenceEqualityComparer.Instance);
        Walk(root, "", (pending, path) => tensors.TryAdd(pending, path), replace: null);

        var uses = tensors.Keys.GroupBy(t => t.Storage.Key).ToDictionary(g => g.Key, g => g.Count());
        var made = new Dictionary<PendingTensor, RawTensor>(ReferenceEqualityComparer.Instance);
        foreach (var (pending, path) in tensors)
            made[pending] = MakeTensor(pending, path, uses[pending.Storage.Key] == 1);

        if (root is PendingTensor single) return made[single];
        Walk(root, "", (_, _) => { }, replace: pending => made[pending]);
        return root;
    }

    RawTensor MakeTensor(PendingTensor t, string path, bool soleUser)
    {
        byte[] storage = StorageBytes(t.Storage, path);
        int elementSize = RawTensor.ElementSizeOf(t.Storage.DType);
        long numel = RawTensor.CountElements(t.Size)!.Value;
        byte[] data = soleUser && t.Offset == 0 && numel == t.Storage.Numel && StridedCopy.IsContiguous(t.Size, t.Stride)
            ? storage
            : StridedCopy.Gather(storage, elementSize, t.Offset, t.Size, t.Stride);
        return new RawTensor(t.Storage.DType, t.Size, data);
    }

    byte[] StorageBytes(StorageRef storage, string tensorPath)
    {
        if (_storageBytes.TryGetValue(storage.Key, out byte[]? cached)) return cached;
        string name = _prefix + "/data/" + storage.Key;
        ZipArchiveEntry entry = _zip.GetEntry(name) ?? throw new ModelFileException(_file,
            $"its storage record {name} is missing from the zip: the file is incomplete.", tensorPath);
        int elementSize = RawTensor.ElementSizeOf(storage.DType);
        long needed = storage.Numel * elementSize;
        if (entry.Length < needed)
            throw new ModelFileException(_file,
                $"storage record {name} holds {entry.Length} bytes but the pickle declares {storage.Numel} {storage.DType} elements ({needed} bytes).",
                tensorPath);
        // Only the declared bytes: a record claiming more (a compressed bomb) is never inflated past them.
        byte[] bytes = ReadEntry(entry, _file, Array.MaxLength, needed);
        if (_bigEndian) SwapBytes(bytes, storage.DType is ScalarType.ComplexFloat32 or ScalarType.ComplexFloat64 ? elementSize / 2 : elementSize);
        _storageBytes[storage.Key] = bytes;
        return bytes;
    }

    static void SwapBytes(byte[] bytes, int width)
    {
        if (width == 1) return;
        for (int i = 0; i + width <= bytes.Length; i += width)
            bytes.AsSpan(i, width).Reverse();
    }

    /// <summary>Visits the object graph (iteratively, cycles allowed), reporting each pending
    /// tensor with its path (e.g. <c>model/0.weight</c>) or replacing it in place.</summary>
    void Walk(object? root, string rootPath, Action<PendingTensor, string> visit, Func<PendingTensor, RawTensor>? replace)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var work = new Stack<(object? Value, string Path)>();
        work.Push((root, rootPath));
        while (work.Count > 0)
        {
            var (value, path) = work.Pop();
            switch (value)
            {
                case PendingTensor t:
                    visit(t, path.Length == 0 ? "<root>" : path);
                    break;
                case StorageRef s:
                    throw new ModelFileException(_file,
                        $"it holds a bare storage (data/{s.Key}) at {(path.Length == 0 ? "the top level" : path)}; only tensors are supported.");
                case PickleGlobal g:
                    throw new ModelFileException(_file,
                        $"it holds the Python object {g.QualifiedName} as a value at {(path.Length == 0 ? "the top level" : path)}; only tensors and plain collections are supported.");
                case null or string or long or double or bool or byte[] or System.Numerics.BigInteger:
                    break;
                default:
                    if (!seen.Add(value)) break;
                    if (value is object?[] tuple)
                    {
                        for (int i = 0; i < tuple.Length; i++)
                        {
                            if (replace is not null && tuple[i] is PendingTensor p) tuple[i] = replace(p);
                            else work.Push((tuple[i], Join(path, i.ToString())));
                        }
                    }
                    else if (value is List<object?> list)
                    {
                        for (int i = 0; i < list.Count; i++)
                        {
                            if (replace is not null && list[i] is PendingTensor p) list[i] = replace(p);
                            else work.Push((list[i], Join(path, i.ToString())));
                        }
                    }
                    else if (value is OrderedDictionary<object, object?> ordered)
                    {
                        for (int i = 0; i < ordered.Count; i++)
                        {
                            var (k, v) = ordered.GetAt(i);
                            if (replace is not null && v is PendingTensor p) ordered.SetAt(i, replace(p));
                            else work.Push((v, Join(path, k.ToString() ?? "")));
                        }
                    }
                    else if (value is Dictionary<object, object?> dict)
                    {
                        foreach (object key in dict.Keys.ToList())
                        {
                            if (replace is not null && dict[key] is PendingTensor p) dict[key] = replace(p);
                            else work.Push((dict[key], Join(path, key.ToString() ?? "")));
                        }
                    }
                    else
                    {
                        throw new InvalidOperationException($"Unexpected {value.GetType().Name} in an unpickled graph.");
                    }
                    break;
            }
        }
    }

    static string Join(string path, string part) => path.Length == 0 ? part : path + "/" + part;
}
