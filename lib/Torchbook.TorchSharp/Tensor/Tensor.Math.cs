using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp;

/// <summary>How <c>div</c> rounds its result (PyTorch's rounding_mode).</summary>
public enum RoundingMode { None, trunc, floor }

public static partial class torch
{
    // Element-wise math on tensors. Each op returns a new tensor; the forms ending in _ work in
    // place and return the same tensor.
    public partial class Tensor
    {
        private unsafe Tensor Unary(delegate*<IntPtr, IntPtr> op) => Wrap(op(Handle));
        private unsafe Tensor InPlace(delegate*<IntPtr, int> op) { NativeErrors.Check(op(Handle)); return this; }
        private unsafe Tensor Binary(Tensor other, delegate*<IntPtr, IntPtr, IntPtr> op) => Wrap(op(Handle, other.Handle));
        private unsafe Tensor Binary(Scalar other, delegate*<IntPtr, Scalar, IntPtr> op) => Wrap(op(Handle, other));
        private unsafe Tensor InPlace(Tensor other, delegate*<IntPtr, IntPtr, int> op) { NativeErrors.Check(op(Handle, other.Handle)); return this; }
        private unsafe Tensor InPlace(Scalar other, delegate*<IntPtr, Scalar, int> op) { NativeErrors.Check(op(Handle, other)); return this; }

        public unsafe Tensor neg() => Unary(&tb_neg);
        public Tensor negative() => neg();
        public unsafe Tensor neg_() => InPlace(&tb_neg_);
        public unsafe Tensor abs() => Unary(&tb_abs);
        public unsafe Tensor abs_() => InPlace(&tb_abs_);
        public unsafe Tensor exp() => Unary(&tb_exp);
        public unsafe Tensor exp_() => InPlace(&tb_exp_);
        public unsafe Tensor exp2() => Unary(&tb_exp2);
        public unsafe Tensor expm1() => Unary(&tb_expm1);
        public unsafe Tensor log() => Unary(&tb_log);
        public unsafe Tensor log_() => InPlace(&tb_log_);
        public unsafe Tensor log2() => Unary(&tb_log2);
        public unsafe Tensor log10() => Unary(&tb_log10);
        public unsafe Tensor log1p() => Unary(&tb_log1p);
        public unsafe Tensor sqrt() => Unary(&tb_sqrt);
        public unsafe Tensor sqrt_() => InPlace(&tb_sqrt_);
        public unsafe Tensor rsqrt() => Unary(&tb_rsqrt);
        public unsafe Tensor square() => Unary(&tb_square);
        public unsafe Tensor sin() => Unary(&tb_sin);
        public unsafe Tensor sin_() => InPlace(&tb_sin_);
        public unsafe Tensor cos() => Unary(&tb_cos);
        public unsafe Tensor cos_() => InPlace(&tb_cos_);
        public unsafe Tensor tan() => Unary(&tb_tan);
        public unsafe Tensor asin() => Unary(&tb_asin);
        public unsafe Tensor acos() => Unary(&tb_acos);
        public unsafe Tensor atan() => Unary(&tb_atan);
        public unsafe Tensor sinh() => Unary(&tb_sinh);
        public unsafe Tensor cosh() => Unary(&tb_cosh);
        public unsafe Tensor tanh() => Unary(&tb_tanh);
        public unsafe Tensor tanh_() => InPlace(&tb_tanh_);
        public unsafe Tensor sigmoid() => Unary(&tb_sigmoid);
        public unsafe Tensor sigmoid_() => InPlace(&tb_sigmoid_);
        public unsafe Tensor relu() => Unary(&tb_relu);
        public unsafe Tensor relu_() => InPlace(&tb_relu_);
        public unsafe Tensor floor() => Unary(&tb_floor);
        public unsafe Tensor floor_() => InPlace(&tb_floor_);
        public unsafe Tensor ceil() => Unary(&tb_ceil);
        public unsafe Tensor ceil_() => InPlace(&tb_ceil_);
        public unsafe Tensor round() => Unary(&tb_round);
        public unsafe Tensor round_() => InPlace(&tb_round_);
        public Tensor round(long decimals) => decimals == 0 ? round() : Wrap(tb_round_decimals(Handle, decimals));
        public unsafe Tensor trunc() => Unary(&tb_trunc);
        public unsafe Tensor frac() => Unary(&tb_frac);
        public unsafe Tensor sign() => Unary(&tb_sign);
        public unsafe Tensor reciprocal() => Unary(&tb_reciprocal);
        public unsafe Tensor reciprocal_() => InPlace(&tb_reciprocal_);
        public unsafe Tensor erf() => Unary(&tb_erf);
        public unsafe Tensor logical_not() => Unary(&tb_logical_not);
        public unsafe Tensor bitwise_not() => Unary(&tb_bitwise_not);
        public unsafe Tensor isnan() => Unary(&tb_isnan);
        public unsafe Tensor isinf() => Unary(&tb_isinf);
        public unsafe Tensor isfinite() => Unary(&tb_isfinite);
        public unsafe Tensor zero_() => InPlace(&tb_zero_);

