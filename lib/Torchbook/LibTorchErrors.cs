using System.Runtime.InteropServices;

namespace Torchbook;

/// <summary>
/// What libtorch said, without its C++ stack trace. TorchSharp raises libtorch's errors as
/// <see cref="ExternalException"/> whose message is libtorch's <c>what()</c>: the message PyTorch shows,
/// then "Exception raised from ... (most recent call first):" and native frames.
/// </summary>
public static class LibTorchErrors
{
    private const string TraceStart = "Exception raised from ";

    /// <summary>The message as PyTorch prints it: everything before libtorch's stack trace, trimmed.</summary>
    public static string LibTorchMessage(this Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var text = e.Message;
        int trace = text.IndexOf(TraceStart, StringComparison.Ordinal);
        return (trace >= 0 ? text[..trace] : text).TrimEnd();
    }
}
