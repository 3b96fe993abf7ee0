using System.Text.Json.Nodes;

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

    /// <summary>Language services (completion, inspection) over the session's state so far.</summary>
    ISessionLanguageContext LanguageContext { get; }
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
