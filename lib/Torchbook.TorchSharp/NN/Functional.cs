using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>The functional forms of the layers (PyTorch's torch.nn.functional, "F").</summary>
        public static partial class functional
        {
            private static IntPtr H(Tensor? t) => t?.Handle ?? IntPtr.Zero;

            /// <summary>A per-dimension argument: one value repeated, or exactly <paramref name="n"/> values.</summary>
            internal static long[] Expand(long[]? values, int n, long fallback, string what)
            {
                if (values is null || values.Length == 0) return Enumerable.Repeat(fallback, n).ToArray();
                if (values.Length == 1) return Enumerable.Repeat(values[0], n).ToArray();
                if (values.Length != n) throw new ArgumentException($"{what} must have {n} elements (one per spatial dimension) or 1, but got {values.Length}");
                return values;
            }

            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) => Tensor.Wrap(tb_nn_linear(input.Handle, weight.Handle, H(bias)));

            public static Tensor bilinear(Tensor input1, Tensor input2, Tensor weight, Tensor? bias = null) =>
                Tensor.Wrap(tb_nn_bilinear(input1.Handle, input2.Handle, weight.Handle, H(bias)));

            // Activations.
            public static Tensor relu(Tensor x, bool inplace = false) => inplace ? x.relu_() : x.relu();
            public static Tensor relu6(Tensor x, bool inplace = false) => inplace ? x.clamp_(0, 6) : x.hardtanh(0, 6);
            public static Tensor leaky_relu(Tensor x, double negative_slope = 0.01, bool inplace = false) =>
                inplace ? x.leaky_relu_(negative_slope) : x.leaky_relu(negative_slope);
            public static Tensor gelu(Tensor x, string approximate = "none") => x.gelu(approximate);
            public static Tensor silu(Tensor x) => x.silu();
            public static Tensor elu(Tensor x, double alpha = 1.0) => x.elu(alpha);
            public static Tensor sigmoid(Tensor x) => x.sigmoid();
            public static Tensor tanh(Tensor x) => x.tanh();
            public static Tensor softplus(Tensor x, double beta = 1, double threshold = 20) => x.softplus(beta, threshold);
            public static Tensor hardtanh(Tensor x, double min_val = -1, double max_val = 1) => x.hardtanh(min_val, max_val);
            public static Tensor softmax(Tensor input, long dim, ScalarType? dtype = null) => input.softmax(dim, dtype);
            public static Tensor log_softmax(Tensor input, long dim, ScalarType? dtype = null) => input.log_softmax(dim, dtype);

            // Dropout.
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true, bool inplace = false) => Dropout(input, p, training, 0, inplace);
            /// <summary>Zeroes whole channels (dimension 1) with probability p: Dropout2d's computation.</summary>
            public static Tensor dropout2d(Tensor input, double p = 0.5, bool training = true, bool inplace = false) => Dropout(input, p, training, 1, inplace);
            public static Tensor dropout1d(Tensor input, double p = 0.5, bool training = true, bool inplace = false) => Dropout(input, p, training, 1, inplace);

            private static Tensor Dropout(Tensor input, double p, bool training, int kind, bool inplace)
            {
                if (p < 0 || p > 1) throw new ArgumentException($"dropout probability has to be between 0 and 1, but got {p}");
                var r = Tensor.Wrap(tb_nn_dropout(input.Handle, p, training ? 1 : 0, kind, inplace ? 1 : 0));
                if (!inplace) return r;
                r.Dispose();
                return input;
            }

            // Convolution.
            public static unsafe Tensor conv1d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? dilation = null, long groups = 1) =>
                Conv(1, input, weight, bias, stride, padding, dilation, groups, null);
            public static unsafe Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? dilation = null, long groups = 1) =>
                Conv(2, input, weight, bias, stride, padding, dilation, groups, null);
            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias, long[]? stride, Padding padding, long[]? dilation = null, long groups = 1) =>
                Conv(2, input, weight, bias, stride, null, dilation, groups, padding == Padding.Same ? "same" : "valid");
            public static Tensor conv1d(Tensor input, Tensor weight, Tensor? bias, long[]? stride, Padding padding, long[]? dilation = null, long groups = 1) =>
                Conv(1, input, weight, bias, stride, null, dilation, groups, padding == Padding.Same ? "same" : "valid");

            internal static unsafe Tensor Conv(int nd, Tensor input, Tensor weight, Tensor? bias, long[]? stride, long[]? padding, long[]? dilation, long groups, string? mode)
            {
                var s = Expand(stride, nd, 1, "stride");
                var p = Expand(padding, nd, 0, "padding");
                var d = Expand(dilation, nd, 1, "dilation");
                fixed (long* ps = s, pp = p, pd = d)
                    return Tensor.Wrap(tb_nn_conv(nd, input.Handle, weight.Handle, H(bias), ps, pp, pd, groups, mode));
            }

            public static Tensor conv_transpose1d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? output_padding = null, long groups = 1, long[]? dilation = null) =>
                ConvTranspose(1, input, weight, bias, stride, padding, output_padding, groups, dilation);
            public static Tensor conv_transpose2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? output_padding = null, long groups = 1, long[]? dilation = null) =>
                ConvTranspose(2, input, weight, bias, stride, padding, output_padding, groups, dilation);

            internal static unsafe Tensor ConvTranspose(int nd, Tensor input, Tensor weight, Tensor? bias, long[]? stride, long[]? padding, long[]? output_padding, long groups, long[]? dilation)
            {
                var s = Expand(stride, nd, 1, "stride");
                var p = Expand(padding, nd, 0, "padding");
                var op = Expand(output_padding, nd, 0, "output_padding");
                var d = Expand(dilation, nd, 1, "dilation");
                fixed (long* ps = s, pp = p, pop = op, pd = d)
                    return Tensor.Wrap(tb_nn_conv_transpose(nd, input.Handle, weight.Handle, H(bias), ps, pp, pop, groups, pd));
            }

            // Pooling.
            public static Tensor max_pool1d(Tensor input, long kernel_size, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false) =>
                MaxPool(1, input, [kernel_size], stride is null ? null : [stride.Value], [padding], [dilation], ceil_mode);
            public static Tensor max_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null, long[]? dilation = null, bool ceil_mode = false) =>
                MaxPool(2, input, kernel_size, stride, padding, dilation, ceil_mode);
            public static Tensor max_pool2d(Tensor input, long kernel_size, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false) =>
                MaxPool(2, input, [kernel_size], stride is null ? null : [stride.Value], [padding], [dilation], ceil_mode);

            internal static unsafe Tensor MaxPool(int nd, Tensor input, long[] kernel, long[]? stride, long[]? padding, long[]? dilation, bool ceil_mode)
            {
                var k = Expand(kernel, nd, 1, "kernel_size");
                var s = stride is null || stride.Length == 0 ? k : Expand(stride, nd, 1, "stride");
                var p = Expand(padding, nd, 0, "padding");
                var d = Expand(dilation, nd, 1, "dilation");
                fixed (long* pk = k, ps = s, pp = p, pd = d)
                    return Tensor.Wrap(tb_nn_max_pool(nd, input.Handle, pk, ps, pp, pd, ceil_mode ? 1 : 0, null));
            }

            /// <summary>Max pooling that also returns where each maximum came from (for max_unpool).</summary>
            public static unsafe (Tensor output, Tensor indices) max_pool2d_with_indices(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null, long[]? dilation = null, bool ceil_mode = false)
            {
                var k = Expand(kernel_size, 2, 1, "kernel_size");
                var s = stride is null || stride.Length == 0 ? k : Expand(stride, 2, 1, "stride");
                var p = Expand(padding, 2, 0, "padding");
                var d = Expand(dilation, 2, 1, "dilation");
                IntPtr idx;
                fixed (long* pk = k, ps = s, pp = p, pd = d)
                {
                    var output = Tensor.Wrap(tb_nn_max_pool(2, input.Handle, pk, ps, pp, pd, ceil_mode ? 1 : 0, &idx));
                    return (output, new Tensor(idx));
                }
            }

            public static Tensor avg_pool1d(Tensor input, long kernel_size, long? stride = null, long padding = 0, bool ceil_mode = false, bool count_include_pad = true) =>
                AvgPool(1, input, [kernel_size], stride is null ? null : [stride.Value], [padding], ceil_mode, count_include_pad);
            public static Tensor avg_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null, bool ceil_mode = false, bool count_include_pad = true) =>
                AvgPool(2, input, kernel_size, stride, padding, ceil_mode, count_include_pad);
            public static Tensor avg_pool2d(Tensor input, long kernel_size, long? stride = null, long padding = 0, bool ceil_mode = false, bool count_include_pad = true) =>
                AvgPool(2, input, [kernel_size], stride is null ? null : [stride.Value], [padding], ceil_mode, count_include_pad);

            internal static unsafe Tensor AvgPool(int nd, Tensor input, long[] kernel, long[]? stride, long[]? padding, bool ceil_mode, bool count_include_pad)
            {
                var k = Expand(kernel, nd, 1, "kernel_size");
                var s = stride is null || stride.Length == 0 ? k : Expand(stride, nd, 1, "stride");
                var p = Expand(padding, nd, 0, "padding");
                fixed (long* pk = k, ps = s, pp = p)
                    return Tensor.Wrap(tb_nn_avg_pool(nd, input.Handle, pk, ps, pp, ceil_mode ? 1 : 0, count_include_pad ? 1 : 0));
            }

            public static Tensor adaptive_avg_pool1d(Tensor input, long output_size) => AdaptivePool(1, input, [output_size], false);
            public static Tensor adaptive_avg_pool2d(Tensor input, long[] output_size) => AdaptivePool(2, input, output_size, false);
            public static Tensor adaptive_avg_pool2d(Tensor input, long output_size) => AdaptivePool(2, input, [output_size], false);
            public static Tensor adaptive_max_pool1d(Tensor input, long output_size) => AdaptivePool(1, input, [output_size], true);
            public static Tensor adaptive_max_pool2d(Tensor input, long[] output_size) => AdaptivePool(2, input, output_size, true);
            public static Tensor adaptive_max_pool2d(Tensor input, long output_size) => AdaptivePool(2, input, [output_size], true);

            internal static unsafe Tensor AdaptivePool(int nd, Tensor input, long[] output_size, bool max)
            {
                var o = Expand(output_size, nd, 1, "output_size");
                // None in PyTorch (here -1) keeps the input's size in that dimension.
                for (int i = 0; i < nd; i++)
                    if (o[i] < 0) o[i] = input.size(-(nd - i));
                fixed (long* po = o)
                    return Tensor.Wrap(max ? tb_nn_adaptive_max_pool(nd, input.Handle, po) : tb_nn_adaptive_avg_pool(nd, input.Handle, po));
            }

            // Normalisation.
            public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null, Tensor? bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5) =>
                Tensor.Wrap(tb_nn_batch_norm(input.Handle, H(weight), H(bias), H(running_mean), H(running_var), training ? 1 : 0, momentum, eps));

            public static unsafe Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
            {
                fixed (long* p = normalized_shape)
                    return Tensor.Wrap(tb_nn_layer_norm(input.Handle, p, normalized_shape.Length, H(weight), H(bias), eps));
            }

            public static Tensor group_norm(Tensor input, long num_groups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5) =>
                Tensor.Wrap(tb_nn_group_norm(input.Handle, num_groups, H(weight), H(bias), eps));

            // Embedding, one-hot.
            public static Tensor embedding(Tensor input, Tensor weight, long? padding_idx = null, double? max_norm = null, double norm_type = 2.0, bool scale_grad_by_freq = false, bool sparse = false)
            {
                long pad = -1;
                if (padding_idx is long p)
                {
                    var rows = weight.size(0);
                    if (p >= rows || p < -rows) throw new ArgumentException("Padding_idx must be within num_embeddings");
                    pad = p < 0 ? p + rows : p;
                }
                if (max_norm is double mn) NativeErrors.Check(tb_nn_embedding_renorm_(weight.Handle, input.Handle, mn, norm_type));
                return Tensor.Wrap(tb_nn_embedding(weight.Handle, input.Handle, pad, scale_grad_by_freq ? 1 : 0, sparse ? 1 : 0));
            }

            public static Tensor one_hot(Tensor x, long num_classes = -1) => Tensor.Wrap(tb_nn_one_hot(x.Handle, num_classes));

            public static Tensor pixel_shuffle(Tensor input, long upscale_factor) => Tensor.Wrap(tb_nn_pixel_shuffle(input.Handle, upscale_factor));

            public static Tensor cosine_similarity(Tensor x1, Tensor x2, long dim = 1, double eps = 1e-8) => Tensor.Wrap(tb_nn_cosine_similarity(x1.Handle, x2.Handle, dim, eps));

            // Padding and resizing.

            /// <summary>Pads the last dimensions: <paramref name="pad"/> lists (left, right) pairs starting from the last dimension.</summary>
            public static unsafe Tensor pad(Tensor input, long[] pad, PaddingModes mode = PaddingModes.Constant, double value = 0)
            {
                ArgumentNullException.ThrowIfNull(pad);
                if (pad.Length % 2 != 0) throw new ArgumentException("Padding length must be divisible by 2");
                if (pad.Length / 2 > input.dim()) throw new ArgumentException("Padding length too large");
                int m = mode switch { PaddingModes.Constant or PaddingModes.Zeros => 0, PaddingModes.Reflect => 1, PaddingModes.Replicate => 2, _ => 3 };
                fixed (long* p = pad)
                    return Tensor.Wrap(tb_nn_pad(input.Handle, p, pad.Length, m, value));
            }

            /// <summary>Resizes the spatial dimensions to <paramref name="size"/> or by <paramref name="scale_factor"/> (give one).</summary>
            public static unsafe Tensor interpolate(Tensor x, long[]? size = null, double[]? scale_factor = null, InterpolationMode mode = InterpolationMode.Nearest, bool? align_corners = null)
            {
                if ((size is null) == (scale_factor is null)) throw new ArgumentException("only one of size or scale_factor should be defined");
                if (align_corners is not null && mode == InterpolationMode.Nearest)
                    throw new ArgumentException("align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear");
                int spatial = (int)x.dim() - 2;
                if (spatial < 1) throw new ArgumentException($"interpolate expects a batch of channels (N, C, d1, ...), but got a {x.dim()}D input");
                var s = size is null ? null : Expand(size, spatial, 1, "size");
                double[]? f = scale_factor is null ? null : scale_factor.Length == 1 ? Enumerable.Repeat(scale_factor[0], spatial).ToArray() : scale_factor;
                if (f is not null && f.Length != spatial)
                    throw new ArgumentException($"Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of {spatial} and scale_factor of {f.Length}.");
                fixed (long* ps = s)
                fixed (double* pf = f)
                    return Tensor.Wrap(tb_nn_interpolate(x.Handle, (int)mode, ps, pf, spatial, align_corners == true ? 1 : 0, align_corners is null ? 0 : 1));
            }

            public static Tensor upsample(Tensor x, long[]? size = null, double[]? scale_factor = null, UpsampleMode mode = UpsampleMode.Nearest, bool? align_corners = null) =>
                interpolate(x, size, scale_factor, (InterpolationMode)(int)mode, align_corners);
        }
    }
}
