using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp;

public static partial class torch
{
    // Views and reshaping, conversions between dtypes and devices, joining and splitting,
    // gathering and scattering.
    public partial class Tensor
    {
        private unsafe Tensor WithDims(long[] dims, delegate*<IntPtr, long*, int, IntPtr> op)
        {
            fixed (long* p = dims) return Wrap(op(Handle, p, dims.Length));
        }

        /// <summary>The same data seen with another shape (no copy; needs compatible strides, see <see cref="reshape"/>). One size may be -1.</summary>
        public unsafe Tensor view(params long[] shape) => WithDims(shape, &tb_view);
        /// <summary>Another shape for the same elements: a view when possible, a copy otherwise. One size may be -1.</summary>
        public unsafe Tensor reshape(params long[] shape) => WithDims(shape, &tb_reshape);
        public unsafe Tensor expand(params long[] sizes) => WithDims(sizes, &tb_expand);
        public unsafe Tensor repeat(params long[] repeats) => WithDims(repeats, &tb_repeat);
        public unsafe Tensor tile(params long[] reps) => WithDims(reps, &tb_tile);
        public unsafe Tensor permute(params long[] dims) => WithDims(dims, &tb_permute);
        public unsafe Tensor flip(params long[] dims) => WithDims(dims, &tb_flip);
        public unsafe Tensor roll(long[] shifts, long[] dims)
        {
            fixed (long* s = shifts) fixed (long* d = dims) return Wrap(tb_roll(Handle, s, shifts.Length, d, dims.Length));
        }
        public Tensor roll(long shift, long dim) => roll([shift], [dim]);
        public Tensor view_as(Tensor other) => view(other.shape);
        public Tensor reshape_as(Tensor other) => reshape(other.shape);
        public Tensor expand_as(Tensor other) => expand(other.shape);

        public Tensor t() => Wrap(tb_t(Handle));
        /// <summary>The transpose of a matrix (dimensions reversed).</summary>
        public Tensor T => dim() <= 2 ? t() : permute(Enumerable.Range(0, (int)dim()).Reverse().Select(i => (long)i).ToArray());
        public Tensor transpose(long dim0, long dim1) => Wrap(tb_transpose(Handle, dim0, dim1));
        public Tensor transpose_(long dim0, long dim1) { NativeErrors.Check(tb_transpose_(Handle, dim0, dim1)); return this; }
        public Tensor swapaxes(long axis0, long axis1) => transpose(axis0, axis1);
        public Tensor movedim(long source, long destination) => Wrap(tb_movedim(Handle, source, destination));
        public Tensor flatten(long start_dim = 0, long end_dim = -1) => Wrap(tb_flatten(Handle, start_dim, end_dim));
        public unsafe Tensor unflatten(long dim, params long[] sizes)
        {
            fixed (long* p = sizes) return Wrap(tb_unflatten(Handle, dim, p, sizes.Length));
        }
        public Tensor squeeze() => Wrap(tb_squeeze(Handle));
        public Tensor squeeze(long dim) => Wrap(tb_squeeze_dim(Handle, dim));
        public Tensor unsqueeze(long dim) => Wrap(tb_unsqueeze(Handle, dim));
        public Tensor unsqueeze_(long dim) { NativeErrors.Check(tb_unsqueeze_(Handle, dim)); return this; }
        public Tensor narrow(long dim, long start, long length) => Wrap(tb_narrow(Handle, dim, start, length));
        public Tensor select(long dim, long index) => Wrap(tb_select(Handle, dim, index));
        public Tensor diag(long diagonal = 0) => Wrap(tb_diag(Handle, diagonal));
        public Tensor triu(long diagonal = 0) => Wrap(tb_triu(Handle, diagonal));
        public Tensor tril(long diagonal = 0) => Wrap(tb_tril(Handle, diagonal));

        /// <summary>A contiguous tensor with the same elements (itself, aliased, when already contiguous).</summary>
        public Tensor contiguous() => Wrap(tb_tensor_contiguous(Handle));
        public Tensor clone() => Wrap(tb_tensor_clone(Handle));
        /// <summary>A new reference to the same native tensor, to be disposed on its own.</summary>
        public Tensor alias() => Wrap(tb_tensor_alias(Handle));

        // dtype and device conversions.
        public Tensor to(ScalarType type, bool copy = false) => Wrap(tb_tensor_to(Handle, (int)type, -1, -1, 0, copy ? 1 : 0));
        public Tensor to(Device device, bool copy = false) => Wrap(tb_tensor_to(Handle, -1, (int)device.type, device.index, 0, copy ? 1 : 0));
        public Tensor to(ScalarType type, Device device, bool copy = false) => Wrap(tb_tensor_to(Handle, (int)type, (int)device.type, device.index, 0, copy ? 1 : 0));
        public Tensor to(string device) => to(new Device(device));
        public Tensor to(Tensor other) => to(other.dtype, other.device);
        public Tensor to_type(ScalarType type) => to(type);
        public Tensor type(ScalarType type) => to(type);
        public Tensor @float() => to(ScalarType.Float32);
        public Tensor @double() => to(ScalarType.Float64);
        public Tensor half() => to(ScalarType.Float16);
        public Tensor bfloat16() => to(ScalarType.BFloat16);
        public Tensor @long() => to(ScalarType.Int64);
        public Tensor @int() => to(ScalarType.Int32);
        public Tensor @short() => to(ScalarType.Int16);
        public Tensor @byte() => to(ScalarType.Byte);
        public Tensor @char() => to(ScalarType.Int8);
        public Tensor @bool() => to(ScalarType.Bool);
        public Tensor cpu() => to(CPU);
        public Tensor cuda(int device_index = -1)
        {
            if (!torch.cuda.is_available())
                throw new InvalidOperationException("CUDA is not available: this libtorch was built without CUDA or no GPU is present. Check torch.cuda.is_available() first.");
            return to(new Device(DeviceType.CUDA, device_index));
        }

