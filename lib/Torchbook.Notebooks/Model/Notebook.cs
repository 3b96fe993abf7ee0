using System.Text.Json.Nodes;

namespace Torchbook.Notebooks.Model;

/// <summary>An nbformat 4 notebook: metadata and cells.</summary>
public sealed class Notebook
{
    public int NbFormat { get; set; } = 4;

    public int NbFormatMinor { get; set; } = 5;

    /// <summary>Notebook metadata (kernelspec, language_info, polyglot_notebook, torchbook, ...).</summary>
    public JsonObject Metadata { get; set; } = new();

    public List<NotebookCell> Cells { get; } = [];

    /// <summary>Top-level properties this reader did not recognise, written back unchanged.</summary>
    public JsonObject Extra { get; init; } = new();

    /// <summary>The text of the first markdown heading, or null.</summary>
    public string? FirstHeading()
    {
        foreach (var cell in Cells.Where(c => c.CellType == CellType.Markdown))
        {
            foreach (var raw in cell.Source.Split('\n'))
            {
                var line = raw.Trim();
                if (line.StartsWith('#'))
                {
                    var title = line.TrimStart('#').Trim();
                    if (title.Length > 0) return title;
                }
            }
        }
        return null;
    }

    /// <summary>A deep copy (through JSON), for writing an executed copy without touching the source.</summary>
    public Notebook Clone() => NotebookJson.Parse(NotebookJson.Serialize(this), "(copy)");
}
