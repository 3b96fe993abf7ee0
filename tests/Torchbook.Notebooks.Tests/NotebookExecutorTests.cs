using System.Text.Json.Nodes;
using Torchbook.Notebooks.Execution;
using Torchbook.Notebooks.Model;
using Torchbook.Notebooks.Running;
using Xunit;
using static Torchbook.Notebooks.Tests.TestNotebooks;

namespace Torchbook.Notebooks.Tests;

public sealed class NotebookExecutorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("torchbook-exec-").FullName;

    public void Dispose()
    {
        Directory.SetCurrentDirectory(Path.GetTempPath());
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Runs_cells_in_quick_mode_applies_p_and_leaves_the_source_alone()
    {
        var source = Create(
                Markdown("# Chapter"),
                Code("bool quick = Environment.GetEnvironmentVariable(\"TORCHBOOK_QUICK\") == \"1\";\nint epochs = quick ? 1 : 5;\nstring name = \"full\";", "parameters"),
                Code("Console.WriteLine($\"{epochs} {name}\");\nvar h = display(\"start\");"),
                Code("h.Update(\"updated from a later cell\");\nepochs * 10"))
            .Save(_dir, "chapter.ipynb");
        var quickBefore = Environment.GetEnvironmentVariable("TORCHBOOK_QUICK");
        var before = File.ReadAllText(source);

        var output = Path.Combine(_dir, "out", "chapter.ipynb");
        var result = await new NotebookExecutor().RunAsync(source, output, new NotebookRunOptions
        {
            Quick = true,
            Parameters = new Dictionary<string, string> { ["name"] = "cli" },
        });

        Assert.Equal(NotebookRunStatus.Succeeded, result.Status);
        Assert.Equal(before, File.ReadAllText(source));
        var executed = NotebookJson.Load(output);
        Assert.True(executed.Cells[2].HasTag("injected-parameters"));
        Assert.Equal("1 cli\n", Assert.IsType<StreamOutput>(executed.Cells[3].Outputs[0]).Text);
        Assert.Equal("updated from a later cell", Assert.IsType<DisplayDataOutput>(executed.Cells[3].Outputs[1]).Data.PlainText);
        var last = Assert.IsType<ExecuteResultOutput>(Assert.Single(executed.Cells[4].Outputs));
        Assert.Equal("10", last.Data.PlainText);
        Assert.Equal(4, last.ExecutionCount);
        Assert.Equal(quickBefore, Environment.GetEnvironmentVariable("TORCHBOOK_QUICK"));   // set for the run only
    }

    [Fact]
    public async Task A_failing_cell_stops_the_notebook_unless_errors_are_allowed()
    {
        var source = Create(Code("throw new ArgumentException(\"bad\");"), Code("1 + 1")).Save(_dir, "fails.ipynb");
        var output = Path.Combine(_dir, "out", "fails.ipynb");

        var stopped = await new NotebookExecutor().RunAsync(source, output, new NotebookRunOptions());
        Assert.Equal(NotebookRunStatus.Failed, stopped.Status);
        Assert.Contains("cell 1: ArgumentException: bad", stopped.Message);
        Assert.Empty(NotebookJson.Load(output).Cells[1].Outputs);

        var allowed = await new NotebookExecutor().RunAsync(source, output, new NotebookRunOptions { AllowErrors = true });
        Assert.Equal(NotebookRunStatus.Succeeded, allowed.Status);
        Assert.Equal("2", NotebookJson.Load(output).Cells[1].Outputs.OfType<ExecuteResultOutput>().Single().Data.PlainText);
    }

    [Fact]
    public async Task Stop_request_interrupts_the_cell_records_why_and_saves_what_ran()
    {
        var source = Create(Code("Console.WriteLine(\"before\");"), Code("while (true) { }"), Code("Console.WriteLine(\"never\");")).Save(_dir, "loop.ipynb");
        var output = Path.Combine(_dir, "out", "loop.ipynb");
        var executor = new NotebookExecutor();
        var observer = new StopWhenCellStarts(executor, index: 1);

        var result = await executor.RunAsync(source, output, new NotebookRunOptions(), observer);

        Assert.Equal(NotebookRunStatus.TimedOut, result.Status);
        var executed = NotebookJson.Load(output);
        Assert.Equal("before\n", Assert.IsType<StreamOutput>(executed.Cells[0].Outputs[0]).Text);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(executed.Cells[1].Outputs));
        Assert.Equal("CellTimeout", error.EName);
        Assert.Equal("cell 2: took too long.", error.EValue);
        Assert.Empty(executed.Cells[2].Outputs);
        Assert.Null(executed.Cells[2].ExecutionCount);
    }

    private sealed class StopWhenCellStarts(NotebookExecutor executor, int index) : INotebookRunObserver
    {
        public void CellStarted(int i, int number, int codeCells)
        {
            if (i == index) _ = Task.Delay(200).ContinueWith(_ => executor.RequestStop("CellTimeout", "took too long."));
        }

        public void CellFinished(int i, CellResult result) { }
    }
}
