using System.Diagnostics;
using Torchbook.Notebooks.Model;
using Xunit;
using static Torchbook.Notebooks.Tests.TestNotebooks;

namespace Torchbook.Notebooks.Tests;

/// <summary>The real `torchbook run`: child processes, exit codes, the executed copies.</summary>
public sealed class RunnerProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("torchbook-runner-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int ExitCode, string Stdout, string Stderr) Torchbook(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepositoryPaths.TorchbookDll);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["CI"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("torchbook run did not finish in 120 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void A_library_referenced_with_r_shares_one_TorchSharp_with_PyBridge()
    {
        // TorchSharp.PyBridge 1.4.4 was built against TorchSharp 0.103. In a plain .NET Interactive
        // kernel its save_py then fails with "Method not found" (a second binding of TorchSharp);
        // the runner's process has loaded neither before the cell, as in a learner's session.
        var lib = Path.Combine(RepositoryPaths.Root, "lib", "Torchbook", "bin", "Torchbook.dll");
        Create(
            Code($"#r \"{lib}\"\nusing TorchSharp;\nusing TorchSharp.PyBridge;"),
            Code("var m = torch.nn.Linear(2, 3); m.save_py(\"m.pth\");\nvar n = torch.nn.Linear(2, 3); n.load_py(\"m.pth\");\n" +
                 "m.weight!.allclose(n.weight!) + \" \" + AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name == \"TorchSharp\")"))
            .Save(_dir, "pybridge.ipynb");

        var (exit, stdout, stderr) = Torchbook(_dir, "run", "pybridge.ipynb", "--output", "out");

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        var ran = NotebookJson.Load(Path.Combine(_dir, "out", "pybridge.ipynb"));
        Assert.Equal("True 1", Assert.IsType<ExecuteResultOutput>(Assert.Single(ran.Cells[1].Outputs)).Data.PlainText);
    }

    [Fact]
    public void Run_records_errors_continues_with_the_next_notebook_and_exits_non_zero()
    {
        var good = Create(Markdown("# Good"), Code("int n = 1;", "parameters"), Code("Console.WriteLine($\"n={n}\");\nn + 1")).Save(_dir, "01-good.ipynb");
        var throws = Create(Code("Console.WriteLine(\"first\");"), Code("throw new InvalidOperationException(\"boom\");"), Code("Console.WriteLine(\"not reached\");")).Save(_dir, "02-throws.ipynb");
        var typo = Create(Code("int m = 0;", "parameters"), Code("m")).Save(_dir, "03-typo.ipynb");
        var sources = new[] { good, throws, typo }.ToDictionary(p => p, File.ReadAllText);
        File.WriteAllText(Path.Combine(_dir, "04-broken.ipynb"), "{ this is not json");
        Create(Code("2 + 2")).Save(_dir, "05-plain.ipynb");

        var (exit, stdout, stderr) = Torchbook(_dir, "run", _dir, "--output", "out", "-p", "n=41", "--timeout", "60");

        Assert.True(exit == 1, $"exit {exit}\n{stdout}\n{stderr}");
        foreach (var (path, text) in sources) Assert.Equal(text, File.ReadAllText(path));
        Assert.Contains("2 of 5 notebooks succeeded", stdout);

        var ran = NotebookJson.Load(Path.Combine(_dir, "out", "01-good.ipynb"));
        Assert.Equal("n=41\n", Assert.IsType<StreamOutput>(ran.Cells[3].Outputs[0]).Text);
        Assert.Equal("42", Assert.IsType<ExecuteResultOutput>(ran.Cells[3].Outputs[1]).Data.PlainText);

        var thrown = NotebookJson.Load(Path.Combine(_dir, "out", "02-throws.ipynb"));
        Assert.Equal("InvalidOperationException", Assert.IsType<ErrorOutput>(Assert.Single(thrown.Cells[1].Outputs)).EName);
        Assert.Empty(thrown.Cells[2].Outputs);
        Assert.Contains("02-throws.ipynb: cell 2: InvalidOperationException: boom", stdout);

        Assert.Contains("05-plain.ipynb: no code cell is tagged 'parameters', so n cannot be set", stdout);
        Assert.Contains("03-typo.ipynb: /", stdout);
        Assert.Contains("'n' is not declared in the parameters cell; it declares: m", stdout);

        Assert.Contains("04-broken.ipynb", stdout);
        Assert.Contains("is not valid JSON", stdout);
        Assert.False(File.Exists(Path.Combine(_dir, "out", "04-broken.ipynb")));
    }

    [Fact]
    public void Timed_out_cell_is_stopped_and_recorded()
    {
        var loops = Create(Code("while (true) { }"), Code("1")).Save(_dir, "loops.ipynb");

        var (exit, stdout, stderr) = Torchbook(_dir, "run", loops, "--output", "out", "--timeout", "3");

        Assert.True(exit == 1, $"exit {exit}\n{stdout}\n{stderr}");
        var executed = NotebookJson.Load(Path.Combine(_dir, "out", "loops.ipynb"));
        var error = Assert.IsType<ErrorOutput>(executed.Cells[0].Outputs.Last());
        Assert.Equal("CellTimeout", error.EName);
        Assert.Contains("did not finish within 3 s", error.EValue);
        Assert.Empty(executed.Cells[1].Outputs);
        Assert.Contains("timed out", stdout);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // `torchbook run ... &` from a script inherits SIGINT as ignored; it must still stop
    public void Ctrl_c_stops_the_running_cell_and_writes_what_ran(bool startedInBackground)
    {
        var loops = Create(Code("Console.WriteLine(\"first\");"), Code("while (true) { }"), Code("1")).Save(_dir, "ctrlc.ipynb");
        var output = Path.Combine(_dir, "out", "ctrlc.ipynb");
        string[] command = ["dotnet", RepositoryPaths.TorchbookDll, "run", loops, "--output", "out"];
        // sh without job control starts `cmd &` with SIGINT ignored and prints its pid first.
        if (startedInBackground) command = ["sh", "-c", "\"$@\" & echo $!; wait $!", "sh", .. command];
        var start = new ProcessStartInfo(command[0]) { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in command[1..]) start.ArgumentList.Add(a);
        start.Environment["CI"] = "true";
        using var process = Process.Start(start)!;
        var runner = startedInBackground ? int.Parse(process.StandardOutput.ReadLine()!) : process.Id;
        var stdout = process.StandardOutput.ReadToEndAsync();
        // Wait until the first cell was saved (the loop is running), then send SIGINT as a terminal would.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !(File.Exists(output) && File.ReadAllText(output).Contains("first\\n", StringComparison.Ordinal))) Thread.Sleep(100);
        Thread.Sleep(300);
        Process.Start("kill", ["-INT", runner.ToString()])!.WaitForExit();
        var stopped = process.WaitForExit(60_000);
        if (!stopped) Process.Start("kill", ["-KILL", runner.ToString()])!.WaitForExit();
        Assert.True(stopped, "torchbook run did not stop after SIGINT");

        Assert.Equal(130, process.ExitCode);
        var executed = NotebookJson.Load(output);
        Assert.Equal("KeyboardInterrupt", Assert.IsType<ErrorOutput>(executed.Cells[1].Outputs.Last()).EName);
        Assert.Empty(executed.Cells[2].Outputs);
        Assert.Contains("interrupted", stdout.Result);
    }

    [Fact]
    public void Bad_arguments_are_explained()
    {
        var (exit, _, stderr) = Torchbook(_dir, "run", Path.Combine(_dir, "nope.ipynb"));
        Assert.Equal(2, exit);
        Assert.Contains("nope.ipynb does not exist", stderr);

        var notebook = Create(Code("1")).Save(_dir, "same.ipynb");
        (exit, _, stderr) = Torchbook(_dir, "run", notebook, "--output", _dir);
        Assert.Equal(2, exit);
        Assert.Contains("would overwrite the sources", stderr);
    }
}
