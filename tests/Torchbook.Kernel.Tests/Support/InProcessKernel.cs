using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Torchbook.Kernel.Execution;
using Torchbook.Kernel.Protocol;

namespace Torchbook.Kernel.Tests.Support;

/// <summary>A kernel served from the test process on free local ports, with its connection file.</summary>
public sealed class InProcessKernel : IDisposable
{
    private readonly KernelServer _server;
    private readonly JupyterKernel _kernel;
    private readonly TextReader _originalIn = Console.In;

    public string ConnectionFile { get; }
    public string Key { get; } = Guid.NewGuid().ToString();
    public JupyterKernel Kernel => _kernel;

    public InProcessKernel(ICellExecutor executor, string directory) : this(() => executor, directory) { }

    public InProcessKernel(Func<ICellExecutor> createExecutor, string directory)
    {
        var ports = FreePorts(5);
        var info = new ConnectionInfo
        {
            Ip = "127.0.0.1", ShellPort = ports[0], ControlPort = ports[1], IopubPort = ports[2], StdinPort = ports[3], HeartbeatPort = ports[4],
            Key = Key, SignatureScheme = "hmac-sha256", Transport = "tcp",
        };
        ConnectionFile = Path.Combine(directory, $"kernel-{Guid.NewGuid():N}.json");
        var json = JsonSerializer.Serialize(info);
        // Jupyter clients also expect kernel_name in the file; harmless to the kernel.
        File.WriteAllText(ConnectionFile, json.TrimEnd('}') + ",\"kernel_name\":\"test\"}");
        _server = new KernelServer(ConnectionInfo.Load(ConnectionFile));
        _kernel = new JupyterKernel(_server, createExecutor);
        _server.Start();
        Console.SetIn(_kernel.ConsoleInput);
        _kernel.Start();
    }

    /// <summary>Distinct free ports: all listeners stay open until every port is chosen.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    public void Dispose()
    {
        _kernel.Interrupt();
        _server.Stop();
        _kernel.Dispose();
        Console.SetIn(_originalIn);
    }
}
