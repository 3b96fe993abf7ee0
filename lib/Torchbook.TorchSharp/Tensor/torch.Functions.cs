using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp;

// The torch.* function forms of tensor methods (torch.exp(x) is x.exp()), and the functions that
// take several tensors (cat, stack, where, einsum).
public static partial class torch
{
    public static Tensor add(Tensor input, Tensor other) => input.add(other);
    public static Tensor add(Tensor input, Tensor other, Scalar alpha) => input.add(other, alpha);
    public static Tensor add(Tensor input, Scalar other) => input.add(other);
    public static Tensor sub(Tensor input, Tensor other) => input.sub(other);
    public static Tensor sub(Tensor input, Scalar other) => input.sub(other);
    public static Tensor mul(Tensor input, Tensor other) => input.mul(other);
    public static Tensor mul(Tensor input, Scalar other) => input.mul(other);
    public static Tensor div(Tensor input, Tensor other) => input.div(other);
    public static Tensor div(Tensor input, Scalar other) => input.div(other);
    public static Tensor remainder(Tensor input, Tensor other) => input.remainder(other);
    public static Tensor pow(Tensor input, Tensor exponent) => input.pow(exponent);
    public static Tensor pow(Tensor input, Scalar exponent) => input.pow(exponent);
    public static Tensor pow(Scalar input, Tensor exponent) => Tensor.Wrap(tb_scalar_pow(input, exponent.Handle));
    public static Tensor neg(Tensor input) => input.neg();
    public static Tensor abs(Tensor input) => input.abs();
    public static Tensor exp(Tensor input) => input.exp();
    public static Tensor log(Tensor input) => input.log();
    public static Tensor log2(Tensor input) => input.log2();
    public static Tensor log10(Tensor input) => input.log10();
    public static Tensor log1p(Tensor input) => input.log1p();
    public static Tensor sqrt(Tensor input) => input.sqrt();
    public static Tensor rsqrt(Tensor input) => input.rsqrt();
    public static Tensor square(Tensor input) => input.square();
    public static Tensor sin(Tensor input) => input.sin();
    public static Tensor cos(Tensor input) => input.cos();
    public static Tensor tan(Tensor input) => input.tan();
    public static Tensor tanh(Tensor input) => input.tanh();
    public static Tensor sigmoid(Tensor input) => input.sigmoid();
    public static Tensor relu(Tensor input) => input.relu();
    public static Tensor floor(Tensor input) => input.floor();
    public static Tensor ceil(Tensor input) => input.ceil();
    public static Tensor round(Tensor input, long decimals = 0) => input.round(decimals);
    public static Tensor trunc(Tensor input) => input.trunc();
    public static Tensor sign(Tensor input) => input.sign();
    public static Tensor reciprocal(Tensor input) => input.reciprocal();
    public static Tensor erf(Tensor input) => input.erf();
    public static Tensor clamp(Tensor input, Scalar? min = null, Scalar? max = null) => input.clamp(min, max);
    public static Tensor clip(Tensor input, Scalar? min = null, Scalar? max = null) => input.clamp(min, max);
    public static Tensor maximum(Tensor input, Tensor other) => input.maximum(other);
    public static Tensor minimum(Tensor input, Tensor other) => input.minimum(other);
    public static Tensor isnan(Tensor input) => input.isnan();
    public static Tensor isinf(Tensor input) => input.isinf();
    public static Tensor isfinite(Tensor input) => input.isfinite();
    public static Tensor eq(Tensor input, Tensor other) => input.eq(other);
    public static Tensor ne(Tensor input, Tensor other) => input.ne(other);
    public static Tensor lt(Tensor input, Tensor other) => input.lt(other);
    public static Tensor le(Tensor input, Tensor other) => input.le(other);
    public static Tensor gt(Tensor input, Tensor other) => input.gt(other);
    public static Tensor ge(Tensor input, Tensor other) => input.ge(other);
    public static bool equal(Tensor input, Tensor other) => input.equal(other);
    public static bool allclose(Tensor input, Tensor other, double rtol = 1e-05, double atol = 1e-08, bool equal_nan = false) => input.allclose(other, rtol, atol, equal_nan);
    public static Tensor isclose(Tensor input, Tensor other, double rtol = 1e-05, double atol = 1e-08, bool equal_nan = false) => input.isclose(other, rtol, atol, equal_nan);
    public static Tensor logical_not(Tensor input) => input.logical_not();
    public static Tensor logical_and(Tensor input, Tensor other) => input.logical_and(other);
    public static Tensor logical_or(Tensor input, Tensor other) => input.logical_or(other);
    public static Tensor softmax(Tensor input, long dim, ScalarType? dtype = null) => input.softmax(dim, dtype);
    public static Tensor log_softmax(Tensor input, long dim, ScalarType? dtype = null) => input.log_softmax(dim, dtype);
    public static Tensor lerp(Tensor input, Tensor end, Scalar weight) => input.lerp(end, weight);

