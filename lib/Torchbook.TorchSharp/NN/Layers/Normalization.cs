using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchSharp.Modules
{
    /// <summary>
    /// Batch normalisation over the channel dimension (BatchNorm1d: (N, C) or (N, C, L); BatchNorm2d:
    /// (N, C, H, W)). Training normalises with the batch's statistics and updates running_mean and
    /// running_var; eval mode uses the running statistics.
    /// </summary>
    public sealed class BatchNorm : nn.Layer
    {
        private readonly int _nd;
        public long num_features { get; }
        public double eps { get; }
        /// <summary>The running statistics' update factor; null means a cumulative average.</summary>
        public double? momentum { get; set; }
        public bool affine { get; }
        public bool track_running_stats { get; }

        public Parameter? weight { get => get_parameter("weight"); set => register_parameter("weight", value); }
        public Parameter? bias { get => get_parameter("bias"); set => register_parameter("bias", value); }
        public Tensor? running_mean => get_buffer("running_mean");
        public Tensor? running_var => get_buffer("running_var");
        public Tensor? num_batches_tracked => get_buffer("num_batches_tracked");

        internal BatchNorm(int nd, long num_features, double eps, double? momentum, bool affine, bool track_running_stats, Device? device, ScalarType? dtype)
            : base($"BatchNorm{nd}d")
        {
            _nd = nd;
            this.num_features = num_features;
            this.eps = eps;
            this.momentum = momentum;
            this.affine = affine;
            this.track_running_stats = track_running_stats;
            if (affine)
            {
                weight = LayerHelpers.NewParameter([num_features], dtype, device);
                bias = LayerHelpers.NewParameter([num_features], dtype, device);
            }
            else
            {
                register_parameter("weight", null);
                register_parameter("bias", null);
            }
            if (track_running_stats)
            {
                register_buffer("running_mean", zeros([num_features], dtype, device));
                register_buffer("running_var", ones([num_features], dtype, device));
                register_buffer("num_batches_tracked", tensor(0L, device: device));
            }
            reset_parameters();
        }

        public void reset_running_stats()
        {
            if (!track_running_stats) return;
            using var _ = no_grad();
            running_mean!.zero_();
            running_var!.fill_(1);
            num_batches_tracked!.zero_();
        }

        public void reset_parameters()
        {
            reset_running_stats();
            if (!affine) return;
            nn.init.ones_(weight!);
            nn.init.zeros_(bias!);
        }

        protected override Tensor Compute(Tensor input)
        {
            var d = input.dim();
            if (_nd == 1 && d != 2 && d != 3) throw new ArgumentException($"expected 2D or 3D input (got {d}D input)");
            if (_nd == 2 && d != 4) throw new ArgumentException($"expected 4D input (got {d}D input)");
            if (training)
            {
                // As F.batch_norm checks: batch statistics need more than one value per channel.
                var shape = input.shape;
                long values = shape[0];
                for (int i = 2; i < shape.Length; i++) values *= shape[i];
                if (values == 1) throw new ArgumentException($"Expected more than 1 value per channel when training, got input size {nn.Module.SizeText(shape)}");
            }
            double factor = momentum ?? 0.0;
            if (training && track_running_stats)
            {
                using (no_grad()) num_batches_tracked!.add_(1);
                if (momentum is null) factor = 1.0 / num_batches_tracked!.item<long>();
            }
            bool useBatchStats = training || !track_running_stats;
            return F.batch_norm(input, !training || track_running_stats ? running_mean : null, !training || track_running_stats ? running_var : null,
                weight, bias, useBatchStats, factor, eps);
        }

        public override string extra_repr() =>
            $"{num_features}, eps={PyText.Float(eps)}, momentum={(momentum is double m ? PyText.Float(m) : "None")}, affine={PyText.Bool(affine)}, track_running_stats={PyText.Bool(track_running_stats)}";
    }

    /// <summary>Normalises over the last dimensions (normalized_shape), with a learned scale and shift per element.</summary>
    public sealed class LayerNorm : nn.Layer
    {
        public long[] normalized_shape { get; }
        public double eps { get; }
        public bool elementwise_affine { get; }
        public Parameter? weight { get => get_parameter("weight"); set => register_parameter("weight", value); }
        public Parameter? bias { get => get_parameter("bias"); set => register_parameter("bias", value); }

        internal LayerNorm(long[] normalized_shape, double eps, bool elementwise_affine, Device? device, ScalarType? dtype) : base(nameof(LayerNorm))
        {
            this.normalized_shape = normalized_shape;
            this.eps = eps;
            this.elementwise_affine = elementwise_affine;
            if (elementwise_affine)
            {
                weight = LayerHelpers.NewParameter(normalized_shape, dtype, device);
                bias = LayerHelpers.NewParameter(normalized_shape, dtype, device);
                nn.init.ones_(weight);
                nn.init.zeros_(bias);
            }
            else
            {
                register_parameter("weight", null);
                register_parameter("bias", null);
            }
        }

        protected override Tensor Compute(Tensor input) => F.layer_norm(input, normalized_shape, weight, bias, eps);

        public override string extra_repr() => $"{PyText.Tuple(normalized_shape)}, eps={PyText.Float(eps)}, elementwise_affine={PyText.Bool(elementwise_affine)}";
    }
}

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.BatchNorm BatchNorm1d(long num_features, double eps = 1e-05, double? momentum = 0.1, bool affine = true, bool track_running_stats = true, Device? device = null, ScalarType? dtype = null) =>
                new(1, num_features, eps, momentum, affine, track_running_stats, device, dtype);

            public static Modules.BatchNorm BatchNorm2d(long num_features, double eps = 1e-05, double? momentum = 0.1, bool affine = true, bool track_running_stats = true, Device? device = null, ScalarType? dtype = null) =>
                new(2, num_features, eps, momentum, affine, track_running_stats, device, dtype);

            public static Modules.LayerNorm LayerNorm(long[] normalized_shape, double eps = 1e-05, bool elementwise_affine = true, Device? device = null, ScalarType? dtype = null) =>
                new(normalized_shape, eps, elementwise_affine, device, dtype);

            public static Modules.LayerNorm LayerNorm(long normalized_shape, double eps = 1e-05, bool elementwise_affine = true, Device? device = null, ScalarType? dtype = null) =>
                new([normalized_shape], eps, elementwise_affine, device, dtype);
        }
    }
}
