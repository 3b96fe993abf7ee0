using System.Text;
using Torchbook.Notebooks.Model;

namespace Torchbook.Chapters.Tests;

/// <summary>An executed chapter: its cells with their outputs, found by cell id or tag.</summary>
public sealed class ExecutedNotebook(Notebook notebook, ChapterRun run)
{
    public Notebook Notebook { get; } = notebook;

    /// <summary>The run that produced it (exit code, console output, time).</summary>
    public ChapterRun Run { get; } = run;

    public IReadOnlyList<ExecutedCell> Cells => Notebook.Cells.Select((c, i) => new ExecutedCell(c, i)).ToList();

    public IEnumerable<ExecutedCell> CodeCells => Cells.Where(c => c.Cell.CellType == CellType.Code);

    /// <summary>The cell whose <c>id</c> is <paramref name="idOrTag"/>, else the one cell tagged with it.</summary>
    /// <exception cref="Xunit.Sdk.XunitException">No cell has that id or tag, or several carry the tag.</exception>
    public ExecutedCell Cell(string idOrTag)
    {
        var byId = Cells.FirstOrDefault(c => c.Id == idOrTag);
        if (byId is not null) return byId;
        var tagged = Cells.Where(c => c.Cell.HasTag(idOrTag)).ToList();
        return tagged.Count switch
        {
            1 => tagged[0],
            0 => throw new Xunit.Sdk.XunitException(
                $"{Run.Name}: no cell has the id or tag '{idOrTag}'. Ids: {string.Join(", ", Cells.Select(c => c.Id))}; " +
                $"tags: {string.Join(", ", Cells.SelectMany(c => c.Cell.Tags).Distinct())}."),
            _ => throw new Xunit.Sdk.XunitException(
                $"{Run.Name}: {tagged.Count} cells are tagged '{idOrTag}' (cells {string.Join(", ", tagged.Select(c => c.Label))}); use a cell id."),
        };
    }

    /// <summary>Every cell tagged <paramref name="tag"/>, in order.</summary>
    public IReadOnlyList<ExecutedCell> CellsTagged(string tag) => Cells.Where(c => c.Cell.HasTag(tag)).ToList();

    /// <summary>All the text the notebook printed or showed (streams and text/plain), cell after cell.</summary>
    public string Text => string.Join("\n", CodeCells.Select(c => c.Text));
}

/// <summary>One cell of an executed notebook and its outputs.</summary>
public sealed class ExecutedCell(NotebookCell cell, int index)
{
    public NotebookCell Cell { get; } = cell;

    /// <summary>0-based position in the notebook.</summary>
    public int Index { get; } = index;

    public string? Id => Cell.Id;

    public string Source => Cell.Source;

    public IReadOnlyList<NotebookOutput> Outputs => Cell.Outputs;

    public IEnumerable<ErrorOutput> Errors => Outputs.OfType<ErrorOutput>();

    /// <summary>The MIME bundles of the cell's displays and result, in order.</summary>
    public IEnumerable<MimeBundle> Bundles => Outputs.Select(o => o switch
    {
        DisplayDataOutput d => d.Data,
        ExecuteResultOutput r => r.Data,
        _ => null,
    }).OfType<MimeBundle>();

    /// <summary>What the cell printed (stdout and stderr) and the text/plain of what it showed, in order.</summary>
    public string Text
    {
        get
        {
            var sb = new StringBuilder();
            foreach (var output in Outputs)
            {
                switch (output)
                {
                    case StreamOutput s: sb.Append(s.Text); break;
                    case DisplayDataOutput d: sb.AppendLine(d.Data.PlainText); break;
                    case ExecuteResultOutput r: sb.AppendLine(r.Data.PlainText); break;
                    case ErrorOutput e: sb.AppendLine($"{e.EName}: {e.EValue}"); break;
                }
            }
            return sb.ToString();
        }
    }

    /// <summary>"cell 12 (id 'c12')", for messages.</summary>
    public string Label => Id is null ? $"cell {Index}" : $"cell {Index} (id '{Id}')";

    public override string ToString() => Label;
}
