namespace Torchbook.Kernel.Zmq;

/// <summary>A libzmq context. Close every socket before disposing it, or zmq_ctx_term blocks.</summary>
public sealed class ZmqContext : IDisposable
{
    internal nint Handle { get; private set; }

    public ZmqContext()
    {
        Handle = ZmqNative.CtxNew();
        if (Handle == 0) throw ZmqException.Last("zmq_ctx_new");
    }

    public ZmqSocket CreateSocket(ZmqSocketType type)
    {
        ObjectDisposedException.ThrowIf(Handle == 0, this);
        return new ZmqSocket(this, type);
    }

    /// <summary>The libzmq version loaded, for diagnostics.</summary>
    public static unsafe string LibraryVersion
    {
        get
        {
            int major, minor, patch;
            ZmqNative.Version(&major, &minor, &patch);
            return $"{major}.{minor}.{patch}";
        }
    }

    public void Dispose()
    {
        if (Handle == 0) return;
        while (ZmqNative.CtxTerm(Handle) != 0 && ZmqNative.Errno() == ZmqNative.EINTR) { }
        Handle = 0;
    }
}

public enum ZmqSocketType
{
    Pair = ZmqNative.PAIR,
    Pub = ZmqNative.PUB,
    Rep = ZmqNative.REP,
    Router = ZmqNative.ROUTER,
}
