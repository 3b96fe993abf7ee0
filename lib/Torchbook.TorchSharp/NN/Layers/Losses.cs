using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchSharp.Modules
{
    /// <summary>Base of the loss modules: forward(input, target) with a reduction.</summary>
    public abstract class Loss : nn.Module<Tensor, Tensor, Tensor>
    {
        public nn.Reduction reduction { get; }
        private protected Loss(string name, nn.Reduction reduction) : base(name) { this.reduction = reduction; }
    }

    /// <summary>Cross entropy of logits against class indices (or probabilities), with class weights, an ignored index and label smoothing.</summary>
    public sealed class CrossEntropyLoss : Loss
    {
        public Tensor? weight => get_buffer("weight");
        public long ignore_index { get; }
        public double label_smoothing { get; }
        internal CrossEntropyLoss(Tensor? weight, long ignore_index, double label_smoothing, nn.Reduction reduction) : base(nameof(CrossEntropyLoss), reduction)
        {
            if (label_smoothing < 0 || label_smoothing > 1) throw new ArgumentException($"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing}");
            register_buffer("weight", weight?.alias());
            this.ignore_index = ignore_index;
            this.label_smoothing = label_smoothing;
        }
        public override Tensor forward(Tensor input, Tensor target) => F.cross_entropy(input, target, weight, ignore_index, reduction, label_smoothing);
    }

    /// <summary>Negative log-likelihood of log-probabilities against class indices.</summary>
    public sealed class NLLLoss : Loss
    {
        public Tensor? weight => get_buffer("weight");
        public long ignore_index { get; }
        internal NLLLoss(Tensor? weight, long ignore_index, nn.Reduction reduction) : base(nameof(NLLLoss), reduction)
        {
            register_buffer("weight", weight?.alias());
            this.ignore_index = ignore_index;
        }
        public override Tensor forward(Tensor input, Tensor target) => F.nll_loss(input, target, weight, ignore_index, reduction);
    }

    public sealed class MSELoss : Loss
    {
        internal MSELoss(nn.Reduction reduction) : base(nameof(MSELoss), reduction) { }
        public override Tensor forward(Tensor input, Tensor target) => F.mse_loss(input, target, reduction);
    }

    public sealed class L1Loss : Loss
    {
        internal L1Loss(nn.Reduction reduction) : base(nameof(L1Loss), reduction) { }
        public override Tensor forward(Tensor input, Tensor target) => F.l1_loss(input, target, reduction);
    }

    public sealed class SmoothL1Loss : Loss
    {
        public double beta { get; }
        internal SmoothL1Loss(nn.Reduction reduction, double beta) : base(nameof(SmoothL1Loss), reduction) { this.beta = beta; }
        public override Tensor forward(Tensor input, Tensor target) => F.smooth_l1_loss(input, target, reduction, beta);
    }

    public sealed class HuberLoss : Loss
    {
        public double delta { get; }
        internal HuberLoss(nn.Reduction reduction, double delta) : base(nameof(HuberLoss), reduction) { this.delta = delta; }
        public override Tensor forward(Tensor input, Tensor target) => F.huber_loss(input, target, reduction, delta);
    }

    /// <summary>Binary cross entropy of probabilities (after a sigmoid).</summary>
    public sealed class BCELoss : Loss
    {
        public Tensor? weight => get_buffer("weight");
        internal BCELoss(Tensor? weight, nn.Reduction reduction) : base(nameof(BCELoss), reduction) { register_buffer("weight", weight?.alias()); }
        public override Tensor forward(Tensor input, Tensor target) => F.binary_cross_entropy(input, target, weight, reduction);
    }

    /// <summary>Binary cross entropy of raw scores; pos_weight weighs positive examples (per class).</summary>
    public sealed class BCEWithLogitsLoss : Loss
    {
        public Tensor? weight => get_buffer("weight");
        public Tensor? pos_weight => get_buffer("pos_weight");
        internal BCEWithLogitsLoss(Tensor? weight, nn.Reduction reduction, Tensor? pos_weight) : base(nameof(BCEWithLogitsLoss), reduction)
        {
            register_buffer("weight", weight?.alias());
            register_buffer("pos_weight", pos_weight?.alias());
        }
        public override Tensor forward(Tensor input, Tensor target) => F.binary_cross_entropy_with_logits(input, target, weight, reduction, pos_weight);
    }

    public sealed class KLDivLoss : Loss
    {
        public bool log_target { get; }
        internal KLDivLoss(nn.Reduction reduction, bool log_target) : base(nameof(KLDivLoss), reduction) { this.log_target = log_target; }
        public override Tensor forward(Tensor input, Tensor target) => F.kl_div(input, target, reduction, log_target);
    }
}

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.CrossEntropyLoss CrossEntropyLoss(Tensor? weight = null, long? ignore_index = null, double label_smoothing = 0.0, Reduction reduction = Reduction.Mean) =>
                new(weight, ignore_index ?? -100, label_smoothing, reduction);
            public static Modules.NLLLoss NLLLoss(Tensor? weight = null, long? ignore_index = null, Reduction reduction = Reduction.Mean) => new(weight, ignore_index ?? -100, reduction);
            public static Modules.MSELoss MSELoss(Reduction reduction = Reduction.Mean) => new(reduction);
            public static Modules.L1Loss L1Loss(Reduction reduction = Reduction.Mean) => new(reduction);
            public static Modules.SmoothL1Loss SmoothL1Loss(Reduction reduction = Reduction.Mean, double beta = 1.0) => new(reduction, beta);
            public static Modules.HuberLoss HuberLoss(Reduction reduction = Reduction.Mean, double delta = 1.0) => new(reduction, delta);
            public static Modules.BCELoss BCELoss(Tensor? weight = null, Reduction reduction = Reduction.Mean) => new(weight, reduction);
            public static Modules.BCEWithLogitsLoss BCEWithLogitsLoss(Tensor? weight = null, Reduction reduction = Reduction.Mean, Tensor? pos_weight = null) => new(weight, reduction, pos_weight);
            public static Modules.KLDivLoss KLDivLoss(Reduction reduction = Reduction.Mean, bool log_target = false) => new(reduction, log_target);
        }
    }
}
