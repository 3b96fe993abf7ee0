using System.Runtime.CompilerServices;
using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp;

public static partial class torch
{
    /// <summary>
    /// An n-dimensional array computed by libtorch. A tensor owns a native handle: dispose it (or
    /// create it inside <see cref="NewDisposeScope"/>) to free its memory promptly; otherwise it is
    /// freed after the tensor has been garbage-collected.
    /// </summary>
    /// <remarks>
    /// A Tensor has no finalizer of its own (allocating a finalizable object costs about as much as a
    /// small operation). A tensor in a dispose scope is released by the scope; a tensor outside
    /// every scope gets a small finalizable guard unless it is disposed soon after it was made (see
    /// RecentTensors). The guard and the tensor refer to each other, so the guard is finalized
    /// exactly when the tensor has become unreachable, and it then releases the tensor's handle.
    /// </remarks>
    [Torchbook.Formatting.TypeFormatterSource(typeof(TensorFormatterSource), PreferredMimeTypes = ["text/html", "text/plain"])]
    public partial class Tensor : IDisposable
    {
        internal IntPtr handle;
        private long _reportedBytes;
        private FinalizerGuard? _guard;

        /// <summary>Native allocations at or above this size count towards GC memory pressure (see NativeMemoryPressure).</summary>
        private const long PressureThreshold = 16 * 1024;

        internal DisposeScope? OwningDisposeScope { get; set; }

        /// <summary>This tensor's slot in its dispose scope (see DisposeScope).</summary>
        internal int ScopeSlot { get; set; } = -1;

        internal Tensor(IntPtr handle)
        {
            this.handle = handle;
            var bytes = tb_tensor_owned_bytes(handle);
            if (bytes >= PressureThreshold)
            {
                _reportedBytes = bytes;
                NativeMemoryPressure.Add(bytes);
            }
            if (!DisposeScope.RegisterOnCurrent(this)) RecentTensors.Add(this);
        }

        /// <summary>Wraps a handle returned by the shim, throwing libtorch's message when it is null.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static Tensor Wrap(IntPtr handle) => new(NativeErrors.Check(handle));

        public void Dispose()
        {
            OwningDisposeScope?.MarkAsDisposed(this);
            Release();
        }

        /// <summary>Releases the native handle once, whoever asks first (Dispose, a scope, the guard).</summary>
        private void Release()
        {
            var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
            if (h == IntPtr.Zero) return;
            if (tb_tensor_dispose_quick(h) == 0) DisposeNative(h);
            if (_reportedBytes > 0) NativeMemoryPressure.Remove(_reportedBytes);
            var guard = _guard;
            if (guard is not null) GC.SuppressFinalize(guard);
        }

        // The full P/Invoke, kept out of Release so that the common path sets up no transition frame.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void DisposeNative(IntPtr h) => tb_tensor_dispose(h);

        /// <summary>
        /// Gives this tensor a finalizer, for when it is outside every dispose scope and may never be
        /// disposed: unscoped tensors still alive when they leave RecentTensors' window, and the
        /// tensors of a scope that was never disposed. Safe to call from several threads at once.
        /// </summary>
        internal void AttachFinalizerGuard()
        {
            if (_guard is not null || handle == IntPtr.Zero) return;
            var guard = new FinalizerGuard(this);
            // Another thread won: this guard must not finalize (it would release a live tensor).
            if (Interlocked.CompareExchange(ref _guard, guard, null) is not null) GC.SuppressFinalize(guard);
        }

        /// <summary>Finalized together with its tensor (each refers to the other); releases the tensor's handle.</summary>
        private sealed class FinalizerGuard(Tensor tensor)
        {
            ~FinalizerGuard() => tensor.Release();
        }

        /// <summary>True once the tensor has been disposed.</summary>
        public bool IsInvalid => handle == IntPtr.Zero;

        /// <summary>The native handle; throws a clear error when the tensor was disposed.</summary>
        public IntPtr Handle
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get
            {
                var h = handle;
                if (h == IntPtr.Zero) ThrowDisposed();
                return h;
            }
        }

        // Out of line, so that Handle stays small enough to be inlined into every operation.
        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        private static void ThrowDisposed() =>
            throw new ObjectDisposedException(nameof(Tensor),
                "This tensor has been disposed (directly, or by the dispose scope it was created in). " +
                "Keep it alive with MoveToOuterDisposeScope() or DetachFromDisposeScope(), or use it before the scope ends.");

        /// <summary>A friendly name, for debugging.</summary>
        public string? name { get; set; }

        /// <summary>Moves the tensor to the enclosing dispose scope (or out of scopes altogether).</summary>
        public Tensor MoveToOuterDisposeScope()
        {
            OwningDisposeScope?.MoveToOuter(this);
            return this;
        }

        /// <summary>Takes the tensor out of the dispose-scope system: it lives until disposed or collected.</summary>
        public Tensor DetachFromDisposeScope()
        {
            OwningDisposeScope?.Detach(this);
            return this;
        }

        // Attributes.

        public long[] shape
        {
            get
            {
                var h = Handle;
                var result = new long[tb_tensor_dim(h)];
                unsafe { fixed (long* p = result) tb_tensor_shape(h, p); }
                return result;
            }
        }

        /// <summary>The sizes of all dimensions (same as <see cref="shape"/>).</summary>
        public long[] size() => shape;

        /// <summary>The size of one dimension; negative numbers count from the end.</summary>
        public long size(int dim)
        {
            var s = shape;
            var d = dim < 0 ? dim + s.Length : dim;
            if (d < 0 || d >= s.Length)
                throw new ArgumentOutOfRangeException(nameof(dim), $"Dimension out of range (expected to be in range of [{-s.Length}, {s.Length - 1}], but got {dim})");
            return s[d];
        }

        public long[] stride()
        {
            var h = Handle;
            var result = new long[tb_tensor_dim(h)];
            unsafe { fixed (long* p = result) tb_tensor_strides(h, p); }
            return result;
        }

        public long stride(int dim)
        {
            var s = stride();
            return s[dim < 0 ? dim + s.Length : dim];
        }

        public long Dimensions => tb_tensor_dim(Handle);
        public long dim() => tb_tensor_dim(Handle);
        public long ndim => tb_tensor_dim(Handle);
        public long NumberOfElements => tb_tensor_numel(Handle);
        public long numel() => tb_tensor_numel(Handle);
        public long ElementSize => tb_tensor_element_size(Handle);
        public long element_size() => tb_tensor_element_size(Handle);
        public long nbytes => numel() * element_size();

        public ScalarType dtype => (ScalarType)tb_tensor_dtype(Handle);

        public DeviceType device_type => (DeviceType)tb_tensor_device_type(Handle);
        public int device_index => tb_tensor_device_index(Handle);
        public Device device => new(device_type, device_index);
        public bool is_cuda => device_type == DeviceType.CUDA;

        public bool is_contiguous() => tb_tensor_is_contiguous(Handle) != 0;
        public bool is_floating_point() => torch.is_floating_point(dtype);
        public bool is_integral() => torch.is_integral(dtype);
        public bool is_complex() => torch.is_complex(dtype);

        public override bool Equals(object? obj) => ReferenceEquals(this, obj);
        public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
    }
}
