namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// A module computing <typeparamref name="TResult"/> from one input. Subclasses implement
        /// <see cref="forward"/>; <see cref="call"/> runs it together with the forward hooks.
        /// </summary>
        public abstract class Module<T, TResult> : Module
        {
            private List<Func<Module<T, TResult>, T, TResult, TResult?>>? _forwardHooks;
            private List<Func<Module<T, TResult>, T, T?>>? _preHooks;

            protected Module() { }
            protected Module(string name) : base(name) { }

            /// <summary>The computation.</summary>
            public abstract TResult forward(T input);

            /// <summary>
            /// The layers of this library run their forward hooks from forward() itself, so hooks
            /// fire however they are called; user modules run them from <see cref="call"/>.
            /// </summary>
            internal virtual bool HooksRunInForward => false;

            internal bool HasForwardHooks => _forwardHooks is { Count: > 0 };

            /// <summary>Runs the pre-hooks, forward and the forward hooks (PyTorch's <c>module(x)</c>).</summary>
            public TResult call(T input)
            {
                if (HooksRunInForward) return forward(input);
                input = RunPreHooks(input);
                return RunHooks(input, forward(input));
            }

            private T RunPreHooks(T input)
            {
                if (_preHooks is null) return input;
                foreach (var h in _preHooks.ToArray())
                {
                    var replaced = h(this, input);
                    if (replaced is not null) input = replaced;
                }
                return input;
            }

            /// <summary>Runs the forward hooks on a result; a hook returning non-null replaces it.</summary>
            protected TResult RunHooks(T input, TResult output)
            {
                if (_forwardHooks is not null)
                {
                    foreach (var h in _forwardHooks.ToArray())
                    {
                        var replaced = h(this, input, output);
                        if (replaced is not null) output = replaced;
                    }
                }
                RunAnyForwardHooks(input, output);
                return output;
            }

            /// <summary>Registers a hook called after every forward with the module, its input and its output (return null to keep the output).</summary>
            public HookHandle register_forward_hook(Func<Module<T, TResult>, T, TResult, TResult?> hook)
            {
                (_forwardHooks ??= new()).Add(hook);
                return new HookHandle(() => _forwardHooks?.Remove(hook));
            }

            /// <summary>Registers a hook called before every forward call (return null to keep the input). Built-in layers run it only through call().</summary>
            public HookHandle register_forward_pre_hook(Func<Module<T, TResult>, T, T?> hook)
            {
                (_preHooks ??= new()).Add(hook);
                return new HookHandle(() => _preHooks?.Remove(hook));
            }
        }

        /// <summary>A module of two inputs (the losses: input and target).</summary>
        public abstract class Module<T1, T2, TResult> : Module
        {
            protected Module() { }
            protected Module(string name) : base(name) { }

            public abstract TResult forward(T1 input1, T2 input2);

            public TResult call(T1 input1, T2 input2)
            {
                var output = forward(input1, input2);
                RunAnyForwardHooks(input1, output);
                return output;
            }
        }

        /// <summary>Base of this library's one-tensor layers: hooks run from forward() itself.</summary>
        public abstract class Layer : Module<Tensor, Tensor>
        {
            protected Layer(string name) : base(name) { }
            internal override bool HooksRunInForward => true;

            public sealed override Tensor forward(Tensor input) => RunHooks(input, Compute(input ?? throw new ArgumentNullException(nameof(input))));

            /// <summary>The layer's computation.</summary>
            protected abstract Tensor Compute(Tensor input);
        }
    }
}
