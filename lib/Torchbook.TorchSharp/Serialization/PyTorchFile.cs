using System.Collections;
using System.Text;

namespace TorchSharp.Serialization;

/// <summary>
/// Reads and writes PyTorch <c>.pth</c> files in torch.save's zip format (PyTorch 1.6 and later).
/// Reading goes through a restricted unpickler that accepts only what torch.save writes for
/// tensors and collections and refuses every other Python global with an
/// <see cref="UnsafePickleException"/>, so a hostile file cannot run code. Writing produces files
/// that Python's <c>torch.load</c> reads (also with <c>weights_only=True</c>).
/// </summary>
/// <remarks>
/// Object graphs map as: None ↔ null, bool ↔ bool, int ↔ long (BigInteger beyond 64 bits),
/// float ↔ double, str ↔ string, tuple ↔ object?[], list ↔ List&lt;object?&gt;,
/// dict ↔ Dictionary&lt;object, object?&gt;, OrderedDict ↔ OrderedDictionary&lt;object, object?&gt;,
/// tensor (and nn.Parameter) ↔ <see cref="RawTensor"/>. Tensors that are views (transposed,
/// sliced, sharing a storage) are read as contiguous copies.
/// </remarks>
public static class PyTorchFile
{
    /// <summary>Reads the whole object torch.save stored (a state_dict, a checkpoint dict, ...).</summary>
    /// <exception cref="UnsafePickleException">the pickle names a forbidden global.</exception>
    /// <exception cref="ModelFileException">the file is corrupt, truncated or not a torch.save zip.</exception>
    public static object? LoadObject(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return PyTorchArchiveReader.Read(stream, path);
    }

