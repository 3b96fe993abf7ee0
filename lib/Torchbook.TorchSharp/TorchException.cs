using System.Runtime.InteropServices;

namespace TorchSharp;

/// <summary>An error reported by libtorch (a shape mismatch, a wrong dtype, ...), with libtorch's own message.</summary>
public class TorchException : ExternalException
{
    public TorchException(string message) : base(message) { }
}
