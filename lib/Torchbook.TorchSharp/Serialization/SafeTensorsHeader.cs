using System.Text;
using System.Text.Json;

namespace TorchSharp.Serialization;

/// <summary>One tensor's entry in a safetensors header: offsets are relative to the data section.</summary>
readonly record struct SafeTensorsEntry(string Name, ScalarType DType, long[] Shape, long Begin, long End);

/// <summary>Parses and validates the JSON header of a safetensors file.</summary>
static class SafeTensorsHeader
{
    public const string MetadataKey = "__metadata__";

    /// <summary>UTF-8 that refuses unpaired surrogates rather than writing U+FFFD.</summary>
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses <paramref name="json"/>, then checks the entries against a data section of
    /// <paramref name="dataLength"/> bytes: offsets in range, contiguous from 0, non-overlapping,
    /// each covering exactly numel × element size, and the last ending at the end of the file.</summary>
    public static (List<SafeTensorsEntry> Entries, OrderedDictionary<string, string> Metadata) Parse(
        ReadOnlyMemory<byte> json, long dataLength, string file)
    {
        if (json.Length == 0 || json.Span[0] != (byte)'{')
            throw new ModelFileException(file,
                "the header does not start with '{', so this is not a safetensors file (or its header length is wrong).");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw new ModelFileException(file, $"the header is not valid JSON ({e.Message}); the file is corrupt.", inner: e);
        }

