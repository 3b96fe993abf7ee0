// Reductions (sum, mean, std, max with indices, ...), sorting and searching.
// A dims pointer with ndims < 0 means "over all elements".
#include "tb_common.h"

namespace {
bool all_dims(int32_t ndims) { return ndims < 0; }
}  // namespace

TB_API tb_tensor tb_sum(tb_tensor a, const int64_t* dims, int32_t ndims, int32_t keepdim, int32_t dtype) {
  TB_TENSOR(all_dims(ndims) ? at::sum(*a, tb::opt_dtype(dtype)) : at::sum(*a, tb::dims(dims, ndims), keepdim != 0, tb::opt_dtype(dtype)))
}
TB_API tb_tensor tb_mean(tb_tensor a, const int64_t* dims, int32_t ndims, int32_t keepdim, int32_t dtype) {
  TB_TENSOR(all_dims(ndims) ? at::mean(*a, tb::opt_dtype(dtype)) : at::mean(*a, tb::dims(dims, ndims), keepdim != 0, tb::opt_dtype(dtype)))
}
TB_API tb_tensor tb_prod(tb_tensor a, int64_t dim, int32_t has_dim, int32_t keepdim, int32_t dtype) {
  TB_TENSOR(has_dim ? at::prod(*a, dim, keepdim != 0, tb::opt_dtype(dtype)) : at::prod(*a, tb::opt_dtype(dtype)))
}
TB_API tb_tensor tb_std(tb_tensor a, const int64_t* dims, int32_t ndims, int32_t unbiased, int32_t keepdim) {
  TB_TENSOR(all_dims(ndims) ? at::std(*a, unbiased != 0) : at::std(*a, tb::dims(dims, ndims), unbiased != 0, keepdim != 0))
}
TB_API tb_tensor tb_var(tb_tensor a, const int64_t* dims, int32_t ndims, int32_t unbiased, int32_t keepdim) {
  TB_TENSOR(all_dims(ndims) ? at::var(*a, unbiased != 0) : at::var(*a, tb::dims(dims, ndims), unbiased != 0, keepdim != 0))
}
TB_API tb_tensor tb_norm(tb_tensor a, double p, const int64_t* dims, int32_t ndims, int32_t keepdim) {
  TB_TENSOR(all_dims(ndims) ? at::norm(*a, p) : at::norm(*a, p, tb::dims(dims, ndims), keepdim != 0))
}
TB_API tb_tensor tb_logsumexp(tb_tensor a, const int64_t* dims, int32_t ndims, int32_t keepdim) {
  TB_TENSOR(at::logsumexp(*a, tb::dims(dims, ndims), keepdim != 0))
}
TB_API tb_tensor tb_max_all(tb_tensor a) { TB_TENSOR(at::max(*a)) }
TB_API tb_tensor tb_min_all(tb_tensor a) { TB_TENSOR(at::min(*a)) }

// Reductions along one dimension that return values and indices.
#define VALUES_INDICES(name, call)                                                            \
  TB_API int32_t tb_##name(tb_tensor a, int64_t dim, int32_t keepdim, tb_tensor* values, tb_tensor* indices) { \
    try {                                                                                     \
      auto r = call;                                                                          \
      *values = tb::wrap(std::get<0>(r));                                                     \
      *indices = tb::wrap(std::get<1>(r));                                                    \
      return 0;                                                                               \
    }                                                                                         \
    TB_CATCH(-1)                                                                              \
  }
VALUES_INDICES(max_dim, at::max(*a, dim, keepdim != 0))
VALUES_INDICES(min_dim, at::min(*a, dim, keepdim != 0))
VALUES_INDICES(median_dim, at::median(*a, dim, keepdim != 0))
VALUES_INDICES(mode_dim, at::mode(*a, dim, keepdim != 0))

