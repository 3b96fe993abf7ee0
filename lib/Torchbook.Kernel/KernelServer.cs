using System.Collections.Concurrent;
using Torchbook.Kernel.Protocol;
using Torchbook.Kernel.Zmq;

namespace Torchbook.Kernel;

/// <summary>
/// Binds the kernel's sockets from a connection file and moves messages. One I/O thread owns the
/// shell, control and stdin ROUTER sockets: it polls them, decodes and verifies what arrives and hands
/// it to <see cref="MessageReceived"/>, and sends what other threads queued for those sockets. The
/// iopub PUB socket is shared under a lock. The heartbeat REP socket echoes on a thread of its own.
/// </summary>
public sealed class KernelServer : IDisposable
{
    private readonly ConnectionInfo _connection;
    private readonly WireCodec _codec;
    private readonly ZmqContext _context = new();
    private readonly ConcurrentQueue<(Channel Channel, List<byte[]> Frames)> _outgoing = new();
    private readonly object _iopubLock = new();
    private readonly object _wakeLock = new();
    private readonly string _wakeEndpoint = $"inproc://torchbook-wake-{Guid.NewGuid():N}";
    private readonly ManualResetEventSlim _stopped = new();
    private ZmqSocket? _shell, _control, _stdin, _iopub, _wakeReceiver, _wakeSender;
    private Thread? _ioThread, _heartbeatThread;
    private volatile bool _stopping;

    /// <summary>Called on the I/O thread for every verified message on shell, control or stdin.</summary>
    public event Action<Channel, JupyterMessage>? MessageReceived;

    /// <summary>This kernel's session id, used in the headers of the messages it sends.</summary>
    public string Session { get; } = Guid.NewGuid().ToString();

    public KernelServer(ConnectionInfo connection)
    {
        _connection = connection;
        _codec = new WireCodec(new MessageSigner(connection.Key));
    }

    /// <summary>Binds every socket and starts the I/O and heartbeat threads.</summary>
    public void Start()
    {
        _shell = BindSocket(ZmqSocketType.Router, _connection.ShellPort, "shell");
        _control = BindSocket(ZmqSocketType.Router, _connection.ControlPort, "control");
        _stdin = BindSocket(ZmqSocketType.Router, _connection.StdinPort, "stdin");
        _iopub = BindSocket(ZmqSocketType.Pub, _connection.IopubPort, "iopub");
        var heartbeat = BindSocket(ZmqSocketType.Rep, _connection.HeartbeatPort, "heartbeat");
        _wakeReceiver = _context.CreateSocket(ZmqSocketType.Pair);
        _wakeReceiver.Bind(_wakeEndpoint);
        _wakeSender = _context.CreateSocket(ZmqSocketType.Pair);
        _wakeSender.Connect(_wakeEndpoint);

        _heartbeatThread = new Thread(() => Heartbeat(heartbeat)) { IsBackground = true, Name = "kernel heartbeat" };
        _heartbeatThread.Start();
        _ioThread = new Thread(IoLoop) { IsBackground = true, Name = "kernel io" };
        _ioThread.Start();
    }

    private ZmqSocket BindSocket(ZmqSocketType type, int port, string name)
    {
        var socket = _context.CreateSocket(type);
        if (type == ZmqSocketType.Router) socket.SetOption(ZmqNative.OPT_ROUTER_HANDOVER, 1);
        var endpoint = _connection.Endpoint(port);
        try
        {
            socket.Bind(endpoint);
        }
        catch (ZmqException e)
        {
            socket.Dispose();
            throw new KernelStartupException($"cannot bind the {name} socket to {endpoint}: {e.Message}. Is another kernel using this connection file?");
        }
        return socket;
    }

