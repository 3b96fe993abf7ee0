using System.ComponentModel;

namespace Torchbook.Notebooks.Execution;

/// <summary>
/// The check that <see cref="CooperativeCancellationRewriter"/> inserts at the top of every loop body,
/// method and lambda of a cell. Roslyn scripts cannot be aborted, so a cell stops by throwing
/// <see cref="OperationCanceledException"/> from here once its token is cancelled. Cheap when nothing
/// is cancelled: one static read.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CellInterrupt
{
    private static int s_pending;

    /// <summary>Called by rewritten cell code; throws when this cell was interrupted.</summary>
    public static void Check()
    {
        if (Volatile.Read(ref s_pending) != 0) CheckCurrentCell();
    }

    private static void CheckCurrentCell()
    {
        if (CellContext.Current is { } cell && cell.Cancellation.IsCancellationRequested)
        {
            throw new OperationCanceledException("The cell was interrupted.", cell.Cancellation);
        }
    }

    /// <summary>Counts a cancellation requested in some session (until <see cref="Release"/>).</summary>
    internal static void Raise() => Interlocked.Increment(ref s_pending);

    internal static void Release() => Interlocked.Decrement(ref s_pending);
}
