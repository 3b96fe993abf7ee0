using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchSharp.Modules
{
    /// <summary>A lookup table: row i of <see cref="weight"/> is the vector of index i. Weights start N(0, 1); the padding row starts (and stays) zero.</summary>
    public sealed class Embedding : nn.Layer
    {
        public long num_embeddings { get; }
        public long embedding_dim { get; }
        public long? padding_idx { get; }
        public double? max_norm { get; }
        public double norm_type { get; }
        public bool scale_grad_by_freq { get; }
        public bool sparse { get; }
        public Parameter weight { get => get_parameter("weight")!; set => register_parameter("weight", value); }

        internal Embedding(long num_embeddings, long embedding_dim, long? padding_idx, double? max_norm, double norm_type, bool scale_grad_by_freq, bool sparse,
            Tensor? weights, bool freeze, Device? device, ScalarType? dtype) : base(nameof(Embedding))
        {
            if (padding_idx is long p)
            {
                if (p >= num_embeddings || p < -num_embeddings) throw new ArgumentException("Padding_idx must be within num_embeddings");
                padding_idx = p < 0 ? p + num_embeddings : p;
            }
            this.num_embeddings = num_embeddings;
            this.embedding_dim = embedding_dim;
            this.padding_idx = padding_idx;
            this.max_norm = max_norm;
            this.norm_type = norm_type;
            this.scale_grad_by_freq = scale_grad_by_freq;
            this.sparse = sparse;
            if (weights is null)
            {
                weight = LayerHelpers.NewParameter([num_embeddings, embedding_dim], dtype, device);
                reset_parameters();
            }
            else
            {
                if (!weights.shape.SequenceEqual(new[] { num_embeddings, embedding_dim })) throw new ArgumentException("Shape of weight does not match num_embeddings and embedding_dim");
                weight = new Parameter(weights, requires_grad: !freeze);
            }
        }

        public void reset_parameters()
        {
            nn.init.normal_(weight);
            if (padding_idx is long p)
            {
                using var _ = no_grad();
                using var row = weight[p];
                row.fill_(0);
            }
        }

        protected override Tensor Compute(Tensor input) => F.embedding(input, weight, padding_idx, max_norm, norm_type, scale_grad_by_freq, sparse);

        public override string extra_repr()
        {
            var s = $"{num_embeddings}, {embedding_dim}";
            if (padding_idx is long p) s += $", padding_idx={p}";
            if (max_norm is double m) s += $", max_norm={PyText.Float(m)}";
            if (norm_type != 2) s += $", norm_type={PyText.Float(norm_type)}";
            if (scale_grad_by_freq) s += ", scale_grad_by_freq=True";
            if (sparse) s += ", sparse=True";
            return s;
        }
    }
}

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.Embedding Embedding(long num_embeddings, long embedding_dims, long? padding_idx = null, double? max_norm = null, double norm_type = 2.0,
                bool scale_grad_by_freq = false, bool sparse = false, Device? device = null, ScalarType? dtype = null) =>
                new(num_embeddings, embedding_dims, padding_idx, max_norm, norm_type, scale_grad_by_freq, sparse, null, false, device, dtype);

            /// <summary>An embedding whose weights are <paramref name="embeddings"/> (copied by reference: they share storage); frozen unless <paramref name="freeze"/> is false.</summary>
            public static Modules.Embedding Embedding_from_pretrained(Tensor embeddings, bool freeze = true, long? padding_idx = null, double? max_norm = null,
                double norm_type = 2.0, bool scale_grad_by_freq = false, bool sparse = false)
            {
                if (embeddings.dim() != 2) throw new ArgumentException("Embeddings parameter is expected to be 2-dimensional");
                return new(embeddings.size(0), embeddings.size(1), padding_idx, max_norm, norm_type, scale_grad_by_freq, sparse, embeddings, freeze, null, null);
            }
        }
    }
}
