namespace TorchSharp;

public static partial class torchvision
{
    public static partial class io
    {
        /// <summary>
        /// Which channels decoding gives (torchvision.io.ImageReadMode). Conversions: gray from
        /// colour is ITU-R 601-2 luma (0.299 R + 0.587 G + 0.114 B, PIL's integer weights); an
        /// added alpha channel is 255 (opaque); a dropped alpha channel is simply dropped.
        /// </summary>
        public enum ImageReadMode
        {
            /// <summary>The file's own channels: 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA). A PNG palette becomes RGB, RGBA when it has transparency.</summary>
            UNCHANGED = 0,
            /// <summary>One channel: gray.</summary>
            GRAY = 1,
            /// <summary>Two channels: gray and alpha.</summary>
            GRAY_ALPHA = 2,
            /// <summary>Three channels: red, green, blue.</summary>
            RGB = 3,
            /// <summary>Four channels: red, green, blue, alpha.</summary>
            RGB_ALPHA = 4,
        }
    }
}
