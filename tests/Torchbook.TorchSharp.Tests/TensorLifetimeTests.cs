using System.Runtime.CompilerServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.TorchSharp.Tests;

/// <summary>
/// When native tensors are released: on Dispose, by their scope, or after they have been collected
/// (finalizer guards). A tensor over a .NET array (from_array) pins the array until libtorch
/// releases the memory, so whether the array can be collected shows whether the tensor was freed.
/// </summary>
[Collection("libtorch global state")]
public class TensorLifetimeTests
{
    // Enough collections for a chain of finalizers (scope, then guard, then the array's pin).
    private static void CollectUntil(Func<bool> done)
    {
        for (int round = 0; round < 10 && !done(); round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ArrayOfDisposedTensor()
    {
        var data = new float[1000];
        from_array(data).Dispose();
        return new WeakReference(data);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ArrayOfLeakedTensor()
    {
        var data = new float[1000];
        _ = from_array(data);
        return new WeakReference(data);
    }

    [Fact]
    public void Disposing_a_tensor_over_an_array_unpins_the_array()
    {
        var array = ArrayOfDisposedTensor();
        CollectUntil(() => !array.IsAlive);
        Assert.False(array.IsAlive, "the array is still pinned after its tensor was disposed");
    }

    [Fact]
    public void A_leaked_unscoped_tensor_is_released_after_it_is_collected()
    {
        var array = ArrayOfLeakedTensor();
        // Unscoped tensors made afterwards move it out of the window of recent tensors, which
        // gives it its finalizer guard.
        for (int i = 0; i < 1000; i++) { using var t = ones(1); }
        CollectUntil(() => !array.IsAlive);
        Assert.False(array.IsAlive, "the leaked tensor was never released");
    }

    [Fact]
    public void Recent_unscoped_tensors_that_are_still_referenced_stay_valid()
    {
        var kept = Enumerable.Range(0, 300).Select(i => full(2, i)).ToList(); // more than the window holds
        CollectUntil(() => false);
        for (int i = 0; i < kept.Count; i++) Assert.Equal(2f * i, kept[i].sum().item<float>());
        foreach (var t in kept) t.Dispose();
    }

    [Fact]
    public void A_scope_left_open_by_an_ended_thread_releases_its_tensors_once_collected()
    {
        WeakReference? array = null;
        var thread = new Thread(() =>
        {
            var data = new float[1000];
            array = new WeakReference(data);
            NewDisposeScope(); // never disposed
            _ = from_array(data);
        });
        thread.Start();
        thread.Join();
        CollectUntil(() => !array!.IsAlive);
        Assert.False(array!.IsAlive, "the tensors of the abandoned scope were never released");
    }

    [Fact]
    public void Tensors_kept_from_a_scope_an_ended_thread_left_open_stay_usable()
    {
        Tensor? kept = null;
        var thread = new Thread(() =>
        {
            NewDisposeScope(); // never disposed
            kept = ones(3) * 2;
        });
        thread.Start();
        thread.Join();
        CollectUntil(() => false);
        Assert.False(kept!.IsInvalid);
        Assert.Equal(6f, kept.sum().item<float>());
        kept.Dispose();
    }

    [Fact]
    public void Closing_scopes_out_of_order_leaves_the_nearest_open_one_current()
    {
        using var root = NewDisposeScope();
        var outer = NewDisposeScope();
        var inner = NewDisposeScope();
        outer.Dispose();
        inner.Dispose();
        Assert.Same(root, DisposeScope.Current);
        var t = ones(1);
        Assert.Same(root, t.OwningDisposeScopeForTests());
        Assert.Equal(1, root.DisposablesCount);
    }

    [Fact]
    public void Moving_out_of_the_last_scope_keeps_the_tensor_until_it_is_disposed()
    {
        Tensor moved;
        using (NewDisposeScope()) moved = (ones(2) * 3).MoveToOuterDisposeScope();
        CollectUntil(() => false);
        Assert.Null(moved.OwningDisposeScopeForTests());
        Assert.Equal(6f, moved.sum().item<float>());
        moved.Dispose();
        Assert.True(moved.IsInvalid);
    }
}
