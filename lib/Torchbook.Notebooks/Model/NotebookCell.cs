using System.Text.Json.Nodes;

namespace Torchbook.Notebooks.Model;

/// <summary>The kinds of cell nbformat 4 knows.</summary>
public enum CellType { Code, Markdown, Raw }

/// <summary>One cell of a notebook.</summary>
public sealed class NotebookCell
{
    public NotebookCell(CellType cellType, string source)
    {
        CellType = cellType;
        Source = source;
    }

    public CellType CellType { get; set; }

    /// <summary>nbformat 4.5 cell id; null in older 4.x files.</summary>
    public string? Id { get; set; }

    /// <summary>The cell's text, joined into one string.</summary>
    public string Source { get; set; }

    /// <summary>The cell's metadata (tags, polyglot_notebook, dotnet_interactive, anything else).</summary>
    public JsonObject Metadata { get; set; } = new();

    /// <summary>Code cells: the outputs, in order.</summary>
    public List<NotebookOutput> Outputs { get; } = [];

    /// <summary>Code cells: the execution count, null when not run.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>Properties this reader did not recognise (attachments, ...), written back unchanged.</summary>
    public JsonObject Extra { get; init; } = new();

    /// <summary>The cell's <c>metadata.tags</c>.</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags
            ? tags.Select(t => t?.GetValueKind() == System.Text.Json.JsonValueKind.String ? t.GetValue<string>() : null)
                  .OfType<string>().ToList()
            : [];

    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>Adds a tag to <c>metadata.tags</c> unless present.</summary>
    public void AddTag(string tag)
    {
        if (HasTag(tag)) return;
        if (Metadata["tags"] is not JsonArray tags)
        {
            tags = [];
            Metadata["tags"] = tags;
        }
        tags.Add(tag);
    }

    /// <summary>Removes the outputs and execution count (what a committed notebook looks like).</summary>
    public void ClearOutputs()
    {
        Outputs.Clear();
        ExecutionCount = null;
    }
}