    /// <summary>Sends a message on a channel. Safe from any thread.</summary>
    public void Send(Channel channel, JupyterMessage message)
    {
        if (_stopping && channel != Channel.IoPub) return;
        var frames = _codec.Encode(message);
        KernelLog.Debug($"send {channel} {message.MessageType}");
        if (channel == Channel.IoPub)
        {
            lock (_iopubLock)
            {
                if (_iopub is null) return;
                // PUB topic: the message type, then the signed message (no routing identities).
                frames.Insert(0, System.Text.Encoding.UTF8.GetBytes(message.MessageType));
                frames.RemoveRange(1, message.Identities.Count);
                _iopub.SendMultipart(frames);
            }
            return;
        }
        if (Thread.CurrentThread == _ioThread)
        {
            SocketFor(channel).SendMultipart(frames);
            return;
        }
        _outgoing.Enqueue((channel, frames));
        lock (_wakeLock) _wakeSender?.SendFrame([], false);
    }

    private ZmqSocket SocketFor(Channel channel) => channel switch
    {
        Channel.Shell => _shell!,
        Channel.Control => _control!,
        Channel.Stdin => _stdin!,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "only shell, control and stdin are routed"),
    };

    private void IoLoop()
    {
        var sockets = new[] { _shell!, _control!, _stdin!, _wakeReceiver! };
        var channels = new[] { Channel.Shell, Channel.Control, Channel.Stdin };
        try
        {
            while (!_stopping)
            {
                var readable = ZmqSocket.PollIn(sockets, 250);
                // Control first, so an interrupt or shutdown overtakes queued shell traffic.
                foreach (var i in new[] { 1, 0, 2 })
                    if (readable[i])
                        while (sockets[i].ReceiveMultipart(dontWait: true) is { } frames)
                            Dispatch(channels[i], frames);
                if (readable[3])
                    while (_wakeReceiver!.ReceiveMultipart(dontWait: true) is not null) { }
                while (_outgoing.TryDequeue(out var item))
                    SocketFor(item.Channel).SendMultipart(item.Frames);
            }
            while (_outgoing.TryDequeue(out var item))
                SocketFor(item.Channel).SendMultipart(item.Frames);
        }
        catch (Exception e)
        {
            KernelLog.Warn($"I/O thread stopped: {e}");
        }
        finally
        {
            foreach (var socket in sockets) socket.Dispose();
            _stopped.Set();
        }
    }

    private void Dispatch(Channel channel, List<byte[]> frames)
    {
        JupyterMessage message;
        try
        {
            message = _codec.Decode(frames);
        }
        catch (InvalidMessageException e)
        {
            KernelLog.Warn($"dropped a message on {channel.ToString().ToLowerInvariant()}: {e.Message}");
            return;
        }
        KernelLog.Debug($"recv {channel} {message.MessageType}");
        try
        {
            MessageReceived?.Invoke(channel, message);
        }
        catch (Exception e)
        {
            KernelLog.Warn($"handling {message.MessageType} on {channel} failed: {e}");
        }
    }

    private void Heartbeat(ZmqSocket socket)
    {
        socket.ReceiveTimeoutMs = 250;
        try
        {
            while (!_stopping)
                if (socket.ReceiveMultipart() is { } frames)
                    socket.SendMultipart(frames);
        }
        catch (Exception e)
        {
            if (!_stopping) KernelLog.Warn($"heartbeat stopped: {e.Message}");
        }
        finally
        {
            socket.Dispose();
        }
    }

    /// <summary>Flushes queued replies, closes every socket and terminates the context.</summary>
    public void Stop()
    {
        if (_stopping) return;
        _stopping = true;
        lock (_wakeLock) _wakeSender?.SendFrame([], false);
        var ioStopped = _ioThread is null || (Thread.CurrentThread != _ioThread && _stopped.Wait(TimeSpan.FromSeconds(5)));
        var heartbeatStopped = _heartbeatThread?.Join(TimeSpan.FromSeconds(2)) ?? true;
        lock (_wakeLock) { _wakeSender?.Dispose(); _wakeSender = null; }
        lock (_iopubLock) { _iopub?.Dispose(); _iopub = null; }
        // zmq_ctx_term waits for every socket to close: only when the threads that own them are done.
        if (ioStopped && heartbeatStopped) _context.Dispose();
        else KernelLog.Warn("a socket thread did not stop in time; leaving the ZeroMQ context to process exit");
    }

    public void Dispose() => Stop();
}
