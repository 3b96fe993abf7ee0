using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.TorchSharp.Tests;

[Collection("libtorch global state")]
public class MemoryTests
{
    private static long Rss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:")) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        throw new InvalidOperationException("no VmRSS");
    }

    [Fact]
    public void A_scoped_loop_of_100000_iterations_keeps_resident_memory_flat()
    {
        var x = randn(64, 64);
        void Run(int n)
        {
            for (int i = 0; i < n; i++)
            {
                using var scope = NewDisposeScope();
                var y = (x * 2 + 1).relu().sum();
                _ = y;
            }
        }
        Run(2_000); // warm up allocators and JIT
        var before = Rss();
        Run(100_000);
        var after = Rss();
        // Every iteration allocates ~33 KB natively: leaking would add ~3 GB.
        Assert.True(after - before < 50L * 1024 * 1024, $"RSS grew by {(after - before) / 1024 / 1024} MB over 100,000 iterations");
    }

    [Fact]
    public void Scopes_dispose_what_they_created_and_keep_what_moves_out()
    {
        Tensor kept, gone, detached;
        using (var scope = NewDisposeScope())
        {
            gone = ones(3);
            kept = (gone * 2).MoveToOuterDisposeScope();
            detached = zeros(1).DetachFromDisposeScope();
            Assert.Equal(1, scope.DisposablesCount);
        }
        Assert.True(gone.IsInvalid);
        Assert.False(kept.IsInvalid);
        Assert.False(detached.IsInvalid);
        Assert.Equal(6f, kept.sum().item<float>());
    }

    [Fact]
    public void Disposed_large_tensors_never_make_the_gc_collect()
    {
        var array = new float[1_000_000];
        var before = GC.CollectionCount(2);
        for (int i = 0; i < 300; i++) { using var t = tensor(array); }
        // Reporting pressure per tensor made .NET induce a full collection every ~8 of these.
        Assert.True(GC.CollectionCount(2) - before <= 2, $"{GC.CollectionCount(2) - before} gen-2 collections for 300 disposed tensors");
    }

    [Fact]
    public void Leaked_large_tensors_are_reclaimed_without_an_explicit_collect()
    {
        static void Leak() { for (int i = 0; i < 50; i++) _ = zeros(1024, 1024); } // 4 MB each, never disposed
        Leak();
        var before = Rss();
        for (int round = 0; round < 15; round++) Leak(); // 3 GB in all if nothing were reclaimed
        Assert.True(Rss() - before < 1536L * 1024 * 1024, $"RSS grew by {(Rss() - before) / 1024 / 1024} MB: memory pressure did not bring the finalizers in");
    }

    [Fact]
    public void Scopes_stay_correct_through_compaction()
    {
        var kept = new List<Tensor>();
        var all = new List<Tensor>();
        using (var scope = NewDisposeScope())
        {
            for (int i = 0; i < 1000; i++)
            {
                var t = ones(1);
                all.Add(t);
                if (i % 3 == 0) t.Dispose();
                else if (i % 7 == 0) kept.Add(t.MoveToOuterDisposeScope());
            }
            Assert.Equal(all.Count(t => !t.IsInvalid) - kept.Count, scope.DisposablesCount);
        }
        Assert.All(all.Where(t => !kept.Contains(t)), t => Assert.True(t.IsInvalid));
        Assert.All(kept, t => Assert.False(t.IsInvalid));
    }

    [Fact]
    public void Nested_scopes_hand_results_outwards()
    {
        Tensor inner;
        using (var outer = NewDisposeScope())
        {
            using (NewDisposeScope()) inner = ones(2).MoveToOuterDisposeScope();
            Assert.False(inner.IsInvalid);
            Assert.Same(outer, inner.OwningDisposeScopeForTests());
        }
        Assert.True(inner.IsInvalid);
    }

    [Fact]
    public void Finalizers_free_tensors_that_were_never_disposed()
    {
        static void Allocate() { for (int i = 0; i < 200; i++) _ = zeros(256, 1024); } // 1 MB each
        Allocate();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = Rss();
        for (int round = 0; round < 5; round++) { Allocate(); GC.Collect(); GC.WaitForPendingFinalizers(); }
        Assert.True(Rss() - before < 200L * 1024 * 1024, "finalizers did not release native memory");
    }
}

internal static class ScopeTestExtensions
{
    public static DisposeScope? OwningDisposeScopeForTests(this torch.Tensor t) =>
        (DisposeScope?)typeof(torch.Tensor).GetProperty("OwningDisposeScope", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(t);
}
