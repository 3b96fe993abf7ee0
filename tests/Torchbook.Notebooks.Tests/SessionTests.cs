using Torchbook.Notebooks.Execution;
using Torchbook.Notebooks.Model;
using Xunit;

namespace Torchbook.Notebooks.Tests;

public sealed class SessionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("torchbook-session-").FullName;
    private readonly NotebookSession _session;

    public SessionTests() => _session = new NotebookSession(new NotebookSessionOptions { WorkingDirectory = _dir });

    public void Dispose()
    {
        _session.Dispose();
        Directory.SetCurrentDirectory(Path.GetTempPath());
        Directory.Delete(_dir, recursive: true);
    }

    private Task<CellResult> Run(string code, IOutputSink? sink = null) => _session.ExecuteAsync(code, sink ?? NullOutputSink.Instance);

    [Fact]
    public async Task Trailing_expression_becomes_execute_result_with_execution_count()
    {
        await Run("var x = 20;");
        var result = await Run("x + 22");
        var output = Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Outputs));
        Assert.Equal(2, output.ExecutionCount);
        Assert.Equal(2, result.ExecutionCount);
        Assert.Equal("42", output.Data["text/plain"]);
    }

    [Fact]
    public async Task Statement_and_void_call_give_no_result()
    {
        Assert.Empty((await Run("var y = 1;")).Outputs);
        var result = await Run("Console.Write(\"\")");
        Assert.DoesNotContain(result.Outputs, o => o is ExecuteResultOutput);
    }

    [Fact]
    public async Task Stdout_and_stderr_are_separate_streams_in_order()
    {
        var sink = new RecordingSink();
        var result = await Run("Console.WriteLine(\"out 1\"); Console.Error.WriteLine(\"err 1\"); Console.Write(\"out 2\"); Console.Write(\"!\");", sink);
        Assert.Collection(result.Outputs,
            o => Assert.Equal(("stdout", "out 1\n"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)),
            o => Assert.Equal(("stderr", "err 1\n"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)),
            o => Assert.Equal(("stdout", "out 2!"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)));
        Assert.Contains("stderr:err 1\n", sink.Events);
    }

    [Fact]
    public async Task Display_returns_a_handle_that_updates_in_place()
    {
        var sink = new RecordingSink();
        var result = await Run("var h = display(\"step 1\"); h.Update(\"step 2\"); \"done\".Display();", sink);
        Assert.Equal(2, result.Outputs.Count(o => o is DisplayDataOutput));
        var first = (DisplayDataOutput)result.Outputs[0];
        Assert.Equal("step 2", first.Data.PlainText);
        Assert.NotNull(first.DisplayId);
        Assert.Contains($"update:{first.DisplayId}:step 2", sink.Events);
        Assert.Equal("done", ((DisplayDataOutput)result.Outputs[1]).Data.PlainText);
    }

    [Fact]
    public async Task Exception_becomes_error_output_and_session_continues()
    {
        await Run("var kept = 7;");
        var result = await Run("int Divide(int a) => 10 / a;\nDivide(0)");
        Assert.Equal(CellStatus.Error, result.Status);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.Equal("DivideByZeroException", error.EName);
        Assert.Contains("System.DivideByZeroException", error.Traceback[0]);
        Assert.Equal("7", (await Run("kept")).Outputs.OfType<ExecuteResultOutput>().Single().Data.PlainText);
    }

    [Fact]
    public async Task Compile_error_names_cell_and_line()
    {
        var result = await _session.ExecuteAsync("var a = 1;\nvar b = 2;\nvar c = missing + 1;", NullOutputSink.Instance, new CellOptions { Label = "cell 4" });
        Assert.Equal(CellStatus.Error, result.Status);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.Equal("CompilationError", error.EName);
        Assert.StartsWith("cell 4, line 3, column 9: error CS0103", error.EValue);
    }

    [Fact]
    public async Task Compile_error_line_is_kept_in_rewritten_loops()
    {
        var result = await Run("for (var i = 0; i < 3; i++)\n    i++;\nwhile (false) { }\nundefinedName();");
        Assert.Contains("line 4,", Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs)).EValue);
    }

    [Fact]
    public async Task Csharp_magic_line_is_accepted_and_unknown_magics_are_refused_by_the_kernel()
    {
        var ok = await Run("#!csharp\n1 + 1");
        Assert.Equal("2", ok.Outputs.OfType<ExecuteResultOutput>().Single().Data.PlainText);
        var refused = await Run("#!nosuchmagic\n1 + 1");
        var error = Assert.IsType<ErrorOutput>(Assert.Single(refused.Outputs));
        Assert.Equal("DirectiveError", error.EName);
        Assert.StartsWith("cell [2], line 1, column 1: error DNI101:", error.EValue);
        Assert.Contains("#!nosuchmagic", error.EValue);
    }

    [Fact]
    public async Task Working_directory_is_the_notebook_folder_and_load_is_relative_to_it()
    {
        File.WriteAllText(Path.Combine(_dir, "helper.csx"), "int Triple(int x) => 3 * x;");
        var result = await Run("#load \"helper.csx\"\nSystem.IO.Directory.GetCurrentDirectory() + \"|\" + Triple(5)");
        Assert.Equal($"{_dir}|15", result.Outputs.OfType<ExecuteResultOutput>().Single().Data.PlainText);
    }

    [Fact]
    public async Task Default_imports_are_those_of_dotnet_interactive()
    {
        var result = await Run("new List<int> { 3, 1, 2 }.OrderBy(x => x).Aggregate(new StringBuilder(), (s, x) => s.Append(x)).ToString()");
        Assert.Equal("123", result.Outputs.OfType<ExecuteResultOutput>().Single().Data.PlainText);
    }

    [Fact]
    public async Task Infinite_loop_is_interrupted_and_the_session_still_works()
    {
        await Run("var before = 5;");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var result = await _session.ExecuteAsync("while (true) { }", NullOutputSink.Instance, cts.Token);
        Assert.Equal(CellStatus.Cancelled, result.Status);
        Assert.Equal("CellInterrupted", result.Error!.EName);
        var after = await Run("before * 2");
        Assert.Equal("10", after.Outputs.OfType<ExecuteResultOutput>().Single().Data.PlainText);
    }

    [Fact]
    public async Task Loops_inside_methods_and_lambdas_are_interrupted_too()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var result = await _session.ExecuteAsync(
            "void Spin() { for (;;) ; }\nAction a = () => { Spin(); };\na();", NullOutputSink.Instance, cts.Token);
        Assert.Equal(CellStatus.Cancelled, result.Status);
    }

    [Fact]
    public async Task Html_helper_of_the_kernel_displays_as_markup()
    {
        var result = await Run("display(HTML(\"<b>bold</b>\"));");
        var display = Assert.IsType<DisplayDataOutput>(Assert.Single(result.Outputs));
        Assert.Equal("<b>bold</b>", display.Data["text/html"]);
    }
}
