using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp;

public static partial class torch
{
    /// <summary>
    /// Restores the previous gradient mode when disposed. Grad mode belongs to the thread, as in
    /// PyTorch: <c>using (torch.no_grad()) { ... }</c>.
    /// </summary>
    public sealed class GradModeGuard : IDisposable
    {
        private readonly bool _previous;
        private bool _disposed;

        internal GradModeGuard(bool enabled)
        {
            _previous = tb_grad_enabled() != 0;
            tb_set_grad_enabled(enabled ? 1 : 0);
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            tb_set_grad_enabled(_previous ? 1 : 0);
        }
    }

    /// <summary>Stops recording operations for autograd until the returned guard is disposed (evaluation, weight updates).</summary>
    public static GradModeGuard no_grad() => new(false);

    /// <summary>Turns recording back on inside a no_grad block, until the guard is disposed.</summary>
    public static GradModeGuard enable_grad(bool enabled = true) => new(enabled);

    /// <summary>Sets gradient recording on or off for this thread; dispose the result to restore the previous mode.</summary>
    public static GradModeGuard set_grad_enabled(bool enabled) => new(enabled);

    public static bool is_grad_enabled() => tb_grad_enabled() != 0;

    public static partial class autograd
    {
        /// <summary>
        /// The gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/>,
        /// returned rather than accumulated into .grad. An input the outputs do not depend on
        /// gives null when <paramref name="allow_unused"/>, an error otherwise.
        /// </summary>
        public static unsafe IList<Tensor?> grad(IList<Tensor> outputs, IList<Tensor> inputs, IList<Tensor>? grad_outputs = null,
            bool? retain_graph = null, bool create_graph = false, bool allow_unused = false)
        {
            var outs = outputs.Select(t => t.Handle).ToArray();
            var ins = inputs.Select(t => t.Handle).ToArray();
            var gouts = grad_outputs?.Select(t => t?.Handle ?? IntPtr.Zero).ToArray();
            if (gouts is not null && gouts.Length != outs.Length)
                throw new ArgumentException($"grad_outputs has {gouts.Length} tensors but there are {outs.Length} outputs");
            var result = new IntPtr[ins.Length];
            fixed (IntPtr* o = outs) fixed (IntPtr* i = ins) fixed (IntPtr* g = gouts) fixed (IntPtr* r = result)
                NativeErrors.Check(tb_autograd_grad(o, outs.Length, i, ins.Length, g, retain_graph is null ? -1 : retain_graph.Value ? 1 : 0,
                    create_graph ? 1 : 0, allow_unused ? 1 : 0, r));
            return result.Select(h => h == IntPtr.Zero ? null : new Tensor(h)).ToList();
        }
    }
}
