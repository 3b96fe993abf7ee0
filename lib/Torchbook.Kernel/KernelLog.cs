namespace Torchbook.Kernel;

/// <summary>
/// The kernel's own diagnostics, written to the process's real stderr (which Jupyter shows in its
/// server log), never to a cell's captured Console.Error.
/// </summary>
public static class KernelLog
{
    private static readonly TextWriter Stderr = TextWriter.Synchronized(
        new StreamWriter(Console.OpenStandardError()) { AutoFlush = true });

    public static bool Verbose { get; set; } = Environment.GetEnvironmentVariable("TORCHBOOK_KERNEL_DEBUG") is "1" or "true";

    public static void Warn(string message) => Stderr.WriteLine($"[torchbook kernel] {message}");

    public static void Debug(string message)
    {
        if (Verbose) Stderr.WriteLine($"[torchbook kernel] {message}");
    }
}
