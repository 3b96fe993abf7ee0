// 2-D max pooling on the CPU without unpredictable branches (tb_max_pool.cpp).
#pragma once
#include "tb_common.h"

namespace tb {
// Max pooling of a contiguous float32/float64 CPU tensor (N,C,H,W or C,H,W) with the same values,
// indices and autograd node (MaxPool2DWithIndicesBackward0) as at::max_pool2d_with_indices.
// `kernel`, `stride`, `padding` and `dilation` have two entries each. Returns false, touching
// nothing, for anything else (another device, dtype or layout, arguments ATen would reject, forward-
// mode AD), which the caller then hands to ATen. `indices` may be null when only values are wanted.
bool max_pool2d_fast(const at::Tensor& input, at::IntArrayRef kernel, at::IntArrayRef stride, at::IntArrayRef padding,
                     at::IntArrayRef dilation, bool ceil_mode, at::Tensor& output, at::Tensor* indices);

// Throws (with a message for the learner) when a pooling window would cover only padding, which
// dilation on a small input allows: libtorch 1.13 accepts that, returns indices outside the input,
// and its backward then writes outside the gradient. For max pooling over the last `nd` dimensions;
// arguments ATen itself rejects are left to ATen.
void check_max_pool_windows(int32_t nd, const at::Tensor& input, at::IntArrayRef kernel, at::IntArrayRef stride,
                            at::IntArrayRef padding, at::IntArrayRef dilation, bool ceil_mode);

// Whether max_pool2d_fast is used (on by default); off makes every call go to ATen, so tests can
// compare the two.
void set_fast_max_pool(bool enabled);
// How many poolings max_pool2d_fast has done on the calling thread.
int64_t fast_max_pool_calls();
}  // namespace tb
