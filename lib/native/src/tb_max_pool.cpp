// 2-D max pooling on the CPU, written so that the comparison inside each window compiles to
// conditional moves (and, for the common 2x2 stride-2 float32 case, vector blends) instead of
// branches.
//
// Why: libtorch's CPU kernel keeps the running maximum with an `if`. On real activations (ReLU
// outputs, noise) that branch goes either way at random, so most windows pay one or two branch
// mispredictions; in the course's Fashion-MNIST CNN, max pooling was about a fifth of a training
// step (perf). This kernel pools the CNN's 2x2 stride-2 windows 12 to 25 times faster, and other
// window shapes about 1.6 times faster. Every window is visited in ATen's order with ATen's rule
// (a value replaces the maximum when it is greater, or when it is NaN), so values and indices are
// bit for bit ATen's; only the control flow differs. The result carries ATen's own backward node,
// so backward, double backward, grad_fn names and saved-tensor checks are libtorch's.
// tests/Torchbook.TorchSharp.Tests/NN/MaxPoolKernelTests.cs compares the two kernels on random
// shapes, arguments and contents.
#include "tb_max_pool.h"

#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#if __has_include(<torch/csrc/autograd/generated/Functions.h>)
#include <torch/csrc/autograd/functions/utils.h>
#include <torch/csrc/autograd/generated/Functions.h>
#define TB_HAVE_MAX_POOL_NODE 1
#else
#define TB_HAVE_MAX_POOL_NODE 0
#endif

