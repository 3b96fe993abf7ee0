using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp.Modules
{
    using static TorchSharp.torch.optim;

    /// <summary>Stochastic gradient descent with momentum, dampening, Nesterov momentum and weight decay (PyTorch 1.13's algorithm).</summary>
    public sealed class SGD : Optimizer
    {
        internal SGD(IEnumerable<ParamGroup> groups, double lr, double momentum, double dampening, double weight_decay, bool nesterov, bool maximize)
            : base(groups, new()
            {
                ["lr"] = lr, ["momentum"] = momentum, ["dampening"] = dampening, ["weight_decay"] = weight_decay, ["nesterov"] = nesterov, ["maximize"] = maximize,
            })
        { }

        private protected override void ValidateGroup(ParamGroup g)
        {
            base.ValidateGroup(g);
            if (g.Double("momentum") < 0) throw new ArgumentException($"Invalid momentum value: {g.Double("momentum")}");
            if (g.Double("weight_decay") < 0) throw new ArgumentException($"Invalid weight_decay value: {g.Double("weight_decay")}");
            if (g.Bool("nesterov") && (g.Double("momentum") <= 0 || g.Double("dampening") != 0))
                throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }

        private protected override void Update(ParamGroup g, Parameter p, torch.Tensor grad, Dictionary<string, torch.Tensor> state)
        {
            var buf = state.TryGetValue("momentum_buffer", out var b) ? b.Handle : IntPtr.Zero;
            var had = buf != IntPtr.Zero;
            NativeErrors.Check(tb_optim_sgd(p.Handle, grad.Handle, ref buf, g.LearningRate, g.Double("momentum"), g.Double("dampening"),
                g.Double("weight_decay"), g.Bool("nesterov") ? 1 : 0, g.Bool("maximize") ? 1 : 0));
            if (!had && buf != IntPtr.Zero) state["momentum_buffer"] = Keep(new torch.Tensor(buf));
        }
    }

    /// <summary>Adam, and AdamW (decoupled weight decay), with amsgrad (PyTorch 1.13's algorithm).</summary>
    public class Adam : Optimizer
    {
        private readonly bool _decoupled;

        internal Adam(IEnumerable<ParamGroup> groups, double lr, double beta1, double beta2, double eps, double weight_decay, bool amsgrad, bool maximize, bool decoupled)
            : base(groups, new()
            {
                ["lr"] = lr, ["betas"] = (beta1, beta2), ["eps"] = eps, ["weight_decay"] = weight_decay, ["amsgrad"] = amsgrad, ["maximize"] = maximize,
            })
        {
            _decoupled = decoupled;
        }

        private protected override void ValidateGroup(ParamGroup g)
        {
            base.ValidateGroup(g);
            if (g.Double("eps") < 0) throw new ArgumentException($"Invalid epsilon value: {g.Double("eps")}");
            var (b1, b2) = g.Betas();
            if (b1 < 0 || b1 >= 1) throw new ArgumentException($"Invalid beta parameter at index 0: {b1}");
            if (b2 < 0 || b2 >= 1) throw new ArgumentException($"Invalid beta parameter at index 1: {b2}");
            if (g.Double("weight_decay") < 0) throw new ArgumentException($"Invalid weight_decay value: {g.Double("weight_decay")}");
        }

        private protected override void Update(ParamGroup g, Parameter p, torch.Tensor grad, Dictionary<string, torch.Tensor> state)
        {
            bool amsgrad = g.Bool("amsgrad");
            if (!state.ContainsKey("step"))
            {
                state["step"] = Keep(torch.tensor(0.0f));
                state["exp_avg"] = Keep(torch.zeros_like(p));
                state["exp_avg_sq"] = Keep(torch.zeros_like(p));
                if (amsgrad) state["max_exp_avg_sq"] = Keep(torch.zeros_like(p));
            }
            var (b1, b2) = g.Betas();
            var max = amsgrad ? state["max_exp_avg_sq"].Handle : IntPtr.Zero;
            NativeErrors.Check(tb_optim_adam(p.Handle, grad.Handle, state["exp_avg"].Handle, state["exp_avg_sq"].Handle, max, state["step"].Handle,
                g.LearningRate, b1, b2, g.Double("eps"), g.Double("weight_decay"), amsgrad ? 1 : 0, g.Bool("maximize") ? 1 : 0, _decoupled ? 1 : 0));
        }
    }

    /// <summary>Adam with decoupled weight decay (the parameter shrinks by lr * weight_decay each step).</summary>
    public sealed class AdamW : Adam
    {
        internal AdamW(IEnumerable<ParamGroup> groups, double lr, double beta1, double beta2, double eps, double weight_decay, bool amsgrad, bool maximize)
            : base(groups, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize, true) { }
    }

    /// <summary>RMSprop with momentum and the centered variant (PyTorch 1.13's algorithm).</summary>
    public sealed class RMSprop : Optimizer
    {
        internal RMSprop(IEnumerable<ParamGroup> groups, double lr, double alpha, double eps, double weight_decay, double momentum, bool centered, bool maximize)
            : base(groups, new()
            {
                ["lr"] = lr, ["alpha"] = alpha, ["eps"] = eps, ["weight_decay"] = weight_decay, ["momentum"] = momentum, ["centered"] = centered, ["maximize"] = maximize,
            })
        { }

        private protected override void ValidateGroup(ParamGroup g)
        {
            base.ValidateGroup(g);
            if (g.Double("eps") < 0) throw new ArgumentException($"Invalid epsilon value: {g.Double("eps")}");
            if (g.Double("momentum") < 0) throw new ArgumentException($"Invalid momentum value: {g.Double("momentum")}");
            if (g.Double("weight_decay") < 0) throw new ArgumentException($"Invalid weight_decay value: {g.Double("weight_decay")}");
            if (g.Double("alpha") < 0) throw new ArgumentException($"Invalid alpha value: {g.Double("alpha")}");
        }

        private protected override void Update(ParamGroup g, Parameter p, torch.Tensor grad, Dictionary<string, torch.Tensor> state)
        {
            double momentum = g.Double("momentum");
            bool centered = g.Bool("centered");
            if (!state.ContainsKey("step"))
            {
                state["step"] = Keep(torch.tensor(0.0f));
                state["square_avg"] = Keep(torch.zeros_like(p));
                if (momentum > 0) state["momentum_buffer"] = Keep(torch.zeros_like(p));
                if (centered) state["grad_avg"] = Keep(torch.zeros_like(p));
            }
            if (momentum > 0 && !state.ContainsKey("momentum_buffer")) state["momentum_buffer"] = Keep(torch.zeros_like(p));
            if (centered && !state.ContainsKey("grad_avg")) state["grad_avg"] = Keep(torch.zeros_like(p));
            NativeErrors.Check(tb_optim_rmsprop(p.Handle, grad.Handle, state["square_avg"].Handle, centered ? state["grad_avg"].Handle : IntPtr.Zero,
                momentum > 0 ? state["momentum_buffer"].Handle : IntPtr.Zero, state["step"].Handle, g.LearningRate, g.Double("alpha"), g.Double("eps"),
                g.Double("weight_decay"), momentum, centered ? 1 : 0, g.Bool("maximize") ? 1 : 0));
        }
    }

    /// <summary>Adagrad (PyTorch 1.13's algorithm, dense gradients).</summary>
    public sealed class Adagrad : Optimizer
    {
        internal Adagrad(IEnumerable<ParamGroup> groups, double lr, double lr_decay, double weight_decay, double initial_accumulator_value, double eps, bool maximize)
            : base(groups, new()
            {
                ["lr"] = lr, ["lr_decay"] = lr_decay, ["weight_decay"] = weight_decay, ["initial_accumulator_value"] = initial_accumulator_value, ["eps"] = eps, ["maximize"] = maximize,
            })
        {
            // PyTorch creates the state when the optimizer is built.
            foreach (var group in param_groups)
                foreach (var p in group.Parameters)
                    _state[p] = new Dictionary<string, torch.Tensor>
                    {
                        ["step"] = Keep(torch.tensor(0.0f)),
                        ["sum"] = Keep(torch.full_like(p, group.Double("initial_accumulator_value"))),
                    };
        }

        private protected override void ValidateGroup(ParamGroup g)
        {
            base.ValidateGroup(g);
            if (g.Double("lr_decay") < 0) throw new ArgumentException($"Invalid lr_decay value: {g.Double("lr_decay")}");
            if (g.Double("weight_decay") < 0) throw new ArgumentException($"Invalid weight_decay value: {g.Double("weight_decay")}");
            if (g.Double("initial_accumulator_value") < 0) throw new ArgumentException($"Invalid initial_accumulator_value value: {g.Double("initial_accumulator_value")}");
            if (g.Double("eps") < 0) throw new ArgumentException($"Invalid epsilon value: {g.Double("eps")}");
        }

        private protected override void Update(ParamGroup g, Parameter p, torch.Tensor grad, Dictionary<string, torch.Tensor> state)
        {
            if (!state.ContainsKey("sum"))
            {
                state["step"] = Keep(torch.tensor(0.0f));
                state["sum"] = Keep(torch.full_like(p, g.Double("initial_accumulator_value")));
            }
            NativeErrors.Check(tb_optim_adagrad(p.Handle, grad.Handle, state["sum"].Handle, state["step"].Handle, g.LearningRate, g.Double("lr_decay"),
                g.Double("weight_decay"), g.Double("eps"), g.Bool("maximize") ? 1 : 0));
        }
    }
}

