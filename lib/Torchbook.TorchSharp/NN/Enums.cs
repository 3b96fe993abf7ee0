namespace TorchSharp
{
    /// <summary>How a convolution pads: PyTorch's padding="valid" (none) or "same" (output as large as the input).</summary>
    public enum Padding { Valid, Same }

    /// <summary>The values a padded border gets (F.pad's mode; a convolution's padding_mode).</summary>
    public enum PaddingModes { Zeros, Reflect, Replicate, Circular, Constant }

    /// <summary>F.interpolate's modes.</summary>
    public enum InterpolationMode { Nearest, Linear, Bilinear, Bicubic }

    /// <summary>nn.Upsample's modes.</summary>
    public enum UpsampleMode { Nearest, Linear, Bilinear, Bicubic }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>How a loss combines the per-element losses: not at all, their mean, or their sum.</summary>
            public enum Reduction { None = 0, Mean = 1, Sum = 2 }

            internal static string ReductionName(Reduction r) => r switch { Reduction.None => "none", Reduction.Sum => "sum", _ => "mean" };
        }
    }
}
