using System.Runtime.InteropServices;

namespace Torchbook.Cli;

/// <summary>
/// A process started in the background by a shell without job control (<c>cmd &amp;</c> in a script,
/// <c>nohup</c>, some CI runners and Jupyter servers) inherits SIGINT as <em>ignored</em>, and .NET
/// then never delivers it to <see cref="Console.CancelKeyPress"/> or a
/// <see cref="PosixSignalRegistration"/>. Both `torchbook run` (stop, write what ran) and
/// `torchbook kernel` (Jupyter's signal interrupt) promise to act on SIGINT, as ipykernel does, so
/// they put the default disposition back before .NET's signal handling starts.
/// </summary>
public static class InterruptSignal
{
    private const int SIGINT = 2; // the same number on Linux and macOS
    private static readonly nint SIG_DFL = 0, SIG_IGN = 1;

    /// <summary>Call first thing in Main, before anything touches <see cref="Console"/>.</summary>
    public static void StopIgnoring()
    {
        if (OperatingSystem.IsWindows()) return;
        // struct sigaction starts with the handler on Linux and macOS; the rest is not read.
        var current = new byte[256];
        if (SigAction(SIGINT, 0, current) != 0) return;
        if (BitConverter.ToInt64(current, 0) == SIG_IGN) Signal(SIGINT, SIG_DFL);
    }

    /// <summary>True when this process ignores SIGINT (for tests).</summary>
    public static bool IsIgnored()
    {
        if (OperatingSystem.IsWindows()) return false;
        var current = new byte[256];
        return SigAction(SIGINT, 0, current) == 0 && BitConverter.ToInt64(current, 0) == SIG_IGN;
    }

    [DllImport("libc", EntryPoint = "sigaction")]
    private static extern int SigAction(int signal, nint action, [Out] byte[] oldAction);

    [DllImport("libc", EntryPoint = "signal")]
    private static extern nint Signal(int signal, nint handler);
}
