namespace TorchSharp.Modules
{
    using static TorchSharp.torch.optim;
    using static TorchSharp.torch.optim.lr_scheduler;

    /// <summary>Multiplies the rate by gamma every step_size epochs.</summary>
    public sealed class StepLR : LRScheduler
    {
        public int step_size { get; }
        public double gamma { get; }

        internal StepLR(Optimizer optimizer, int step_size, double gamma, int last_epoch) : base(optimizer, last_epoch)
        {
            if (step_size <= 0) throw new ArgumentException($"step_size must be a positive integer, got {step_size}");
            this.step_size = step_size;
            this.gamma = gamma;
            InitialStep();
        }

        protected override double[] get_lr() =>
            last_epoch == 0 || last_epoch % step_size != 0 ? CurrentLrs() : CurrentLrs().Select(lr => lr * gamma).ToArray();
    }

    /// <summary>Multiplies the rate by gamma at each milestone epoch.</summary>
    public sealed class MultiStepLR : LRScheduler
    {
        private readonly Dictionary<int, int> _milestones;
        public double gamma { get; }

        internal MultiStepLR(Optimizer optimizer, IList<int> milestones, double gamma, int last_epoch) : base(optimizer, last_epoch)
        {
            _milestones = milestones.GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());
            this.gamma = gamma;
            InitialStep();
        }

