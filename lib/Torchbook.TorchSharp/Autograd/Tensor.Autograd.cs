using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp;

public static partial class torch
{
    public partial class Tensor
    {
        /// <summary>Whether operations on this tensor are recorded for automatic differentiation.</summary>
        public bool requires_grad
        {
            get => tb_tensor_requires_grad(Handle) != 0;
            set => NativeErrors.Check(tb_tensor_requires_grad_(Handle, value ? 1 : 0));
        }

        public Tensor requires_grad_(bool requires_grad = true)
        {
            NativeErrors.Check(tb_tensor_requires_grad_(Handle, requires_grad ? 1 : 0));
            return this;
        }

        /// <summary>True for tensors the user created (and results that need no gradient); only leaves keep .grad after backward().</summary>
        public bool is_leaf => tb_tensor_is_leaf(Handle) != 0;

        /// <summary>The gradient accumulated by backward(), or null when there is none yet.</summary>
        public Tensor? grad
        {
            get
            {
                var status = NativeErrors.Check(tb_grad(Handle, out var g));
                return status == 1 ? new Tensor(g) : null;
            }
            set => NativeErrors.Check(tb_set_grad(Handle, value?.Handle ?? IntPtr.Zero));
        }

        /// <summary>Keeps .grad for this non-leaf tensor after backward().</summary>
        public Tensor retain_grad()
        {
            NativeErrors.Check(tb_retain_grad(Handle));
            return this;
        }

        /// <summary>The operation that produced this tensor (null for leaves), e.g. AddBackward0.</summary>
        public GradFn? grad_fn
        {
            get
            {
                var node = tb_grad_fn(Handle);
                if (node == IntPtr.Zero)
                {
                    // null is also the error sentinel: tell the two apart.
                    if (requires_grad && !is_leaf) throw NativeErrors.Exception();
                    return null;
                }
                return new GradFn(node);
            }
        }

        /// <summary>
        /// Computes the gradient of this tensor with respect to the leaves of its graph, adding it to
        /// their .grad. A non-scalar tensor needs <paramref name="gradient"/> (the vector of a
        /// vector-Jacobian product). The graph is freed afterwards unless <paramref name="retain_graph"/>.
        /// </summary>
        public void backward(Tensor? gradient = null, bool? retain_graph = null, bool create_graph = false)
        {
            NativeErrors.Check(tb_backward(Handle, gradient?.Handle ?? IntPtr.Zero,
                retain_graph is null ? -1 : retain_graph.Value ? 1 : 0, create_graph ? 1 : 0));
        }

        /// <summary>A tensor sharing this one's data but cut off from the graph (it never requires grad).</summary>
        public Tensor detach() => Wrap(tb_tensor_detach(Handle));

        public Tensor detach_()
        {
            NativeErrors.Check(tb_tensor_detach_(Handle));
            return this;
        }
    }

    /// <summary>
    /// A node of the autograd graph: the backward function of the operation that produced a
    /// tensor. Its <see cref="next_functions"/> lead towards the leaves, as in PyTorch.
    /// </summary>
    public sealed class GradFn : IDisposable
    {
        private IntPtr _handle;

        internal GradFn(IntPtr handle) { _handle = handle; }

        private IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(GradFn));

        /// <summary>The node's name, as PyTorch's <c>grad_fn.name()</c> gives it: AddBackward0, MmBackward0, torch::autograd::AccumulateGrad.</summary>
        public string name() => System.Runtime.InteropServices.Marshal.PtrToStringUTF8(tb_node_name(Handle))!;

        /// <summary>An identity shared by every GradFn object for the same node.</summary>
        public long id => tb_node_id(Handle);

        /// <summary>The nodes of this operation's inputs (null where an input needs no gradient) and the input numbers.</summary>
        public IReadOnlyList<(GradFn? function, int input_nr)> next_functions
        {
            get
            {
                var h = Handle;
                var n = tb_node_num_next(h);
                var result = new (GradFn?, int)[n];
                for (int i = 0; i < n; i++)
                {
                    var next = tb_node_next(h, i, out var nr);
                    result[i] = (next == IntPtr.Zero ? null : new GradFn(next), nr);
                }
                return result;
            }
        }

        /// <summary>For AccumulateGrad nodes, the leaf tensor whose .grad they fill; otherwise null.</summary>
        public Tensor? variable
        {
            get
            {
                var t = tb_node_variable(Handle);
                return t == IntPtr.Zero ? null : new Tensor(t);
            }
        }

        /// <summary>As Python shows a node: <c>&lt;AddBackward0 object&gt;</c> (C++ namespaces dropped).</summary>
        public override string ToString()
        {
            var n = name();
            var cut = n.LastIndexOf("::", StringComparison.Ordinal);
            return $"<{(cut >= 0 ? n[(cut + 2)..] : n)} object>";
        }

        public void Dispose()
        {
            var h = Interlocked.Exchange(ref _handle, IntPtr.Zero);
            if (h != IntPtr.Zero) tb_node_dispose(h);
            GC.SuppressFinalize(this);
        }

        ~GradFn()
        {
            var h = Interlocked.Exchange(ref _handle, IntPtr.Zero);
            if (h != IntPtr.Zero) tb_node_dispose(h);
        }
    }
}
