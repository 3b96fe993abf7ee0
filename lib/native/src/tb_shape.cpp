// Views and reshaping, joining and splitting, gathering and scattering.
#include "tb_common.h"

TB_API tb_tensor tb_view(tb_tensor a, const int64_t* shape, int32_t n) { TB_TENSOR(a->view(tb::dims(shape, n))) }
TB_API tb_tensor tb_reshape(tb_tensor a, const int64_t* shape, int32_t n) { TB_TENSOR(a->reshape(tb::dims(shape, n))) }
TB_API tb_tensor tb_expand(tb_tensor a, const int64_t* shape, int32_t n) { TB_TENSOR(a->expand(tb::dims(shape, n))) }
TB_API tb_tensor tb_repeat(tb_tensor a, const int64_t* reps, int32_t n) { TB_TENSOR(a->repeat(tb::dims(reps, n))) }
TB_API tb_tensor tb_tile(tb_tensor a, const int64_t* reps, int32_t n) { TB_TENSOR(a->tile(tb::dims(reps, n))) }
TB_API tb_tensor tb_permute(tb_tensor a, const int64_t* dims, int32_t n) { TB_TENSOR(a->permute(tb::dims(dims, n))) }
TB_API tb_tensor tb_flip(tb_tensor a, const int64_t* dims, int32_t n) { TB_TENSOR(a->flip(tb::dims(dims, n))) }
TB_API tb_tensor tb_roll(tb_tensor a, const int64_t* shifts, int32_t ns, const int64_t* dims, int32_t nd) {
  TB_TENSOR(a->roll(tb::dims(shifts, ns), tb::dims(dims, nd)))
}
TB_API tb_tensor tb_t(tb_tensor a) { TB_TENSOR(a->t()) }
TB_API tb_tensor tb_transpose(tb_tensor a, int64_t d0, int64_t d1) { TB_TENSOR(a->transpose(d0, d1)) }
TB_API int32_t tb_transpose_(tb_tensor a, int64_t d0, int64_t d1) { TB_STATUS(a->transpose_(d0, d1)) }
TB_API tb_tensor tb_movedim(tb_tensor a, int64_t src, int64_t dst) { TB_TENSOR(a->movedim(src, dst)) }
TB_API tb_tensor tb_flatten(tb_tensor a, int64_t start, int64_t end) { TB_TENSOR(a->flatten(start, end)) }
TB_API tb_tensor tb_unflatten(tb_tensor a, int64_t dim, const int64_t* sizes, int32_t n) {
  try {
    // Spelled out with view so that it compiles on every libtorch (unflatten's signature moved).
    auto s = a->sizes().vec();
    int64_t d = c10::maybe_wrap_dim(dim, a->dim());
    std::vector<int64_t> shape(s.begin(), s.begin() + d);
    shape.insert(shape.end(), sizes, sizes + n);
    shape.insert(shape.end(), s.begin() + d + 1, s.end());
    return tb::wrap(a->view(shape));
  }
  TB_CATCH(nullptr)
}
TB_API tb_tensor tb_squeeze(tb_tensor a) { TB_TENSOR(a->squeeze()) }
TB_API tb_tensor tb_squeeze_dim(tb_tensor a, int64_t dim) { TB_TENSOR(a->squeeze(dim)) }
TB_API tb_tensor tb_unsqueeze(tb_tensor a, int64_t dim) { TB_TENSOR(a->unsqueeze(dim)) }
TB_API int32_t tb_unsqueeze_(tb_tensor a, int64_t dim) { TB_STATUS(a->unsqueeze_(dim)) }
TB_API tb_tensor tb_narrow(tb_tensor a, int64_t dim, int64_t start, int64_t length) { TB_TENSOR(a->narrow(dim, start, length)) }
TB_API tb_tensor tb_select(tb_tensor a, int64_t dim, int64_t index) { TB_TENSOR(a->select(dim, index)) }
TB_API tb_tensor tb_diag(tb_tensor a, int64_t diagonal) { TB_TENSOR(at::diag(*a, diagonal)) }
TB_API tb_tensor tb_triu(tb_tensor a, int64_t diagonal) { TB_TENSOR(at::triu(*a, diagonal)) }
TB_API tb_tensor tb_tril(tb_tensor a, int64_t diagonal) { TB_TENSOR(at::tril(*a, diagonal)) }

