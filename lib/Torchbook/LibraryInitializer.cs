using System.Runtime.CompilerServices;

namespace Torchbook;

/// <summary>
/// What loading Torchbook sets up: one copy of each library in script hosts
/// (<see cref="LibraryFolderLoader"/>), glibc's allocator settings for libtorch's CPU tensors
/// (<see cref="CpuAllocator"/>), oneDNN's instruction-set cap that keeps convolution gradients right
/// (<see cref="OneDnnCpuIsa"/>; it must be set before libtorch's first convolution), and Torchbook.Vision's initializer, which gives <c>torchvision.io</c>
/// its default imager (TorchVision 0.107 has none). A module initializer runs when the module's code
/// is first used; Torchbook's notebook host runs it when a cell references the library with
/// <c>#r</c>, and any use of a Torchbook type runs it elsewhere.
/// </summary>
internal static class LibraryInitializer
{
    [ModuleInitializer]
    internal static void Run()
    {
        LibraryFolderLoader.Run();
        CpuAllocator.Apply();
        OneDnnCpuIsa.Apply();
        RuntimeHelpers.RunModuleConstructor(typeof(Torchbook.Vision.transforms).Module.ModuleHandle);
    }
}
