using System.Runtime.CompilerServices;
using TorchSharp;

namespace Torchbook.Vision.IO;

/// <summary>
/// TorchVision 0.107 ships <c>torchvision.io</c> without a working default: until an imager is set,
/// <c>read_image</c> and <c>write_png</c> throw NotImplementedException. Loading Torchbook's vision
/// library sets a <see cref="PilImager"/> (PNG and JPEG read as PIL and torchvision read them), so
/// chapters call <c>torchvision.io.read_image(path)</c> as PyTorch code does. An imager the learner
/// set already is kept.
/// </summary>
internal static class DefaultImagerSetup
{
    [ModuleInitializer]
    internal static void Install()
    {
        if (torchvision.io.DefaultImager is torchvision.io.NotImplementedImager)
            torchvision.io.DefaultImager = new PilImager();
    }
}
