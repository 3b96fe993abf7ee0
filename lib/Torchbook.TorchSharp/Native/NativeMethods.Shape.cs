using System.Runtime.InteropServices;

namespace TorchSharp.Native;

// Entry points of lib/native/src/tb_reduce.cpp and tb_shape.cpp.
internal static unsafe partial class NativeMethods
{
    // Reductions (ndims -1: over all elements; dtype -1: not given).
    [DllImport(Lib)] internal static extern IntPtr tb_sum(IntPtr a, long* dims, int ndims, int keepdim, int dtype);
    [DllImport(Lib)] internal static extern IntPtr tb_mean(IntPtr a, long* dims, int ndims, int keepdim, int dtype);
    [DllImport(Lib)] internal static extern IntPtr tb_prod(IntPtr a, long dim, int hasDim, int keepdim, int dtype);
    [DllImport(Lib)] internal static extern IntPtr tb_std(IntPtr a, long* dims, int ndims, int unbiased, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr tb_var(IntPtr a, long* dims, int ndims, int unbiased, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr tb_norm(IntPtr a, double p, long* dims, int ndims, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr tb_logsumexp(IntPtr a, long* dims, int ndims, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr tb_max_all(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr tb_min_all(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr tb_median_all(IntPtr a);
    [DllImport(Lib)] internal static extern int tb_max_dim(IntPtr a, long dim, int keepdim, out IntPtr values, out IntPtr indices);
    [DllImport(Lib)] internal static extern int tb_min_dim(IntPtr a, long dim, int keepdim, out IntPtr values, out IntPtr indices);
    [DllImport(Lib)] internal static extern int tb_median_dim(IntPtr a, long dim, int keepdim, out IntPtr values, out IntPtr indices);
    [DllImport(Lib)] internal static extern int tb_mode_dim(IntPtr a, long dim, int keepdim, out IntPtr values, out IntPtr indices);
    [DllImport(Lib)] internal static extern IntPtr tb_argmax(IntPtr a, long dim, int hasDim, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr tb_argmin(IntPtr a, long dim, int hasDim, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr tb_all(IntPtr a, long dim, int hasDim, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr tb_any(IntPtr a, long dim, int hasDim, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr tb_cumsum(IntPtr a, long dim, int dtype);
    [DllImport(Lib)] internal static extern IntPtr tb_cumprod(IntPtr a, long dim, int dtype);
    [DllImport(Lib)] internal static extern IntPtr tb_count_nonzero(IntPtr a);
    [DllImport(Lib)] internal static extern int tb_topk(IntPtr a, long k, long dim, int largest, int sorted, out IntPtr values, out IntPtr indices);
    [DllImport(Lib)] internal static extern int tb_sort(IntPtr a, long dim, int descending, int stable, out IntPtr values, out IntPtr indices);
    [DllImport(Lib)] internal static extern IntPtr tb_argsort(IntPtr a, long dim, int descending);
    [DllImport(Lib)] internal static extern IntPtr tb_unique(IntPtr a, int sorted, IntPtr* inverse, IntPtr* counts);
    [DllImport(Lib)] internal static extern IntPtr tb_bincount(IntPtr a, IntPtr weights, long minlength);
    [DllImport(Lib)] internal static extern IntPtr tb_histc(IntPtr a, long bins, Scalar min, Scalar max);
    [DllImport(Lib)] internal static extern IntPtr tb_matmul(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr tb_mm(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr tb_bmm(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr tb_dot(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr tb_outer(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr tb_mv(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr tb_kron(IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr tb_addmm(IntPtr self, IntPtr m1, IntPtr m2, Scalar beta, Scalar alpha);
    [DllImport(Lib)] internal static extern IntPtr tb_einsum([MarshalAs(UnmanagedType.LPUTF8Str)] string equation, IntPtr* operands, int n);

    // Shapes and views.
    [DllImport(Lib)] internal static extern IntPtr tb_view(IntPtr a, long* shape, int n);
    [DllImport(Lib)] internal static extern IntPtr tb_reshape(IntPtr a, long* shape, int n);
    [DllImport(Lib)] internal static extern IntPtr tb_expand(IntPtr a, long* shape, int n);
    [DllImport(Lib)] internal static extern IntPtr tb_repeat(IntPtr a, long* reps, int n);
    [DllImport(Lib)] internal static extern IntPtr tb_tile(IntPtr a, long* reps, int n);
    [DllImport(Lib)] internal static extern IntPtr tb_permute(IntPtr a, long* dims, int n);
    [DllImport(Lib)] internal static extern IntPtr tb_flip(IntPtr a, long* dims, int n);
    [DllImport(Lib)] internal static extern IntPtr tb_roll(IntPtr a, long* shifts, int ns, long* dims, int nd);
    [DllImport(Lib)] internal static extern IntPtr tb_t(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr tb_transpose(IntPtr a, long d0, long d1);
    [DllImport(Lib)] internal static extern int tb_transpose_(IntPtr a, long d0, long d1);
    [DllImport(Lib)] internal static extern IntPtr tb_movedim(IntPtr a, long src, long dst);
    [DllImport(Lib)] internal static extern IntPtr tb_flatten(IntPtr a, long start, long end);
    [DllImport(Lib)] internal static extern IntPtr tb_unflatten(IntPtr a, long dim, long* sizes, int n);
    [DllImport(Lib)] internal static extern IntPtr tb_squeeze(IntPtr a);
    [DllImport(Lib)] internal static extern IntPtr tb_squeeze_dim(IntPtr a, long dim);
    [DllImport(Lib)] internal static extern IntPtr tb_unsqueeze(IntPtr a, long dim);
    [DllImport(Lib)] internal static extern int tb_unsqueeze_(IntPtr a, long dim);
    [DllImport(Lib)] internal static extern IntPtr tb_narrow(IntPtr a, long dim, long start, long length);
    [DllImport(Lib)] internal static extern IntPtr tb_select(IntPtr a, long dim, long index);
    [DllImport(Lib)] internal static extern IntPtr tb_diag(IntPtr a, long diagonal);
    [DllImport(Lib)] internal static extern IntPtr tb_triu(IntPtr a, long diagonal);
    [DllImport(Lib)] internal static extern IntPtr tb_tril(IntPtr a, long diagonal);
    [DllImport(Lib)] internal static extern IntPtr tb_cat(IntPtr* ts, int n, long dim);
    [DllImport(Lib)] internal static extern IntPtr tb_stack(IntPtr* ts, int n, long dim);
    [DllImport(Lib)] internal static extern IntPtr tb_hstack(IntPtr* ts, int n);
    [DllImport(Lib)] internal static extern IntPtr tb_vstack(IntPtr* ts, int n);
    [DllImport(Lib)] internal static extern int tb_split(IntPtr a, long size, long dim, IntPtr* output, int cap);
    [DllImport(Lib)] internal static extern int tb_split_sizes(IntPtr a, long* sizes, int n, long dim, IntPtr* output, int cap);
    [DllImport(Lib)] internal static extern int tb_chunk(IntPtr a, long chunks, long dim, IntPtr* output, int cap);
    [DllImport(Lib)] internal static extern int tb_unbind(IntPtr a, long dim, IntPtr* output, int cap);
    [DllImport(Lib)] internal static extern IntPtr tb_where(IntPtr cond, IntPtr a, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr tb_where_scalar(IntPtr cond, Scalar a, Scalar b);
    [DllImport(Lib)] internal static extern IntPtr tb_masked_fill(IntPtr a, IntPtr mask, Scalar value);
    [DllImport(Lib)] internal static extern int tb_masked_fill_(IntPtr a, IntPtr mask, Scalar value);
    [DllImport(Lib)] internal static extern IntPtr tb_masked_select(IntPtr a, IntPtr mask);
    [DllImport(Lib)] internal static extern IntPtr tb_gather(IntPtr a, long dim, IntPtr index);
    [DllImport(Lib)] internal static extern IntPtr tb_scatter(IntPtr a, long dim, IntPtr index, IntPtr src);
    [DllImport(Lib)] internal static extern IntPtr tb_scatter_value(IntPtr a, long dim, IntPtr index, Scalar value);
    [DllImport(Lib)] internal static extern int tb_scatter_(IntPtr a, long dim, IntPtr index, IntPtr src);
    [DllImport(Lib)] internal static extern int tb_scatter_value_(IntPtr a, long dim, IntPtr index, Scalar value);
    [DllImport(Lib)] internal static extern int tb_scatter_add_(IntPtr a, long dim, IntPtr index, IntPtr src);
    [DllImport(Lib)] internal static extern IntPtr tb_scatter_add(IntPtr a, long dim, IntPtr index, IntPtr src);
    [DllImport(Lib)] internal static extern IntPtr tb_index_select(IntPtr a, long dim, IntPtr index);
    [DllImport(Lib)] internal static extern IntPtr tb_nonzero(IntPtr a);
    [DllImport(Lib)] internal static extern int tb_index_add_(IntPtr a, long dim, IntPtr index, IntPtr src);
    [DllImport(Lib)] internal static extern IntPtr tb_index(IntPtr a, int* kinds, long* starts, long* stops, long* steps, int* flags, IntPtr* tensors, int n);
    [DllImport(Lib)] internal static extern int tb_index_put_tensor(IntPtr a, int* kinds, long* starts, long* stops, long* steps, int* flags, IntPtr* tensors, int n, IntPtr value);
    [DllImport(Lib)] internal static extern int tb_index_put_scalar(IntPtr a, int* kinds, long* starts, long* stops, long* steps, int* flags, IntPtr* tensors, int n, Scalar value);
}
