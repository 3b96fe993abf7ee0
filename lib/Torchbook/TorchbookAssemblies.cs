using System.Reflection;
using Torchbook.Formatting;
using Torchbook.Plots;
using TorchSharp;

namespace Torchbook;

/// <summary>
/// The assemblies a notebook gets from its one <c>#r "../lib/Torchbook/bin/Torchbook.dll"</c>:
/// this library, TorchSharp (<c>torch</c>), TorchVision (<c>torchvision</c>), TorchSharp.PyBridge (<c>save_py</c>,
/// <c>load_safetensors</c>, ...), our vision additions (<c>Torchbook.Vision</c>), our torchaudio (<c>Torchbook.Audio</c>), our torchtext (<c>Torchbook.Text</c>), the plots and the display convention.
/// </summary>
/// <remarks>
/// A C# script sees the types of the assembly it references and of the assemblies that one
/// references (Roslyn resolves them from the same folder). An assembly is referenced only if its
/// types are used, so naming each one here is what makes, for example, <c>torchvision</c> visible
/// to a notebook although nothing else in this library calls it.
/// </remarks>
public static class TorchbookAssemblies
{
    /// <summary>Every assembly that <c>#r</c> of Torchbook.dll brings into a notebook.</summary>
    public static IReadOnlyList<Assembly> All { get; } =
    [
        typeof(TorchbookAssemblies).Assembly,
        typeof(torch).Assembly,
        typeof(torchvision).Assembly,
        typeof(TorchSharp.PyBridge.PyBridgeModuleExtensions).Assembly,
        typeof(Torchbook.Vision.transforms).Assembly,
        typeof(Torchbook.Audio.torchaudio).Assembly,
        typeof(Torchbook.Text.torchtext).Assembly,
        typeof(Plot).Assembly,
        typeof(Display).Assembly,
    ];
}
