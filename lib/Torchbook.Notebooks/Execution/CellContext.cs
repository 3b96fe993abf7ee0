namespace Torchbook.Notebooks.Execution;

/// <summary>
/// The cell running on this logical thread: where its console writes and displays go and the token
/// that stops it. Flows with the ExecutionContext (into tasks and threads the cell starts), so
/// several sessions can run in one process without mixing their outputs.
/// </summary>
internal sealed class CellContext(NotebookSession session, IOutputSink sink, CancellationToken cancellation)
{
    private static readonly AsyncLocal<CellContext?> CurrentCell = new();

    public static CellContext? Current
    {
        get => CurrentCell.Value;
        set => CurrentCell.Value = value;
    }

    public NotebookSession Session { get; } = session;

    public IOutputSink Sink { get; } = sink;

    public CancellationToken Cancellation { get; } = cancellation;
}
