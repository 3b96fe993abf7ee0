using System.Runtime.CompilerServices;
using TorchSharp;

namespace Torchbook;

/// <summary>
/// The call that ends every chapter's first cell: <c>Torchbook.Library.Load()</c>. It readies the
/// library (in .NET Interactive it must run before a cell first uses TorchSharp: see
/// <see cref="LibraryFolderLoader"/>) and shows what the notebook runs on.
/// </summary>
public static class Library
{
    /// <summary>Readies Torchbook and returns the versions and the device the notebook will use.</summary>
    /// <remarks>This method names no TorchSharp type, so calling it loads Torchbook (and runs its
    /// initializer) before TorchSharp is loaded.</remarks>
    public static LibraryInfo Load() => Describe();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static LibraryInfo Describe() => new(
        typeof(Library).Assembly.GetName().Version?.ToString(3) ?? "?",
        typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "?",
        torch.__version__,
        torch.cuda.is_available(),
        QuickModeOrOff());

    /// <summary>A bad TORCHBOOK_QUICK is reported by the parameters cell that reads it, not here.</summary>
    private static bool QuickModeOrOff()
    {
        try
        {
            return QuickMode.IsOn;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}

/// <summary>What <see cref="Library.Load"/> found: versions, whether a CUDA GPU is usable, quick mode.</summary>
public sealed record LibraryInfo(string Torchbook, string TorchSharp, string LibTorch, bool CudaAvailable, bool Quick)
{
    public override string ToString() =>
        $"Torchbook {Torchbook} · TorchSharp {TorchSharp} (libtorch {LibTorch}) · device: {(CudaAvailable ? "cuda" : "cpu")}" +
        (Quick ? " · quick mode" : "");
}
