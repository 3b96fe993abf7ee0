using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Torchbook.Notebooks.Model;

namespace Torchbook.Chapters.Tests;

/// <summary>Assertions on executed chapters, with failure messages that say which cell, what it ran and what it printed.</summary>
public static class ChapterAssert
{
    private const int SourceLinesShown = 30;

    /// <summary>
    /// The runner succeeded, every code cell ran, and no cell has an <c>error</c> output. On failure the
    /// message lists each error with its cell, ename, evalue, traceback and the cell's source, then the
    /// runner's own output.
    /// </summary>
    public static void NoErrors(ExecutedNotebook notebook)
    {
        var problems = new StringBuilder();
        var errorCells = notebook.CodeCells.Where(c => c.Errors.Any()).ToList();
        foreach (var cell in errorCells)
        {
            foreach (var error in cell.Errors)
            {
                problems.AppendLine($"{notebook.Run.Name}, {cell.Label}: {error.EName}: {error.EValue}");
                foreach (var line in error.Traceback) problems.AppendLine("    " + line);
            }
            problems.AppendLine("  the cell's source:");
            problems.AppendLine(Indent(cell.Source));
        }
        var notRun = notebook.CodeCells.Where(c => c.Cell.ExecutionCount is null).ToList();
        if (notRun.Count > 0 && errorCells.Count == 0)
            problems.AppendLine($"{notebook.Run.Name}: {notRun.Count} code cell(s) did not run, first {notRun[0].Label}:\n{Indent(notRun[0].Source)}");
        if (problems.Length == 0 && notebook.Run.ExitCode != 0)
            problems.AppendLine($"{notebook.Run.Name}: no error output, yet the runner reported a failure.");
        if (problems.Length > 0)
            throw new Xunit.Sdk.XunitException(problems + "\n" + notebook.Run.Summary());
    }

    /// <summary>The first picture (SVG or PNG) the cell showed.</summary>
    public static ImageOutput Image(ExecutedCell cell) =>
        Images(cell).FirstOrDefault()
        ?? throw new Xunit.Sdk.XunitException($"{cell.Label} showed no picture (no SVG, no PNG). Its outputs: {Describe(cell)}\nIts source:\n{Indent(cell.Source)}");

    /// <summary>Every picture the cell showed.</summary>
    public static IReadOnlyList<ImageOutput> Images(ExecutedCell cell) => cell.Bundles.SelectMany(ImageOutput.FromBundle).ToList();

    /// <summary>The first SVG the cell showed, parsed.</summary>
    public static XElement Svg(ExecutedCell cell) =>
        (Images(cell).FirstOrDefault(i => i.SvgText is not null)
         ?? throw new Xunit.Sdk.XunitException($"{cell.Label} showed no SVG. Its outputs: {Describe(cell)}\nIts source:\n{Indent(cell.Source)}")).Svg;

    /// <summary>The first match of <paramref name="pattern"/> in the cell's text (streams and text/plain).</summary>
    public static Match Matches(ExecutedCell cell, string pattern, RegexOptions options = RegexOptions.None)
    {
        var text = cell.Text;
        var match = Regex.Match(text, pattern, options);
        if (!match.Success)
            throw new Xunit.Sdk.XunitException($"{cell.Label}: no text matches /{pattern}/. The cell's text:\n{Indent(text)}\nIts source:\n{Indent(cell.Source)}");
        return match;
    }

    /// <summary>The first match of <paramref name="pattern"/> anywhere in the notebook's text.</summary>
    public static Match Matches(ExecutedNotebook notebook, string pattern, RegexOptions options = RegexOptions.None)
    {
        var text = notebook.Text;
        var match = Regex.Match(text, pattern, options);
        if (!match.Success)
            throw new Xunit.Sdk.XunitException($"{notebook.Run.Name}: no cell's text matches /{pattern}/.\n{notebook.Run.Summary()}");
        return match;
    }

    /// <summary>
    /// The quick value of a parameter the parameters cell declares as <c>name = quick ? QUICK : FULL;</c>
    /// (a whole number, '_' separators allowed); fails when the cell does not declare it that way.
    /// </summary>
    public static int QuickValue(ExecutedNotebook notebook, string name)
    {
        var source = notebook.Cell("parameters").Source;
        var match = Regex.Match(source, $@"\b{Regex.Escape(name)}\s*=\s*quick\s*\?\s*([\d_]+)\s*:");
        Assert.True(match.Success, $"the parameters cell of {notebook.Run.Name} does not declare '{name} = quick ? ... : ...;':\n{source}");
        return int.Parse(match.Groups[1].Value.Replace("_", ""), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A number captured by <paramref name="pattern"/>'s first group (invariant culture).</summary>
    public static double Number(ExecutedCell cell, string pattern) =>
        double.Parse(Matches(cell, pattern).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(ExecutedCell cell) =>
        cell.Outputs.Count == 0
            ? "none"
            : string.Join("; ", cell.Outputs.Select(o => o switch
            {
                StreamOutput s => $"{s.Name} \"{Shorten(s.Text)}\"",
                DisplayDataOutput d => $"display_data [{string.Join(", ", d.Data.Keys)}]",
                ExecuteResultOutput r => $"execute_result [{string.Join(", ", r.Data.Keys)}]",
                ErrorOutput e => $"error {e.EName}: {e.EValue}",
                _ => o.OutputType,
            }));

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    private static string Indent(string text)
    {
        var lines = text.Split('\n');
        var shown = lines.Take(SourceLinesShown).Select(l => "    | " + l);
        var more = lines.Length > SourceLinesShown ? $"\n    | ... ({lines.Length - SourceLinesShown} more lines)" : "";
        return string.Join("\n", shown) + more;
    }
}
