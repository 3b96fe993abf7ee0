namespace Torchbook.Kernel.Zmq;

/// <summary>A libzmq call failed; carries zmq_errno() and zmq_strerror() text.</summary>
public sealed class ZmqException : Exception
{
    public int ErrorNumber { get; }

    public ZmqException(string operation, int errorNumber)
        : base($"{operation} failed: {ZmqNative.ErrorText(errorNumber)} (errno {errorNumber})")
    {
        ErrorNumber = errorNumber;
    }

    internal static ZmqException Last(string operation) => new(operation, ZmqNative.Errno());
}