TB_API tb_tensor tb_median_all(tb_tensor a) { TB_TENSOR(at::median(*a)) }
TB_API tb_tensor tb_argmax(tb_tensor a, int64_t dim, int32_t has_dim, int32_t keepdim) {
  TB_TENSOR(at::argmax(*a, has_dim ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0))
}
TB_API tb_tensor tb_argmin(tb_tensor a, int64_t dim, int32_t has_dim, int32_t keepdim) {
  TB_TENSOR(at::argmin(*a, has_dim ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0))
}
TB_API tb_tensor tb_all(tb_tensor a, int64_t dim, int32_t has_dim, int32_t keepdim) {
  TB_TENSOR(has_dim ? at::all(*a, dim, keepdim != 0) : at::all(*a))
}
TB_API tb_tensor tb_any(tb_tensor a, int64_t dim, int32_t has_dim, int32_t keepdim) {
  TB_TENSOR(has_dim ? at::any(*a, dim, keepdim != 0) : at::any(*a))
}
TB_API tb_tensor tb_cumsum(tb_tensor a, int64_t dim, int32_t dtype) { TB_TENSOR(at::cumsum(*a, dim, tb::opt_dtype(dtype))) }
TB_API tb_tensor tb_cumprod(tb_tensor a, int64_t dim, int32_t dtype) { TB_TENSOR(at::cumprod(*a, dim, tb::opt_dtype(dtype))) }
TB_API tb_tensor tb_count_nonzero(tb_tensor a) { TB_TENSOR(at::count_nonzero(*a)) }

// Sorting and searching.
TB_API int32_t tb_topk(tb_tensor a, int64_t k, int64_t dim, int32_t largest, int32_t sorted, tb_tensor* values, tb_tensor* indices) {
  try {
    auto r = at::topk(*a, k, dim, largest != 0, sorted != 0);
    *values = tb::wrap(std::get<0>(r));
    *indices = tb::wrap(std::get<1>(r));
    return 0;
  }
  TB_CATCH(-1)
}
TB_API int32_t tb_sort(tb_tensor a, int64_t dim, int32_t descending, int32_t stable, tb_tensor* values, tb_tensor* indices) {
  try {
    auto r = at::sort(*a, c10::optional<bool>(stable != 0), dim, descending != 0);
    *values = tb::wrap(std::get<0>(r));
    *indices = tb::wrap(std::get<1>(r));
    return 0;
  }
  TB_CATCH(-1)
}
TB_API tb_tensor tb_argsort(tb_tensor a, int64_t dim, int32_t descending) { TB_TENSOR(at::argsort(*a, dim, descending != 0)) }
// unique over all elements; inverse and counts are written only when asked for (non-null).
TB_API tb_tensor tb_unique(tb_tensor a, int32_t sorted, tb_tensor* inverse, tb_tensor* counts) {
  try {
    auto r = at::_unique2(*a, sorted != 0, inverse != nullptr, counts != nullptr);
    if (inverse) *inverse = tb::wrap(std::get<1>(r));
    if (counts) *counts = tb::wrap(std::get<2>(r));
    return tb::wrap(std::get<0>(r));
  }
  TB_CATCH(nullptr)
}
TB_API tb_tensor tb_bincount(tb_tensor a, tb_tensor weights, int64_t minlength) {
  TB_TENSOR(at::bincount(*a, weights ? c10::optional<at::Tensor>(*weights) : c10::nullopt, minlength))
}
TB_API tb_tensor tb_histc(tb_tensor a, int64_t bins, tb::Scalar min, tb::Scalar max) {
  TB_TENSOR(at::histc(*a, bins, tb::to_scalar(min), tb::to_scalar(max)))
}

// Linear algebra.
#define LINALG(name) TB_API tb_tensor tb_##name(tb_tensor a, tb_tensor b) { TB_TENSOR(at::name(*a, *b)) }
LINALG(matmul)
LINALG(mm)
LINALG(bmm)
LINALG(dot)
LINALG(outer)
LINALG(mv)
LINALG(kron)
TB_API tb_tensor tb_addmm(tb_tensor self, tb_tensor m1, tb_tensor m2, tb::Scalar beta, tb::Scalar alpha) {
  TB_TENSOR(at::addmm(*self, *m1, *m2, tb::to_scalar(beta), tb::to_scalar(alpha)))
}
TB_API tb_tensor tb_einsum(const char* equation, tb_tensor* operands, int32_t n) {
  try {
    std::vector<at::Tensor> ts;
    for (int i = 0; i < n; i++) ts.push_back(*operands[i]);
    return tb::wrap(at::einsum(equation, ts));
  }
  TB_CATCH(nullptr)
}
