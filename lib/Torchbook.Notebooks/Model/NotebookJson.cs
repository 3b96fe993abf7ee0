using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Torchbook.Notebooks.Model;

/// <summary>
/// Reads and writes nbformat 4 (.ipynb) JSON. Unknown properties and all metadata survive a round
/// trip. Writing follows Jupyter's layout: one-space indent, multi-line strings as arrays of lines,
/// a trailing newline.
/// </summary>
public static class NotebookJson
{
    private static readonly HashSet<string> NotebookKeys = ["nbformat", "nbformat_minor", "metadata", "cells"];
    private static readonly HashSet<string> CellKeys = ["cell_type", "id", "source", "metadata", "outputs", "execution_count"];

    /// <summary>Reads a notebook file.</summary>
    /// <exception cref="NotebookFormatException">The file is not JSON, or not an nbformat 4 notebook.</exception>
    public static Notebook Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookFormatException(path, $"cannot be read: {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses notebook JSON; <paramref name="path"/> only names the source in error messages.</summary>
    public static Notebook Parse(string json, string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw new NotebookFormatException(path, $"is not valid JSON{where}; a notebook must be an nbformat 4 JSON document.", e);
        }

        if (root is not JsonObject obj)
            throw new NotebookFormatException(path, "is JSON but not a notebook: the top level must be an object with 'nbformat' and 'cells'.");
        if (obj["nbformat"] is not JsonValue formatValue || !formatValue.TryGetValue<int>(out var nbformat))
            throw new NotebookFormatException(path, "is JSON but not a Jupyter notebook: it has no integer 'nbformat' field.");
        if (nbformat != 4)
            throw new NotebookFormatException(path, $"is nbformat {nbformat}; torchbook reads nbformat 4 notebooks. Open it in Jupyter and save it to convert it.");
        if (obj["cells"] is not JsonArray cells)
            throw new NotebookFormatException(path, "is nbformat 4 but has no 'cells' array.");

        var notebook = new Notebook
        {
            NbFormat = nbformat,
            NbFormatMinor = obj["nbformat_minor"] is JsonValue minor && minor.TryGetValue<int>(out var m) ? m : 0,
            Metadata = obj["metadata"] is JsonObject meta ? (JsonObject)meta.DeepClone() : new JsonObject(),
            Extra = CopyExcept(obj, NotebookKeys),
        };
        for (var i = 0; i < cells.Count; i++)
        {
            notebook.Cells.Add(ReadCell(cells[i], path, i + 1));
        }
        return notebook;
    }

    private static NotebookCell ReadCell(JsonNode? node, string path, int number)
    {
        if (node is not JsonObject cell)
            throw new NotebookFormatException(path, $"cell {number} is not a JSON object.");
        var typeName = cell["cell_type"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var type = typeName switch
        {
            "code" => CellType.Code,
            "markdown" => CellType.Markdown,
            "raw" => CellType.Raw,
            null => throw new NotebookFormatException(path, $"cell {number} has no 'cell_type'."),
            _ => throw new NotebookFormatException(path, $"cell {number} has an unknown cell_type '{typeName}' (expected code, markdown or raw)."),
        };
        var result = new NotebookCell(type, ReadMultiline(cell["source"]))
        {
            Id = cell["id"] is JsonValue id && id.TryGetValue<string>(out var idText) ? idText : null,
            Metadata = cell["metadata"] is JsonObject meta ? (JsonObject)meta.DeepClone() : new JsonObject(),
            Extra = CopyExcept(cell, CellKeys),
            ExecutionCount = cell["execution_count"] is JsonValue count && count.TryGetValue<int>(out var c) ? c : null,
        };
        if (cell["outputs"] is JsonArray outputs)
        {
            foreach (var output in outputs)
            {
                result.Outputs.Add(ReadOutput(output, path, number));
            }
        }
        return result;
    }

    private static NotebookOutput ReadOutput(JsonNode? node, string path, int cellNumber)
    {
        if (node is not JsonObject output)
            throw new NotebookFormatException(path, $"cell {cellNumber} has an output that is not a JSON object.");
        var type = output["output_type"]?.GetValue<string>();
        switch (type)
        {
            case "stream":
                return new StreamOutput(output["name"]?.GetValue<string>() ?? StreamOutput.StdOut, ReadMultiline(output["text"]))
                {
                    Extra = CopyExcept(output, ["output_type", "name", "text"]),
                };
            case "display_data":
                return new DisplayDataOutput(ReadBundle(output["data"]))
                {
                    Metadata = output["metadata"] is JsonObject dm ? (JsonObject)dm.DeepClone() : new JsonObject(),
                    Extra = CopyExcept(output, ["output_type", "data", "metadata", "transient"]),
                };
            case "execute_result":
                return new ExecuteResultOutput(
                    output["execution_count"] is JsonValue ec && ec.TryGetValue<int>(out var n) ? n : 0,
                    ReadBundle(output["data"]))
                {
                    Metadata = output["metadata"] is JsonObject rm ? (JsonObject)rm.DeepClone() : new JsonObject(),
                    Extra = CopyExcept(output, ["output_type", "data", "metadata", "execution_count"]),
                };
            case "error":
                return new ErrorOutput(
                    output["ename"]?.GetValue<string>() ?? "",
                    output["evalue"]?.GetValue<string>() ?? "",
                    output["traceback"] is JsonArray tb ? tb.Select(t => t?.GetValue<string>() ?? "").ToList() : [])
                {
                    Extra = CopyExcept(output, ["output_type", "ename", "evalue", "traceback"]),
                };
            default:
                throw new NotebookFormatException(path, $"cell {cellNumber} has an output with unknown output_type '{type}'.");
        }
    }

    private static MimeBundle ReadBundle(JsonNode? node)
    {
        var bundle = new MimeBundle();
        if (node is not JsonObject data) return bundle;
        foreach (var (mime, value) in data)
        {
            var isText = value is JsonArray || (value is JsonValue sv && sv.GetValueKind() == JsonValueKind.String);
            bundle[mime] = MimeBundle.IsJsonMimeType(mime) && !(value is JsonValue tv && tv.GetValueKind() == JsonValueKind.String)
                ? value?.ToJsonString() ?? "null"
                : isText ? ReadMultiline(value) : value?.ToJsonString() ?? "";
        }
        return bundle;
    }

    /// <summary>nbformat's multiline strings: a string, or an array of strings to concatenate.</summary>
    private static string ReadMultiline(JsonNode? node) => node switch
    {
        null => "",
        JsonArray parts => string.Concat(parts.Select(p => p?.GetValue<string>() ?? "")),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static JsonObject CopyExcept(JsonObject source, IReadOnlySet<string> known)
    {
        var extra = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (!known.Contains(key)) extra[key] = value?.DeepClone();
        }
        return extra;
    }

    private static JsonObject CopyExcept(JsonObject source, string[] known) => CopyExcept(source, known.ToHashSet());

    // ---- writing ----

    /// <summary>The notebook as Jupyter-style JSON text (ends with a newline).</summary>
    public static string Serialize(Notebook notebook)
    {
        var root = new JsonObject();
        root["cells"] = new JsonArray(notebook.Cells.Select(c => (JsonNode)WriteCell(c, notebook)).ToArray());
        root["metadata"] = notebook.Metadata.DeepClone();
        root["nbformat"] = notebook.NbFormat;
        root["nbformat_minor"] = notebook.NbFormatMinor;
        foreach (var (key, value) in notebook.Extra) root[key] = value?.DeepClone();

        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            IndentSize = 1,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        return root.ToJsonString(options) + "\n";
    }

    /// <summary>Writes the notebook atomically: a temporary file in the same folder, then a rename.</summary>
    public static void Save(Notebook notebook, string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temp, Serialize(notebook), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temp, full, overwrite: true);
    }

