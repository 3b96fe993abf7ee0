using System.Text.Json.Nodes;
using Torchbook.Kernel.Execution;
using Torchbook.Kernel.Language;
using Torchbook.Notebooks.Execution;

namespace Torchbook.Kernel.Tests.Support;

/// <summary>
/// A test double for the engine: runs a tiny line language so protocol tests can drive every kind
/// of output without C#. Lines: "out TEXT", "err TEXT", "display ID TEXT", "update ID TEXT",
/// "result TEXT", "throw TEXT", "sleep MS", "spin" (until cancelled), "read" (Console.ReadLine, echoed to out).
/// Inspection asks an (empty) notebook session, made on first use, so C# symbols can be inspected.
/// </summary>
public sealed class ScriptedCellExecutor : ICellExecutor
{
    private readonly Lazy<NotebookSession> _language = new(() => new NotebookSession(new NotebookSessionOptions { WorkingDirectory = Path.GetTempPath() }));
    public List<string> Executed { get; } = [];

    /// <summary>Completes the commands of the line language.</summary>
    public CompletionResult Complete(string code, int cursor)
    {
        var start = code.LastIndexOf('\n', Math.Max(0, cursor - 1)) + 1;
        var prefix = code[start..cursor];
        var items = new[] { "out", "err", "display", "update", "result", "throw", "sleep", "spin", "read" }
            .Where(c => c.StartsWith(prefix, StringComparison.Ordinal))
            .Select(c => new CompletionItem(c, "Keyword", c)).ToList();
        return new CompletionResult(start, cursor, items);
    }

    public Inspection? Inspect(string code, int cursor) =>
        _language.Value.GetHoverAsync(code, cursor).GetAwaiter().GetResult() is { } hover ? new Inspection(hover.Signature, hover.Documentation) : null;

    public CellOutcome Execute(string code, int executionCount, ICellOutputs outputs, CancellationToken cancellation)
    {
        Executed.Add(code);
        JsonObject? result = null;
        foreach (var line in code.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', 2);
            var rest = parts.Length > 1 ? parts[1] : "";
            switch (parts[0])
            {
                case "out": outputs.Stream("stdout", rest + "\n"); break;
                case "err": outputs.Stream("stderr", rest + "\n"); break;
                case "display" or "update":
                    var idAndText = rest.Split(' ', 2);
                    outputs.Display(new JsonObject { ["text/plain"] = idAndText[1] }, new JsonObject(), idAndText[0], parts[0] == "update");
                    break;
                case "result": result = new JsonObject { ["text/plain"] = rest }; break;
                case "throw": return CellOutcome.Failed("InvalidOperationException", rest, [$"InvalidOperationException: {rest}"]);
                case "sleep": Thread.Sleep(int.Parse(rest)); break;
                case "spin":
                    while (!cancellation.IsCancellationRequested) Thread.Sleep(5);
                    return CellOutcome.Failed("OperationCanceledException", "The cell was interrupted.", ["interrupted"]);
                case "read":
                    try
                    {
                        outputs.Stream("stdout", "read: " + Console.In.ReadLine() + "\n");
                    }
                    catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
                    {
                        return CellOutcome.Failed(e.GetType().Name, e.Message, [e.Message]);
                    }
                    break;
                default: return CellOutcome.Failed("SyntaxError", $"unknown command '{parts[0]}'", []);
            }
        }
        return CellOutcome.Ok(result);
    }
}
