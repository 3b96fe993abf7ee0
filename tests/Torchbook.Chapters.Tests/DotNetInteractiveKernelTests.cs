using System.Text;
using System.Text.RegularExpressions;
using Torchbook.Notebooks.Model;

namespace Torchbook.Chapters.Tests;

/// <summary>
/// Every chapter, unmodified, in quick mode, in the real .NET Interactive 1.0.712001 Jupyter kernel
/// (<c>jupyter nbconvert --execute</c>, see <see cref="DotNetInteractiveRun"/>): no error output, and
/// the same key outputs as our runner's run of the same chapter: every code cell prints the same
/// text (durations aside: accuracies, losses, parameter counts, shapes) and shows the same kinds of
/// output (charts, pictures).
/// </summary>
public sealed class DotNetInteractiveKernelTests
{
    public static TheoryData<string> Chapters() => new(RepositoryPaths.ChapterFiles);

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Chapter_runs_in_the_dotnet_interactive_kernel_as_in_the_runner(string chapter)
    {
        var kernel = DotNetInteractiveRun.Execute(Path.Combine(RepositoryPaths.Notebooks, chapter));
        var runner = ChapterRun.Shared(chapter).Notebook.Notebook;

        var problems = new StringBuilder();
        var runnerCells = runner.Cells.Where(c => c.CellType == CellType.Code && c.Id is not null).ToDictionary(c => c.Id!);
        foreach (var cell in kernel.Executed.Cells.Where(c => c.CellType == CellType.Code))
        {
            var label = $"cell '{cell.Id}'";
            foreach (var error in cell.Outputs.OfType<ErrorOutput>())
                problems.AppendLine($"{label}: {error.EName}: {error.EValue}");
            foreach (var line in Stream(cell, "stderr").Split('\n').Where(l => ErrorLine.IsMatch(l)))
                problems.AppendLine($"{label}, stderr: {line}");
            if (cell.Id is null || !runnerCells.TryGetValue(cell.Id, out var ours))
            {
                problems.AppendLine($"{label}: not in the runner's executed copy");
                continue;
            }
            var (theirs, mine) = (Masked(Stream(cell, "stdout")), Masked(Stream(ours, "stdout")));
            if (theirs != mine)
                problems.AppendLine($"{label} printed other text than in the runner:\n--- kernel ---\n{theirs}\n--- runner ---\n{mine}");
            var (kernelKinds, runnerKinds) = (Kinds(cell), Kinds(ours));
            if (kernelKinds != runnerKinds)
                problems.AppendLine($"{label} shows [{kernelKinds}] in the kernel, [{runnerKinds}] in the runner");
        }
        Assert.True(problems.Length == 0,
            $"{chapter} in the .NET Interactive kernel ({kernel.Elapsed.TotalSeconds:0} s):\n{problems}\n--- nbconvert ---\n{Tail(kernel.Console)}");
    }

    [Fact]
    public void A_learners_own_nuget_lines_for_Plotly_NET_Interactive_and_XPlot_keep_the_session_working()
    {
        // As Polyglot users do: the chapter's first cell, then #r "nuget: ..." lines of their own.
        var folder = Directory.CreateTempSubdirectory("torchbook-dni-nuget-").FullName;
        var weights = Path.Combine(folder, "m.pt");
        var notebook = TestNotebook.Write(folder, "own-packages.ipynb",
            $"#r \"{RepositoryPaths.Root}/lib/Torchbook/bin/Torchbook.dll\"\nusing TorchSharp;\nusing TorchSharp.PyBridge;\nusing static TorchSharp.torch;\nusing Torchbook;\nTorchbook.Library.Load()",
            "#r \"nuget: Plotly.NET.Interactive, 6.0.0\"\n#r \"nuget: XPlot.Plotly, 4.1.0\"",
            $"var m = nn.Linear(3, 2);\nm.save_py(\"{weights}\");\nvar copies = AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name == \"TorchSharp\");\n" +
            $"Console.WriteLine($\"TorchSharp copies: {{copies}}, tensors read back: {{Torchbook.ModelFiles.load(\"{weights}\").Count}}\");",
            "XPlot.Plotly.Chart.Line(new[] { 1, 4, 9 })",
            "Torchbook.Plots.Plot.Line(new double[] { 1, 2, 3 }, title: \"ours\")");

        var run = DotNetInteractiveRun.Execute(notebook);

        var cells = run.Executed.Cells;
        var errors = cells.Where(c => c.Outputs.OfType<ErrorOutput>().Any())
            .Select(c => $"cell '{c.Id}': {string.Join("; ", c.Outputs.OfType<ErrorOutput>().Select(e => e.EValue))} {Stream(c, "stderr")}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Contains("TorchSharp copies: 1, tensors read back: 2", Stream(cells[2], "stdout"));
        var xplot = cells[3].Outputs.OfType<ExecuteResultOutput>().Single().Data;   // XPlot shows its chart as HTML with plotly.js
        Assert.Contains("plotly", xplot.GetValueOrDefault("text/html", ""), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("chart", Kinds(cells[4]));
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>A compile error or an error a cell wrote; the kernel's CS1701 and nullable warnings are not.</summary>
    private static readonly Regex ErrorLine = new(@"\berror\b", RegexOptions.IgnoreCase);

    /// <summary>Durations ("12 s", "0.8 ms", "3.1 min") differ from run to run.</summary>
    private static readonly Regex Duration = new(@"\d+(\.\d+)?\s*(ms|µs|s|min)\b");

    private static string Masked(string text) => Duration.Replace(text, "<duration>");

    private static string Stream(NotebookCell cell, string name) =>
        string.Concat(cell.Outputs.OfType<StreamOutput>().Where(s => s.Name == name).Select(s => s.Text));

    /// <summary>The kinds of rich output a cell shows: chart (Plotly JSON), svg, image.</summary>
    private static string Kinds(NotebookCell cell)
    {
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var bundle in cell.Outputs.Select(o => o switch { DisplayDataOutput d => d.Data, ExecuteResultOutput r => r.Data, _ => null }).OfType<MimeBundle>())
        {
            foreach (var (mime, content) in bundle)
            {
                if (mime.Contains("plotly", StringComparison.Ordinal)) kinds.Add("chart");
                if (mime.StartsWith("image/", StringComparison.Ordinal)) kinds.Add("image");
                if (mime == "text/html" && content.Contains("<svg", StringComparison.Ordinal)) kinds.Add("svg");
                if (mime == "text/html" && content.Contains("<img", StringComparison.Ordinal)) kinds.Add("image");
            }
        }
        return string.Join(", ", kinds);
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];
}
