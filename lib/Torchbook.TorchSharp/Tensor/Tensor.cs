using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp;

public static partial class torch
{
    /// <summary>
    /// An n-dimensional array computed by libtorch. A tensor owns a native handle: dispose it (or
    /// create it inside <see cref="NewDisposeScope"/>) to free its memory promptly; the finalizer
    /// frees it otherwise.
    /// </summary>
    [Torchbook.Formatting.TypeFormatterSource(typeof(TensorFormatterSource), PreferredMimeTypes = ["text/html", "text/plain"])]
    public partial class Tensor : IDisposable
    {
        internal IntPtr handle;
        private long _reportedBytes;

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
            OwningDisposeScope = DisposeScope.RegisterOnCurrent(this);
        }

        /// <summary>Wraps a handle returned by the shim, throwing libtorch's message when it is null.</summary>
        internal static Tensor Wrap(IntPtr handle) => new(NativeErrors.Check(handle));

        ~Tensor() => Release();

        public void Dispose()
        {
            OwningDisposeScope?.MarkAsDisposed(this);
            Release();
            GC.SuppressFinalize(this);
        }

        private void Release()
        {
            var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
            if (h == IntPtr.Zero) return;
            tb_tensor_dispose(h);
            if (_reportedBytes > 0) NativeMemoryPressure.Remove(_reportedBytes);
        }

        /// <summary>True once the tensor has been disposed.</summary>
        public bool IsInvalid => handle == IntPtr.Zero;

        /// <summary>The native handle; throws a clear error when the tensor was disposed.</summary>
        public IntPtr Handle
        {
            get
            {
                var h = handle;
                if (h == IntPtr.Zero)
                    throw new ObjectDisposedException(nameof(Tensor),
                        "This tensor has been disposed (directly, or by the dispose scope it was created in). " +
                        "Keep it alive with MoveToOuterDisposeScope() or DetachFromDisposeScope(), or use it before the scope ends.");
                return h;
            }
        }

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
