using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Tests;

/// <summary>
/// Torchbook's glibc settings (CpuAllocator) are in force once it loads, and they do what they are for:
/// the memory of tensors made and freed step after step is reused, not given back to the system and
/// faulted in again. Measured here: 0 page faults a round with the settings, 512 without (TORCHBOOK_MALLOC_TUNING=0).
/// </summary>
[Collection("global state")]
public sealed class CpuAllocatorTests
{
    [Fact]
    public void Loading_Torchbook_tunes_glibc_malloc_on_Linux()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("TORCHBOOK_MALLOC_TUNING") == "0")
        {
            Assert.False(CpuAllocator.Tuned, CpuAllocator.Status);
            return;
        }
        Assert.True(CpuAllocator.Tuned, CpuAllocator.Status);
        Assert.Contains("mmap threshold 32 MiB", CpuAllocator.Status);
    }

    [Fact]
    public void Tensors_freed_every_step_do_not_fault_their_memory_in_again()
    {
        if (!OperatingSystem.IsLinux() || !CpuAllocator.Tuned) return; // measured through /proc, on Linux with glibc
        void Round()
        {
            // A step's worth of activations: ten 1 MiB tensors written, then all freed.
            using var scope = NewDisposeScope();
            for (int i = 0; i < 10; i++) ones(256 * 1024);
        }
        for (int i = 0; i < 5; i++) Round();
        long before = MinorFaults();
        for (int i = 0; i < 20; i++) Round();
        long perRound = (MinorFaults() - before) / 20;
        // 2,560 pages are written per round; reused memory faults none of them in again (0 measured; a few
        // faults a round come from the runtime and from other threads of the process).
        Assert.True(perRound < 100, $"{perRound} page faults per round of ten 1 MiB tensors ({CpuAllocator.Status})");
    }

    // Field 10 of /proc/self/stat: minor page faults of the process so far.
    private static long MinorFaults()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7]);
    }
}