// Joining.
namespace {
std::vector<at::Tensor> list(tb_tensor* ts, int32_t n) {
  std::vector<at::Tensor> v;
  v.reserve(n);
  for (int i = 0; i < n; i++) v.push_back(*ts[i]);
  return v;
}
// Splitting results go out through a caller-provided array of `cap` handles.
int32_t emit(const std::vector<at::Tensor>& parts, tb_tensor* out, int32_t cap) {
  if ((int32_t)parts.size() > cap) throw std::length_error("internal: result buffer too small");
  for (size_t i = 0; i < parts.size(); i++) out[i] = tb::wrap(parts[i]);
  return (int32_t)parts.size();
}
}  // namespace
TB_API tb_tensor tb_cat(tb_tensor* ts, int32_t n, int64_t dim) { TB_TENSOR(at::cat(list(ts, n), dim)) }
TB_API tb_tensor tb_stack(tb_tensor* ts, int32_t n, int64_t dim) { TB_TENSOR(at::stack(list(ts, n), dim)) }
TB_API tb_tensor tb_hstack(tb_tensor* ts, int32_t n) { TB_TENSOR(at::hstack(list(ts, n))) }
TB_API tb_tensor tb_vstack(tb_tensor* ts, int32_t n) { TB_TENSOR(at::vstack(list(ts, n))) }
TB_API int32_t tb_split(tb_tensor a, int64_t size, int64_t dim, tb_tensor* out, int32_t cap) {
  try { return emit(a->split(size, dim), out, cap); }
  TB_CATCH(-1)
}
TB_API int32_t tb_split_sizes(tb_tensor a, const int64_t* sizes, int32_t n, int64_t dim, tb_tensor* out, int32_t cap) {
  try { return emit(a->split_with_sizes(tb::dims(sizes, n), dim), out, cap); }
  TB_CATCH(-1)
}
TB_API int32_t tb_chunk(tb_tensor a, int64_t chunks, int64_t dim, tb_tensor* out, int32_t cap) {
  try { return emit(a->chunk(chunks, dim), out, cap); }
  TB_CATCH(-1)
}
TB_API int32_t tb_unbind(tb_tensor a, int64_t dim, tb_tensor* out, int32_t cap) {
  try { return emit(a->unbind(dim), out, cap); }
  TB_CATCH(-1)
}

// Selecting, gathering and scattering.
TB_API tb_tensor tb_where(tb_tensor cond, tb_tensor a, tb_tensor b) { TB_TENSOR(at::where(*cond, *a, *b)) }
TB_API tb_tensor tb_where_scalar(tb_tensor cond, tb::Scalar a, tb::Scalar b) {
  TB_TENSOR(at::where(*cond, tb::to_scalar(a), tb::to_scalar(b)))
}
TB_API tb_tensor tb_masked_fill(tb_tensor a, tb_tensor mask, tb::Scalar value) { TB_TENSOR(a->masked_fill(*mask, tb::to_scalar(value))) }
TB_API int32_t tb_masked_fill_(tb_tensor a, tb_tensor mask, tb::Scalar value) { TB_STATUS(a->masked_fill_(*mask, tb::to_scalar(value))) }
TB_API tb_tensor tb_masked_select(tb_tensor a, tb_tensor mask) { TB_TENSOR(a->masked_select(*mask)) }
TB_API tb_tensor tb_gather(tb_tensor a, int64_t dim, tb_tensor index) { TB_TENSOR(a->gather(dim, *index)) }
TB_API tb_tensor tb_scatter(tb_tensor a, int64_t dim, tb_tensor index, tb_tensor src) { TB_TENSOR(a->scatter(dim, *index, *src)) }
TB_API tb_tensor tb_scatter_value(tb_tensor a, int64_t dim, tb_tensor index, tb::Scalar value) { TB_TENSOR(a->scatter(dim, *index, tb::to_scalar(value))) }
TB_API int32_t tb_scatter_(tb_tensor a, int64_t dim, tb_tensor index, tb_tensor src) { TB_STATUS(a->scatter_(dim, *index, *src)) }
TB_API int32_t tb_scatter_value_(tb_tensor a, int64_t dim, tb_tensor index, tb::Scalar value) { TB_STATUS(a->scatter_(dim, *index, tb::to_scalar(value))) }
TB_API int32_t tb_scatter_add_(tb_tensor a, int64_t dim, tb_tensor index, tb_tensor src) { TB_STATUS(a->scatter_add_(dim, *index, *src)) }
TB_API tb_tensor tb_scatter_add(tb_tensor a, int64_t dim, tb_tensor index, tb_tensor src) { TB_TENSOR(a->scatter_add(dim, *index, *src)) }
TB_API tb_tensor tb_index_select(tb_tensor a, int64_t dim, tb_tensor index) { TB_TENSOR(a->index_select(dim, *index)) }
TB_API tb_tensor tb_nonzero(tb_tensor a) { TB_TENSOR(a->nonzero()) }
TB_API int32_t tb_index_add_(tb_tensor a, int64_t dim, tb_tensor index, tb_tensor src) { TB_STATUS(a->index_add_(dim, *index, *src)) }