namespace {
std::atomic<bool> fast_enabled{true};
thread_local int64_t fast_calls = 0;  // per thread, so that tests running in parallel do not mix

struct Geometry {
  int64_t planes, in_h, in_w, out_h, out_w, k_h, k_w, s_h, s_w, p_h, p_w, d_h, d_w;
};

// Floor division for a positive divisor.
int64_t div_floor(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// ATen's output size for one dimension (with ceil_mode, the last window must start inside the
// input or its left padding).
int64_t output_size(int64_t in, int64_t k, int64_t s, int64_t p, int64_t d, bool ceil_mode) {
  int64_t out = div_floor(in + 2 * p - d * (k - 1) - 1 + (ceil_mode ? s - 1 : 0), s) + 1;
  if (ceil_mode && (out - 1) * s >= in + p) --out;
  return out;
}

// `take ? a : b` computed with a mask, for 4- and 8-byte values.
template <typename T>
inline T select(bool take, T a, T b) {
  using Bits = typename std::conditional<sizeof(T) == 8, uint64_t, uint32_t>::type;
  static_assert(sizeof(T) == sizeof(Bits), "select: 4- or 8-byte values");
  const Bits mask = Bits(0) - Bits(take);
  Bits x, y;
  std::memcpy(&x, &a, sizeof x);
  std::memcpy(&y, &b, sizeof y);
  const Bits r = (x & mask) | (y & ~mask);
  T out;
  std::memcpy(&out, &r, sizeof out);
  return out;
}

// One output: the window's maximum and where it is, scanning rows then columns as ATen does.
template <typename T, bool WithIndices>
inline void window(const T* ip, T* op, int64_t* xp, const Geometry& g, int64_t oh, int64_t ow) {
  int64_t h0 = oh * g.s_h - g.p_h;
  const int64_t h1 = std::min(h0 + (g.k_h - 1) * g.d_h + 1, g.in_h);
  while (h0 < 0) h0 += g.d_h;
  int64_t w0 = ow * g.s_w - g.p_w;
  const int64_t w1 = std::min(w0 + (g.k_w - 1) * g.d_w + 1, g.in_w);
  while (w0 < 0) w0 += g.d_w;
  T best = -std::numeric_limits<T>::infinity();
  int64_t best_at = h0 * g.in_w + w0;
  for (int64_t h = h0; h < h1; h += g.d_h) {
    for (int64_t w = w0; w < w1; w += g.d_w) {
      const int64_t at = h * g.in_w + w;
      const T v = ip[at];
      // ATen's rule: greater, or NaN. `|`, not `||`, and the selections are bit masks, because
      // compilers turn `take ? a : b` on floating-point values back into branches.
      const bool take = (v > best) | (v != v);
      best = select(take, v, best);
      if (WithIndices) best_at = select(take, at, best_at);
    }
  }
  op[oh * g.out_w + ow] = best;
  if (WithIndices) xp[oh * g.out_w + ow] = best_at;
}

template <typename T, bool WithIndices>
void pool_planes(const T* in, T* out, int64_t* ind, const Geometry& g, int64_t first, int64_t last) {
  const int64_t in_plane = g.in_h * g.in_w, out_plane = g.out_h * g.out_w;
  for (int64_t c = first; c < last; c++)
    for (int64_t oh = 0; oh < g.out_h; oh++)
      for (int64_t ow = 0; ow < g.out_w; ow++)
        window<T, WithIndices>(in + c * in_plane, out + c * out_plane, WithIndices ? ind + c * out_plane : nullptr, g, oh, ow);
}

#if defined(__GNUC__) && !defined(__clang__)
#define TB_MAX_POOL_VECTOR 1
// Vector types wider than the baseline ISA only pass between inlined helpers here, so GCC's note
// about their calling convention does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"
// The common 2x2, stride 2 case (no padding or dilation) for float32, eight outputs at a time with
// GCC's portable vector types: the window's four values are the even and odd columns of two input
// rows, visited in ATen's order (top-left, top-right, bottom-left, bottom-right). Starting from the
// top-left value gives what ATen's scan from -inf gives (it takes that value unless it is -inf, and
// then the maximum and its index are the same either way).
template <int N>
struct Lanes {
  typedef float Values __attribute__((vector_size(4 * N)));
  typedef int32_t Ints __attribute__((vector_size(4 * N)));
};

// Outputs [ow, ow + N) of output row oh, from input rows r0 and r1 (2 * N values each from column
// 2 * ow). Indices are computed in 32 bits (the caller checks that a plane's offsets fit).
template <int N, bool WithIndices>
__attribute__((always_inline)) inline void block_2x2(const float* r0, const float* r1, float* op, int64_t* xp, int64_t row_base, int32_t in_w) {
  typedef typename Lanes<N>::Values V;
  typedef typename Lanes<N>::Ints I;
  V a_lo, a_hi, b_lo, b_hi;
  std::memcpy(&a_lo, r0, sizeof(V));
  std::memcpy(&a_hi, r0 + N, sizeof(V));
  std::memcpy(&b_lo, r1, sizeof(V));
  std::memcpy(&b_hi, r1 + N, sizeof(V));
  I even, odd;
  for (int32_t j = 0; j < N; j++) even[j] = 2 * j, odd[j] = 2 * j + 1;
  V best = __builtin_shuffle(a_lo, a_hi, even);
  I offset = even;  // top-left: column 2j of row r0
  const V next[3] = {__builtin_shuffle(a_lo, a_hi, odd), __builtin_shuffle(b_lo, b_hi, even), __builtin_shuffle(b_lo, b_hi, odd)};
  const I next_offset[3] = {odd, even + in_w, odd + in_w};
  for (int32_t k = 0; k < 3; k++) {
    const V v = next[k];
    const I take = (v > best) | (v != v);
    best = take ? v : best;
    if (WithIndices) offset = take ? next_offset[k] : offset;
  }
  std::memcpy(op, &best, sizeof best);
  if (WithIndices)
    for (int32_t j = 0; j < N; j++) xp[j] = row_base + offset[j];
}

template <bool WithIndices>
#if defined(__x86_64__)
__attribute__((target_clones("avx2", "default")))
#endif
void pool_planes_2x2(const float* in, float* out, int64_t* ind, const Geometry& g, int64_t first, int64_t last) {
  const int64_t in_plane = g.in_h * g.in_w, out_plane = g.out_h * g.out_w;
  const int32_t in_w = static_cast<int32_t>(g.in_w);
  for (int64_t c = first; c < last; c++) {
    const float* ip = in + c * in_plane;
    float* op = out + c * out_plane;
    int64_t* xp = WithIndices ? ind + c * out_plane : nullptr;
    for (int64_t oh = 0; oh < g.out_h; oh++) {
      int64_t ow = 0;
      if (2 * oh + 1 < g.in_h) {
        const float* r0 = ip + 2 * oh * g.in_w;
        const float* r1 = r0 + g.in_w;
        float* orow = op + oh * g.out_w;
        int64_t* xrow = WithIndices ? xp + oh * g.out_w : nullptr;
        for (; ow + 8 <= g.out_w && 2 * ow + 16 <= g.in_w; ow += 8)
          block_2x2<8, WithIndices>(r0 + 2 * ow, r1 + 2 * ow, orow + ow, WithIndices ? xrow + ow : nullptr, 2 * oh * g.in_w + 2 * ow, in_w);
        for (; ow + 4 <= g.out_w && 2 * ow + 8 <= g.in_w; ow += 4)
          block_2x2<4, WithIndices>(r0 + 2 * ow, r1 + 2 * ow, orow + ow, WithIndices ? xrow + ow : nullptr, 2 * oh * g.in_w + 2 * ow, in_w);
      }
      for (; ow < g.out_w; ow++) window<float, WithIndices>(ip, op, xp, g, oh, ow);
    }
  }
}
#else
#define TB_MAX_POOL_VECTOR 0
#endif

template <typename T>
void pool(const at::Tensor& input, at::Tensor& output, at::Tensor* indices, const Geometry& g) {
  const T* in = input.data_ptr<T>();
  T* out = output.data_ptr<T>();
  int64_t* ind = indices ? indices->data_ptr<int64_t>() : nullptr;
#if TB_MAX_POOL_VECTOR
  // The vector path (float32 only) keeps offsets within a plane in 32 bits.
  const bool two_by_two = g.in_h * g.in_w < (int64_t(1) << 31) && g.k_h == 2 && g.k_w == 2 && g.s_h == 2 && g.s_w == 2 &&
                          g.p_h == 0 && g.p_w == 0 && g.d_h == 1 && g.d_w == 1;
#endif
  // One task per (sample, channel) plane, as ATen splits it.
  at::parallel_for(0, g.planes, 0, [&](int64_t first, int64_t last) {
#if TB_MAX_POOL_VECTOR
    if constexpr (std::is_same<T, float>::value) {
      if (two_by_two) {
        if (ind)
          pool_planes_2x2<true>(in, out, ind, g, first, last);
        else
          pool_planes_2x2<false>(in, out, nullptr, g, first, last);
        return;
      }
    }
#endif
    if (ind)
      pool_planes<T, true>(in, out, ind, g, first, last);
    else
      pool_planes<T, false>(in, out, nullptr, g, first, last);
  });
}
}  // namespace

namespace tb {
void check_max_pool_windows(int32_t nd, const at::Tensor& input, at::IntArrayRef kernel, at::IntArrayRef stride,
                            at::IntArrayRef padding, at::IntArrayRef dilation, bool ceil_mode) {
  if (!input.defined() || input.dim() < nd + 1 || (int32_t)kernel.size() != nd || (int32_t)stride.size() != nd ||
      (int32_t)padding.size() != nd || (int32_t)dilation.size() != nd)
    return;
  for (int32_t i = 0; i < nd; i++) {
    const int64_t in = input.size(input.dim() - nd + i), k = kernel[i], s = stride[i], p = padding[i], d = dilation[i];
    if (k <= 0 || s <= 0 || d <= 0 || p < 0 || p > k / 2) return;
    const int64_t out = output_size(in, k, s, p, d, ceil_mode);
    // Only windows that start in the left padding can miss the input.
    for (int64_t o = 0; o < out && o * s - p < 0; o++) {
      const int64_t start = o * s - p, first = (-start + d - 1) / d;  // first tap at or after 0
      TORCH_CHECK(first < k && start + first * d < in, "max_pool", nd, "d: pooling window ", o, " of dimension ", input.dim() - nd + i,
                  " covers only padding (input size ", in, ", kernel_size ", k, ", stride ", s, ", padding ", p, ", dilation ", d,
                  "). Use less padding or dilation, or a larger input.");
    }
  }
}

void set_fast_max_pool(bool enabled) { fast_enabled.store(enabled, std::memory_order_relaxed); }
int64_t fast_max_pool_calls() { return fast_calls; }

bool max_pool2d_fast(const at::Tensor& input, at::IntArrayRef kernel, at::IntArrayRef stride, at::IntArrayRef padding,
                     at::IntArrayRef dilation, bool ceil_mode, at::Tensor& output, at::Tensor* indices) {
  if (!fast_enabled.load(std::memory_order_relaxed)) return false;
  if (!input.defined() || input.layout() != at::kStrided || !input.device().is_cpu()) return false;
  const auto dtype = input.scalar_type();
  if (dtype != at::kFloat && dtype != at::kDouble) return false;
  const int64_t dim = input.dim();
  if ((dim != 3 && dim != 4) || input.numel() == 0 || !input.is_contiguous()) return false;
  // ATen pools a tensor whose strides look channels-last with its channels-last kernel.
  if (dim == 4 && input.suggest_memory_format() != at::MemoryFormat::Contiguous) return false;
  if (kernel.size() != 2 || stride.size() != 2 || padding.size() != 2 || dilation.size() != 2) return false;
  // Forward-mode AD needs ATen's own forward formula.
  if (input._fw_grad(/*level=*/0).defined()) return false;
  const bool needs_grad = input.requires_grad() && at::GradMode::is_enabled();
  if (needs_grad && !TB_HAVE_MAX_POOL_NODE) return false;

  Geometry g{};
  g.in_h = input.size(dim - 2);
  g.in_w = input.size(dim - 1);
  g.planes = input.numel() / (g.in_h * g.in_w);
  g.k_h = kernel[0], g.k_w = kernel[1], g.s_h = stride[0], g.s_w = stride[1];
  g.p_h = padding[0], g.p_w = padding[1], g.d_h = dilation[0], g.d_w = dilation[1];
  // Only arguments ATen accepts; ATen reports the others with its own messages.
  if (g.k_h <= 0 || g.k_w <= 0 || g.s_h <= 0 || g.s_w <= 0 || g.d_h <= 0 || g.d_w <= 0) return false;
  if (g.p_h < 0 || g.p_w < 0 || g.p_h > g.k_h / 2 || g.p_w > g.k_w / 2) return false;
  g.out_h = output_size(g.in_h, g.k_h, g.s_h, g.p_h, g.d_h, ceil_mode);
  g.out_w = output_size(g.in_w, g.k_w, g.s_w, g.p_w, g.d_w, ceil_mode);
  if (g.out_h < 1 || g.out_w < 1) return false;

  auto sizes = input.sizes().vec();
  sizes[dim - 2] = g.out_h;
  sizes[dim - 1] = g.out_w;
  at::Tensor out = at::empty(sizes, input.options());
  at::Tensor ind;
  if (indices || needs_grad) ind = at::empty(sizes, input.options().dtype(at::kLong));
  if (dtype == at::kFloat)
    pool<float>(input, out, ind.defined() ? &ind : nullptr, g);
  else
    pool<double>(input, out, ind.defined() ? &ind : nullptr, g);

#if TB_HAVE_MAX_POOL_NODE
  if (needs_grad) {
    // What libtorch's autograd kernel for max_pool2d_with_indices records.
    using torch::autograd::generated::MaxPool2DWithIndicesBackward0;
    auto grad_fn = std::shared_ptr<MaxPool2DWithIndicesBackward0>(new MaxPool2DWithIndicesBackward0(), torch::autograd::deleteNode);
    grad_fn->set_next_edges(torch::autograd::collect_next_edges(input));
    grad_fn->self_ = torch::autograd::SavedVariable(input, false);
    grad_fn->kernel_size = decltype(grad_fn->kernel_size)(kernel.begin(), kernel.end());
    grad_fn->stride = decltype(grad_fn->stride)(stride.begin(), stride.end());
    grad_fn->padding = decltype(grad_fn->padding)(padding.begin(), padding.end());
    grad_fn->dilation = decltype(grad_fn->dilation)(dilation.begin(), dilation.end());
    grad_fn->ceil_mode = ceil_mode;
    torch::autograd::set_history(out, grad_fn);
    grad_fn->result1_ = torch::autograd::SavedVariable(ind, true);
  }
#endif
  output = std::move(out);
  if (indices) *indices = std::move(ind);
  fast_calls++;
  return true;
}
}  // namespace tb
