using Torchbook.Notebooks.Model;

namespace Torchbook.Notebooks.Execution;

/// <summary>How a cell ended.</summary>
public enum CellStatus
{
    /// <summary>Ran to the end.</summary>
    Ok,

    /// <summary>Did not compile, or threw.</summary>
    Error,

    /// <summary>Stopped by its cancellation token (interrupt, timeout, Ctrl+C).</summary>
    Cancelled,
}

/// <summary>
/// What one <see cref="NotebookSession.ExecuteAsync(string, IOutputSink, CancellationToken)"/> did.
/// <see cref="Outputs"/> is the cell's nbformat outputs in order, with display updates applied in place
/// and consecutive stream writes merged, as Jupyter saves them.
/// </summary>
public sealed record CellResult(
    int ExecutionCount,
    CellStatus Status,
    IReadOnlyList<NotebookOutput> Outputs,
    ErrorOutput? Error,
    object? ReturnValue,
    TimeSpan Elapsed)
{
    public bool Succeeded => Status == CellStatus.Ok;
}

/// <summary>Per-cell options.</summary>
public sealed record CellOptions
{
    /// <summary>Names the cell in compile errors, e.g. "cell 3" (default: "cell [execution count]").</summary>
    public string? Label { get; init; }
}
