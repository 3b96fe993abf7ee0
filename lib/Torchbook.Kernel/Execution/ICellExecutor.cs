using System.Text.Json.Nodes;
using Torchbook.Kernel.Language;
using Torchbook.Notebooks.Execution;

namespace Torchbook.Kernel.Execution;

/// <summary>
/// What the kernel needs from a notebook engine: run a cell in one long-lived session, reporting
/// outputs as they happen. The kernel owns the protocol; the engine owns C#.
/// </summary>
public interface ICellExecutor
{
    /// <summary>
    /// Runs one cell. Called on the kernel's execution thread, one cell at a time. Outputs go to
    /// <paramref name="outputs"/> as they are produced; a cell that throws, does not compile or is
    /// cancelled returns a failed <see cref="CellOutcome"/> (never an exception).
    /// </summary>
    CellOutcome Execute(string code, int executionCount, ICellOutputs outputs, CancellationToken cancellation);

    /// <summary>Completions at a UTF-16 <paramref name="cursor"/> of a cell not yet run, over the session's state.</summary>
    CompletionResult Complete(string code, int cursor);

    /// <summary>The symbol at a UTF-16 <paramref name="cursor"/>: signature and documentation; null when there is none.</summary>
    Inspection? Inspect(string code, int cursor);
}

/// <summary>Where a running cell's outputs go (the kernel turns them into iopub messages).</summary>
public interface ICellOutputs
{
    /// <summary>Text written to stdout ("stdout") or stderr ("stderr").</summary>
    void Stream(string name, string text);

    /// <summary>A display_data output, or, when <paramref name="update"/>, an update of the output with <paramref name="displayId"/>.</summary>
    void Display(JsonObject data, JsonObject metadata, string? displayId, bool update);
}

/// <summary>How a cell ended.</summary>
public sealed record CellOutcome
{
    /// <summary>The trailing expression's mime bundle, for execute_result; null when there is none.</summary>
    public JsonObject? ResultData { get; init; }
    public JsonObject ResultMetadata { get; init; } = new();
    public CellError? Error { get; init; }
    public bool Succeeded => Error is null;

    public static CellOutcome Ok(JsonObject? data = null) => new() { ResultData = data };
    public static CellOutcome Failed(string name, string value, IReadOnlyList<string> traceback) =>
        new() { Error = new CellError(name, value, traceback) };
}

/// <summary>An error as Jupyter reports it: ename, evalue, traceback lines.</summary>
public sealed record CellError(string Name, string Value, IReadOnlyList<string> Traceback);
