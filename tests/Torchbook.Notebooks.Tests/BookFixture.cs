using Torchbook.Notebooks.Book;
using Torchbook.Notebooks.Model;
using static Torchbook.Notebooks.Tests.TestNotebooks;

namespace Torchbook.Notebooks.Tests;

/// <summary>Three executed-looking notebooks and the book written from them.</summary>
public sealed class BookFixture : IDisposable
{
    public const string Svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"60\"><rect id=\"plot-bar\" width=\"100\" height=\"40\" fill=\"#2da44e\"/></svg>";

    // A 1x1 red PNG.
    public const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

    public BookFixture()
    {
        Input = Directory.CreateTempSubdirectory("torchbook-book-in-").FullName;
        Output = Path.Combine(Directory.CreateTempSubdirectory("torchbook-book-out-").FullName, "book");

        var first = Create(Markdown("# Tensors, first steps\n\nSee [the next chapter](02-plots.ipynb)."), Code("// a comment\nvar x = 42; // answer\nConsole.WriteLine($\"x = {x}\");\nx"));
        first.Cells[1].ExecutionCount = 1;
        first.Cells[1].Outputs.Add(new StreamOutput("stdout", "x = 42\n"));
        first.Cells[1].Outputs.Add(new StreamOutput("stderr", "careful\n"));
        first.Cells[1].Outputs.Add(new ExecuteResultOutput(1, new MimeBundle { ["text/plain"] = "42" }));
        first.Save(Input, "01-tensors.ipynb");

        var second = Create(Markdown("Some intro without a heading first.\n\n## Plots inline"), Code("#r \"nuget: Foo, 1.0\"\ndisplay(chart);"));
        second.Cells[1].ExecutionCount = 2;
        second.Cells[1].Outputs.Add(new DisplayDataOutput(new MimeBundle { ["image/svg+xml"] = Svg, ["text/plain"] = "chart" }));
        second.Cells[1].Outputs.Add(new DisplayDataOutput(new MimeBundle { ["image/png"] = Png }));
        second.Cells[1].Outputs.Add(new DisplayDataOutput(new MimeBundle { ["text/html"] = "<table><tr><td>html cell</td></tr></table>", ["text/plain"] = "t" }));
        second.Save(Input, "02-plots.ipynb");

        var third = Create(Code("throw new Exception(\"bad\");"));
        third.Cells[0].Outputs.Add(new ErrorOutput("Exception", "bad", ["System.Exception: bad", "\u001b[31m   at Submission#0\u001b[0m"]));
        third.Save(Input, "03-untitled.ipynb");

        Chapters = BookWriter.Write(Input, Output);
    }

    public string Input { get; }

    public string Output { get; }

    public IReadOnlyList<BookChapter> Chapters { get; }

    public string Read(string name) => File.ReadAllText(Path.Combine(Output, name));

    public void Dispose()
    {
        Directory.Delete(Input, recursive: true);
        Directory.Delete(Path.GetDirectoryName(Output)!, recursive: true);
    }
}
