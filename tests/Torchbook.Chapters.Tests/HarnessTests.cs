using Torchbook.Notebooks.Model;

namespace Torchbook.Chapters.Tests;

/// <summary>The chapter harness itself, on two small notebooks: one that works and one that fails.</summary>
public sealed class HarnessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("torchbook-harness-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Save(string name, params NotebookCell[] cells)
    {
        var notebook = new Notebook { Metadata = PolyglotMetadata.CSharpNotebookMetadata() };
        notebook.Cells.AddRange(cells);
        var path = Path.Combine(_dir, name);
        NotebookJson.Save(notebook, path);
        return path;
    }

    private static NotebookCell Code(string id, string source, params string[] tags)
    {
        var cell = new NotebookCell(CellType.Code, source) { Id = id };
        PolyglotMetadata.MarkCSharpCell(cell);
        foreach (var tag in tags) cell.AddTag(tag);
        return cell;
    }

    [Fact]
    public void A_working_notebook_gives_its_cells_text_and_pictures()
    {
        var path = Save("good.ipynb",
            new NotebookCell(CellType.Markdown, "# Good") { Id = "intro" },
            Code("print", "Console.WriteLine($\"loss {0.25:0.000}\");"),
            Code("picture", "HTML(\"<div><svg xmlns=\\\"http://www.w3.org/2000/svg\\\" width=\\\"4\\\" height=\\\"4\\\"><rect width=\\\"4\\\" height=\\\"4\\\"/></svg></div>\")", "chart"));

        var run = ChapterRun.Execute(path, quick: false);
        var notebook = run.Notebook;

        ChapterAssert.NoErrors(notebook);
        Assert.Equal(0.25, ChapterAssert.Number(notebook.Cell("print"), @"loss (\d\.\d+)"));
        var svg = ChapterAssert.Svg(notebook.Cell("chart"));
        Assert.Equal("rect", Assert.Single(svg.Elements()).Name.LocalName);
        var noPicture = Assert.Throws<Xunit.Sdk.XunitException>(() => ChapterAssert.Image(notebook.Cell("print")));
        Assert.Contains("showed no picture", noPicture.Message);
        Assert.Contains("stdout \"loss 0.250", noPicture.Message);
        var missing = Assert.Throws<Xunit.Sdk.XunitException>(() => notebook.Cell("nope"));
        Assert.Contains("no cell has the id or tag 'nope'", missing.Message);
        Assert.Contains("tags: chart", missing.Message);
    }

    [Fact]
    public void A_failing_notebook_is_reported_with_the_error_its_cell_and_the_runner_output()
    {
        var path = Save("bad.ipynb",
            Code("ok", "int x = 1;"),
            Code("boom", "// fails on a value read from a variable\nif (x == 1) throw new InvalidOperationException($\"x is {x}\");"),
            Code("after", "Console.WriteLine(\"not reached\");"));

        var run = ChapterRun.Execute(path, quick: false);
        var failure = Assert.Throws<Xunit.Sdk.XunitException>(() => ChapterAssert.NoErrors(run.Notebook));

        Assert.Contains("bad.ipynb, cell 1 (id 'boom'): InvalidOperationException: x is 1", failure.Message);
        Assert.Contains("    | // fails on a value read from a variable", failure.Message);
        Assert.Contains("torchbook run exited with 1", failure.Message);
        Assert.Contains("--- runner output ---", failure.Message);
        Directory.Delete(run.OutputDirectory, recursive: true);
    }

    [Fact]
    public void Exceptions_from_dotnet_itself_carry_their_readable_messages()
    {
        // The runner once set UseSystemResourceKeys, which turns every BCL message into its
        // resource key ("Arg_DivideByZero"): learners read these messages.
        var path = Save("bcl.ipynb",
            Code("divide", "int zero = 0;\nConsole.WriteLine(1 / zero);"));

        var run = ChapterRun.Execute(path, quick: false);
        var failure = Assert.Throws<Xunit.Sdk.XunitException>(() => ChapterAssert.NoErrors(run.Notebook));

        Assert.Contains("DivideByZeroException: Attempted to divide by zero.", failure.Message);
        Assert.DoesNotContain("Arg_DivideByZero", failure.Message);
        Directory.Delete(run.OutputDirectory, recursive: true);
    }

    [Fact]
    public void A_notebook_that_cannot_run_says_why_instead_of_a_missing_file()
    {
        var path = Path.Combine(_dir, "broken.ipynb");
        File.WriteAllText(path, "{ not json");

        var run = ChapterRun.Execute(path, quick: false);
        var failure = Assert.Throws<Xunit.Sdk.XunitException>(() => run.Notebook);

        Assert.Contains("broken.ipynb: no executed notebook to check", failure.Message);
        Assert.Contains("is not valid JSON", failure.Message);
        Directory.Delete(run.OutputDirectory, recursive: true);
    }
}
