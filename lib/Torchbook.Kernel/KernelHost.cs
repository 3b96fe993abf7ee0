using System.Runtime.InteropServices;
using Torchbook.Kernel.Execution;
using Torchbook.Kernel.Protocol;

namespace Torchbook.Kernel;

/// <summary>
/// Runs a kernel process: reads the connection file, binds, serves until shutdown_request (or
/// SIGTERM), then closes everything. SIGINT interrupts the running cell instead of ending the process.
/// </summary>
public static class KernelHost
{
    /// <summary>
    /// Jupyter servers set JPY_PARENT_PID; when that process is gone (killed without a shutdown
    /// request) the kernel stops too rather than linger.
    /// </summary>
    private static void WatchParent(CancellationTokenSource stop)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("JPY_PARENT_PID"), out var parent) || parent <= 1) return;
        if (!OperatingSystem.IsLinux()) return;
        var watcher = new Thread(() =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    if (!Directory.Exists($"/proc/{parent}"))
                    {
                        KernelLog.Warn($"the Jupyter process {parent} is gone; shutting down");
                        stop.Cancel();
                        return;
                    }
                    stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
                }
            }
            catch (ObjectDisposedException)
            {
                // The kernel already shut down.
            }
        }) { IsBackground = true, Name = "kernel parent watch" };
        watcher.Start();
    }

    /// <summary>Returns the process exit code: 0 after a clean shutdown, 2 when it cannot start.</summary>
    public static int Run(string connectionFile, Func<ICellExecutor> createExecutor, CancellationToken cancellation = default)
    {
        ConnectionInfo connection;
        try
        {
            connection = ConnectionInfo.Load(connectionFile);
        }
        catch (KernelStartupException e)
        {
            KernelLog.Warn($"error: {e.Message}");
            return 2;
        }

        using var server = new KernelServer(connection);
        using var kernel = new JupyterKernel(server, createExecutor);
        try
        {
            server.Start();
        }
        catch (Exception e) when (e is KernelStartupException or DllNotFoundException)
        {
            KernelLog.Warn(e is DllNotFoundException
                ? "error: libzmq.so.5 is not installed. Install it with: apt-get install libzmq5"
                : $"error: {e.Message}");
            return 2;
        }

        var originalIn = Console.In;
        Console.SetIn(kernel.ConsoleInput);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            kernel.Interrupt();
        });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        kernel.Start();
        WatchParent(stop);
        KernelLog.Debug($"serving on {connection.Ip} shell {connection.ShellPort} with libzmq {Zmq.ZmqContext.LibraryVersion}");
        kernel.WaitForShutdown(stop.Token);
        kernel.Interrupt();
        server.Stop();
        Console.SetIn(originalIn);
        (kernel.Executor as IDisposable)?.Dispose();
        return kernel.StartupError is null ? 0 : 2;
    }
}
