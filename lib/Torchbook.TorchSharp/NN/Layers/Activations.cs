using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchSharp.Modules
{
    public sealed class ReLU : nn.Layer
    {
        public bool inplace { get; }
        internal ReLU(bool inplace) : base(nameof(ReLU)) { this.inplace = inplace; }
        protected override Tensor Compute(Tensor input) => F.relu(input, inplace);
        public override string extra_repr() => inplace ? "inplace=True" : "";
    }

    public sealed class ReLU6 : nn.Layer
    {
        public bool inplace { get; }
        internal ReLU6(bool inplace) : base(nameof(ReLU6)) { this.inplace = inplace; }
        protected override Tensor Compute(Tensor input) => F.relu6(input, inplace);
        public override string extra_repr() => inplace ? "inplace=True" : "";
    }

    public sealed class LeakyReLU : nn.Layer
    {
        public double negative_slope { get; }
        public bool inplace { get; }
        internal LeakyReLU(double negative_slope, bool inplace) : base(nameof(LeakyReLU)) { this.negative_slope = negative_slope; this.inplace = inplace; }
        protected override Tensor Compute(Tensor input) => F.leaky_relu(input, negative_slope, inplace);
        public override string extra_repr() => $"negative_slope={PyText.Float(negative_slope)}" + (inplace ? ", inplace=True" : "");
    }

    public sealed class GELU : nn.Layer
    {
        public string approximate { get; }
        internal GELU(string approximate) : base(nameof(GELU))
        {
            if (approximate != "none" && approximate != "tanh") throw new ArgumentException($"approximate must be 'none' or 'tanh', got '{approximate}'");
            this.approximate = approximate;
        }
        protected override Tensor Compute(Tensor input) => F.gelu(input, approximate);
        public override string extra_repr() => $"approximate='{approximate}'";
    }

    public sealed class SiLU : nn.Layer
    {
        internal SiLU() : base(nameof(SiLU)) { }
        protected override Tensor Compute(Tensor input) => input.silu();
    }

    public sealed class ELU : nn.Layer
    {
        public double alpha { get; }
        internal ELU(double alpha) : base(nameof(ELU)) { this.alpha = alpha; }
        protected override Tensor Compute(Tensor input) => input.elu(alpha);
        public override string extra_repr() => $"alpha={PyText.Float(alpha)}";
    }

    public sealed class Sigmoid : nn.Layer
    {
        internal Sigmoid() : base(nameof(Sigmoid)) { }
        protected override Tensor Compute(Tensor input) => input.sigmoid();
    }

    public sealed class Tanh : nn.Layer
    {
        internal Tanh() : base(nameof(Tanh)) { }
        protected override Tensor Compute(Tensor input) => input.tanh();
    }

    public sealed class Softplus : nn.Layer
    {
        public double beta { get; }
        public double threshold { get; }
        internal Softplus(double beta, double threshold) : base(nameof(Softplus)) { this.beta = beta; this.threshold = threshold; }
        protected override Tensor Compute(Tensor input) => input.softplus(beta, threshold);
        public override string extra_repr() => $"beta={PyText.Float(beta)}, threshold={PyText.Float(threshold)}";
    }

    public sealed class Softmax : nn.Layer
    {
        public long dim { get; }
        internal Softmax(long dim) : base(nameof(Softmax)) { this.dim = dim; }
        protected override Tensor Compute(Tensor input) => input.softmax(dim);
        public override string extra_repr() => $"dim={dim}";
    }

    public sealed class LogSoftmax : nn.Layer
    {
        public long dim { get; }
        internal LogSoftmax(long dim) : base(nameof(LogSoftmax)) { this.dim = dim; }
        protected override Tensor Compute(Tensor input) => input.log_softmax(dim);
        public override string extra_repr() => $"dim={dim}";
    }
}

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.ReLU ReLU(bool inplace = false) => new(inplace);
            public static Modules.ReLU6 ReLU6(bool inplace = false) => new(inplace);
            public static Modules.LeakyReLU LeakyReLU(double negative_slope = 0.01, bool inplace = false) => new(negative_slope, inplace);
            public static Modules.GELU GELU(string approximate = "none") => new(approximate);
            public static Modules.SiLU SiLU() => new();
            public static Modules.ELU ELU(double alpha = 1.0) => new(alpha);
            public static Modules.Sigmoid Sigmoid() => new();
            public static Modules.Tanh Tanh() => new();
            public static Modules.Softplus Softplus(double beta = 1, double threshold = 20) => new(beta, threshold);
            public static Modules.Softmax Softmax(long dim) => new(dim);
            public static Modules.LogSoftmax LogSoftmax(long dim) => new(dim);
        }
    }
}
