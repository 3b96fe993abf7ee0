namespace Torchbook.Kernel.Zmq;

/// <summary>
/// One libzmq socket. Like libzmq sockets themselves, an instance must be used by one thread at a
/// time; callers that share one across threads guard it with a lock (a full memory barrier).
/// </summary>
public sealed unsafe class ZmqSocket : IDisposable
{
    internal nint Handle { get; private set; }

    internal ZmqSocket(ZmqContext context, ZmqSocketType type)
    {
        Handle = ZmqNative.Socket(context.Handle, (int)type);
        if (Handle == 0) throw ZmqException.Last($"zmq_socket({type})");
        SetOption(ZmqNative.OPT_LINGER, 0);
    }

    public void SetOption(int option, int value)
    {
        if (ZmqNative.SetSockOpt(Handle, option, &value, sizeof(int)) != 0)
            throw ZmqException.Last($"zmq_setsockopt({option})");
    }

    /// <summary>Receive timeout in milliseconds (-1 = block).</summary>
    public int ReceiveTimeoutMs { set => SetOption(ZmqNative.OPT_RCVTIMEO, value); }

    public void Bind(string endpoint)
    {
        if (ZmqNative.Bind(Handle, endpoint) != 0) throw ZmqException.Last($"zmq_bind({endpoint})");
    }

    public void Connect(string endpoint)
    {
        if (ZmqNative.Connect(Handle, endpoint) != 0) throw ZmqException.Last($"zmq_connect({endpoint})");
    }

    /// <summary>Sends all frames as one multipart message (blocking).</summary>
    public void SendMultipart(IReadOnlyList<byte[]> frames)
    {
        for (var i = 0; i < frames.Count; i++)
            SendFrame(frames[i], i < frames.Count - 1);
    }

    public void SendFrame(ReadOnlySpan<byte> frame, bool more)
    {
        fixed (byte* p = frame)
        {
            while (ZmqNative.Send(Handle, p, (nuint)frame.Length, more ? ZmqNative.SNDMORE : 0) < 0)
            {
                var errno = ZmqNative.Errno();
                if (errno != ZmqNative.EINTR) throw new ZmqException("zmq_send", errno);
            }
        }
    }

    /// <summary>
    /// Receives one whole multipart message. Returns null when the receive timed out (EAGAIN) or
    /// when <paramref name="dontWait"/> is set and nothing was waiting.
    /// </summary>
    public List<byte[]>? ReceiveMultipart(bool dontWait = false)
    {
        var frames = new List<byte[]>();
        ZmqNative.Message message;
        while (true)
        {
            ZmqNative.MsgInit(&message);
            try
            {
                var flags = dontWait && frames.Count == 0 ? ZmqNative.DONTWAIT : 0;
                int size;
                while ((size = ZmqNative.MsgRecv(&message, Handle, flags)) < 0)
                {
                    var errno = ZmqNative.Errno();
                    if (errno == ZmqNative.EINTR) continue;
                    if (errno == ZmqNative.EAGAIN && frames.Count == 0) return null;
                    throw new ZmqException("zmq_msg_recv", errno);
                }
                frames.Add(new ReadOnlySpan<byte>(ZmqNative.MsgData(&message), size).ToArray());
            }
            finally
            {
                ZmqNative.MsgClose(&message);
            }
            if (!HasMore()) return frames;
        }
    }

    private bool HasMore()
    {
        int more = 0;
        nuint length = sizeof(int);
        if (ZmqNative.GetSockOpt(Handle, ZmqNative.OPT_RCVMORE, &more, &length) != 0)
            throw ZmqException.Last("zmq_getsockopt(ZMQ_RCVMORE)");
        return more != 0;
    }

    /// <summary>
    /// Waits until any of the sockets has a message to read, or the timeout passes.
    /// Returns, per socket, whether it is readable.
    /// </summary>
    public static bool[] PollIn(IReadOnlyList<ZmqSocket> sockets, int timeoutMs)
    {
        var items = stackalloc ZmqNative.PollItem[sockets.Count];
        for (var i = 0; i < sockets.Count; i++)
            items[i] = new ZmqNative.PollItem { Socket = sockets[i].Handle, Events = ZmqNative.POLLIN };
        var readable = new bool[sockets.Count];
        if (ZmqNative.Poll(items, sockets.Count, timeoutMs) < 0)
        {
            var errno = ZmqNative.Errno();
            if (errno == ZmqNative.EINTR) return readable;
            throw new ZmqException("zmq_poll", errno);
        }
        for (var i = 0; i < sockets.Count; i++)
            readable[i] = (items[i].Revents & ZmqNative.POLLIN) != 0;
        return readable;
    }

    public void Dispose()
    {
        if (Handle == 0) return;
        ZmqNative.Close(Handle);
        Handle = 0;
    }
}
