using System.Runtime.InteropServices;

namespace TorchSharp.Native;

// Entry points of lib/native/src/tb_image.cpp (PNG and JPEG through libpng and libjpeg-turbo),
// used by torchvision.io in Torchbook.TorchVision.
internal static unsafe partial class NativeMethods
{
    /// <summary>format: 0 detect from the content, 1 PNG only, 2 JPEG only. mode: ImageReadMode's value.</summary>
    [DllImport(Lib)] internal static extern IntPtr tb_image_decode(byte* data, long size, int format, int mode);
    [DllImport(Lib)] internal static extern IntPtr tb_image_encode_png(IntPtr image, int compressionLevel);
    [DllImport(Lib)] internal static extern IntPtr tb_image_encode_jpeg(IntPtr image, int quality);
}
