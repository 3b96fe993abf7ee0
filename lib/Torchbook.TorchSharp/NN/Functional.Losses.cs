using static TorchSharp.Native.NativeMethods;

namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>Cross entropy of logits (N, C) or (N, C, d...) against class indices or class probabilities.</summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100, Reduction reduction = Reduction.Mean, double label_smoothing = 0.0) =>
                Tensor.Wrap(tb_nn_cross_entropy(input.Handle, target.Handle, H(weight), (long)reduction, ignore_index, label_smoothing));

            /// <summary>Negative log-likelihood of log-probabilities (N, C) against class indices.</summary>
            public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100, Reduction reduction = Reduction.Mean) =>
                Tensor.Wrap(tb_nn_nll_loss(input.Handle, target.Handle, H(weight), (long)reduction, ignore_index));

            public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                Tensor.Wrap(tb_nn_mse_loss(input.Handle, target.Handle, (long)reduction));

            public static Tensor l1_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                Tensor.Wrap(tb_nn_l1_loss(input.Handle, target.Handle, (long)reduction));

            public static Tensor smooth_l1_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double beta = 1.0)
            {
                if (beta < 0) throw new ArgumentException("smooth_l1_loss does not support negative values for beta.");
                return Tensor.Wrap(tb_nn_smooth_l1_loss(input.Handle, target.Handle, (long)reduction, beta));
            }

            public static Tensor huber_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double delta = 1.0) =>
                Tensor.Wrap(tb_nn_huber_loss(input.Handle, target.Handle, (long)reduction, delta));

            /// <summary>Binary cross entropy of probabilities (use <see cref="binary_cross_entropy_with_logits"/> for raw scores).</summary>
            public static Tensor binary_cross_entropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean)
            {
                if (!target.shape.SequenceEqual(input.shape))
                    throw new ArgumentException($"Using a target size ({Module.SizeText(target.shape)}) that is different to the input size ({Module.SizeText(input.shape)}) is deprecated. Please ensure they have the same size.");
                return Tensor.Wrap(tb_nn_bce(input.Handle, target.Handle, H(weight), (long)reduction));
            }

            /// <summary>Binary cross entropy of raw scores (a sigmoid inside, numerically stable); pos_weight weighs the positive class.</summary>
            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean, Tensor? pos_weight = null)
            {
                if (!target.shape.SequenceEqual(input.shape))
                    throw new ArgumentException($"Target size ({Module.SizeText(target.shape)}) must be the same as input size ({Module.SizeText(input.shape)})");
                return Tensor.Wrap(tb_nn_bce_with_logits(input.Handle, target.Handle, H(weight), H(pos_weight), (long)reduction));
            }

            public static Tensor kl_div(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, bool log_target = false) =>
                Tensor.Wrap(tb_nn_kl_div(input.Handle, target.Handle, (long)reduction, log_target ? 1 : 0));
        }
    }
}
