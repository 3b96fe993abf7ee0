using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TorchSharp.Native;

/// <summary>Turns the shim's sentinel returns into .NET exceptions carrying libtorch's message.</summary>
internal static class NativeErrors
{
    [DllImport(NativeLibraryLoader.LibraryName)]
    private static extern IntPtr tb_last_error();

    internal static string LastMessage()
    {
        var message = Marshal.PtrToStringUTF8(tb_last_error());
        return string.IsNullOrEmpty(message) ? "libtorch reported an error without a message" : message;
    }

    internal static TorchException Exception() => new(LastMessage());

    /// <summary>Throws when a handle-returning call failed (returned null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static IntPtr Check(IntPtr handle)
    {
        if (handle == IntPtr.Zero) Throw();
        return handle;
    }

    /// <summary>Throws when a status-returning call failed (returned a negative value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Check(int status)
    {
        if (status < 0) Throw();
        return status;
    }

    // Out of line, so that the checks stay small enough to be inlined after every call.
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Throw() => throw Exception();
}
