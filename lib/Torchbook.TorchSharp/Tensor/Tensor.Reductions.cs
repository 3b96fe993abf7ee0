using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp;

public static partial class torch
{
    // Reductions, sorting, searching and products of matrices.
    public partial class Tensor
    {
        private unsafe Tensor Reduce(long[]? dims, delegate*<IntPtr, long*, int, int, int, IntPtr> op, bool keepdim, ScalarType? type)
        {
            fixed (long* p = dims)
                return Wrap(op(Handle, p, dims?.Length ?? -1, keepdim ? 1 : 0, DtypeArg(type)));
        }

        public unsafe Tensor sum(ScalarType? type = null) => Reduce(null, &tb_sum, false, type);
        public unsafe Tensor sum(long[] dim, bool keepdim = false, ScalarType? type = null) => Reduce(dim, &tb_sum, keepdim, type);
        public unsafe Tensor sum(long dim, bool keepdim = false, ScalarType? type = null) => Reduce([dim], &tb_sum, keepdim, type);
        // C# converts the literal 0 to any enum, so without these int overloads sum(0) would mean sum(dtype: 0).
        public Tensor sum(int dim, bool keepdim = false, ScalarType? type = null) => sum((long)dim, keepdim, type);
        public unsafe Tensor mean(ScalarType? type = null) => Reduce(null, &tb_mean, false, type);
        public unsafe Tensor mean(long[] dimensions, bool keepdim = false, ScalarType? type = null) => Reduce(dimensions, &tb_mean, keepdim, type);
        public unsafe Tensor mean(long dim, bool keepdim = false, ScalarType? type = null) => Reduce([dim], &tb_mean, keepdim, type);
        public Tensor mean(int dim, bool keepdim = false, ScalarType? type = null) => mean((long)dim, keepdim, type);
        public Tensor prod(ScalarType? type = null) => Wrap(tb_prod(Handle, 0, 0, 0, DtypeArg(type)));
        public Tensor prod(long dim, bool keepdim = false, ScalarType? type = null) => Wrap(tb_prod(Handle, dim, 1, keepdim ? 1 : 0, DtypeArg(type)));
        public Tensor prod(int dim, bool keepdim = false, ScalarType? type = null) => prod((long)dim, keepdim, type);

        private unsafe Tensor Spread(long[]? dims, bool unbiased, bool keepdim, delegate*<IntPtr, long*, int, int, int, IntPtr> op)
        {
            fixed (long* p = dims)
                return Wrap(op(Handle, p, dims?.Length ?? -1, unbiased ? 1 : 0, keepdim ? 1 : 0));
        }

        /// <summary>Standard deviation; <paramref name="unbiased"/> divides by N-1 (Bessel's correction), as PyTorch does by default.</summary>
        public unsafe Tensor std(bool unbiased = true) => Spread(null, unbiased, false, &tb_std);
        public unsafe Tensor std(long[] dimensions, bool unbiased = true, bool keepdim = false) => Spread(dimensions, unbiased, keepdim, &tb_std);
        public unsafe Tensor std(long dim, bool unbiased = true, bool keepdim = false) => Spread([dim], unbiased, keepdim, &tb_std);
        public unsafe Tensor var(bool unbiased = true) => Spread(null, unbiased, false, &tb_var);
        public unsafe Tensor var(long[] dimensions, bool unbiased = true, bool keepdim = false) => Spread(dimensions, unbiased, keepdim, &tb_var);
        public unsafe Tensor var(long dim, bool unbiased = true, bool keepdim = false) => Spread([dim], unbiased, keepdim, &tb_var);

        public unsafe Tensor norm(double p = 2.0) { return Wrap(tb_norm(Handle, p, null, -1, 0)); }
        public unsafe Tensor norm(long dim, bool keepdim = false, double p = 2.0) { long d = dim; return Wrap(tb_norm(Handle, p, &d, 1, keepdim ? 1 : 0)); }
        public unsafe Tensor logsumexp(long dim, bool keepdim = false) { long d = dim; return Wrap(tb_logsumexp(Handle, &d, 1, keepdim ? 1 : 0)); }

        /// <summary>The largest element of the whole tensor.</summary>
        public Tensor max() => Wrap(tb_max_all(Handle));
        /// <summary>The smallest element of the whole tensor.</summary>
        public Tensor min() => Wrap(tb_min_all(Handle));
        public Tensor median() => Wrap(tb_median_all(Handle));

        private unsafe (Tensor values, Tensor indexes) ValuesIndices(long dim, bool keepdim, delegate*<IntPtr, long, int, out IntPtr, out IntPtr, int> op)
        {
            NativeErrors.Check(op(Handle, dim, keepdim ? 1 : 0, out var v, out var i));
            return (new Tensor(v), new Tensor(i));
        }