    /// <summary>Reads the object of a torch.save zip from a stream; <paramref name="sourceName"/>
    /// names it in error messages.</summary>
    public static object? ReadObject(Stream stream, string sourceName = "<stream>")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return PyTorchArchiveReader.Read(stream, sourceName);
    }

    /// <summary>Reads a state_dict: names → tensors. If the file holds a checkpoint dict, pass the
    /// <paramref name="entry"/> that holds the state_dict (e.g. "model" or "state_dict").</summary>
    /// <exception cref="ModelFileException">the file (or entry) is not a dict of tensors; the
    /// message lists the keys there are.</exception>
    public static OrderedDictionary<string, RawTensor> LoadStateDict(string path, string? entry = null) =>
        ToStateDict(LoadObject(path), path, entry);

    /// <summary>Reads a state_dict from a stream (see <see cref="LoadStateDict"/>).</summary>
    public static OrderedDictionary<string, RawTensor> ReadStateDict(Stream stream, string sourceName = "<stream>", string? entry = null) =>
        ToStateDict(ReadObject(stream, sourceName), sourceName, entry);

    /// <summary>Writes a state_dict as torch.save does (an OrderedDict of tensors), atomically:
    /// a temporary file, then a rename. The zip's folder is named after the file, as torch names it.</summary>
    public static void SaveStateDict(string path, IEnumerable<KeyValuePair<string, RawTensor>> stateDict)
    {
        var dict = CopyStateDict(stateDict);
        AtomicFile.Write(path, stream => Write(stream, dict, ArchiveNameFor(path)));
    }

    /// <summary>Writes any graph of supported values (see the class remarks) atomically; for
    /// example a checkpoint <c>new Dictionary&lt;object, object?&gt; { ["model"] = stateDict, ["epoch"] = 3L }</c>.
    /// Dictionaries of type OrderedDictionary&lt;,&gt; become OrderedDicts, other dictionaries dicts.</summary>
    /// <exception cref="ArgumentException">a value of an unsupported type (the message gives its path).</exception>
    public static void SaveObject(string path, object? value)
    {
        // Pickle first, so that an unsupported value fails before the file is touched.
        var (pickle, storages) = PickleGraph(value);
        AtomicFile.Write(path, stream => WriteArchive(stream, pickle, storages, ArchiveNameFor(path)));
    }

    /// <summary>Writes a state_dict as a torch.save zip to a stream.</summary>
    public static void WriteStateDict(Stream stream, IEnumerable<KeyValuePair<string, RawTensor>> stateDict, string archiveName = "archive") =>
        Write(stream, CopyStateDict(stateDict), archiveName);

    /// <summary>Writes any graph of supported values as a torch.save zip to a stream.</summary>
    public static void WriteObject(Stream stream, object? value, string archiveName = "archive") =>
        Write(stream, value, archiveName);

    /// <summary>Views a loaded object as a state_dict (names → tensors), or explains why it is not one.</summary>
    public static OrderedDictionary<string, RawTensor> ToStateDict(object? value, string sourceName, string? entry = null)
    {
        if (entry is not null)
        {
            if (value is not IDictionary dict || !dict.Contains(entry))
                throw new ModelFileException(sourceName,
                    $"it has no entry '{entry}' at the top level ({DescribeKeys(value)}).");
            value = dict[entry];
        }
        string where = entry is null ? "it" : $"its entry '{entry}'";
        if (value is not IDictionary items)
            throw new ModelFileException(sourceName, $"{where} holds {DescribeValue(value)}, not a state_dict (a dict of tensors).");

        var result = new OrderedDictionary<string, RawTensor>(StringComparer.Ordinal);
        var nonTensors = new List<string>();
        foreach (DictionaryEntry e in Entries(items))
        {
            if (e.Key is string name && e.Value is RawTensor t) result.Add(name, t);
            else nonTensors.Add(e.Key?.ToString() ?? "None");
        }
        if (nonTensors.Count > 0)
        {
            var candidates = Entries(items)
                .Where(e => e.Value is IDictionary d && d.Count > 0 && d.Values.Cast<object?>().All(v => v is RawTensor))
                .Select(e => $"'{e.Key}'").ToList();
            string hint = entry is null && candidates.Count > 0
                ? $" It looks like a checkpoint: pass entry: {string.Join(" or ", candidates)}."
                : "";
            throw new ModelFileException(sourceName,
                $"{where} is not a state_dict: {string.Join(", ", nonTensors.Take(5).Select(k => $"'{k}'"))}" +
                $"{(nonTensors.Count > 5 ? $" and {nonTensors.Count - 5} more" : "")} " +
                $"{(nonTensors.Count == 1 ? "is not a tensor" : "are not tensors")} (or not named by strings).{hint}");
        }
        return result;
    }

    /// <summary>The entries of a non-generic dictionary (its IEnumerable yields KeyValuePairs for
    /// generic dictionaries, so enumerate through IDictionaryEnumerator).</summary>
    static List<DictionaryEntry> Entries(IDictionary dict)
    {
        var entries = new List<DictionaryEntry>(dict.Count);
        IDictionaryEnumerator e = dict.GetEnumerator();
        while (e.MoveNext()) entries.Add(e.Entry);
        return entries;
    }

    static OrderedDictionary<string, RawTensor> CopyStateDict(IEnumerable<KeyValuePair<string, RawTensor>> stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var dict = new OrderedDictionary<string, RawTensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in stateDict)
        {
            ArgumentNullException.ThrowIfNull(name, "a state_dict name");
            ArgumentNullException.ThrowIfNull(tensor, $"stateDict['{name}']");
            if (!dict.TryAdd(name, tensor)) throw new ArgumentException($"Tensor name '{name}' appears twice.", nameof(stateDict));
        }
        return dict;
    }

    static void Write(Stream stream, object? value, string archiveName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (pickle, storages) = PickleGraph(value);
        WriteArchive(stream, pickle, storages, archiveName);
    }

    static (byte[] Pickle, List<RawTensor> Storages) PickleGraph(object? value)
    {
        var writer = new PickleWriter();
        byte[] pickle = writer.Pickle(value);
        return (pickle, writer.Storages);
    }

    static void WriteArchive(Stream stream, byte[] pickle, List<RawTensor> storages, string archiveName)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("Writing .pth files needs a little-endian machine.");
        var zip = new TorchZipWriter(stream, SanitizeArchiveName(archiveName));
        zip.WriteRecord("data.pkl", pickle);
        zip.WriteRecord("byteorder", "little"u8);
        for (int i = 0; i < storages.Count; i++)
            zip.WriteRecord("data/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), storages[i].Data);
        zip.WriteRecord("version", "3\n"u8);
        zip.Finish();
    }

    /// <summary>torch names the archive folder after the file, without its extension.</summary>
    static string ArchiveNameFor(string path) => Path.GetFileNameWithoutExtension(path);

    static string SanitizeArchiveName(string name)
    {
        var clean = new StringBuilder();
        foreach (char c in name)
            clean.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_');
        return clean.Length == 0 || clean.ToString().Trim('.').Length == 0 ? "archive" : clean.ToString();
    }

    static string DescribeKeys(object? value) => value is IDictionary dict
        ? $"keys: {string.Join(", ", dict.Keys.Cast<object>().Take(10).Select(k => $"'{k}'"))}{(dict.Count > 10 ? ", ..." : "")}"
        : $"it holds {DescribeValue(value)}";

    static string DescribeValue(object? value) => value switch
    {
        null => "None",
        RawTensor t => $"a single tensor {t}",
        IDictionary d => $"a dict of {d.Count} entries",
        object?[] t => $"a tuple of {t.Length} items",
        IList l => $"a list of {l.Count} items",
        _ => $"a {value.GetType().Name}",
    };
}
