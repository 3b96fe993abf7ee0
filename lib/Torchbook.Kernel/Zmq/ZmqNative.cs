using System.Runtime.InteropServices;

namespace Torchbook.Kernel.Zmq;

/// <summary>The few libzmq 4.x entry points the kernel uses, bound to Debian's libzmq.so.5.</summary>
internal static unsafe partial class ZmqNative
{
    private const string Library = "libzmq.so.5";

    public const int PUB = 1;
    public const int REP = 4;
    public const int ROUTER = 6;
    public const int PAIR = 0;

    public const int SNDMORE = 2;
    public const int DONTWAIT = 1;

    public const int OPT_LINGER = 17;
    public const int OPT_RCVMORE = 13;
    public const int OPT_RCVTIMEO = 27;
    public const int OPT_SNDHWM = 23;
    public const int OPT_ROUTER_HANDOVER = 56;

    public const short POLLIN = 1;

    public const int EAGAIN = 11;
    public const int EINTR = 4;
    /// <summary>ZMQ_HAUSNUMERO + 53: the context was terminated.</summary>
    public const int ETERM = 156384712 + 53;

    /// <summary>zmq_msg_t is an opaque 64-byte, pointer-aligned block.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 64)]
    public struct Message
    {
        private readonly long _first;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollItem
    {
        public nint Socket;
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport(Library, EntryPoint = "zmq_ctx_new")] public static partial nint CtxNew();
    [LibraryImport(Library, EntryPoint = "zmq_ctx_term")] public static partial int CtxTerm(nint context);
    [LibraryImport(Library, EntryPoint = "zmq_socket")] public static partial nint Socket(nint context, int type);
    [LibraryImport(Library, EntryPoint = "zmq_close")] public static partial int Close(nint socket);
    [LibraryImport(Library, EntryPoint = "zmq_bind", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Bind(nint socket, string endpoint);
    [LibraryImport(Library, EntryPoint = "zmq_connect", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Connect(nint socket, string endpoint);
    [LibraryImport(Library, EntryPoint = "zmq_setsockopt")]
    public static partial int SetSockOpt(nint socket, int option, void* value, nuint length);
    [LibraryImport(Library, EntryPoint = "zmq_getsockopt")]
    public static partial int GetSockOpt(nint socket, int option, void* value, nuint* length);
    [LibraryImport(Library, EntryPoint = "zmq_send")]
    public static partial int Send(nint socket, byte* buffer, nuint length, int flags);
    [LibraryImport(Library, EntryPoint = "zmq_msg_init")] public static partial int MsgInit(Message* message);
    [LibraryImport(Library, EntryPoint = "zmq_msg_recv")] public static partial int MsgRecv(Message* message, nint socket, int flags);
    [LibraryImport(Library, EntryPoint = "zmq_msg_data")] public static partial byte* MsgData(Message* message);
    [LibraryImport(Library, EntryPoint = "zmq_msg_size")] public static partial nuint MsgSize(Message* message);
    [LibraryImport(Library, EntryPoint = "zmq_msg_close")] public static partial int MsgClose(Message* message);
    [LibraryImport(Library, EntryPoint = "zmq_poll")] public static partial int Poll(PollItem* items, int count, long timeoutMs);
    [LibraryImport(Library, EntryPoint = "zmq_errno")] public static partial int Errno();
    [LibraryImport(Library, EntryPoint = "zmq_strerror")] public static partial nint StrError(int errnum);
    [LibraryImport(Library, EntryPoint = "zmq_version")] public static partial void Version(int* major, int* minor, int* patch);

    public static string ErrorText(int errnum) => Marshal.PtrToStringUTF8(StrError(errnum)) ?? $"errno {errnum}";
}
