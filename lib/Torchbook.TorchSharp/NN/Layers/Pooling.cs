using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchSharp.Modules
{
    /// <summary>Max pooling over 1 or 2 spatial dimensions (MaxPool1d, MaxPool2d).</summary>
    public sealed class MaxPool : nn.Layer
    {
        private readonly int _nd;
        private readonly bool[] _scalar; // kernel, stride, padding, dilation: given as one number (printed bare) or per dimension
        public long[] kernel_size { get; }
        public long[] stride { get; }
        public long[] padding { get; }
        public long[] dilation { get; }
        public bool ceil_mode { get; }

        internal MaxPool(int nd, long[] kernel_size, long[]? stride, long[]? padding, long[]? dilation, bool ceil_mode, bool[] scalar) : base($"MaxPool{nd}d")
        {
            _nd = nd;
            _scalar = scalar;
            this.kernel_size = F.Expand(kernel_size, nd, 1, "kernel_size");
            this.stride = stride is null ? this.kernel_size : F.Expand(stride, nd, 1, "stride");
            this.padding = F.Expand(padding, nd, 0, "padding");
            this.dilation = F.Expand(dilation, nd, 1, "dilation");
            this.ceil_mode = ceil_mode;
        }

        protected override Tensor Compute(Tensor input) => F.MaxPool(_nd, input, kernel_size, stride, padding, dilation, ceil_mode);

        public override string extra_repr() =>
            $"kernel_size={A(kernel_size, 0)}, stride={A(stride, 1)}, padding={A(padding, 2)}, dilation={A(dilation, 3)}, ceil_mode={PyText.Bool(ceil_mode)}";

        private string A(long[] v, int i) => LayerHelpers.SizeArg(v, _scalar[i]);
    }

    /// <summary>Average pooling over 1 or 2 spatial dimensions (AvgPool1d, AvgPool2d).</summary>
    public sealed class AvgPool : nn.Layer
    {
        private readonly int _nd;
        private readonly bool[] _scalar; // kernel, stride, padding
        public long[] kernel_size { get; }
        public long[] stride { get; }
        public long[] padding { get; }
        public bool ceil_mode { get; }
        public bool count_include_pad { get; }

        internal AvgPool(int nd, long[] kernel_size, long[]? stride, long[]? padding, bool ceil_mode, bool count_include_pad, bool[] scalar) : base($"AvgPool{nd}d")
        {
            _nd = nd;
            // AvgPool1d keeps its sizes as 1-tuples, AvgPool2d as given.
            _scalar = nd == 1 ? [false, false, false] : scalar;
            this.kernel_size = F.Expand(kernel_size, nd, 1, "kernel_size");
            this.stride = stride is null ? this.kernel_size : F.Expand(stride, nd, 1, "stride");
            this.padding = F.Expand(padding, nd, 0, "padding");
            this.ceil_mode = ceil_mode;
            this.count_include_pad = count_include_pad;
        }

        protected override Tensor Compute(Tensor input) => F.AvgPool(_nd, input, kernel_size, stride, padding, ceil_mode, count_include_pad);

        public override string extra_repr() =>
            $"kernel_size={LayerHelpers.SizeArg(kernel_size, _scalar[0])}, stride={LayerHelpers.SizeArg(stride, _scalar[1])}, padding={LayerHelpers.SizeArg(padding, _scalar[2])}";
    }

    /// <summary>Adaptive pooling: any input size to a fixed output size (AdaptiveAvgPool1d/2d, AdaptiveMaxPool1d/2d).</summary>
    public sealed class AdaptivePool : nn.Layer
    {
        private readonly int _nd;
        private readonly bool _max;
        private readonly bool _scalarArgs;
        /// <summary>The output size per dimension; -1 keeps the input's size (PyTorch's None).</summary>
        public long[] output_size { get; }

        internal AdaptivePool(int nd, bool max, long[] output_size, bool scalarArgs) : base($"Adaptive{(max ? "Max" : "Avg")}Pool{nd}d")
        {
            _nd = nd;
            _max = max;
            _scalarArgs = scalarArgs;
            this.output_size = F.Expand(output_size, nd, 1, "output_size");
        }

        protected override Tensor Compute(Tensor input) => F.AdaptivePool(_nd, input, output_size, _max);

        public override string extra_repr() => "output_size=" + (_scalarArgs ? output_size[0].ToString()
            : "(" + string.Join(", ", output_size.Select(v => v < 0 ? "None" : v.ToString())) + (output_size.Length == 1 ? ",)" : ")"));
    }
}

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.MaxPool MaxPool1d(long kernelSize, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false) =>
                new(1, [kernelSize], stride is null ? null : [stride.Value], [padding], [dilation], ceil_mode, [true, true, true, true]);

            public static Modules.MaxPool MaxPool2d(long kernelSize, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false) =>
                new(2, [kernelSize], stride is null ? null : [stride.Value], [padding], [dilation], ceil_mode, [true, true, true, true]);

            public static Modules.MaxPool MaxPool2d((long, long) kernelSize, (long, long)? stride = null, (long, long)? padding = null, (long, long)? dilation = null, bool ceil_mode = false) =>
                new(2, [kernelSize.Item1, kernelSize.Item2], Pair(stride), Pair(padding) ?? [0, 0], Pair(dilation) ?? [1, 1], ceil_mode,
                    [false, false, padding is null, dilation is null]);

            public static Modules.AvgPool AvgPool1d(long kernelSize, long? stride = null, long padding = 0, bool ceil_mode = false, bool count_include_pad = true) =>
                new(1, [kernelSize], stride is null ? null : [stride.Value], [padding], ceil_mode, count_include_pad, [true, true, true]);

            public static Modules.AvgPool AvgPool2d(long kernelSize, long? stride = null, long padding = 0, bool ceil_mode = false, bool count_include_pad = true) =>
                new(2, [kernelSize], stride is null ? null : [stride.Value], [padding], ceil_mode, count_include_pad, [true, true, true]);

            public static Modules.AvgPool AvgPool2d((long, long) kernelSize, (long, long)? stride = null, (long, long)? padding = null, bool ceil_mode = false, bool count_include_pad = true) =>
                new(2, [kernelSize.Item1, kernelSize.Item2], Pair(stride), Pair(padding) ?? [0, 0], ceil_mode, count_include_pad, [false, false, padding is null]);

            public static Modules.AdaptivePool AdaptiveAvgPool1d(long outputSize) => new(1, false, [outputSize], true);
            public static Modules.AdaptivePool AdaptiveAvgPool2d(long outputSize) => new(2, false, [outputSize], true);
            public static Modules.AdaptivePool AdaptiveAvgPool2d((long, long) outputSize) => new(2, false, [outputSize.Item1, outputSize.Item2], false);
            public static Modules.AdaptivePool AdaptiveMaxPool1d(long outputSize) => new(1, true, [outputSize], true);
            public static Modules.AdaptivePool AdaptiveMaxPool2d(long outputSize) => new(2, true, [outputSize], true);
            public static Modules.AdaptivePool AdaptiveMaxPool2d((long, long) outputSize) => new(2, true, [outputSize.Item1, outputSize.Item2], false);
        }
    }
}
