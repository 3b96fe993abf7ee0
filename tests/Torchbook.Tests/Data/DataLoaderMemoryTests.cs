using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Tests.DataLoading;

/// <summary>
/// Data.DataLoader disposes each batch when the loop moves on (and the items it was stacked from), so looping over it
/// epoch after epoch leaves no tensor behind and keeps the memory in use flat.
/// </summary>
[Collection("global state")]
public class DataLoaderMemoryTests
{
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena, OrdBlks, SmBlks, HBlks, HBlkHd, UsmBlks, FsmBlks, UordBlks, FordBlks, KeepCost;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallInfo2 mallinfo2();

    /// <summary>
    /// Bytes malloc has handed out and not had back (glibc's mallinfo2: in-use heap blocks plus
    /// mmapped blocks), where tensors' storage lives. Resident memory would also count what the
    /// tuned allocator keeps free for reuse (see CpuAllocator) and other tests' compiler threads.
    /// </summary>
    private static long LiveNativeBytes()
    {
        if (!OperatingSystem.IsLinux()) return 0; // glibc only; elsewhere the live-tensor count still checks
        var info = mallinfo2();
        return (long)(info.UordBlks + info.HBlkHd);
    }

    [Fact]
    public void Epochs_of_shuffled_batches_leave_no_tensor_behind_and_keep_memory_flat()
    {
        using var g = new Generator(3);
        using var X = randn([2000, 256], generator: g);  // 2 MB of inputs; an epoch makes 2 MB of batches
        using var y = randint(0, 10, [2000], generator: g);
        using var loader = Data.DataLoader(Data.TensorDataset(X, y), batch_size: 50, shuffle: true, generator: g);
        double sum = 0;
        void Epochs(int n)
        {
            for (int e = 0; e < n; e++)
                foreach (var (xb, yb) in loader) sum += xb.shape[0] + yb.shape[0];
        }
        Epochs(3); // allocator and JIT warm-up
        var live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var before = LiveNativeBytes();
        Epochs(60);
        var after = LiveNativeBytes();
        Assert.Equal(2 * 2000 * 63, sum);
        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        // 60 epochs make about 120 MB of batches (and as much of item slices): kept, they would show.
        Assert.True(after - before < 40L * 1024 * 1024, $"memory in use grew by {(after - before) / 1024 / 1024} MB over 60 epochs");
    }

    [Fact]
    public void A_batch_kept_past_its_step_is_disposed_unless_disposeBatch_is_false()
    {
        using var scope = NewDisposeScope();
        var kept = new List<Tensor>();
        using (var loader = Data.DataLoader(Data.TensorDataset(arange(6), arange(6)), batch_size: 2))
            foreach (var (x, _) in loader) kept.Add(x);
        Assert.All(kept, t => Assert.True(t.IsInvalid));
        var owned = new List<Tensor>();
        using (var loader = Data.DataLoader(Data.TensorDataset(arange(6), arange(6)), batch_size: 2, disposeBatch: false))
            foreach (var (x, _) in loader) owned.Add(x);
        Assert.Equal([4L, 5], owned[2].data<long>().ToArray());
        owned.ForEach(t => t.Dispose());
    }

    [Fact]
    public void Disposing_the_loader_frees_the_tensor_dataset_but_not_the_callers_tensors()
    {
        using var X = arange(4);
        using var y = arange(4);
        var ds = Data.TensorDataset(X, y);
        using (Data.DataLoader(ds, batch_size: 2)) { }
        Assert.True(ds.X.IsInvalid);
        Assert.False(X.IsInvalid);
        Assert.Equal(6, X.sum().item<long>());
    }
}