        // Splitting.
        private unsafe Tensor[] Parts(long capacity, Func<IntPtr, int, int> op)
        {
            var cap = (int)Math.Max(1, capacity);
            var buffer = new IntPtr[cap];
            int n;
            fixed (IntPtr* p = buffer) n = NativeErrors.Check(op((IntPtr)p, cap));
            var result = new Tensor[n];
            for (int i = 0; i < n; i++) result[i] = new Tensor(buffer[i]);
            return result;
        }

        private long SizeAlong(long dim)
        {
            var s = shape;
            if (s.Length == 0) throw new ArgumentException("cannot split a 0-dimensional tensor");
            var d = dim < 0 ? dim + s.Length : dim;
            if (d < 0 || d >= s.Length) throw new ArgumentOutOfRangeException(nameof(dim), $"Dimension out of range (expected to be in range of [{-s.Length}, {s.Length - 1}], but got {dim})");
            return s[d];
        }

        /// <summary>Pieces of <paramref name="size"/> along <paramref name="dim"/> (the last may be smaller).</summary>
        public unsafe Tensor[] split(long size, long dim = 0)
        {
            if (size <= 0) throw new ArgumentException($"split expects a positive size, got {size}");
            var h = Handle;
            return Parts(SizeAlong(dim) / size + 1, (p, cap) => tb_split(h, size, dim, (IntPtr*)p, cap));
        }

        public unsafe Tensor[] split(long[] sizes, long dim = 0)
        {
            var h = Handle;
            return Parts(sizes.Length, (p, cap) => { fixed (long* s = sizes) return tb_split_sizes(h, s, sizes.Length, dim, (IntPtr*)p, cap); });
        }

        public unsafe Tensor[] chunk(long chunks, long dim = 0)
        {
            if (chunks <= 0) throw new ArgumentException($"chunk expects a positive number of chunks, got {chunks}");
            var h = Handle;
            return Parts(chunks, (p, cap) => tb_chunk(h, chunks, dim, (IntPtr*)p, cap));
        }

        public unsafe Tensor[] unbind(long dim = 0)
        {
            var h = Handle;
            return Parts(SizeAlong(dim), (p, cap) => tb_unbind(h, dim, (IntPtr*)p, cap));
        }

        // Selecting, gathering and scattering.
        /// <summary>Elements of this tensor where <paramref name="condition"/> is true, of <paramref name="other"/> elsewhere.</summary>
        public Tensor where(Tensor condition, Tensor other) => Wrap(tb_where(condition.Handle, Handle, other.Handle));
        public Tensor masked_fill(Tensor mask, Scalar value) => Wrap(tb_masked_fill(Handle, mask.Handle, value));
        public Tensor masked_fill_(Tensor mask, Scalar value) { NativeErrors.Check(tb_masked_fill_(Handle, mask.Handle, value)); return this; }
        public Tensor masked_select(Tensor mask) => Wrap(tb_masked_select(Handle, mask.Handle));
        public Tensor gather(long dim, Tensor index) => Wrap(tb_gather(Handle, dim, index.Handle));
        public Tensor scatter(long dim, Tensor index, Tensor src) => Wrap(tb_scatter(Handle, dim, index.Handle, src.Handle));
        public Tensor scatter(long dim, Tensor index, Scalar value) => Wrap(tb_scatter_value(Handle, dim, index.Handle, value));
        public Tensor scatter_(long dim, Tensor index, Tensor src) { NativeErrors.Check(tb_scatter_(Handle, dim, index.Handle, src.Handle)); return this; }
        /// <summary>Writes <paramref name="value"/> at the positions <paramref name="index"/> gives along <paramref name="dim"/> (one-hot encoding, for example).</summary>
        public Tensor scatter_(long dim, Tensor index, Scalar value) { NativeErrors.Check(tb_scatter_value_(Handle, dim, index.Handle, value)); return this; }
        public Tensor scatter_add(long dim, Tensor index, Tensor src) => Wrap(tb_scatter_add(Handle, dim, index.Handle, src.Handle));
        public Tensor scatter_add_(long dim, Tensor index, Tensor src) { NativeErrors.Check(tb_scatter_add_(Handle, dim, index.Handle, src.Handle)); return this; }
        public Tensor index_select(long dim, Tensor index) => Wrap(tb_index_select(Handle, dim, index.Handle));
        public Tensor index_add_(long dim, Tensor index, Tensor source) { NativeErrors.Check(tb_index_add_(Handle, dim, index.Handle, source.Handle)); return this; }
        /// <summary>The indices of the non-zero elements, one row per element.</summary>
        public Tensor nonzero() => Wrap(tb_nonzero(Handle));
    }
}
