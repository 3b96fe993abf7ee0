using System.Diagnostics;
using Torchbook.Notebooks.Model;

namespace Torchbook.Cli;

/// <summary>The state of one notebook in a `torchbook run`, as the status table shows it.</summary>
internal sealed class NotebookProgress(string source, string output)
{
    public string Source { get; } = source;
    public string Output { get; } = output;
    public string Name => Path.GetFileName(Source);
    public string State { get; set; } = "waiting";
    public int CellNumber { get; set; }
    public int CodeCells { get; set; }
    public int? CurrentCellIndex { get; set; }
    public DateTime? CellStarted { get; set; }
    public TimeSpan Elapsed { get; set; }
    public string? Message { get; set; }
    public bool Failed { get; set; }
}

/// <summary>
/// Runs one notebook in a child `torchbook run-one` process and enforces the per-cell timeout:
/// past it the child is told to stop the cell; past a grace period more it is killed, and the
/// timed-out cell of the saved notebook gets an error output saying so.
/// </summary>
internal sealed class NotebookChild(NotebookProgress progress, RunSettings settings, Action changed)
{
    private Process? _process;
    private bool _stopSent;

    /// <summary>Asks the child to stop its cell (Ctrl+C in the parent).</summary>
    public void Interrupt() => SendStop("KeyboardInterrupt", "stopped by Ctrl+C.");

    public async Task RunAsync(CancellationToken interrupted)
    {
        var clock = Stopwatch.StartNew();
        var start = SelfInvocation.Create(["run-one", progress.Source, progress.Output, .. settings.ChildArguments()]);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["DOTNET_TieredPGO"] = "0";
        progress.State = "running";
        changed();

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start torchbook run-one");
        _process = process;
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr) stderr.AppendLine(e.Data);
            if (settings.Verbose) Console.Error.WriteLine($"[{progress.Name}] {e.Data}");
        };
        process.BeginErrorReadLine();
        var events = ReadEventsAsync(process);
        using var registration = interrupted.Register(Interrupt);

        var killedForTimeout = false;
        DateTime? stopSentAt = null;
        while (!process.HasExited)
        {
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(200));
            progress.Elapsed = clock.Elapsed;
            if (process.HasExited) break;
            var now = DateTime.UtcNow;
            if (!_stopSent && progress.CellStarted is { } started && now - started > settings.CellTimeout)
            {
                SendStop("CellTimeout", $"did not finish within {settings.CellTimeout.TotalSeconds:0.#} s (--timeout) and was stopped.");
                stopSentAt = now;
            }
            if (_stopSent && stopSentAt is null) stopSentAt = now;
            if (stopSentAt is { } sent && now - sent > settings.KillGracePeriod)
            {
                killedForTimeout = progress.CellStarted is not null && !interrupted.IsCancellationRequested;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                break;
            }
            changed();
        }
        await events;
        process.WaitForExit(); // drains the stderr reader
        progress.Elapsed = clock.Elapsed;

        var exit = process.ExitCode;
        if (progress.CurrentCellIndex is { } stuck && progress.State == "running")
        {
            // The child was killed (or died) inside a cell: record that in the saved notebook.
            var why = killedForTimeout
                ? ("CellTimeout", $"did not finish within {settings.CellTimeout.TotalSeconds:0.#} s (--timeout), did not stop when asked, and its process was killed.")
                : interrupted.IsCancellationRequested
                    ? ("KeyboardInterrupt", "stopped by Ctrl+C; its process was killed.")
                    : ("ProcessExited", $"the notebook's process ended during this cell (exit code {exit}); a native crash or Environment.Exit stops a notebook here.{LastLines(stderr)}");
            MarkCell(progress.Output, stuck, why.Item1, why.Item2);
            progress.State = killedForTimeout ? "timed out" : interrupted.IsCancellationRequested ? "interrupted" : "crashed";
            progress.Message ??= $"cell {stuck + 1}: {why.Item2}";
            progress.Failed = true;
        }
        else if (progress.State == "running")
        {
            progress.State = "failed";
            progress.Message ??= $"torchbook run-one exited with code {exit}.{LastLines(stderr)}";
            progress.Failed = true;
        }
        changed();
    }

    private void SendStop(string ename, string message)
    {
        if (_stopSent || _process is not { HasExited: false } process) return;
        _stopSent = true;
        try
        {
            process.StandardInput.WriteLine(ChildProtocol.Stop(ename, message));
            process.StandardInput.Flush();
        }
        catch (IOException)
        {
            // already gone
        }
    }

    private async Task ReadEventsAsync(Process process)
    {
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null)
        {
            if (ChildProtocol.Parse(line) is not { } e) continue;
            switch (e["event"]?.GetValue<string>())
            {
                case "cell-start":
                    progress.CurrentCellIndex = e["index"]!.GetValue<int>();
                    progress.CellNumber = e["number"]!.GetValue<int>();
                    progress.CodeCells = e["codeCells"]!.GetValue<int>();
                    progress.CellStarted = DateTime.UtcNow;
                    break;
                case "cell-end":
                    progress.CurrentCellIndex = null;
                    progress.CellStarted = null;
                    if (e["error"]?.GetValue<string>() is { } error && e["status"]?.GetValue<string>() != "Ok")
                    {
                        progress.Message = $"cell {e["index"]!.GetValue<int>() + 1}: {error}";
                    }
                    break;
                case "done":
                    var status = e["status"]!.GetValue<string>();
                    progress.State = status switch { "Succeeded" => "ok", "TimedOut" => "timed out", "Interrupted" => "interrupted", _ => "failed" };
                    progress.Failed = status != "Succeeded";
                    if (e["message"]?.GetValue<string>() is { } message) progress.Message = message;
                    break;
                case "error":
                    progress.State = "failed";
                    progress.Failed = true;
                    progress.Message = e["message"]?.GetValue<string>();
                    break;
            }
            changed();
        }
    }

    private static void MarkCell(string outputPath, int index, string ename, string message)
    {
        try
        {
            var notebook = NotebookJson.Load(outputPath);
            if (index >= notebook.Cells.Count) return;
            var label = $"cell {index + 1}";
            notebook.Cells[index].Outputs.Add(new ErrorOutput(ename, $"{label}: {message}", [$"{ename}: {label}: {message}"]));
            NotebookJson.Save(notebook, outputPath);
        }
        catch (Exception e) when (e is NotebookFormatException or IOException)
        {
            // nothing saved yet: the summary still says what happened
        }
    }

    private static string LastLines(System.Text.StringBuilder stderr)
    {
        string text;
        lock (stderr) text = stderr.ToString().Trim();
        if (text.Length == 0) return "";
        var lines = text.Split('\n');
        return "\n" + string.Join("\n", lines.TakeLast(5));
    }
}

/// <summary>How to start this program again (as `dotnet torchbook.dll` or the `torchbook` apphost).</summary>
internal static class SelfInvocation
{
    public static ProcessStartInfo Create(IEnumerable<string> arguments)
    {
        var processPath = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(processPath);
        if (Path.GetFileNameWithoutExtension(processPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SelfInvocation).Assembly.Location);
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }
}