    public static Tensor sum(Tensor input, ScalarType? type = null) => input.sum(type);
    public static Tensor sum(Tensor input, long dim, bool keepdim = false, ScalarType? type = null) => input.sum(dim, keepdim, type);
    public static Tensor sum(Tensor input, int dim, bool keepdim = false, ScalarType? type = null) => input.sum(dim, keepdim, type);
    public static Tensor mean(Tensor input, ScalarType? type = null) => input.mean(type);
    public static Tensor mean(Tensor input, long dim, bool keepdim = false, ScalarType? type = null) => input.mean(dim, keepdim, type);
    public static Tensor mean(Tensor input, int dim, bool keepdim = false, ScalarType? type = null) => input.mean(dim, keepdim, type);
    public static Tensor std(Tensor input, bool unbiased = true) => input.std(unbiased);
    public static Tensor var(Tensor input, bool unbiased = true) => input.var(unbiased);
    public static Tensor prod(Tensor input, ScalarType? type = null) => input.prod(type);
    public static Tensor max(Tensor input) => input.max();
    public static (Tensor values, Tensor indexes) max(Tensor input, long dim, bool keepdim = false) => input.max(dim, keepdim);
    public static Tensor min(Tensor input) => input.min();
    public static (Tensor values, Tensor indexes) min(Tensor input, long dim, bool keepdim = false) => input.min(dim, keepdim);
    public static Tensor argmax(Tensor input) => input.argmax();
    public static Tensor argmax(Tensor input, long dim, bool keepdim = false) => input.argmax(dim, keepdim);
    public static Tensor argmin(Tensor input) => input.argmin();
    public static Tensor argmin(Tensor input, long dim, bool keepdim = false) => input.argmin(dim, keepdim);
    public static Tensor all(Tensor input) => input.all();
    public static Tensor any(Tensor input) => input.any();
    public static Tensor cumsum(Tensor input, long dim, ScalarType? type = null) => input.cumsum(dim, type);
    public static (Tensor values, Tensor indexes) topk(Tensor input, int k, int dim = -1, bool largest = true, bool sorted = true) => input.topk(k, dim, largest, sorted);
    public static (Tensor Values, Tensor Indices) sort(Tensor input, long dim = -1, bool descending = false, bool stable = false) => input.sort(dim, descending, stable);
    public static Tensor argsort(Tensor input, long dim = -1, bool descending = false) => input.argsort(dim, descending);
    public static (Tensor output, Tensor? inverse_indices, Tensor? counts) unique(Tensor input, bool sorted = true, bool return_inverse = false, bool return_counts = false) =>
        input.unique(sorted, return_inverse, return_counts);

    public static Tensor matmul(Tensor input, Tensor other) => input.matmul(other);
    public static Tensor mm(Tensor input, Tensor mat2) => input.mm(mat2);
    public static Tensor bmm(Tensor input, Tensor mat2) => input.bmm(mat2);
    public static Tensor dot(Tensor input, Tensor other) => input.dot(other);
    public static Tensor outer(Tensor input, Tensor vec2) => input.outer(vec2);
    public static Tensor mv(Tensor input, Tensor vec) => input.mv(vec);
    public static Tensor addmm(Tensor input, Tensor mat1, Tensor mat2, Scalar beta, Scalar alpha) => input.addmm(mat1, mat2, beta, alpha);

