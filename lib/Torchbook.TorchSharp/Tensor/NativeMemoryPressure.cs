namespace TorchSharp;

/// <summary>
/// Tells the GC about native memory held by tensors that are still alive, so that finalizers run
/// when undisposed tensors pile up. Only the net amount is reported, in steps of
/// <see cref="Step"/>: calling GC.AddMemoryPressure/RemoveMemoryPressure for every tensor makes the
/// runtime induce a full collection every few large tensors, even when each one is disposed at
/// once (measured: 127 gen-2 collections per 1,000 4-MB tensors). With net reporting, code that
/// disposes its tensors never involves the GC, and code that leaks them still drives collection.
/// </summary>
internal static class NativeMemoryPressure
{
    /// <summary>Reports change by this much at a time.</summary>
    internal const long Step = 64L * 1024 * 1024;

    private static long _live;     // bytes held by tensors not yet disposed or finalized
    private static long _reported; // bytes currently reported to the GC
    private static readonly object Gate = new();

    public static long LiveBytes => Interlocked.Read(ref _live);

    public static void Add(long bytes)
    {
        var live = Interlocked.Add(ref _live, bytes);
        if (live - Interlocked.Read(ref _reported) >= Step) Rebalance();
    }

    public static void Remove(long bytes)
    {
        var live = Interlocked.Add(ref _live, -bytes);
        if (Interlocked.Read(ref _reported) - live >= Step) Rebalance();
    }

    private static void Rebalance()
    {
        lock (Gate)
        {
            var live = Interlocked.Read(ref _live);
            var target = live / Step * Step;
            var delta = target - _reported;
            if (delta > 0) GC.AddMemoryPressure(delta);
            else if (delta < 0) GC.RemoveMemoryPressure(-delta);
            Interlocked.Exchange(ref _reported, target);
        }
    }
}
