using TorchSharp.Modules;

namespace TorchSharp.Modules
{
    /// <summary>
    /// A group of parameters with its own options ("lr", "momentum", "weight_decay", "betas", ...),
    /// readable and writable at any time: differential learning rates, schedulers and manual
    /// changes all go through here. Options not given take the optimizer's defaults.
    /// </summary>
    public sealed class ParamGroup
    {
        public List<Parameter> Parameters { get; }
        public Dictionary<string, object> Options { get; }

        public ParamGroup(IEnumerable<Parameter> parameters, Dictionary<string, object>? options = null)
        {
            ArgumentNullException.ThrowIfNull(parameters);
            Parameters = parameters.ToList();
            Options = options is null ? new() : new(options);
        }

        /// <summary>A group with its own learning rate (and otherwise the optimizer's defaults).</summary>
        public ParamGroup(IEnumerable<Parameter> parameters, double lr) : this(parameters, new Dictionary<string, object> { ["lr"] = lr }) { }

        /// <summary>An option by its PyTorch name.</summary>
        public object this[string key]
        {
            get => Options.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"this parameter group has no option '{key}' (it has: {string.Join(", ", Options.Keys)})");
            set => Options[key] = value;
        }

        /// <summary>The group's learning rate ("lr").</summary>
        public double LearningRate { get => Double("lr"); set => Options["lr"] = value; }

        /// <summary>The rate a scheduler started from ("initial_lr"; the current rate before any scheduler ran).</summary>
        public double InitialLearningRate
        {
            get => Options.ContainsKey("initial_lr") ? Double("initial_lr") : LearningRate;
            set => Options["initial_lr"] = value;
        }

        /// <summary>Same as <see cref="LearningRate"/>.</summary>
        public double lr { get => LearningRate; set => LearningRate = value; }

        internal double Double(string key) => Convert.ToDouble(this[key], System.Globalization.CultureInfo.InvariantCulture);
        internal bool Bool(string key) => this[key] is bool b ? b : Convert.ToDouble(this[key], System.Globalization.CultureInfo.InvariantCulture) != 0;
        internal (double, double) Betas() => this["betas"] switch
        {
            ValueTuple<double, double> t => t,
            double[] a when a.Length == 2 => (a[0], a[1]),
            var v => throw new ArgumentException($"betas must be a pair of numbers, got {v}"),
        };
    }

    /// <summary>An optimizer's state as PyTorch's state_dict() holds it: per-parameter state by index, and the groups' options with their parameters' indices.</summary>
    public sealed class OptimizerState
    {
        public Dictionary<int, Dictionary<string, torch.Tensor>> state { get; } = new();
        public List<Dictionary<string, object>> param_groups { get; } = new();
    }

}

namespace TorchSharp
{
    using TorchSharp.Modules;

    public static partial class torch
    {
        /// <summary>Optimizers (SGD, Adam, AdamW, RMSprop, Adagrad) and learning-rate schedulers.</summary>
        public static partial class optim
        {
            /// <summary>
            /// Base of the optimizers: parameter groups, per-parameter state, zero_grad, step and
            /// state_dict. Each optimizer's update is PyTorch 1.13's single-tensor algorithm.
            /// </summary>
            public abstract class Optimizer : IDisposable
            {
                private readonly Dictionary<string, object> _defaults;
                private protected readonly Dictionary<Parameter, Dictionary<string, torch.Tensor>> _state = new(ReferenceEqualityComparer.Instance);

                public List<ParamGroup> param_groups { get; } = new();

                /// <summary>The groups (TorchSharp's name).</summary>
                public IEnumerable<ParamGroup> ParamGroups => param_groups;

                /// <summary>All parameters the optimizer updates, group by group.</summary>
            public IEnumerable<Parameter> parameters() => param_groups.SelectMany(g => g.Parameters);

            /// <summary>The options every new group starts from.</summary>
                public IReadOnlyDictionary<string, object> defaults => _defaults;

                private protected Optimizer(IEnumerable<ParamGroup> groups, Dictionary<string, object> defaults)
                {
                    _defaults = defaults;
                    var list = groups.ToList();
                    if (list.Count == 0) throw new ArgumentException("optimizer got an empty parameter list");
                    foreach (var g in list) add_param_group(g);
                }

                internal static IEnumerable<ParamGroup> OneGroup(IEnumerable<Parameter> parameters)
                {
                    ArgumentNullException.ThrowIfNull(parameters);
                    var list = parameters.ToList();
                    if (list.Count == 0) throw new ArgumentException("optimizer got an empty parameter list");
                    return [new ParamGroup(list)];
                }

