using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchSharp.Modules
{
    /// <summary>Zeroes elements with probability p while training and scales the rest by 1/(1-p); the identity in eval mode.</summary>
    public sealed class Dropout : nn.Layer
    {
        public double p { get; }
        public bool inplace { get; }
        internal Dropout(double p, bool inplace, string name = nameof(Dropout)) : base(name)
        {
            if (p < 0 || p > 1) throw new ArgumentException($"dropout probability has to be between 0 and 1, but got {PyText.Float(p)}");
            this.p = p;
            this.inplace = inplace;
        }
        protected override Tensor Compute(Tensor input) => F.dropout(input, p, training, inplace);
        public override string extra_repr() => $"p={PyText.Float(p)}, inplace={PyText.Bool(inplace)}";
    }

    /// <summary>Zeroes whole channels of (N, C, H, W) inputs with probability p while training.</summary>
    public sealed class Dropout2d : nn.Layer
    {
        public double p { get; }
        public bool inplace { get; }
        internal Dropout2d(double p, bool inplace) : base(nameof(Dropout2d))
        {
            if (p < 0 || p > 1) throw new ArgumentException($"dropout probability has to be between 0 and 1, but got {PyText.Float(p)}");
            this.p = p;
            this.inplace = inplace;
        }
        protected override Tensor Compute(Tensor input)
        {
            var d = input.dim();
            if (d != 3 && d != 4) throw new ArgumentException($"Dropout2d expects a 4D (N, C, H, W) or 3D (C, H, W) input, but got a {d}D input of shape [{string.Join(", ", input.shape)}]");
            return F.dropout2d(input, p, training, inplace);
        }
        public override string extra_repr() => $"p={PyText.Float(p)}, inplace={PyText.Bool(inplace)}";
    }
}

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.Dropout Dropout(double p = 0.5, bool inplace = false) => new(p, inplace);
            public static Modules.Dropout2d Dropout2d(double p = 0.5, bool inplace = false) => new(p, inplace);
        }
    }
}
