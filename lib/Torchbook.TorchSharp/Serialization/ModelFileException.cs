namespace TorchSharp.Serialization;

/// <summary>
/// A model file (safetensors or PyTorch .pth) that cannot be read: truncated, corrupt, or not in
/// the expected format. The message names the file and, where there is one, the tensor.
/// </summary>
public class ModelFileException : IOException
{
    /// <summary>Creates the exception; the message is prefixed with the file.</summary>
    public ModelFileException(string file, string problem, string? tensorName = null, Exception? inner = null)
        : base(Compose(file, problem, tensorName), inner)
    {
        FilePath = file;
        TensorName = tensorName;
    }

    /// <summary>The file (or stream description) being read.</summary>
    public string FilePath { get; }

    /// <summary>The tensor the problem concerns, if any.</summary>
    public string? TensorName { get; }

    static string Compose(string file, string problem, string? tensorName) =>
        tensorName is null ? $"{file}: {problem}" : $"{file}: tensor '{tensorName}': {problem}";
}

/// <summary>
/// A .pth file whose pickle asks for something other than tensors and plain collections (a call
/// to an arbitrary Python function, as a hostile file would). Nothing from it is executed: the
/// reader has no way to run code, and it stops at the first such request.
/// </summary>
public sealed class UnsafePickleException : ModelFileException
{
    readonly string _message;

    /// <summary>Creates the exception for a refused global or opcode; <paramref name="message"/>
    /// is the whole message and names the file itself.</summary>
    public UnsafePickleException(string file, string refused, string message)
        : base(file, message)
    {
        Refused = refused;
        _message = message;
    }

    /// <inheritdoc/>
    public override string Message => _message;

    /// <summary>What was refused, e.g. <c>os.system</c> or an opcode name.</summary>
    public string Refused { get; }
}
