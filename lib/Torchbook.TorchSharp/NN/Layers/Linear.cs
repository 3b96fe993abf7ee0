using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchSharp.Modules
{
    /// <summary>y = x Wᵀ + b, with W of shape (out_features, in_features).</summary>
    public sealed class Linear : nn.Layer
    {
        public Parameter weight { get => get_parameter("weight")!; set => register_parameter("weight", value); }
        public Parameter? bias { get => get_parameter("bias"); set => register_parameter("bias", value); }
        public long in_features { get; }
        public long out_features { get; }

        internal Linear(long in_features, long out_features, bool hasBias, Device? device, ScalarType? dtype) : base(nameof(Linear))
        {
            this.in_features = in_features;
            this.out_features = out_features;
            weight = LayerHelpers.NewParameter([out_features, in_features], dtype, device);
            bias = hasBias ? LayerHelpers.NewParameter([out_features], dtype, device) : null;
            reset_parameters();
        }

        /// <summary>Draws the weights again as PyTorch initialises them.</summary>
        public void reset_parameters() => nn.init.DefaultLinearInit(weight, bias);

        protected override Tensor Compute(Tensor input) => F.linear(input, weight, bias);

        public override string extra_repr() => $"in_features={in_features}, out_features={out_features}, bias={PyText.Bool(bias is not null)}";
    }

    /// <summary>Returns its input unchanged (a placeholder, e.g. to drop a model's head).</summary>
    public sealed class Identity : nn.Layer
    {
        internal Identity() : base(nameof(Identity)) { }
        protected override Tensor Compute(Tensor input) => input.alias();
    }

    /// <summary>Flattens dimensions start_dim..end_dim into one.</summary>
    public sealed class Flatten : nn.Layer
    {
        public long start_dim { get; }
        public long end_dim { get; }
        internal Flatten(long start_dim, long end_dim) : base(nameof(Flatten)) { this.start_dim = start_dim; this.end_dim = end_dim; }
        protected override Tensor Compute(Tensor input) => input.flatten(start_dim, end_dim);
        public override string extra_repr() => $"start_dim={start_dim}, end_dim={end_dim}";
    }

    /// <summary>Splits one dimension into several.</summary>
    public sealed class Unflatten : nn.Layer
    {
        public long dim { get; }
        public long[] unflattened_size { get; }
        internal Unflatten(long dim, long[] unflattened_size) : base(nameof(Unflatten)) { this.dim = dim; this.unflattened_size = unflattened_size; }
        protected override Tensor Compute(Tensor input)
        {
            var shape = input.shape.ToList();
            var d = (int)(dim < 0 ? dim + shape.Count : dim);
            if (d < 0 || d >= shape.Count) throw new ArgumentException($"Dimension out of range (expected to be in range of [{-shape.Count}, {shape.Count - 1}], but got {dim})");
            shape.RemoveAt(d);
            shape.InsertRange(d, unflattened_size);
            return input.reshape(shape.ToArray());
        }
        public override string extra_repr() => $"dim={dim}, unflattened_size={PyText.Tuple(unflattened_size)}";
    }
}

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>A fully connected layer (PyTorch's nn.Linear), initialised as PyTorch initialises it.</summary>
            public static Modules.Linear Linear(long inputSize, long outputSize, bool hasBias = true, Device? device = null, ScalarType? dtype = null) =>
                new(inputSize, outputSize, hasBias, device, dtype);

            public static Modules.Identity Identity() => new();

            public static Modules.Flatten Flatten(long start_dim = 1, long end_dim = -1) => new(start_dim, end_dim);

            public static Modules.Unflatten Unflatten(long dim, long[] unflattened_size) => new(dim, unflattened_size);
        }
    }
}