        var entries = new List<SafeTensorsEntry>();
        var metadata = new OrderedDictionary<string, string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ModelFileException(file, "the header is JSON but not an object of tensors.");
            bool sawMetadata = false;
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (property.Name == MetadataKey)
                {
                    if (sawMetadata)
                        throw new ModelFileException(file, "the header has two __metadata__ entries.");
                    sawMetadata = true;
                    ParseMetadata(property.Value, metadata, file);
                    continue;
                }
                if (!names.Add(property.Name))
                    throw new ModelFileException(file, "the header lists this name twice.", property.Name);
                entries.Add(ParseEntry(property.Name, property.Value, file));
            }
        }
        Validate(entries, dataLength, file);
        return (entries, metadata);
    }

    static void ParseMetadata(JsonElement value, OrderedDictionary<string, string> metadata, string file)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new ModelFileException(file, "__metadata__ must be an object of strings.");
        foreach (JsonProperty item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw new ModelFileException(file, $"__metadata__ entry '{item.Name}' is a {item.Value.ValueKind}, not a string.");
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
                throw new ModelFileException(file, $"__metadata__ lists '{item.Name}' twice.");
        }
    }

    static SafeTensorsEntry ParseEntry(string name, JsonElement value, string file)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new ModelFileException(file, $"its header entry is a {value.ValueKind}, not an object with dtype, shape and data_offsets.", name);

        if (!value.TryGetProperty("dtype", out JsonElement dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw new ModelFileException(file, "the header entry has no dtype string.", name);
        string dtypeName = dtypeElement.GetString()!;
        ScalarType dtype = SafeTensorsDTypes.FromName(dtypeName) ?? throw new ModelFileException(file,
            SafeTensorsDTypes.IsKnownButUnsupported(dtypeName)
                ? $"dtype '{dtypeName}' has no Torchbook tensor type (supported: {SafeTensorsDTypes.SupportedNames})."
                : $"unknown dtype '{dtypeName}' (safetensors dtypes Torchbook reads: {SafeTensorsDTypes.SupportedNames}).",
            name);

        long[] shape = ReadIntegers(value, "shape", name, file, expectedCount: null);
        long[] offsets = ReadIntegers(value, "data_offsets", name, file, expectedCount: 2);
        return new SafeTensorsEntry(name, dtype, shape, offsets[0], offsets[1]);
    }

    static long[] ReadIntegers(JsonElement entry, string field, string name, string file, int? expectedCount)
    {
        if (!entry.TryGetProperty(field, out JsonElement array) || array.ValueKind != JsonValueKind.Array)
            throw new ModelFileException(file, $"the header entry has no {field} array.", name);
        int count = array.GetArrayLength();
        if (expectedCount is int n && count != n)
            throw new ModelFileException(file, $"{field} has {count} numbers; it needs exactly {n} ([begin, end]).", name);
        if (count > 64)
            throw new ModelFileException(file, $"{field} has {count} dimensions; at most 64 are allowed.", name);
        var result = new long[count];
        int i = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long v) || v < 0)
                throw new ModelFileException(file, $"{field} holds {item.GetRawText()}, which is not a non-negative integer.", name);
            result[i++] = v;
        }
        return result;
    }

    static void Validate(List<SafeTensorsEntry> entries, long dataLength, string file)
    {
        var byOffset = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
        long next = 0;
        SafeTensorsEntry? previous = null;
        foreach (SafeTensorsEntry e in byOffset)
        {
            string where = $"data_offsets [{e.Begin}, {e.End}]";
            if (e.End < e.Begin)
                throw new ModelFileException(file, $"{where} end before they begin.", e.Name);
            if (e.Begin < next)
                throw new ModelFileException(file,
                    $"{where} overlap tensor '{previous!.Value.Name}' (which ends at {next}).", e.Name);
            if (e.Begin > next)
                throw new ModelFileException(file,
                    $"{where} leave a gap: the data before it ends at {next}, so the header does not describe the file.", e.Name);
            if (e.End > dataLength)
                throw new ModelFileException(file,
                    $"{where} reach past the end of the data ({dataLength} bytes): the file is truncated or its header is wrong.", e.Name);
            int size = RawTensor.ElementSizeOf(e.DType);
            long? numel = RawTensor.CountElements(e.Shape);
            if (numel is null || numel > long.MaxValue / size)
                throw new ModelFileException(file, $"shape {RawTensor.FormatShape(e.Shape)} is too large.", e.Name);
            long needed = numel.Value * size;
            if (e.End - e.Begin != needed)
                throw new ModelFileException(file,
                    $"{where} hold {e.End - e.Begin} bytes, but {SafeTensorsDTypes.NameOf(e.DType)} {RawTensor.FormatShape(e.Shape)} needs {needed}.", e.Name);
            if (needed > Array.MaxLength)
                throw new ModelFileException(file, $"{needed} bytes is more than one .NET array can hold.", e.Name);
            next = e.End;
            previous = e;
        }
        if (next != dataLength)
            throw new ModelFileException(file,
                $"the header describes {next} bytes of tensor data but the file holds {dataLength}: it is corrupt or was appended to.");
    }

    /// <summary>The header as the reference writer makes it: <c>__metadata__</c> first, then the
    /// tensors in layout order, compact JSON, padded with spaces to a multiple of 8 bytes.</summary>
    public static byte[] Build(IReadOnlyList<SafeTensorsEntry> entries, IEnumerable<KeyValuePair<string, string>>? metadata)
    {
        var json = new StringBuilder();
        json.Append('{');
        bool first = true;
        if (metadata is not null && metadata.Any())
        {
            json.Append("\"__metadata__\":{");
            bool firstItem = true;
            foreach (var (key, value) in metadata)
            {
                if (!firstItem) json.Append(',');
                firstItem = false;
                AppendString(json, key);
                json.Append(':');
                AppendString(json, value);
            }
            json.Append('}');
            first = false;
        }
        foreach (SafeTensorsEntry e in entries)
        {
            if (!first) json.Append(',');
            first = false;
            AppendString(json, e.Name);
            json.Append(":{\"dtype\":\"").Append(SafeTensorsDTypes.NameOf(e.DType)).Append("\",\"shape\":[");
            json.AppendJoin(',', e.Shape);
            json.Append("],\"data_offsets\":[").Append(e.Begin).Append(',').Append(e.End).Append("]}");
        }
        json.Append('}');
        int length = StrictUtf8.GetByteCount(json.ToString());
        json.Append(' ', (8 - length % 8) % 8);
        return StrictUtf8.GetBytes(json.ToString());
    }

    /// <summary>A JSON string escaped as serde_json (and Python's json with ensure_ascii=False)
    /// escape: quote, backslash and control characters only.</summary>
    static void AppendString(StringBuilder json, string text)
    {
        json.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                default:
                    if (c < 0x20) json.Append("\\u").Append(((int)c).ToString("x4"));
                    else json.Append(c);
                    break;
            }
        }
        json.Append('"');
    }
}