    public static Tensor reshape(Tensor input, params long[] shape) => input.reshape(shape);
    public static Tensor flatten(Tensor input, long start_dim = 0, long end_dim = -1) => input.flatten(start_dim, end_dim);
    public static Tensor squeeze(Tensor input) => input.squeeze();
    public static Tensor squeeze(Tensor input, long dim) => input.squeeze(dim);
    public static Tensor unsqueeze(Tensor input, long dim) => input.unsqueeze(dim);
    public static Tensor permute(Tensor input, params long[] dims) => input.permute(dims);
    public static Tensor transpose(Tensor input, long dim0, long dim1) => input.transpose(dim0, dim1);
    public static Tensor t(Tensor input) => input.t();
    public static Tensor flip(Tensor input, params long[] dims) => input.flip(dims);
    public static Tensor narrow(Tensor input, long dim, long start, long length) => input.narrow(dim, start, length);
    public static Tensor[] split(Tensor input, long size, long dim = 0) => input.split(size, dim);
    public static Tensor[] chunk(Tensor input, long chunks, long dim = 0) => input.chunk(chunks, dim);
    public static Tensor[] unbind(Tensor input, long dim = 0) => input.unbind(dim);
    public static Tensor gather(Tensor input, long dim, Tensor index) => input.gather(dim, index);
    public static Tensor index_select(Tensor input, long dim, Tensor index) => input.index_select(dim, index);
    public static Tensor masked_select(Tensor input, Tensor mask) => input.masked_select(mask);
    public static Tensor nonzero(Tensor input) => input.nonzero();
    public static Tensor clone(Tensor input) => input.clone();
    public static Tensor tril(Tensor input, long diagonal = 0) => input.tril(diagonal);
    public static Tensor triu(Tensor input, long diagonal = 0) => input.triu(diagonal);
    public static Tensor diag(Tensor input, long diagonal = 0) => input.diag(diagonal);
    public static Tensor bincount(Tensor input, Tensor? weights = null, long minlength = 0) => input.bincount(weights, minlength);

    /// <summary>Elements of <paramref name="x"/> where <paramref name="condition"/> holds, of <paramref name="y"/> elsewhere.</summary>
    public static Tensor where(Tensor condition, Tensor x, Tensor y) => Tensor.Wrap(tb_where(condition.Handle, x.Handle, y.Handle));
    public static Tensor where(Tensor condition, Scalar x, Scalar y) => Tensor.Wrap(tb_where_scalar(condition.Handle, x, y));

    private static unsafe Tensor Many(IEnumerable<Tensor> tensors, Func<IntPtr, int, IntPtr> op, string what)
    {
        var handles = tensors.Select(t => t.Handle).ToArray();
        if (handles.Length == 0) throw new ArgumentException($"{what} expects a non-empty list of tensors");
        fixed (IntPtr* p = handles) return Tensor.Wrap(op((IntPtr)p, handles.Length));
    }

    /// <summary>Joins tensors along an existing dimension.</summary>
    public static unsafe Tensor cat(IList<Tensor> tensors, long dim = 0) => Many(tensors, (p, n) => tb_cat((IntPtr*)p, n, dim), "cat");
    public static Tensor concat(IList<Tensor> tensors, long dim = 0) => cat(tensors, dim);
    /// <summary>Joins tensors of equal shape along a new dimension.</summary>
    public static unsafe Tensor stack(IEnumerable<Tensor> tensors, long dim = 0) => Many(tensors, (p, n) => tb_stack((IntPtr*)p, n, dim), "stack");
    public static unsafe Tensor hstack(IList<Tensor> tensors) => Many(tensors, (p, n) => tb_hstack((IntPtr*)p, n), "hstack");
    public static unsafe Tensor vstack(IList<Tensor> tensors) => Many(tensors, (p, n) => tb_vstack((IntPtr*)p, n), "vstack");

    /// <summary>Einstein summation, e.g. <c>torch.einsum("ij,jk->ik", a, b)</c>.</summary>
    public static unsafe Tensor einsum(string equation, params Tensor[] operands) => Many(operands, (p, n) => tb_einsum(equation, (IntPtr*)p, n), "einsum");

    /// <summary>Saves a tensor in the format of Python's torch.save (readable there with torch.load). The file is replaced atomically.</summary>
    public static void save(Tensor tensor, string path) => NativeErrors.Check(tb_tensor_save(tensor.Handle, Path.GetFullPath(path)));

    /// <summary>Loads a tensor saved by <see cref="save"/> or by Python's torch.save(tensor, path).</summary>
    public static Tensor load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No tensor file at '{Path.GetFullPath(path)}'.", path);
        return Tensor.Wrap(tb_tensor_load(Path.GetFullPath(path)));
    }

    public partial class Tensor
    {
        /// <summary>Saves this tensor (see <see cref="torch.save"/>).</summary>
        public Tensor save(string path) { torch.save(this, path); return this; }
    }
}