        public Tensor add(Tensor other) => Wrap(tb_add(Handle, other.Handle, 1));
        public Tensor add(Tensor other, Scalar alpha) => Wrap(tb_add(Handle, other.Handle, alpha));
        public Tensor add(Scalar other) => Wrap(tb_add_scalar(Handle, other, 1));
        public Tensor add(Scalar other, Scalar alpha) => Wrap(tb_add_scalar(Handle, other, alpha));
        public Tensor add_(Tensor other) { NativeErrors.Check(tb_add_(Handle, other.Handle, 1)); return this; }
        public Tensor add_(Tensor other, Scalar alpha) { NativeErrors.Check(tb_add_(Handle, other.Handle, alpha)); return this; }
        public Tensor add_(Scalar other) { NativeErrors.Check(tb_add_scalar_(Handle, other, 1)); return this; }
        public Tensor add_(Scalar other, Scalar alpha) { NativeErrors.Check(tb_add_scalar_(Handle, other, alpha)); return this; }
        public Tensor sub(Tensor other) => Wrap(tb_sub(Handle, other.Handle, 1));
        public Tensor sub(Tensor other, Scalar alpha) => Wrap(tb_sub(Handle, other.Handle, alpha));
        public Tensor sub(Scalar other) => Wrap(tb_sub_scalar(Handle, other, 1));
        public Tensor sub_(Tensor other) { NativeErrors.Check(tb_sub_(Handle, other.Handle, 1)); return this; }
        public Tensor sub_(Tensor other, Scalar alpha) { NativeErrors.Check(tb_sub_(Handle, other.Handle, alpha)); return this; }
        public Tensor sub_(Scalar other) { NativeErrors.Check(tb_sub_scalar_(Handle, other, 1)); return this; }
        public unsafe Tensor mul(Tensor other) => Binary(other, &tb_mul);
        public unsafe Tensor mul(Scalar other) => Binary(other, &tb_mul_scalar);
        public unsafe Tensor mul_(Tensor other) => InPlace(other, &tb_mul_);
        public unsafe Tensor mul_(Scalar other) => InPlace(other, &tb_mul_scalar_);
        public Tensor multiply(Tensor other) => mul(other);
        public unsafe Tensor div(Tensor other) => Binary(other, &tb_div);
        public unsafe Tensor div(Scalar other) => Binary(other, &tb_div_scalar);
        public Tensor div(Tensor other, RoundingMode rounding_mode) =>
            rounding_mode == RoundingMode.None ? div(other) : Wrap(tb_div_mode(Handle, other.Handle, rounding_mode.ToString()));
        public unsafe Tensor div_(Tensor other) => InPlace(other, &tb_div_);
        public unsafe Tensor div_(Scalar other) => InPlace(other, &tb_div_scalar_);
        public Tensor divide(Tensor other) => div(other);
        public Tensor true_divide(Tensor other) => div(other);
        public unsafe Tensor remainder(Tensor other) => Binary(other, &tb_remainder);
        public unsafe Tensor remainder(Scalar other) => Binary(other, &tb_remainder_scalar);
        public unsafe Tensor fmod(Tensor other) => Binary(other, &tb_fmod);
        public unsafe Tensor fmod(Scalar other) => Binary(other, &tb_fmod_scalar);
        public unsafe Tensor floor_divide(Tensor other) => Binary(other, &tb_floor_divide);
        public unsafe Tensor pow(Tensor exponent) => Binary(exponent, &tb_pow);
        public unsafe Tensor pow(Scalar exponent) => Binary(exponent, &tb_pow_scalar);
        public unsafe Tensor pow_(Scalar exponent) => InPlace(exponent, &tb_pow_scalar_);
        public unsafe Tensor maximum(Tensor other) => Binary(other, &tb_maximum);
        public unsafe Tensor minimum(Tensor other) => Binary(other, &tb_minimum);
        public unsafe Tensor atan2(Tensor other) => Binary(other, &tb_atan2);
        public unsafe Tensor logical_and(Tensor other) => Binary(other, &tb_logical_and);
        public unsafe Tensor logical_or(Tensor other) => Binary(other, &tb_logical_or);
        public unsafe Tensor logical_xor(Tensor other) => Binary(other, &tb_logical_xor);
        public unsafe Tensor bitwise_and(Tensor other) => Binary(other, &tb_bitwise_and);
        public unsafe Tensor bitwise_or(Tensor other) => Binary(other, &tb_bitwise_or);
        public unsafe Tensor bitwise_xor(Tensor other) => Binary(other, &tb_bitwise_xor);

