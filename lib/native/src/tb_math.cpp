// Element-wise math: unary functions, arithmetic with tensors and scalars, comparisons, and their
// in-place forms. Broadcasting and type promotion are libtorch's own.
#include "tb_common.h"

#define UNARY(name, expr) \
  TB_API tb_tensor tb_##name(tb_tensor a) { TB_TENSOR(expr) }
#define UNARY_(name, stmt) \
  TB_API int32_t tb_##name(tb_tensor a) { TB_STATUS(stmt) }
#define BINARY(name, expr) \
  TB_API tb_tensor tb_##name(tb_tensor a, tb_tensor b) { TB_TENSOR(expr) }
#define BINARY_S(name, expr) \
  TB_API tb_tensor tb_##name(tb_tensor a, tb::Scalar s) { TB_TENSOR(expr) }
#define BINARY_(name, stmt) \
  TB_API int32_t tb_##name(tb_tensor a, tb_tensor b) { TB_STATUS(stmt) }
#define BINARY_S_(name, stmt) \
  TB_API int32_t tb_##name(tb_tensor a, tb::Scalar s) { TB_STATUS(stmt) }

#define S tb::to_scalar(s)
// Numbers on the right of +, -, *, /, % go in as wrapped-number tensors, as from Python.
#define W tb::wrapped(s)

// Unary functions and their in-place forms.
#define UNARY_PAIR(name) UNARY(name, a->name()) UNARY_(name##_, a->name##_())
UNARY_PAIR(neg)
UNARY_PAIR(abs)
UNARY_PAIR(exp)
UNARY_PAIR(exp2)
UNARY_PAIR(expm1)
UNARY_PAIR(log)
UNARY_PAIR(log2)
UNARY_PAIR(log10)
UNARY_PAIR(log1p)
UNARY_PAIR(sqrt)
UNARY_PAIR(rsqrt)
UNARY_PAIR(square)
UNARY_PAIR(sin)
UNARY_PAIR(cos)
UNARY_PAIR(tan)
UNARY_PAIR(asin)
UNARY_PAIR(acos)
UNARY_PAIR(atan)
UNARY_PAIR(sinh)
UNARY_PAIR(cosh)
UNARY_PAIR(tanh)
UNARY_PAIR(sigmoid)
UNARY_PAIR(relu)
UNARY_PAIR(floor)
UNARY_PAIR(ceil)
UNARY_PAIR(round)
UNARY_PAIR(trunc)
UNARY_PAIR(frac)
UNARY_PAIR(sign)
UNARY_PAIR(reciprocal)
UNARY_PAIR(erf)
UNARY_PAIR(logical_not)
UNARY_PAIR(bitwise_not)
UNARY(isnan, a->isnan())
UNARY(isinf, a->isinf())
UNARY(isfinite, a->isfinite())
UNARY_(zero_, a->zero_())

TB_API tb_tensor tb_round_decimals(tb_tensor a, int64_t decimals) { TB_TENSOR(at::round(*a, decimals)) }

