using System.Runtime.CompilerServices;

namespace Torchbook.TorchVision.Tests;

/// <summary>
/// Runs Torchbook.Vision's module initializer (which installs PilImager as
/// torchvision.io.DefaultImager) before any test. A module initializer runs when the module's code
/// is first used, not when the assembly is loaded: a test that calls torchvision.io.read_image
/// before touching any Torchbook.Vision type would otherwise meet TorchVision's NotImplementedImager,
/// depending on which tests ran first.
/// </summary>
internal static class VisionModuleSetup
{
    [ModuleInitializer]
    internal static void Run() => RuntimeHelpers.RunModuleConstructor(typeof(Vision.IO.PilImager).Module.ModuleHandle);
}