// Indexing with a list of index items, as Python's t[...] does.
// kinds[i]: 0 integer (starts[i]), 1 slice (flags bit 1 start, 2 stop, 4 step present), 2 ellipsis,
// 3 None (new axis), 4 boolean (starts[i] != 0), 5 tensor (tensors[i]).
namespace {
std::vector<at::indexing::TensorIndex> index_list(const int32_t* kinds, const int64_t* starts, const int64_t* stops,
                                                  const int64_t* steps, const int32_t* flags, tb_tensor* tensors, int32_t n) {
  using namespace at::indexing;
  std::vector<TensorIndex> v;
  v.reserve(n);
  for (int i = 0; i < n; i++) {
    switch (kinds[i]) {
      case 0: v.emplace_back(starts[i]); break;
      case 1: {
        c10::optional<int64_t> s = (flags[i] & 1) ? c10::optional<int64_t>(starts[i]) : c10::nullopt;
        c10::optional<int64_t> e = (flags[i] & 2) ? c10::optional<int64_t>(stops[i]) : c10::nullopt;
        c10::optional<int64_t> st = (flags[i] & 4) ? c10::optional<int64_t>(steps[i]) : c10::nullopt;
        v.emplace_back(Slice(s, e, st));
        break;
      }
      case 2: v.emplace_back(Ellipsis); break;
      case 3: v.emplace_back(None); break;
      case 4: v.emplace_back(starts[i] != 0); break;
      case 5: v.emplace_back(*tensors[i]); break;
      default: throw std::invalid_argument("unknown index kind " + std::to_string(kinds[i]));
    }
  }
  return v;
}
}  // namespace

TB_API tb_tensor tb_index(tb_tensor a, const int32_t* kinds, const int64_t* starts, const int64_t* stops, const int64_t* steps,
                          const int32_t* flags, tb_tensor* tensors, int32_t n) {
  TB_TENSOR(a->index(index_list(kinds, starts, stops, steps, flags, tensors, n)))
}
TB_API int32_t tb_index_put_tensor(tb_tensor a, const int32_t* kinds, const int64_t* starts, const int64_t* stops, const int64_t* steps,
                                   const int32_t* flags, tb_tensor* tensors, int32_t n, tb_tensor value) {
  TB_STATUS(tb::mut(a).index_put_(index_list(kinds, starts, stops, steps, flags, tensors, n), *value))
}
TB_API int32_t tb_index_put_scalar(tb_tensor a, const int32_t* kinds, const int64_t* starts, const int64_t* stops, const int64_t* steps,
                                   const int32_t* flags, tb_tensor* tensors, int32_t n, tb::Scalar value) {
  TB_STATUS(tb::mut(a).index_put_(index_list(kinds, starts, stops, steps, flags, tensors, n), tb::to_scalar(value)))
}