                /// <summary>Adds a group (e.g. a newly unfrozen part of the model); missing options take the defaults.</summary>
                public void add_param_group(ParamGroup group)
                {
                    ArgumentNullException.ThrowIfNull(group);
                    foreach (var (k, v) in _defaults)
                        if (!group.Options.ContainsKey(k)) group.Options[k] = v;
                    var existing = new HashSet<Parameter>(param_groups.SelectMany(g => g.Parameters), ReferenceEqualityComparer.Instance);
                    foreach (var p in group.Parameters)
                    {
                        if (p is null) throw new ArgumentException("optimizer can only optimize Tensors, but one of the params is null");
                        if (existing.Contains(p)) throw new ArgumentException("some parameters appear in more than one parameter group");
                    }
                    if (group.Parameters.Distinct(ReferenceEqualityComparer.Instance).Count() != group.Parameters.Count)
                        throw new ArgumentException("a parameter group contains the same parameter more than once");
                    ValidateGroup(group);
                    param_groups.Add(group);
                }

                private protected virtual void ValidateGroup(ParamGroup group)
                {
                    if (group.LearningRate < 0) throw new ArgumentException($"Invalid learning rate: {group.LearningRate}");
                }

                /// <summary>Clears the gradients of all parameters (removes them, or zero-fills them when <paramref name="set_to_none"/> is false).</summary>
                public void zero_grad(bool set_to_none = true)
                {
                    foreach (var g in param_groups)
                        foreach (var p in g.Parameters) nn.Module.ZeroGrad(p, set_to_none);
                }

                /// <summary>Updates every parameter that has a gradient. The closure, when given, recomputes the loss (which is returned).</summary>
                public torch.Tensor? step(Func<torch.Tensor>? closure = null)
                {
                    torch.Tensor? loss = null;
                    if (closure is not null)
                    {
                        using var enable = torch.enable_grad();
                        loss = closure();
                    }
                    using (torch.no_grad())
                    {
                        foreach (var group in param_groups)
                        {
                            foreach (var p in group.Parameters)
                            {
                                using var grad = p.grad;
                                if (grad is null) continue;
                                if (!_state.TryGetValue(p, out var state)) _state[p] = state = new Dictionary<string, torch.Tensor>();
                                Update(group, p, grad, state);
                            }
                        }
                    }
                    return loss;
                }

                /// <summary>One parameter's update.</summary>
                private protected abstract void Update(ParamGroup group, Parameter param, torch.Tensor grad, Dictionary<string, torch.Tensor> state);

                private protected static torch.Tensor Keep(torch.Tensor t) => t.DetachFromDisposeScope();

                /// <summary>The state of one parameter (its momentum buffer, exp_avg, step ...); empty before its first update.</summary>
                public IReadOnlyDictionary<string, torch.Tensor> state(Parameter p) =>
                    _state.TryGetValue(p, out var s) ? s : new Dictionary<string, torch.Tensor>();

                /// <summary>The state as PyTorch's optimizer.state_dict(): tensors are copies.</summary>
                public OptimizerState state_dict()
                {
                    var result = new OptimizerState();
                    int index = 0;
                    foreach (var g in param_groups)
                    {
                        var options = new Dictionary<string, object>(g.Options);
                        var ids = new List<int>();
                        foreach (var p in g.Parameters)
                        {
                            if (_state.TryGetValue(p, out var s))
                                result.state[index] = s.ToDictionary(kv => kv.Key, kv => kv.Value.clone().DetachFromDisposeScope());
                            ids.Add(index++);
                        }
                        options["params"] = ids;
                        result.param_groups.Add(options);
                    }
                    return result;
                }

                /// <summary>Restores a state from <see cref="state_dict"/>: the groups must have the same sizes.</summary>
                public void load_state_dict(OptimizerState state_dict)
                {
                    ArgumentNullException.ThrowIfNull(state_dict);
                    if (state_dict.param_groups.Count != param_groups.Count)
                        throw new ArgumentException("loaded state dict has a different number of parameter groups");
                    for (int i = 0; i < param_groups.Count; i++)
                    {
                        var ids = (IList<int>)state_dict.param_groups[i]["params"];
                        if (ids.Count != param_groups[i].Parameters.Count)
                            throw new ArgumentException("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
                    }
                    foreach (var old in _state.Values)
                        foreach (var t in old.Values) t.Dispose();
                    _state.Clear();
                    for (int i = 0; i < param_groups.Count; i++)
                    {
                        var saved = state_dict.param_groups[i];
                        var ids = (IList<int>)saved["params"];
                        var group = param_groups[i];
                        for (int j = 0; j < ids.Count; j++)
                        {
                            if (!state_dict.state.TryGetValue(ids[j], out var s)) continue;
                            var p = group.Parameters[j];
                            _state[p] = s.ToDictionary(kv => kv.Key, kv => Keep(kv.Key == "step" ? kv.Value.clone() : kv.Value.to(p.dtype, p.device, copy: true)));
                        }
                        foreach (var (k, v) in saved)
                            if (k != "params") group.Options[k] = v;
                    }
                }

                public void Dispose()
                {
                    foreach (var s in _state.Values)
                        foreach (var t in s.Values) t.Dispose();
                    _state.Clear();
                    GC.SuppressFinalize(this);
                }
            }
        }
    }
}
