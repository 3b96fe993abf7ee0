using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp.Modules
{
    /// <summary>
    /// A tensor that is a module's learnable parameter: a leaf that requires grad (unless frozen),
    /// shares storage with the data it was made from, and prints as PyTorch prints one
    /// ("Parameter containing:\ntensor(...)"). Modules own their parameters: they are kept out of
    /// dispose scopes and disposed with the module.
    /// </summary>
    public class Parameter : torch.Tensor
    {
        /// <summary>A parameter sharing <paramref name="data"/>'s storage; <paramref name="data"/> stays valid and is still the caller's.</summary>
        public Parameter(torch.Tensor data, bool requires_grad = true)
            : base(NativeErrors.Check(tb_nn_parameter((data ?? throw new ArgumentNullException(nameof(data))).Handle, requires_grad ? 1 : 0)))
        {
            DetachFromDisposeScope();
        }

        /// <summary>PyTorch's repr of a parameter.</summary>
        public override string ToString() =>
            IsInvalid ? "Parameter(<disposed>)" : TensorFormatter.Repr(PrintData(PrintOptions.Current) with { IsParameter = true }, PrintOptions.Current);
    }
}

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Makes a parameter from a tensor (PyTorch's <c>nn.Parameter(data, requires_grad)</c>).</summary>
            public static Modules.Parameter Parameter(Tensor data, bool requires_grad = true) => new(data, requires_grad);
        }
    }
}
