using Torchbook.Notebooks.Model;

namespace Torchbook.Notebooks.Tests;

/// <summary>Builds small notebooks for tests.</summary>
internal static class TestNotebooks
{
    public static Notebook Create(params NotebookCell[] cells)
    {
        var notebook = new Notebook { Metadata = PolyglotMetadata.CSharpNotebookMetadata() };
        notebook.Cells.AddRange(cells);
        return notebook;
    }

    public static NotebookCell Code(string source, params string[] tags)
    {
        var cell = new NotebookCell(CellType.Code, source);
        PolyglotMetadata.MarkCSharpCell(cell);
        foreach (var tag in tags) cell.AddTag(tag);
        return cell;
    }

    public static NotebookCell Markdown(string source) => new(CellType.Markdown, source);

    public static string Save(this Notebook notebook, string directory, string name)
    {
        var path = Path.Combine(directory, name);
        NotebookJson.Save(notebook, path);
        return path;
    }
}