namespace TorchSharp
{
    using TorchSharp.Modules;

    public static partial class torch
    {
        public static partial class optim
        {
            public static SGD SGD(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false) =>
                new(Optimizer.OneGroup(parameters), learningRate, momentum, dampening, weight_decay, nesterov, maximize);
            public static SGD SGD(IEnumerable<ParamGroup> parameters, double learningRate, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false) =>
                new(parameters, learningRate, momentum, dampening, weight_decay, nesterov, maximize);

            public static Adam Adam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
                new(Optimizer.OneGroup(parameters), lr, beta1, beta2, eps, weight_decay, amsgrad, maximize, false);
            public static Adam Adam(IEnumerable<ParamGroup> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
                new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize, false);

            public static AdamW AdamW(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 1e-2, bool amsgrad = false, bool maximize = false) =>
                new(Optimizer.OneGroup(parameters), lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);
            public static AdamW AdamW(IEnumerable<ParamGroup> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 1e-2, bool amsgrad = false, bool maximize = false) =>
                new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);

            public static RMSprop RMSProp(IEnumerable<Parameter> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0, double momentum = 0, bool centered = false, bool maximize = false) =>
                new(Optimizer.OneGroup(parameters), lr, alpha, eps, weight_decay, momentum, centered, maximize);
            public static RMSprop RMSProp(IEnumerable<ParamGroup> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0, double momentum = 0, bool centered = false, bool maximize = false) =>
                new(parameters, lr, alpha, eps, weight_decay, momentum, centered, maximize);
            /// <summary>Same as <see cref="RMSProp(IEnumerable{Parameter}, double, double, double, double, double, bool, bool)"/>, PyTorch's spelling.</summary>
            public static RMSprop RMSprop(IEnumerable<Parameter> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0, double momentum = 0, bool centered = false, bool maximize = false) =>
                RMSProp(parameters, lr, alpha, eps, weight_decay, momentum, centered, maximize);

            public static Adagrad Adagrad(IEnumerable<Parameter> parameters, double lr = 1e-2, double lr_decay = 0, double weight_decay = 0, double initial_accumulator_value = 0, double eps = 1e-10, bool maximize = false) =>
                new(Optimizer.OneGroup(parameters), lr, lr_decay, weight_decay, initial_accumulator_value, eps, maximize);
            public static Adagrad Adagrad(IEnumerable<ParamGroup> parameters, double lr = 1e-2, double lr_decay = 0, double weight_decay = 0, double initial_accumulator_value = 0, double eps = 1e-10, bool maximize = false) =>
                new(parameters, lr, lr_decay, weight_decay, initial_accumulator_value, eps, maximize);
        }
    }
}