        protected override double[] get_lr() =>
            !_milestones.TryGetValue(last_epoch, out var count) ? CurrentLrs() : CurrentLrs().Select(lr => lr * Math.Pow(gamma, count)).ToArray();
    }

    /// <summary>Multiplies the rate by gamma every epoch.</summary>
    public sealed class ExponentialLR : LRScheduler
    {
        public double gamma { get; }

        internal ExponentialLR(Optimizer optimizer, double gamma, int last_epoch) : base(optimizer, last_epoch)
        {
            this.gamma = gamma;
            InitialStep();
        }

        protected override double[] get_lr() => last_epoch == 0 ? CurrentLrs() : CurrentLrs().Select(lr => lr * gamma).ToArray();
    }

    /// <summary>Cosine annealing from the initial rate down to eta_min over T_max epochs (and back up after, as PyTorch's recursive form does).</summary>
    public sealed class CosineAnnealingLR : LRScheduler
    {
        public int T_max { get; }
        public double eta_min { get; }

        internal CosineAnnealingLR(Optimizer optimizer, int T_max, double eta_min, int last_epoch) : base(optimizer, last_epoch)
        {
            if (T_max <= 0) throw new ArgumentException($"T_max must be a positive integer, got {T_max}");
            this.T_max = T_max;
            this.eta_min = eta_min;
            InitialStep();
        }

        private static int PyMod(int a, int b) => ((a % b) + b) % b;

        protected override double[] get_lr()
        {
            var current = CurrentLrs();
            if (last_epoch == 0) return current;
            if (step_count == 1 && last_epoch > 0)
                return base_lrs.Select(b => eta_min + (b - eta_min) * (1 + Math.Cos(last_epoch * Math.PI / T_max)) / 2).ToArray();
            if (PyMod(last_epoch - 1 - T_max, 2 * T_max) == 0)
                return current.Select((lr, i) => lr + (base_lrs[i] - eta_min) * (1 - Math.Cos(Math.PI / T_max)) / 2).ToArray();
            return current.Select(lr => (1 + Math.Cos(Math.PI * last_epoch / T_max)) / (1 + Math.Cos(Math.PI * (last_epoch - 1) / T_max)) * (lr - eta_min) + eta_min).ToArray();
        }
    }

    /// <summary>Scales the rate linearly from start_factor to end_factor over total_iters epochs (warm-up).</summary>
    public sealed class LinearLR : LRScheduler
    {
        public double start_factor { get; }
        public double end_factor { get; }
        public int total_iters { get; }

        internal LinearLR(Optimizer optimizer, double start_factor, double end_factor, int total_iters, int last_epoch) : base(optimizer, last_epoch)
        {
            if (start_factor > 1.0 || start_factor <= 0)
                throw new ArgumentException("Starting multiplicative factor expected to be greater than 0 and less or equal to 1.");
            if (end_factor > 1.0 || end_factor < 0)
                throw new ArgumentException("Ending multiplicative factor expected to be between 0 and 1.");
            this.start_factor = start_factor;
            this.end_factor = end_factor;
            this.total_iters = total_iters;
            InitialStep();
        }

        protected override double[] get_lr()
        {
            var current = CurrentLrs();
            if (last_epoch == 0) return current.Select(lr => lr * start_factor).ToArray();
            if (last_epoch > total_iters) return current;
            return current.Select(lr => lr * (1.0 + (end_factor - start_factor) /
                (total_iters * start_factor + (last_epoch - 1) * (end_factor - start_factor)))).ToArray();
        }
    }

    /// <summary>
    /// The 1cycle policy: the rate rises from max_lr/div_factor to max_lr over pct_start of the
    /// steps, then anneals to initial/final_div_factor; momentum (or Adam's beta1) moves the
    /// opposite way. Step it after every batch.
    /// </summary>
    public sealed class OneCycleLR : LRScheduler
    {
        private readonly (double end_step, string start_lr, string end_lr, string start_m, string end_m)[] _phases;
        private readonly bool _cos;
        private readonly bool _useBeta1;
        public int total_steps { get; }
        public bool cycle_momentum { get; }

        internal OneCycleLR(Optimizer optimizer, double[] max_lr, int? total_steps, int? epochs, int? steps_per_epoch, double pct_start, string anneal_strategy,
            bool cycle_momentum, double base_momentum, double max_momentum, double div_factor, double final_div_factor, bool three_phase, int last_epoch)
            : base(Prepare(optimizer, max_lr, div_factor, final_div_factor, last_epoch), last_epoch)
        {
            if (total_steps is int t)
            {
                if (t <= 0) throw new ArgumentException($"Expected positive integer total_steps, but got {t}");
                this.total_steps = t;
            }
            else if (epochs is int e && steps_per_epoch is int s)
            {
                if (e <= 0) throw new ArgumentException($"Expected positive integer epochs, but got {e}");
                if (s <= 0) throw new ArgumentException($"Expected positive integer steps_per_epoch, but got {s}");
                this.total_steps = e * s;
            }
            else throw new ArgumentException("You must define either total_steps OR (epochs AND steps_per_epoch)");
            if (pct_start < 0 || pct_start > 1) throw new ArgumentException($"Expected float between 0 and 1 pct_start, but got {pct_start}");
            if (anneal_strategy != "cos" && anneal_strategy != "linear")
                throw new ArgumentException($"anneal_strategy must by one of 'cos' or 'linear', instead got {anneal_strategy}");
            _cos = anneal_strategy == "cos";
            double T = this.total_steps;
            _phases = three_phase
                ? [(pct_start * T - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                   (2 * pct_start * T - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                   (T - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum")]
                : [(pct_start * T - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                   (T - 1, "max_lr", "min_lr", "base_momentum", "max_momentum")];
            this.cycle_momentum = cycle_momentum;
            if (cycle_momentum)
            {
                if (!optimizer.defaults.ContainsKey("momentum") && !optimizer.defaults.ContainsKey("betas"))
                    throw new ArgumentException("optimizer must support momentum with `cycle_momentum` option enabled");
                _useBeta1 = optimizer.defaults.ContainsKey("betas");
                if (last_epoch == -1)
                {
                    foreach (var g in optimizer.param_groups)
                    {
                        if (_useBeta1) g.Options["betas"] = (max_momentum, g.Betas().Item2);
                        else g.Options["momentum"] = max_momentum;
                        g.Options["max_momentum"] = max_momentum;
                        g.Options["base_momentum"] = base_momentum;
                    }
                }
            }
            InitialStep();
        }

        private static Optimizer Prepare(Optimizer optimizer, double[] max_lr, double div_factor, double final_div_factor, int last_epoch)
        {
            ArgumentNullException.ThrowIfNull(optimizer);
            var groups = optimizer.param_groups;
            if (max_lr.Length != 1 && max_lr.Length != groups.Count)
                throw new ArgumentException($"expected {groups.Count} values for max_lr, got {max_lr.Length}");
            if (last_epoch == -1)
            {
                for (int i = 0; i < groups.Count; i++)
                {
                    var m = max_lr.Length == 1 ? max_lr[0] : max_lr[i];
                    var initial = m / div_factor;
                    groups[i].Options["initial_lr"] = initial;
                    groups[i].Options["max_lr"] = m;
                    groups[i].Options["min_lr"] = initial / final_div_factor;
                }
            }
            return optimizer;
        }

        private double Anneal(double start, double end, double pct) =>
            _cos ? end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1) : (end - start) * pct + start;

        protected override double[] get_lr()
        {
            int step = last_epoch;
            if (step > total_steps)
                throw new InvalidOperationException($"Tried to step {step + 1} times. The specified number of total steps is {total_steps}");
            var groups = optimizer.param_groups;
            var lrs = new double[groups.Count];
            for (int gi = 0; gi < groups.Count; gi++)
            {
                var g = groups[gi];
                double start = 0, lr = 0, momentum = 0;
                for (int i = 0; i < _phases.Length; i++)
                {
                    var ph = _phases[i];
                    if (step <= ph.end_step || i == _phases.Length - 1)
                    {
                        var pct = (step - start) / (ph.end_step - start);
                        lr = Anneal(g.Double(ph.start_lr), g.Double(ph.end_lr), pct);
                        if (cycle_momentum) momentum = Anneal(g.Double(ph.start_m), g.Double(ph.end_m), pct);
                        break;
                    }
                    start = ph.end_step;
                }
                lrs[gi] = lr;
                if (cycle_momentum)
                {
                    if (_useBeta1) g.Options["betas"] = (momentum, g.Betas().Item2);
                    else g.Options["momentum"] = momentum;
                }
            }
            return lrs;
        }
    }

    /// <summary>Lowers the rate by factor when a metric has stopped improving for patience epochs. Call step(metric) after each validation.</summary>
    public sealed class ReduceLROnPlateau
    {
        private readonly Optimizer _optimizer;
        private readonly double[] _minLrs;
        private double[] _lastLr;
        public string mode { get; }
        public double factor { get; }
        public int patience { get; }
        public double threshold { get; }
        public string threshold_mode { get; }
        public int cooldown { get; }
        public double eps { get; }
        public double best { get; private set; }
        public int num_bad_epochs { get; private set; }
        public int cooldown_counter { get; private set; }
        public int last_epoch { get; private set; }

        internal ReduceLROnPlateau(Optimizer optimizer, string mode, double factor, int patience, double threshold, string threshold_mode, int cooldown,
            IList<double>? min_lr, double eps)
        {
            if (factor >= 1.0) throw new ArgumentException("Factor should be < 1.0.");
            _optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
            var n = optimizer.param_groups.Count;
            if (min_lr is not null && min_lr.Count != 1 && min_lr.Count != n) throw new ArgumentException($"expected {n} min_lrs, got {min_lr.Count}");
            _minLrs = Enumerable.Range(0, n).Select(i => min_lr is null ? 0 : min_lr.Count == 1 ? min_lr[0] : min_lr[i]).ToArray();
            if (mode != "min" && mode != "max") throw new ArgumentException($"mode {mode} is unknown!");
            if (threshold_mode != "rel" && threshold_mode != "abs") throw new ArgumentException($"threshold mode {threshold_mode} is unknown!");
            this.mode = mode;
            this.factor = factor;
            this.patience = patience;
            this.threshold = threshold;
            this.threshold_mode = threshold_mode;
            this.cooldown = cooldown;
            this.eps = eps;
            best = mode == "min" ? double.PositiveInfinity : double.NegativeInfinity;
            _lastLr = optimizer.param_groups.Select(g => g.LearningRate).ToArray();
        }

        private bool IsBetter(double a, double best) => (mode, threshold_mode) switch
        {
            ("min", "rel") => a < best * (1 - threshold),
            ("min", _) => a < best - threshold,
            (_, "rel") => a > best * (threshold + 1),
            _ => a > best + threshold,
        };

        /// <summary>Records the epoch's metric (e.g. validation loss) and lowers the rates when it has plateaued.</summary>
        public void step(double metric)
        {
            last_epoch++;
            if (IsBetter(metric, best)) { best = metric; num_bad_epochs = 0; }
            else num_bad_epochs++;
            if (cooldown_counter > 0) { cooldown_counter--; num_bad_epochs = 0; }
            if (num_bad_epochs > patience)
            {
                var groups = _optimizer.param_groups;
                for (int i = 0; i < groups.Count; i++)
                {
                    var old = groups[i].LearningRate;
                    var next = Math.Max(old * factor, _minLrs[i]);
                    if (old - next > eps) groups[i].LearningRate = next;
                }
                cooldown_counter = cooldown;
                num_bad_epochs = 0;
            }
            _lastLr = _optimizer.param_groups.Select(g => g.LearningRate).ToArray();
        }

        public IList<double> get_last_lr() => _lastLr.ToArray();
    }
}

namespace TorchSharp
{
    using TorchSharp.Modules;

    public static partial class torch
    {
        public static partial class optim
        {
            /// <summary>Learning-rate schedulers (torch.optim.lr_scheduler).</summary>
            public static class lr_scheduler
            {
                /// <summary>
                /// Base of the learning-rate schedulers, as PyTorch 1.13's _LRScheduler: it records each
                /// group's initial_lr, steps once when built (epoch 0), and each step() computes the new rates
                /// from the current ones (the "chainable" form), so the numbers match PyTorch's exactly.
                /// </summary>
                public abstract class LRScheduler
                {
                    protected readonly Optimizer optimizer;
                    private double[] _lastLr = [];

                    /// <summary>The index of the last step (0 right after construction).</summary>
                    public int last_epoch { get; protected set; }

                    /// <summary>Each group's initial learning rate.</summary>
                    public IReadOnlyList<double> base_lrs { get; }

                    protected int step_count { get; private set; }

                    protected LRScheduler(Optimizer optimizer, int last_epoch)
                    {
                        this.optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
                        var groups = optimizer.param_groups;
                        if (last_epoch == -1)
                        {
                            foreach (var g in groups)
                                if (!g.Options.ContainsKey("initial_lr")) g.Options["initial_lr"] = g.LearningRate;
                        }
                        else
                        {
                            for (int i = 0; i < groups.Count; i++)
                                if (!groups[i].Options.ContainsKey("initial_lr"))
                                    throw new ArgumentException($"param 'initial_lr' is not specified in param_groups[{i}] when resuming an optimizer");
                        }
                        base_lrs = groups.Select(g => g.Double("initial_lr")).ToArray();
                        this.last_epoch = last_epoch;
                    }

                    /// <summary>Subclasses call this at the end of their constructor (PyTorch's _initial_step).</summary>
                    protected void InitialStep()
                    {
                        step_count = 0;
                        step();
                    }

                    /// <summary>Advances one epoch (or batch, for OneCycleLR) and sets the groups' learning rates.</summary>
                    public virtual void step()
                    {
                        step_count++;
                        last_epoch++;
                        var values = get_lr();
                        var groups = optimizer.param_groups;
                        for (int i = 0; i < groups.Count; i++) groups[i].LearningRate = values[i];
                        _lastLr = groups.Select(g => g.LearningRate).ToArray();
                    }

                    /// <summary>The learning rates set by the last step, one per group.</summary>
                    public IList<double> get_last_lr() => _lastLr.ToArray();

                    /// <summary>The rates for the current epoch, computed from the groups' current rates.</summary>
                    protected abstract double[] get_lr();

                    protected double[] CurrentLrs() => optimizer.param_groups.Select(g => g.LearningRate).ToArray();
                }

                public static StepLR StepLR(Optimizer optimizer, int step_size, double gamma = 0.1, int last_epoch = -1) => new(optimizer, step_size, gamma, last_epoch);

                public static MultiStepLR MultiStepLR(Optimizer optimizer, IList<int> milestones, double gamma = 0.1, int last_epoch = -1) => new(optimizer, milestones, gamma, last_epoch);

                public static ExponentialLR ExponentialLR(Optimizer optimizer, double gamma = 0.1, int last_epoch = -1) => new(optimizer, gamma, last_epoch);

                public static CosineAnnealingLR CosineAnnealingLR(Optimizer optimizer, int T_max, double eta_min = 0, int last_epoch = -1) => new(optimizer, T_max, eta_min, last_epoch);

                public static LinearLR LinearLR(Optimizer optimizer, double start_factor = 1.0 / 3, double end_factor = 1.0, int total_iters = 5, int last_epoch = -1) =>
                    new(optimizer, start_factor, end_factor, total_iters, last_epoch);

                public static OneCycleLR OneCycleLR(Optimizer optimizer, double max_lr, int? total_steps = null, int? epochs = null, int? steps_per_epoch = null,
                    double pct_start = 0.3, string anneal_strategy = "cos", bool cycle_momentum = true, double base_momentum = 0.85, double max_momentum = 0.95,
                    double div_factor = 25.0, double final_div_factor = 1e4, bool three_phase = false, int last_epoch = -1) =>
                    new(optimizer, [max_lr], total_steps, epochs, steps_per_epoch, pct_start, anneal_strategy, cycle_momentum, base_momentum, max_momentum,
                        div_factor, final_div_factor, three_phase, last_epoch);

                public static OneCycleLR OneCycleLR(Optimizer optimizer, double[] max_lr, int? total_steps = null, int? epochs = null, int? steps_per_epoch = null,
                    double pct_start = 0.3, string anneal_strategy = "cos", bool cycle_momentum = true, double base_momentum = 0.85, double max_momentum = 0.95,
                    double div_factor = 25.0, double final_div_factor = 1e4, bool three_phase = false, int last_epoch = -1) =>
                    new(optimizer, max_lr, total_steps, epochs, steps_per_epoch, pct_start, anneal_strategy, cycle_momentum, base_momentum, max_momentum,
                        div_factor, final_div_factor, three_phase, last_epoch);

                public static ReduceLROnPlateau ReduceLROnPlateau(Optimizer optimizer, string mode = "min", double factor = 0.1, int patience = 10, double threshold = 1e-4,
                    string threshold_mode = "rel", int cooldown = 0, IList<double>? min_lr = null, double eps = 1e-8) =>
                    new(optimizer, mode, factor, patience, threshold, threshold_mode, cooldown, min_lr, eps);
            }
        }
    }
}