// Arithmetic.
TB_API tb_tensor tb_add(tb_tensor a, tb_tensor b, tb::Scalar alpha) { TB_TENSOR(at::add(*a, *b, tb::to_scalar(alpha))) }
TB_API tb_tensor tb_add_scalar(tb_tensor a, tb::Scalar s, tb::Scalar alpha) { TB_TENSOR(at::add(*a, W, tb::to_scalar(alpha))) }
TB_API int32_t tb_add_(tb_tensor a, tb_tensor b, tb::Scalar alpha) { TB_STATUS(a->add_(*b, tb::to_scalar(alpha))) }
TB_API int32_t tb_add_scalar_(tb_tensor a, tb::Scalar s, tb::Scalar alpha) { TB_STATUS(a->add_(S, tb::to_scalar(alpha))) }
TB_API tb_tensor tb_sub(tb_tensor a, tb_tensor b, tb::Scalar alpha) { TB_TENSOR(at::sub(*a, *b, tb::to_scalar(alpha))) }
TB_API tb_tensor tb_sub_scalar(tb_tensor a, tb::Scalar s, tb::Scalar alpha) { TB_TENSOR(at::sub(*a, W, tb::to_scalar(alpha))) }
TB_API tb_tensor tb_rsub_scalar(tb_tensor a, tb::Scalar s) { TB_TENSOR(at::rsub(*a, S)) }
TB_API int32_t tb_sub_(tb_tensor a, tb_tensor b, tb::Scalar alpha) { TB_STATUS(a->sub_(*b, tb::to_scalar(alpha))) }
TB_API int32_t tb_sub_scalar_(tb_tensor a, tb::Scalar s, tb::Scalar alpha) { TB_STATUS(a->sub_(S, tb::to_scalar(alpha))) }
BINARY(mul, at::mul(*a, *b))
BINARY_S(mul_scalar, at::mul(*a, W))
BINARY_(mul_, a->mul_(*b))
BINARY_S_(mul_scalar_, a->mul_(S))
BINARY(div, at::div(*a, *b))
BINARY_S(div_scalar, at::div(*a, W))
BINARY_(div_, a->div_(*b))
BINARY_S_(div_scalar_, a->div_(S))
TB_API tb_tensor tb_div_mode(tb_tensor a, tb_tensor b, const char* mode) { TB_TENSOR(at::div(*a, *b, mode)) }
BINARY(remainder, at::remainder(*a, *b))
BINARY_S(remainder_scalar, at::remainder(*a, W))
BINARY(fmod, at::fmod(*a, *b))
BINARY_S(fmod_scalar, at::fmod(*a, S))
BINARY(floor_divide, at::floor_divide(*a, *b))
BINARY(pow, at::pow(*a, *b))
BINARY_S(pow_scalar, at::pow(*a, S))
BINARY_S_(pow_scalar_, a->pow_(S))
TB_API tb_tensor tb_scalar_pow(tb::Scalar s, tb_tensor a) { TB_TENSOR(at::pow(S, *a)) }
BINARY(maximum, at::maximum(*a, *b))
BINARY(minimum, at::minimum(*a, *b))
BINARY(atan2, at::atan2(*a, *b))
BINARY(logical_and, at::logical_and(*a, *b))
BINARY(logical_or, at::logical_or(*a, *b))
BINARY(logical_xor, at::logical_xor(*a, *b))
BINARY(bitwise_and, at::bitwise_and(*a, *b))
BINARY(bitwise_or, at::bitwise_or(*a, *b))
BINARY(bitwise_xor, at::bitwise_xor(*a, *b))

// Comparisons.
#define COMPARE(name) BINARY(name, at::name(*a, *b)) BINARY_S(name##_scalar, at::name(*a, S))
COMPARE(eq)
COMPARE(ne)
COMPARE(lt)
COMPARE(le)
COMPARE(gt)
COMPARE(ge)
BINARY(equal_all, at::scalar_tensor(at::equal(*a, *b), at::kBool))
TB_API tb_tensor tb_allclose(tb_tensor a, tb_tensor b, double rtol, double atol, int32_t equal_nan) {
  TB_TENSOR(at::scalar_tensor(at::allclose(*a, *b, rtol, atol, equal_nan != 0), at::kBool))
}
TB_API tb_tensor tb_isclose(tb_tensor a, tb_tensor b, double rtol, double atol, int32_t equal_nan) {
  TB_TENSOR(at::isclose(*a, *b, rtol, atol, equal_nan != 0))
}

