using System.Runtime.CompilerServices;

namespace Torchbook.TestSupport;

/// <summary>
/// Runs Torchbook's initializer before any test touches TorchSharp, as a notebook's first cell does:
/// its oneDNN cap (<see cref="Torchbook.OneDnnCpuIsa"/>) only takes effect before libtorch's first
/// convolution, and a test that used TorchSharp alone could otherwise come first.
/// </summary>
internal static class LoadTorchbookFirst
{
    [ModuleInitializer]
    internal static void Run() => RuntimeHelpers.RunModuleConstructor(typeof(Torchbook.Library).Module.ModuleHandle);
}
