using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchSharp.Modules
{
    /// <summary>Shared by Conv1d, Conv2d and ConvTranspose2d: settings, parameters, PyTorch's initialisation and repr.</summary>
    public abstract class ConvolutionBase : nn.Layer
    {
        public long in_channels { get; }
        public long out_channels { get; }
        public long[] kernel_size { get; }
        public long[] stride { get; }
        public long[] padding { get; }
        /// <summary>"same" or "valid" when the padding was given as a mode, otherwise null.</summary>
        public string? padding_string { get; }
        public long[] dilation { get; }
        public long[] output_padding { get; }
        public long groups { get; }
        public PaddingModes padding_mode { get; }
        public bool transposed { get; }

        public Parameter weight { get => get_parameter("weight")!; set => register_parameter("weight", value); }
        public Parameter? bias { get => get_parameter("bias"); set => register_parameter("bias", value); }

        private protected ConvolutionBase(string name, int nd, long in_channels, long out_channels, long[] kernel_size, long[]? stride, long[]? padding,
            string? padding_string, long[]? dilation, long[]? output_padding, long groups, bool hasBias, PaddingModes padding_mode, bool transposed,
            Device? device, ScalarType? dtype) : base(name)
        {
            if (groups <= 0) throw new ArgumentException("groups must be a positive integer");
            if (in_channels % groups != 0) throw new ArgumentException("in_channels must be divisible by groups");
            if (out_channels % groups != 0) throw new ArgumentException("out_channels must be divisible by groups");
            this.in_channels = in_channels;
            this.out_channels = out_channels;
            this.kernel_size = F.Expand(kernel_size, nd, 1, "kernel_size");
            this.stride = F.Expand(stride, nd, 1, "stride");
            this.dilation = F.Expand(dilation, nd, 1, "dilation");
            this.output_padding = F.Expand(output_padding, nd, 0, "output_padding");
            this.groups = groups;
            this.padding_mode = padding_mode == PaddingModes.Constant ? PaddingModes.Zeros : padding_mode;
            this.transposed = transposed;
            if (padding_string is not null)
            {
                if (padding_string == "same" && this.stride.Any(s => s != 1)) throw new ArgumentException("padding='same' is not supported for strided convolutions");
                this.padding_string = padding_string;
                // The equivalent numeric padding (left side), as PyTorch keeps it for padding_mode != zeros.
                this.padding = padding_string == "valid" ? new long[nd] : this.kernel_size.Select((k, i) => this.dilation[i] * (k - 1) / 2).ToArray();
            }
            else this.padding = F.Expand(padding, nd, 0, "padding");

            long[] shape = transposed
                ? [in_channels, out_channels / groups, .. this.kernel_size]
                : [out_channels, in_channels / groups, .. this.kernel_size];
            weight = LayerHelpers.NewParameter(shape, dtype, device);
            bias = hasBias ? LayerHelpers.NewParameter([out_channels], dtype, device) : null;
            reset_parameters();
        }

        /// <summary>Draws the weights again as PyTorch initialises them.</summary>
        public void reset_parameters() => nn.init.DefaultLinearInit(weight, bias);

        public override string extra_repr()
        {
            var s = $"{in_channels}, {out_channels}, kernel_size={PyText.Tuple(kernel_size)}, stride={PyText.Tuple(stride)}";
            if (padding_string is not null) s += ", padding=" + padding_string;
            else if (padding.Any(p => p != 0)) s += ", padding=" + PyText.Tuple(padding);
            if (dilation.Any(d => d != 1)) s += ", dilation=" + PyText.Tuple(dilation);
            if (output_padding.Any(p => p != 0)) s += ", output_padding=" + PyText.Tuple(output_padding);
            if (groups != 1) s += $", groups={groups}";
            if (bias is null) s += ", bias=False";
            if (padding_mode != PaddingModes.Zeros) s += ", padding_mode=" + padding_mode.ToString().ToLowerInvariant();
            return s;
        }

        /// <summary>Convolution with padding modes other than zeros: pad explicitly, then convolve without padding.</summary>
        private protected Tensor ConvForward(int nd, Tensor input)
        {
            if (padding_mode == PaddingModes.Zeros)
                return F.Conv(nd, input, weight, bias, stride, padding_string is null ? padding : null, dilation, groups, padding_string);
            var total = kernel_size.Select((k, i) => padding_string is null ? 2 * padding[i] : dilation[i] * (k - 1)).ToArray();
            var pads = new long[2 * nd];
            for (int i = 0; i < nd; i++)
            {
                var left = total[nd - 1 - i] / 2;
                pads[2 * i] = left;
                pads[2 * i + 1] = total[nd - 1 - i] - left;
            }
            using var padded = F.pad(input, pads, padding_mode);
            return F.Conv(nd, padded, weight, bias, stride, new long[nd], dilation, groups, null);
        }
    }

    /// <summary>1-D convolution over (N, C, L) inputs.</summary>
    public sealed class Conv1d : ConvolutionBase
    {
        internal Conv1d(long i, long o, long[] k, long[]? s, long[]? p, string? ps, long[]? d, long g, bool b, PaddingModes pm, Device? device, ScalarType? dtype)
            : base(nameof(Conv1d), 1, i, o, k, s, p, ps, d, null, g, b, pm, false, device, dtype) { }
        protected override Tensor Compute(Tensor input) => ConvForward(1, input);
    }

    /// <summary>2-D convolution over (N, C, H, W) inputs.</summary>
    public sealed class Conv2d : ConvolutionBase
    {
        internal Conv2d(long i, long o, long[] k, long[]? s, long[]? p, string? ps, long[]? d, long g, bool b, PaddingModes pm, Device? device, ScalarType? dtype)
            : base(nameof(Conv2d), 2, i, o, k, s, p, ps, d, null, g, b, pm, false, device, dtype) { }
        protected override Tensor Compute(Tensor input) => ConvForward(2, input);
    }

    /// <summary>2-D transposed convolution ("deconvolution"), upsampling (N, C, H, W) inputs.</summary>
    public sealed class ConvTranspose2d : ConvolutionBase
    {
        internal ConvTranspose2d(long i, long o, long[] k, long[]? s, long[]? p, long[]? op, long g, bool b, long[]? d, Device? device, ScalarType? dtype)
            : base(nameof(ConvTranspose2d), 2, i, o, k, s, p, null, d, op, g, b, PaddingModes.Zeros, true, device, dtype) { }
        protected override Tensor Compute(Tensor input) => F.ConvTranspose(2, input, weight, bias, stride, padding, output_padding, groups, dilation);
    }
}

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            private static string PadName(Padding p) => p == Padding.Same ? "same" : "valid";

            public static Modules.Conv1d Conv1d(long in_channels, long out_channels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1,
                PaddingModes padding_mode = PaddingModes.Zeros, long groups = 1, bool bias = true, Device? device = null, ScalarType? dtype = null) =>
                new(in_channels, out_channels, [kernelSize], [stride], [padding], null, [dilation], groups, bias, padding_mode, device, dtype);

            public static Modules.Conv1d Conv1d(long in_channels, long out_channels, long kernelSize, Padding padding, long stride = 1, long dilation = 1,
                PaddingModes padding_mode = PaddingModes.Zeros, long groups = 1, bool bias = true, Device? device = null, ScalarType? dtype = null) =>
                new(in_channels, out_channels, [kernelSize], [stride], null, PadName(padding), [dilation], groups, bias, padding_mode, device, dtype);

            public static Modules.Conv2d Conv2d(long in_channels, long out_channels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1,
                PaddingModes padding_mode = PaddingModes.Zeros, long groups = 1, bool bias = true, Device? device = null, ScalarType? dtype = null) =>
                new(in_channels, out_channels, [kernelSize], [stride], [padding], null, [dilation], groups, bias, padding_mode, device, dtype);

            public static Modules.Conv2d Conv2d(long in_channels, long out_channels, (long, long) kernelSize, (long, long)? stride = null, (long, long)? padding = null,
                (long, long)? dilation = null, PaddingModes padding_mode = PaddingModes.Zeros, long groups = 1, bool bias = true, Device? device = null, ScalarType? dtype = null) =>
                new(in_channels, out_channels, [kernelSize.Item1, kernelSize.Item2], Pair(stride), Pair(padding), null, Pair(dilation), groups, bias, padding_mode, device, dtype);

            public static Modules.Conv2d Conv2d(long in_channels, long out_channels, long kernelSize, Padding padding, long stride = 1, long dilation = 1,
                PaddingModes padding_mode = PaddingModes.Zeros, long groups = 1, bool bias = true, Device? device = null, ScalarType? dtype = null) =>
                new(in_channels, out_channels, [kernelSize], [stride], null, PadName(padding), [dilation], groups, bias, padding_mode, device, dtype);

            public static Modules.ConvTranspose2d ConvTranspose2d(long in_channels, long out_channels, long kernelSize, long stride = 1, long padding = 0,
                long output_padding = 0, long groups = 1, bool bias = true, long dilation = 1, Device? device = null, ScalarType? dtype = null) =>
                new(in_channels, out_channels, [kernelSize], [stride], [padding], [output_padding], groups, bias, [dilation], device, dtype);

            public static Modules.ConvTranspose2d ConvTranspose2d(long in_channels, long out_channels, (long, long) kernelSize, (long, long)? stride = null,
                (long, long)? padding = null, (long, long)? output_padding = null, long groups = 1, bool bias = true, (long, long)? dilation = null,
                Device? device = null, ScalarType? dtype = null) =>
                new(in_channels, out_channels, [kernelSize.Item1, kernelSize.Item2], Pair(stride), Pair(padding), Pair(output_padding), groups, bias, Pair(dilation), device, dtype);

            private static long[]? Pair((long, long)? v) => v is { } p ? [p.Item1, p.Item2] : null;
        }
    }
}