// Clamping; a null min or max handle or has_* == 0 means "no bound".
TB_API tb_tensor tb_clamp(tb_tensor a, tb::Scalar min, int32_t has_min, tb::Scalar max, int32_t has_max) {
  TB_TENSOR(at::clamp(*a, has_min ? c10::optional<at::Scalar>(tb::to_scalar(min)) : c10::nullopt,
                      has_max ? c10::optional<at::Scalar>(tb::to_scalar(max)) : c10::nullopt))
}
TB_API int32_t tb_clamp_(tb_tensor a, tb::Scalar min, int32_t has_min, tb::Scalar max, int32_t has_max) {
  TB_STATUS(a->clamp_(has_min ? c10::optional<at::Scalar>(tb::to_scalar(min)) : c10::nullopt,
                      has_max ? c10::optional<at::Scalar>(tb::to_scalar(max)) : c10::nullopt))
}
TB_API tb_tensor tb_clamp_tensor(tb_tensor a, tb_tensor min, tb_tensor max) {
  TB_TENSOR(at::clamp(*a, min ? c10::optional<at::Tensor>(*min) : c10::nullopt, max ? c10::optional<at::Tensor>(*max) : c10::nullopt))
}
TB_API tb_tensor tb_lerp(tb_tensor a, tb_tensor end, tb::Scalar weight) { TB_TENSOR(at::lerp(*a, *end, tb::to_scalar(weight))) }
TB_API tb_tensor tb_addcmul(tb_tensor a, tb_tensor t1, tb_tensor t2, tb::Scalar value) { TB_TENSOR(at::addcmul(*a, *t1, *t2, tb::to_scalar(value))) }
TB_API tb_tensor tb_addcdiv(tb_tensor a, tb_tensor t1, tb_tensor t2, tb::Scalar value) { TB_TENSOR(at::addcdiv(*a, *t1, *t2, tb::to_scalar(value))) }
TB_API int32_t tb_addcmul_(tb_tensor a, tb_tensor t1, tb_tensor t2, tb::Scalar value) { TB_STATUS(a->addcmul_(*t1, *t2, tb::to_scalar(value))) }
TB_API int32_t tb_addcdiv_(tb_tensor a, tb_tensor t1, tb_tensor t2, tb::Scalar value) { TB_STATUS(a->addcdiv_(*t1, *t2, tb::to_scalar(value))) }
TB_API int32_t tb_lerp_(tb_tensor a, tb_tensor end, tb::Scalar weight) { TB_STATUS(a->lerp_(*end, tb::to_scalar(weight))) }

// Fills and copies.
BINARY_S_(fill_, a->fill_(S))
TB_API int32_t tb_copy_(tb_tensor a, tb_tensor src, int32_t non_blocking) { TB_STATUS(a->copy_(*src, non_blocking != 0)) }

// Activations with parameters (their modules live in torch.nn).
TB_API tb_tensor tb_softmax(tb_tensor a, int64_t dim, int32_t dtype) { TB_TENSOR(at::softmax(*a, dim, tb::opt_dtype(dtype))) }
TB_API tb_tensor tb_log_softmax(tb_tensor a, int64_t dim, int32_t dtype) { TB_TENSOR(at::log_softmax(*a, dim, tb::opt_dtype(dtype))) }
TB_API tb_tensor tb_leaky_relu(tb_tensor a, tb::Scalar slope) { TB_TENSOR(at::leaky_relu(*a, tb::to_scalar(slope))) }
TB_API tb_tensor tb_gelu(tb_tensor a, const char* approximate) { TB_TENSOR(at::gelu(*a, approximate)) }
TB_API tb_tensor tb_silu(tb_tensor a) { TB_TENSOR(at::silu(*a)) }
TB_API tb_tensor tb_elu(tb_tensor a, tb::Scalar alpha) { TB_TENSOR(at::elu(*a, tb::to_scalar(alpha))) }
TB_API tb_tensor tb_softplus(tb_tensor a, tb::Scalar beta, tb::Scalar threshold) { TB_TENSOR(at::softplus(*a, tb::to_scalar(beta), tb::to_scalar(threshold))) }
TB_API tb_tensor tb_hardtanh(tb_tensor a, tb::Scalar min, tb::Scalar max) { TB_TENSOR(at::hardtanh(*a, tb::to_scalar(min), tb::to_scalar(max))) }
TB_API tb_tensor tb_relu6(tb_tensor a) { TB_TENSOR(at::hardtanh(*a, 0, 6)) }
TB_API int32_t tb_leaky_relu_(tb_tensor a, tb::Scalar slope) { TB_STATUS(at::leaky_relu_(tb::mut(a), tb::to_scalar(slope))) }