    private static JsonObject WriteCell(NotebookCell cell, Notebook notebook)
    {
        var obj = new JsonObject
        {
            ["cell_type"] = cell.CellType switch { CellType.Code => "code", CellType.Markdown => "markdown", _ => "raw" },
        };
        if (cell.CellType == CellType.Code) obj["execution_count"] = cell.ExecutionCount;
        var id = cell.Id;
        if (id is null && (notebook.NbFormatMinor >= 5))
        {
            id = Guid.NewGuid().ToString("N")[..8];
            cell.Id = id;
        }
        if (id is not null) obj["id"] = id;
        obj["metadata"] = cell.Metadata.DeepClone();
        if (cell.CellType == CellType.Code)
        {
            obj["outputs"] = new JsonArray(cell.Outputs.Select(o => (JsonNode)WriteOutput(o)).ToArray());
        }
        obj["source"] = WriteMultiline(cell.Source);
        foreach (var (key, value) in cell.Extra) obj[key] = value?.DeepClone();
        return obj;
    }

    private static JsonObject WriteOutput(NotebookOutput output)
    {
        var obj = new JsonObject();
        switch (output)
        {
            case StreamOutput stream:
                obj["name"] = stream.Name;
                obj["output_type"] = "stream";
                obj["text"] = WriteMultiline(stream.Text);
                break;
            case DisplayDataOutput display:
                obj["data"] = WriteBundle(display.Data);
                obj["metadata"] = display.Metadata.DeepClone();
                obj["output_type"] = "display_data";
                break;
            case ExecuteResultOutput result:
                obj["data"] = WriteBundle(result.Data);
                obj["execution_count"] = result.ExecutionCount;
                obj["metadata"] = result.Metadata.DeepClone();
                obj["output_type"] = "execute_result";
                break;
            case ErrorOutput error:
                obj["ename"] = error.EName;
                obj["evalue"] = error.EValue;
                obj["output_type"] = "error";
                obj["traceback"] = new JsonArray(error.Traceback.Select(t => (JsonNode?)t).ToArray());
                break;
        }
        foreach (var (key, value) in output.Extra) obj[key] = value?.DeepClone();
        return obj;
    }

    private static JsonObject WriteBundle(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, value) in bundle)
        {
            if (MimeBundle.IsJsonMimeType(mime))
            {
                try
                {
                    data[mime] = JsonNode.Parse(value);
                    continue;
                }
                catch (JsonException)
                {
                    // Not JSON after all: keep it as text rather than lose it.
                }
            }
            data[mime] = WriteMultiline(value);
        }
        return data;
    }

    /// <summary>Jupyter's layout for multi-line text: an array of lines, each keeping its newline.</summary>
    private static JsonArray WriteMultiline(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add(text[start..]);
                break;
            }
            lines.Add(text[start..(end + 1)]);
            start = end + 1;
        }
        return lines;
    }
}
