using System.Runtime.InteropServices;

namespace Torchbook;

/// <summary>
/// How glibc's malloc serves libtorch's CPU tensors in a .NET process (Linux only).
/// <para>
/// libtorch takes every CPU tensor from the C allocator. glibc hands blocks over 128 KiB out as fresh
/// pages from <c>mmap</c> and raises that threshold only as it sees such blocks freed; it also gives
/// the top of its heap back to the system whenever more than twice that threshold lies free. A training
/// step makes and frees megabytes of activations and gradients, so in a .NET process the same memory
/// went back to the system and was faulted in again at every step: measured on the chapter 4 CNN, one
/// thread, 1,500 forward+backward passes over a Fashion-MNIST batch, 468,000 page faults, 2.8 s of the
/// 11.6 s in the kernel, and stretches of steps four times slower than the rest (PyTorch 1.13 in
/// Python: 156,000 faults, 7.6 s). With the two settings below, 51,000 faults and 6.9 s.
/// </para>
/// <para>
/// So when Torchbook loads it asks glibc (<c>mallopt</c>) to serve blocks up to 32 MiB (glibc's
/// maximum for this setting) from its heap and to keep up to 256 MiB of freed heap for reuse. The cost is
/// that memory a model freed stays with the process until it exits or reuses it. Nothing is changed
/// when the learner set glibc's own variables (<c>MALLOC_MMAP_THRESHOLD_</c>, <c>MALLOC_TRIM_THRESHOLD_</c>)
/// or <c>TORCHBOOK_MALLOC_TUNING=0</c>, or where the C library is not glibc (macOS, Windows, musl).
/// </para>
/// </summary>
public static class CpuAllocator
{
    /// <summary>Blocks up to this size come from malloc's heap instead of fresh pages.</summary>
    public const int MmapThreshold = 32 << 20;

    /// <summary>Freed heap memory up to this size is kept for reuse instead of given back.</summary>
    public const int TrimThreshold = 256 << 20;

    private const int M_TRIM_THRESHOLD = -1;
    private const int M_MMAP_THRESHOLD = -3;

    /// <summary>Whether the settings above are in force (set once, when Torchbook loads).</summary>
    public static bool Tuned { get; private set; }

    /// <summary>Why they are or are not, in one sentence.</summary>
    public static string Status { get; private set; } = "not applied yet";

    internal static void Apply()
    {
        if (!OperatingSystem.IsLinux())
        {
            Status = "not Linux: the system allocator is left as it is";
            return;
        }
        if (Environment.GetEnvironmentVariable("TORCHBOOK_MALLOC_TUNING") == "0")
        {
            Status = "TORCHBOOK_MALLOC_TUNING=0: glibc's defaults are kept";
            return;
        }
        foreach (var name in new[] { "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_" })
        {
            if (Environment.GetEnvironmentVariable(name) is not null)
            {
                Status = $"{name} is set: glibc's settings from the environment are kept";
                return;
            }
        }
        try
        {
            // mallopt returns 1 on success; both settings only make sense together (either alone
            // turns off glibc's adjustment of the other and makes things worse).
            Tuned = mallopt(M_MMAP_THRESHOLD, MmapThreshold) == 1 && mallopt(M_TRIM_THRESHOLD, TrimThreshold) == 1;
            Status = Tuned ? $"glibc malloc: mmap threshold {MmapThreshold >> 20} MiB, trim threshold {TrimThreshold >> 20} MiB"
                           : "mallopt refused the settings: glibc's defaults are kept";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Status = "no mallopt in this C library: the system allocator is left as it is";
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int param, int value);
}
