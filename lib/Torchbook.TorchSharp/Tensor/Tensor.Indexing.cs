using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp;

public static partial class torch
{
    // Python-style indexing: t[1], t[.., 0], t[mask], t[idx] = value.
    public partial class Tensor
    {
        /// <summary>Reads or writes elements with Python's indexing rules (integers, ranges, ..., None, masks, index tensors).</summary>
        public Tensor this[params TensorIndex[] indices]
        {
            get => index(indices);
            set => index_put_(value, indices);
        }

        /// <summary>Integer indexing: t[i, j] selects along the first dimensions.</summary>
        public Tensor this[params long[] indices]
        {
            get => index(indices.Select(i => TensorIndex.Single(i)).ToArray());
            set => index_put_(value, indices.Select(i => TensorIndex.Single(i)).ToArray());
        }

        private delegate T IndexCall<T>(IntPtr self, IntPtr kinds, IntPtr starts, IntPtr stops, IntPtr steps, IntPtr flags, IntPtr tensors, int n);

        private unsafe T WithIndices<T>(TensorIndex[] indices, Func<IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, int, T> call)
        {
            int n = indices.Length;
            Span<int> kinds = stackalloc int[n];
            Span<int> flags = stackalloc int[n];
            Span<long> starts = stackalloc long[n];
            Span<long> stops = stackalloc long[n];
            Span<long> steps = stackalloc long[n];
            var tensors = new IntPtr[n];
            for (int i = 0; i < n; i++)
            {
                var ix = indices[i] ?? throw new ArgumentNullException(nameof(indices), $"index item {i} is null; for a new axis use TensorIndex.None");
                kinds[i] = (int)ix.kind;
                starts[i] = ix.startIndexOrBoolOrSingle ?? 0;
                stops[i] = ix.stopIndex ?? 0;
                steps[i] = ix.step ?? 1;
                flags[i] = (ix.startIndexOrBoolOrSingle.HasValue ? 1 : 0) | (ix.stopIndex.HasValue ? 2 : 0) | (ix.step.HasValue ? 4 : 0);
                tensors[i] = ix.tensor?.Handle ?? IntPtr.Zero;
            }
            fixed (int* k = kinds) fixed (int* f = flags) fixed (long* a = starts) fixed (long* b = stops) fixed (long* c = steps) fixed (IntPtr* t = tensors)
                return call((IntPtr)k, (IntPtr)a, (IntPtr)b, (IntPtr)c, (IntPtr)f, (IntPtr)t, n);
        }

        public unsafe Tensor index(params TensorIndex[] indices)
        {
            var h = Handle;
            return Wrap(WithIndices(indices, (k, a, b, c, f, t, n) => tb_index(h, (int*)k, (long*)a, (long*)b, (long*)c, (int*)f, (IntPtr*)t, n)));
        }

        /// <summary>Writes <paramref name="value"/> (broadcast, converted to this dtype) into the indexed elements.</summary>
        public unsafe Tensor index_put_(Tensor value, params TensorIndex[] indices)
        {
            var h = Handle;
            var converted = value.dtype == dtype ? null : value.to(dtype);
            try
            {
                var v = (converted ?? value).Handle;
                NativeErrors.Check(WithIndices(indices, (k, a, b, c, f, t, n) => tb_index_put_tensor(h, (int*)k, (long*)a, (long*)b, (long*)c, (int*)f, (IntPtr*)t, n, v)));
            }
            finally { converted?.Dispose(); }
            return this;
        }

        public unsafe Tensor index_put_(Scalar value, params TensorIndex[] indices)
        {
            var h = Handle;
            NativeErrors.Check(WithIndices(indices, (k, a, b, c, f, t, n) => tb_index_put_scalar(h, (int*)k, (long*)a, (long*)b, (long*)c, (int*)f, (IntPtr*)t, n, value)));
            return this;
        }

        // Values convert to 0-dimensional tensors where a tensor is expected (t[.., 1] = 0). A
        // 0-dimensional tensor does not change the dtype of results it combines with, so doubles
        // stay exact (float64) here.
        // Scalar converts to Tensor too, which makes Scalar overloads win over Tensor ones for numbers.
        public static implicit operator Tensor(Scalar value) => value.IsFloatingPoint ? torch.tensor(value.ToDouble()) : value.IsBoolean ? torch.tensor(value.ToBoolean()) : torch.tensor(value.ToInt64());
        public static implicit operator Tensor(int value) => torch.tensor((long)value);
        public static implicit operator Tensor(long value) => torch.tensor(value);
        public static implicit operator Tensor(float value) => torch.tensor(value);
        public static implicit operator Tensor(double value) => torch.tensor(value);
        public static implicit operator Tensor(bool value) => torch.tensor(value);
    }
}
