using System.Text.Json.Nodes;
using Torchbook.Notebooks.Execution;
using Torchbook.Notebooks.Model;
using Torchbook.Notebooks.Running;

namespace Torchbook.Cli;

/// <summary>
/// The hidden `torchbook run-one SOURCE OUTPUT`: runs one notebook in this process for a parent
/// `torchbook run`, reporting cells on stdout (<see cref="ChildProtocol"/>) and obeying stop
/// commands on stdin and Ctrl+C.
/// </summary>
internal static class RunOneCommand
{
    public const int ExitSucceeded = 0;
    public const int ExitFailed = 1;
    public const int ExitBadInput = 2;
    public const int ExitTimedOut = 3;
    public const int ExitInterrupted = 4;

    public static async Task<int> RunAsync(string source, string output, NotebookRunOptions options)
    {
        var protocol = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        // Anything else written to the console goes to stderr, keeping stdout for events.
        var stderr = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
        NotebookSession.SetConsoleFallback(stderr, stderr);

        var executor = new NotebookExecutor();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            executor.RequestStop("KeyboardInterrupt", "stopped by Ctrl+C.");
        };
        // stdin carries the parent's commands; cells that read the console see an empty input.
        var commands = new StreamReader(Console.OpenStandardInput());
        Console.SetIn(TextReader.Null);
        _ = Task.Run(() => ReadCommands(commands, executor));

        try
        {
            var result = await executor.RunAsync(source, output, options, new Observer(protocol));
            protocol.WriteLine(ChildProtocol.Event("done",
                ("status", result.Status.ToString()), ("cellsRun", result.CellsRun), ("codeCells", result.CodeCells), ("message", result.Message)));
            return result.Status switch
            {
                NotebookRunStatus.Succeeded => ExitSucceeded,
                NotebookRunStatus.TimedOut => ExitTimedOut,
                NotebookRunStatus.Interrupted => ExitInterrupted,
                _ => ExitFailed,
            };
        }
        catch (Exception e) when (e is NotebookFormatException or ParameterException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            var message = e is ParameterException ? $"{source}: {e.Message}" : e.Message;
            protocol.WriteLine(ChildProtocol.Event("error", ("message", message)));
            stderr.WriteLine($"error: {message}");
            return ExitBadInput;
        }
    }

    private static void ReadCommands(TextReader commands, NotebookExecutor executor)
    {
        try
        {
            string? line;
            while ((line = commands.ReadLine()) is not null)
            {
                var parts = line.Split(' ', 3);
                if (parts.Length >= 2 && parts[0] == ChildProtocol.StopCommand)
                {
                    executor.RequestStop(parts[1], parts.Length > 2 ? parts[2] : "stopped.");
                }
            }
        }
        catch (IOException)
        {
            // the parent went away; Ctrl+C and the run's own end still apply
        }
    }

    private sealed class Observer(StreamWriter protocol) : INotebookRunObserver
    {
        public void CellStarted(int index, int number, int codeCells) =>
            protocol.WriteLine(ChildProtocol.Event("cell-start", ("index", index), ("number", number), ("codeCells", codeCells)));

        public void CellFinished(int index, CellResult result) =>
            protocol.WriteLine(ChildProtocol.Event("cell-end", ("index", index), ("status", result.Status.ToString()),
                ("seconds", Math.Round(result.Elapsed.TotalSeconds, 3)), ("error", result.Error is { } e ? (JsonNode)$"{e.EName}: {e.EValue}" : null)));
    }
}
