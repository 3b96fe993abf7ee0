using System.Runtime.CompilerServices;

namespace TorchSharp;

/// <summary>
/// The most recent tensors that belong to no dispose scope, shared by all threads: the first step
/// of an unscoped tensor's safety net.
/// <para>
/// Tensors have no finalizer of their own: allocating a finalizable object costs about as much as
/// a small tensor operation. A tensor that may never be disposed needs one, but most unscoped
/// tensors (the result of <c>using var z = x + y;</c>) are disposed moments after they were made.
/// So an unscoped tensor first enters this window; when <see cref="Capacity"/> more unscoped
/// tensors have been made, it drops out, and only then, if it is still alive and still unscoped,
/// does it get its finalizer guard (<see cref="torch.Tensor.AttachFinalizerGuard"/>).
/// </para>
/// <para>
/// The window holds its tensors strongly, so a tensor dropped without Dispose is collected (and
/// released) only after it has left the window. Disposing a tensor never touches the window.
/// Threads share it without locks: each slot is swapped atomically, so every tensor that enters is
/// examined exactly once when it drops out (two threads racing for the same position only make one
/// tensor drop out early).
/// </para>
/// </summary>
internal static class RecentTensors
{
    /// <summary>How many unscoped tensors wait in the window (a power of two).</summary>
    internal const int Capacity = 64;

    // Slots are structs so that storing a tensor needs no array covariance check; the field is an
    // object so that the swap is Interlocked's non-generic (intrinsic) overload.
    private struct Slot { public object? Tensor; }

    private static readonly Slot[] Window = new Slot[Capacity];
    private static int _next;

    /// <summary>Puts an unscoped tensor in the window; the tensor it pushes out gets a guard if it still needs one.</summary>
    internal static void Add(torch.Tensor tensor)
    {
        int i = _next++ & (Capacity - 1);
        var old = Unsafe.As<torch.Tensor?>(Interlocked.Exchange(ref Window[i].Tensor, tensor));
        if (old is not null && old.handle != IntPtr.Zero && old.OwningDisposeScope is null) old.AttachFinalizerGuard();
    }
}