        public unsafe Tensor eq(Tensor other) => Binary(other, &tb_eq);
        public unsafe Tensor eq(Scalar other) => Binary(other, &tb_eq_scalar);
        public unsafe Tensor ne(Tensor other) => Binary(other, &tb_ne);
        public unsafe Tensor ne(Scalar other) => Binary(other, &tb_ne_scalar);
        public unsafe Tensor lt(Tensor other) => Binary(other, &tb_lt);
        public unsafe Tensor lt(Scalar other) => Binary(other, &tb_lt_scalar);
        public unsafe Tensor le(Tensor other) => Binary(other, &tb_le);
        public unsafe Tensor le(Scalar other) => Binary(other, &tb_le_scalar);
        public unsafe Tensor gt(Tensor other) => Binary(other, &tb_gt);
        public unsafe Tensor gt(Scalar other) => Binary(other, &tb_gt_scalar);
        public unsafe Tensor ge(Tensor other) => Binary(other, &tb_ge);
        public unsafe Tensor ge(Scalar other) => Binary(other, &tb_ge_scalar);

        /// <summary>True when both tensors have the same shape and elements.</summary>
        public unsafe bool equal(Tensor other) { using var r = Binary(other, &tb_equal_all); return r.item<bool>(); }

        public bool allclose(Tensor other, double rtol = 1e-05, double atol = 1e-08, bool equal_nan = false)
        {
            using var r = Wrap(tb_allclose(Handle, other.Handle, rtol, atol, equal_nan ? 1 : 0));
            return r.item<bool>();
        }

        public Tensor isclose(Tensor other, double rtol = 1e-05, double atol = 1e-08, bool equal_nan = false) =>
            Wrap(tb_isclose(Handle, other.Handle, rtol, atol, equal_nan ? 1 : 0));

        public Tensor clamp(Scalar? min = null, Scalar? max = null) =>
            Wrap(tb_clamp(Handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0));
        public Tensor clamp_(Scalar? min = null, Scalar? max = null)
        {
            NativeErrors.Check(tb_clamp_(Handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0));
            return this;
        }
        public Tensor clamp(Tensor? min, Tensor? max) => Wrap(tb_clamp_tensor(Handle, min?.Handle ?? IntPtr.Zero, max?.Handle ?? IntPtr.Zero));
        public Tensor clip(Scalar? min = null, Scalar? max = null) => clamp(min, max);
        public Tensor clamp_min(Scalar min) => clamp(min, null);
        public Tensor clamp_max(Scalar max) => clamp(null, max);

        public Tensor lerp(Tensor end, Scalar weight) => Wrap(tb_lerp(Handle, end.Handle, weight));
        public Tensor lerp_(Tensor end, Scalar weight) { NativeErrors.Check(tb_lerp_(Handle, end.Handle, weight)); return this; }
        public Tensor addcmul(Tensor tensor1, Tensor tensor2, Scalar value) => Wrap(tb_addcmul(Handle, tensor1.Handle, tensor2.Handle, value));
        public Tensor addcmul_(Tensor tensor1, Tensor tensor2, Scalar value) { NativeErrors.Check(tb_addcmul_(Handle, tensor1.Handle, tensor2.Handle, value)); return this; }
        public Tensor addcdiv(Tensor tensor1, Tensor tensor2, Scalar value) => Wrap(tb_addcdiv(Handle, tensor1.Handle, tensor2.Handle, value));
        public Tensor addcdiv_(Tensor tensor1, Tensor tensor2, Scalar value) { NativeErrors.Check(tb_addcdiv_(Handle, tensor1.Handle, tensor2.Handle, value)); return this; }

        public Tensor fill_(Scalar value) { NativeErrors.Check(tb_fill_(Handle, value)); return this; }

        /// <summary>Copies <paramref name="source"/> (broadcast to this shape) into this tensor.</summary>
        public Tensor copy_(Tensor source, bool non_blocking = false) { NativeErrors.Check(tb_copy_(Handle, source.Handle, non_blocking ? 1 : 0)); return this; }

        public Tensor softmax(long dim, ScalarType? dtype = null) => Wrap(tb_softmax(Handle, dim, DtypeArg(dtype)));
        public Tensor log_softmax(long dim, ScalarType? dtype = null) => Wrap(tb_log_softmax(Handle, dim, DtypeArg(dtype)));
        public Tensor leaky_relu(Scalar negative_slope) => Wrap(tb_leaky_relu(Handle, negative_slope));
        public Tensor leaky_relu_(Scalar negative_slope) { NativeErrors.Check(tb_leaky_relu_(Handle, negative_slope)); return this; }
        public Tensor gelu(string approximate = "none") => Wrap(tb_gelu(Handle, approximate));
        public Tensor silu() => Wrap(tb_silu(Handle));
        public Tensor elu(Scalar alpha) => Wrap(tb_elu(Handle, alpha));
        public Tensor softplus(Scalar beta, Scalar threshold) => Wrap(tb_softplus(Handle, beta, threshold));
        public Tensor hardtanh(Scalar min_val, Scalar max_val) => Wrap(tb_hardtanh(Handle, min_val, max_val));
        public Tensor relu6() => Wrap(tb_relu6(Handle));
    }
}