        /// <summary>The largest values along <paramref name="dim"/> and where they are (dim 1 of a matrix: the maximum of each row).</summary>
        public unsafe (Tensor values, Tensor indexes) max(long dim, bool keepdim = false) => ValuesIndices(dim, keepdim, &tb_max_dim);
        public unsafe (Tensor values, Tensor indexes) min(long dim, bool keepdim = false) => ValuesIndices(dim, keepdim, &tb_min_dim);
        public unsafe (Tensor values, Tensor indexes) median(long dim, bool keepdim = false) => ValuesIndices(dim, keepdim, &tb_median_dim);
        public unsafe (Tensor values, Tensor indexes) mode(long dim = -1, bool keepdim = false) => ValuesIndices(dim, keepdim, &tb_mode_dim);

        /// <summary>The flat index of the largest element.</summary>
        public Tensor argmax() => Wrap(tb_argmax(Handle, 0, 0, 0));
        public Tensor argmax(long dim, bool keepdim = false) => Wrap(tb_argmax(Handle, dim, 1, keepdim ? 1 : 0));
        public Tensor argmin() => Wrap(tb_argmin(Handle, 0, 0, 0));
        public Tensor argmin(long dim, bool keepdim = false) => Wrap(tb_argmin(Handle, dim, 1, keepdim ? 1 : 0));
        public Tensor all() => Wrap(tb_all(Handle, 0, 0, 0));
        public Tensor all(long dim, bool keepdim = false) => Wrap(tb_all(Handle, dim, 1, keepdim ? 1 : 0));
        public Tensor any() => Wrap(tb_any(Handle, 0, 0, 0));
        public Tensor any(long dim, bool keepdim = false) => Wrap(tb_any(Handle, dim, 1, keepdim ? 1 : 0));
        public Tensor cumsum(long dim, ScalarType? type = null) => Wrap(tb_cumsum(Handle, dim, DtypeArg(type)));
        public Tensor cumprod(long dim, ScalarType? type = null) => Wrap(tb_cumprod(Handle, dim, DtypeArg(type)));
        public Tensor count_nonzero() => Wrap(tb_count_nonzero(Handle));

        public (Tensor values, Tensor indexes) topk(int k, int dim = -1, bool largest = true, bool sorted = true)
        {
            NativeErrors.Check(tb_topk(Handle, k, dim, largest ? 1 : 0, sorted ? 1 : 0, out var v, out var i));
            return (new Tensor(v), new Tensor(i));
        }

        public (Tensor Values, Tensor Indices) sort(long dim = -1, bool descending = false, bool stable = false)
        {
            NativeErrors.Check(tb_sort(Handle, dim, descending ? 1 : 0, stable ? 1 : 0, out var v, out var i));
            return (new Tensor(v), new Tensor(i));
        }

        public Tensor argsort(long dim = -1, bool descending = false) => Wrap(tb_argsort(Handle, dim, descending ? 1 : 0));

        /// <summary>The distinct elements (sorted), optionally with each element's position in them and their counts.</summary>
        public unsafe (Tensor output, Tensor? inverse_indices, Tensor? counts) unique(bool sorted = true, bool return_inverse = false, bool return_counts = false)
        {
            IntPtr inv = IntPtr.Zero, cnt = IntPtr.Zero;
            var output = Wrap(tb_unique(Handle, sorted ? 1 : 0, return_inverse ? &inv : null, return_counts ? &cnt : null));
            return (output, return_inverse ? new Tensor(inv) : null, return_counts ? new Tensor(cnt) : null);
        }

        public Tensor bincount(Tensor? weights = null, long minlength = 0) => Wrap(tb_bincount(Handle, weights?.Handle ?? IntPtr.Zero, minlength));
        public Tensor histc(long bins = 100, Scalar? min = null, Scalar? max = null) => Wrap(tb_histc(Handle, bins, min ?? 0, max ?? 0));

        public unsafe Tensor matmul(Tensor other) => Binary(other, &tb_matmul);
        public unsafe Tensor mm(Tensor other) => Binary(other, &tb_mm);
        public unsafe Tensor bmm(Tensor other) => Binary(other, &tb_bmm);
        public unsafe Tensor dot(Tensor other) => Binary(other, &tb_dot);
        public unsafe Tensor outer(Tensor other) => Binary(other, &tb_outer);
        public unsafe Tensor mv(Tensor other) => Binary(other, &tb_mv);
        public unsafe Tensor kron(Tensor other) => Binary(other, &tb_kron);
        public Tensor addmm(Tensor mat1, Tensor mat2, Scalar beta, Scalar alpha) => Wrap(tb_addmm(Handle, mat1.Handle, mat2.Handle, beta, alpha));
    }
}
