// torch.nn: the functional forms of the layers and losses (linear, convolution, pooling,
// normalisation, dropout, embedding, recurrent layers, padding, interpolation) and parameter
// helpers. Modules, initialisation and bookkeeping live on the C# side; the numbers are ATen's.
#include "tb_common.h"
#include "tb_max_pool.h"

namespace {
// A null handle is "no tensor" (an optional bias, weight, ...).
inline c10::optional<at::Tensor> opt(tb_tensor t) { return t ? c10::optional<at::Tensor>(*t) : c10::nullopt; }
inline at::Tensor or_undefined(tb_tensor t) { return t ? *t : at::Tensor(); }
}  // namespace

// Parameters: a new leaf sharing the storage of `data`, and replacing a parameter's data in place
// (what module.to(dtype|device) does, so optimizers holding the parameter still see it).
TB_API tb_tensor tb_nn_parameter(tb_tensor data, int32_t requires_grad) {
  TB_TENSOR(data->detach().requires_grad_(requires_grad != 0))
}
TB_API int32_t tb_nn_set_data(tb_tensor t, tb_tensor data) { TB_STATUS(t->set_data(*data)) }

TB_API tb_tensor tb_nn_linear(tb_tensor x, tb_tensor w, tb_tensor b) { TB_TENSOR(at::linear(*x, *w, opt(b))) }

TB_API tb_tensor tb_nn_bilinear(tb_tensor x1, tb_tensor x2, tb_tensor w, tb_tensor b) { TB_TENSOR(at::bilinear(*x1, *x2, *w, opt(b))) }

// Convolutions over 1 or 2 spatial dimensions; padding_mode "same"/"valid" when not null,
// otherwise the numeric padding.
TB_API tb_tensor tb_nn_conv(int32_t nd, tb_tensor x, tb_tensor w, tb_tensor b, const int64_t* stride, const int64_t* padding,
                            const int64_t* dilation, int64_t groups, const char* padding_mode) {
  try {
    auto s = tb::dims(stride, nd), p = tb::dims(padding, nd), d = tb::dims(dilation, nd);
    if (padding_mode) {
      if (nd == 1) return tb::wrap(at::conv1d(*x, *w, opt(b), s, padding_mode, d, groups));
      if (nd == 2) return tb::wrap(at::conv2d(*x, *w, opt(b), s, padding_mode, d, groups));
      return tb::wrap(at::conv3d(*x, *w, opt(b), s, padding_mode, d, groups));
    }
    if (nd == 1) return tb::wrap(at::conv1d(*x, *w, opt(b), s, p, d, groups));
    if (nd == 2) return tb::wrap(at::conv2d(*x, *w, opt(b), s, p, d, groups));
    return tb::wrap(at::conv3d(*x, *w, opt(b), s, p, d, groups));
  }
  TB_CATCH(nullptr)
}

TB_API tb_tensor tb_nn_conv_transpose(int32_t nd, tb_tensor x, tb_tensor w, tb_tensor b, const int64_t* stride, const int64_t* padding,
                                      const int64_t* output_padding, int64_t groups, const int64_t* dilation) {
  try {
    auto s = tb::dims(stride, nd), p = tb::dims(padding, nd), op = tb::dims(output_padding, nd), d = tb::dims(dilation, nd);
    if (nd == 1) return tb::wrap(at::conv_transpose1d(*x, *w, opt(b), s, p, op, groups, d));
    if (nd == 2) return tb::wrap(at::conv_transpose2d(*x, *w, opt(b), s, p, op, groups, d));
    return tb::wrap(at::conv_transpose3d(*x, *w, opt(b), s, p, op, groups, d));
  }
  TB_CATCH(nullptr)
}

// Pooling. `indices` (may be null) receives the argmax positions of max pooling.
TB_API tb_tensor tb_nn_max_pool(int32_t nd, tb_tensor x, const int64_t* kernel, const int64_t* stride, const int64_t* padding,
                                const int64_t* dilation, int32_t ceil_mode, tb_tensor* indices) {
  try {
    auto k = tb::dims(kernel, nd), s = tb::dims(stride, nd), p = tb::dims(padding, nd), d = tb::dims(dilation, nd);
    tb::check_max_pool_windows(nd, *x, k, s, p, d, ceil_mode != 0);
    if (nd == 2) {
      at::Tensor output, index;
      if (tb::max_pool2d_fast(*x, k, s, p, d, ceil_mode != 0, output, indices ? &index : nullptr)) {
        if (indices) *indices = tb::wrap(std::move(index));
        return tb::wrap(std::move(output));
      }
    }
    if (indices) {
      std::tuple<at::Tensor, at::Tensor> r = nd == 1 ? at::max_pool1d_with_indices(*x, k, s, p, d, ceil_mode != 0)
                                             : nd == 2 ? at::max_pool2d_with_indices(*x, k, s, p, d, ceil_mode != 0)
                                                       : at::max_pool3d_with_indices(*x, k, s, p, d, ceil_mode != 0);
      *indices = tb::wrap(std::get<1>(r));
      return tb::wrap(std::get<0>(r));
    }
    if (nd == 1) return tb::wrap(at::max_pool1d(*x, k, s, p, d, ceil_mode != 0));
    if (nd == 2) return tb::wrap(at::max_pool2d(*x, k, s, p, d, ceil_mode != 0));
    return tb::wrap(at::max_pool3d(*x, k, s, p, d, ceil_mode != 0));
  }
  TB_CATCH(nullptr)
}

// Test hook: 0 sends every 2-D max pooling to ATen's kernel, 1 (the default) allows the
// branch-free one (tb_max_pool.cpp), a negative value changes nothing. Returns how many poolings
// the branch-free kernel has done on this thread, so tests can see which kernel ran.
TB_API int64_t tb_nn_fast_max_pool(int32_t enabled) {
  if (enabled >= 0) tb::set_fast_max_pool(enabled != 0);
  return tb::fast_max_pool_calls();
}

TB_API tb_tensor tb_nn_avg_pool(int32_t nd, tb_tensor x, const int64_t* kernel, const int64_t* stride, const int64_t* padding,
                                int32_t ceil_mode, int32_t count_include_pad) {
  try {
    auto k = tb::dims(kernel, nd), s = tb::dims(stride, nd), p = tb::dims(padding, nd);
    if (nd == 1) return tb::wrap(at::avg_pool1d(*x, k, s, p, ceil_mode != 0, count_include_pad != 0));
    if (nd == 2) return tb::wrap(at::avg_pool2d(*x, k, s, p, ceil_mode != 0, count_include_pad != 0));
    return tb::wrap(at::avg_pool3d(*x, k, s, p, ceil_mode != 0, count_include_pad != 0));
  }
  TB_CATCH(nullptr)
}

TB_API tb_tensor tb_nn_adaptive_avg_pool(int32_t nd, tb_tensor x, const int64_t* output_size) {
  try {
    auto o = tb::dims(output_size, nd);
    if (nd == 1) return tb::wrap(at::adaptive_avg_pool1d(*x, o));
    if (nd == 2) return tb::wrap(at::adaptive_avg_pool2d(*x, o));
    return tb::wrap(at::adaptive_avg_pool3d(*x, o));
  }
  TB_CATCH(nullptr)
}

TB_API tb_tensor tb_nn_adaptive_max_pool(int32_t nd, tb_tensor x, const int64_t* output_size) {
  try {
    auto o = tb::dims(output_size, nd);
    if (nd == 1) return tb::wrap(std::get<0>(at::adaptive_max_pool1d(*x, o)));
    if (nd == 2) return tb::wrap(std::get<0>(at::adaptive_max_pool2d(*x, o)));
    return tb::wrap(std::get<0>(at::adaptive_max_pool3d(*x, o)));
  }
  TB_CATCH(nullptr)
}

// Normalisation. Running statistics (may be null) are updated in place when training.
TB_API tb_tensor tb_nn_batch_norm(tb_tensor x, tb_tensor weight, tb_tensor bias, tb_tensor running_mean, tb_tensor running_var,
                                  int32_t training, double momentum, double eps) {
  TB_TENSOR(at::batch_norm(*x, opt(weight), opt(bias), opt(running_mean), opt(running_var), training != 0, momentum, eps, true))
}
TB_API tb_tensor tb_nn_layer_norm(tb_tensor x, const int64_t* shape, int32_t n, tb_tensor weight, tb_tensor bias, double eps) {
  TB_TENSOR(at::layer_norm(*x, tb::dims(shape, n), opt(weight), opt(bias), eps, true))
}
TB_API tb_tensor tb_nn_group_norm(tb_tensor x, int64_t groups, tb_tensor weight, tb_tensor bias, double eps) {
  TB_TENSOR(at::group_norm(*x, groups, opt(weight), opt(bias), eps, true))
}

// Dropout: kind 0 = element-wise, 1 = whole channels (Dropout1d/2d/3d). In place when asked.
TB_API tb_tensor tb_nn_dropout(tb_tensor x, double p, int32_t train, int32_t kind, int32_t inplace) {
  try {
    if (inplace) {
      if (kind == 1) at::feature_dropout_(tb::mut(x), p, train != 0);
      else at::dropout_(tb::mut(x), p, train != 0);
      return tb::wrap(*x);
    }
    return tb::wrap(kind == 1 ? at::feature_dropout(*x, p, train != 0) : at::dropout(*x, p, train != 0));
  }
  TB_CATCH(nullptr)
}

TB_API tb_tensor tb_nn_embedding(tb_tensor weight, tb_tensor indices, int64_t padding_idx, int32_t scale_grad_by_freq, int32_t sparse) {
  TB_TENSOR(at::embedding(*weight, *indices, padding_idx, scale_grad_by_freq != 0, sparse != 0))
}
// Renormalises the rows of `weight` that `indices` picks to max_norm (in place, no grad), as F.embedding does.
TB_API int32_t tb_nn_embedding_renorm_(tb_tensor weight, tb_tensor indices, double max_norm, double norm_type) {
  try {
    at::NoGradGuard guard;
    at::embedding_renorm_(tb::mut(weight), *indices, max_norm, norm_type);
    return 0;
  }
  TB_CATCH(-1)
}

// Recurrent layers over flat weights in PyTorch's order (w_ih, w_hh[, b_ih, b_hh] per layer and
// direction). mode: 0 = LSTM, 1 = GRU, 2 = RNN tanh, 3 = RNN relu. hx holds h0 (and c0 for an
// LSTM); out receives output, h_n (and c_n).
TB_API int32_t tb_nn_rnn(int32_t mode, tb_tensor input, tb_tensor* hx, int32_t n_hx, tb_tensor* params, int32_t n_params,
                         int32_t has_biases, int64_t num_layers, double dropout, int32_t train, int32_t bidirectional,
                         int32_t batch_first, tb_tensor* out) {
  try {
    std::vector<at::Tensor> ps, hs;
    for (int i = 0; i < n_params; i++) ps.push_back(*params[i]);
    for (int i = 0; i < n_hx; i++) hs.push_back(*hx[i]);
    bool b = has_biases != 0, tr = train != 0, bi = bidirectional != 0, bf = batch_first != 0;
    if (mode == 0) {
      auto r = at::lstm(*input, hs, ps, b, num_layers, dropout, tr, bi, bf);
      out[0] = tb::wrap(std::get<0>(r));
      out[1] = tb::wrap(std::get<1>(r));
      out[2] = tb::wrap(std::get<2>(r));
      return 0;
    }
    std::tuple<at::Tensor, at::Tensor> r = mode == 1 ? at::gru(*input, hs[0], ps, b, num_layers, dropout, tr, bi, bf)
                                           : mode == 2 ? at::rnn_tanh(*input, hs[0], ps, b, num_layers, dropout, tr, bi, bf)
                                                       : at::rnn_relu(*input, hs[0], ps, b, num_layers, dropout, tr, bi, bf);
    out[0] = tb::wrap(std::get<0>(r));
    out[1] = tb::wrap(std::get<1>(r));
    return 0;
  }
  TB_CATCH(-1)
}

// Losses. reduction: 0 = none, 1 = mean, 2 = sum (at::Reduction's values).
TB_API tb_tensor tb_nn_cross_entropy(tb_tensor x, tb_tensor target, tb_tensor weight, int64_t reduction, int64_t ignore_index,
                                     double label_smoothing) {
  TB_TENSOR(at::cross_entropy_loss(*x, *target, opt(weight), reduction, ignore_index, label_smoothing))
}
TB_API tb_tensor tb_nn_nll_loss(tb_tensor x, tb_tensor target, tb_tensor weight, int64_t reduction, int64_t ignore_index) {
  TB_TENSOR(at::nll_loss_nd(*x, *target, opt(weight), reduction, ignore_index))
}
TB_API tb_tensor tb_nn_mse_loss(tb_tensor x, tb_tensor target, int64_t reduction) { TB_TENSOR(at::mse_loss(*x, *target, reduction)) }
TB_API tb_tensor tb_nn_l1_loss(tb_tensor x, tb_tensor target, int64_t reduction) { TB_TENSOR(at::l1_loss(*x, *target, reduction)) }
TB_API tb_tensor tb_nn_smooth_l1_loss(tb_tensor x, tb_tensor target, int64_t reduction, double beta) {
  TB_TENSOR(at::smooth_l1_loss(*x, *target, reduction, beta))
}
TB_API tb_tensor tb_nn_huber_loss(tb_tensor x, tb_tensor target, int64_t reduction, double delta) {
  TB_TENSOR(at::huber_loss(*x, *target, reduction, delta))
}
TB_API tb_tensor tb_nn_bce(tb_tensor x, tb_tensor target, tb_tensor weight, int64_t reduction) {
  TB_TENSOR(at::binary_cross_entropy(*x, *target, opt(weight), reduction))
}
TB_API tb_tensor tb_nn_bce_with_logits(tb_tensor x, tb_tensor target, tb_tensor weight, tb_tensor pos_weight, int64_t reduction) {
  TB_TENSOR(at::binary_cross_entropy_with_logits(*x, *target, opt(weight), opt(pos_weight), reduction))
}
TB_API tb_tensor tb_nn_kl_div(tb_tensor x, tb_tensor target, int64_t reduction, int32_t log_target) {
  TB_TENSOR(at::kl_div(*x, *target, reduction, log_target != 0))
}

// Padding: mode 0 = constant, 1 = reflect, 2 = replicate, 3 = circular. `pad` lists
// (left, right) pairs from the last dimension backwards, as F.pad takes them.
TB_API tb_tensor tb_nn_pad(tb_tensor x, const int64_t* pad, int32_t n, int32_t mode, double value) {
  try {
    auto p = tb::dims(pad, n);
    if (mode == 0) return tb::wrap(at::constant_pad_nd(*x, p, value));
    if (n % 2 != 0) throw std::invalid_argument("Padding length must be divisible by 2");
    int64_t spatial = n / 2;
    if (mode == 1) {
      if (spatial == 1) return tb::wrap(at::reflection_pad1d(*x, p));
      if (spatial == 2) return tb::wrap(at::reflection_pad2d(*x, p));
      if (spatial == 3) return tb::wrap(at::reflection_pad3d(*x, p));
    } else if (mode == 2) {
      if (spatial == 1) return tb::wrap(at::replication_pad1d(*x, p));
      if (spatial == 2) return tb::wrap(at::replication_pad2d(*x, p));
      if (spatial == 3) return tb::wrap(at::replication_pad3d(*x, p));
    } else if (mode == 3) {
      // Circular: wrap around, one padded dimension at a time (as F.pad's _pad_circular does).
      at::Tensor r = *x;
      for (int64_t i = 0; i < spatial; i++) {
        int64_t dim = r.dim() - 1 - i, left = p[2 * i], right = p[2 * i + 1], size = r.size(dim);
        TORCH_CHECK(left <= size && right <= size, "Padding value causes wrapping around more than once.");
        std::vector<at::Tensor> parts;
        if (left > 0) parts.push_back(r.narrow(dim, size - left, left));
        parts.push_back(r);
        if (right > 0) parts.push_back(r.narrow(dim, 0, right));
        r = at::cat(parts, dim);
      }
      return tb::wrap(r);
    }
    throw std::invalid_argument("Only 2D, 4D and 6D padding with non-constant padding are supported for now");
  }
  TB_CATCH(nullptr)
}

// Interpolation (F.interpolate): mode 0 = nearest, 1 = linear, 2 = bilinear, 3 = bicubic.
// Either output sizes (n values) or scale factors (n values) are given.
TB_API tb_tensor tb_nn_interpolate(tb_tensor x, int32_t mode, const int64_t* size, const double* scale, int32_t n, int32_t align_corners,
                                   int32_t has_align) {
  try {
    at::OptionalIntArrayRef osize = size ? at::OptionalIntArrayRef(tb::dims(size, n)) : c10::nullopt;
    c10::optional<at::ArrayRef<double>> sc = scale ? c10::optional<at::ArrayRef<double>>(at::ArrayRef<double>(scale, n)) : c10::nullopt;
    int64_t spatial = x->dim() - 2;
    TORCH_CHECK(spatial == n, "Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of ",
                spatial, " and output size of ", n, ". Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.");
    bool ac = align_corners != 0;
    if (mode == 0) {
      if (spatial == 1) return tb::wrap(at::upsample_nearest1d(*x, osize, sc));
      if (spatial == 2) return tb::wrap(at::upsample_nearest2d(*x, osize, sc));
      if (spatial == 3) return tb::wrap(at::upsample_nearest3d(*x, osize, sc));
    }
    if (mode == 1 && spatial == 1) return tb::wrap(at::upsample_linear1d(*x, osize, ac, sc));
    if (mode == 2 && spatial == 2) return tb::wrap(at::upsample_bilinear2d(*x, osize, ac, sc));
    if (mode == 3 && spatial == 2) return tb::wrap(at::upsample_bicubic2d(*x, osize, ac, sc));
    const char* names[] = {"nearest", "linear", "bilinear", "bicubic"};
    TORCH_CHECK(false, "Got ", x->dim(), "D input, but ", names[mode], " mode needs ", mode == 1 ? 3 : 4, "D input");
  }
  TB_CATCH(nullptr)
}

TB_API tb_tensor tb_nn_one_hot(tb_tensor x, int64_t num_classes) { TB_TENSOR(at::one_hot(*x, num_classes)) }
TB_API tb_tensor tb_nn_pixel_shuffle(tb_tensor x, int64_t factor) { TB_TENSOR(at::pixel_shuffle(*x, factor)) }
TB_API tb_tensor tb_nn_cosine_similarity(tb_tensor a, tb_tensor b, int64_t dim, double eps) { TB_TENSOR(at::cosine_similarity(*a, *b, dim, eps)) }

// torch.nn.utils.clip_grad_norm_ as PyTorch 1.13 computes it: the total norm of the gradients
// (parameters without one are skipped), and gradients scaled by max_norm / (total + 1e-6) when
// that is below 1. Returns the total norm.
TB_API tb_tensor tb_nn_clip_grad_norm_(tb_tensor* params, int32_t n, double max_norm, double norm_type, int32_t error_if_nonfinite) {
  try {
    std::vector<at::Tensor> grads;
    for (int i = 0; i < n; i++)
      if (params[i]->grad().defined()) grads.push_back(params[i]->grad());
    if (grads.empty()) return tb::wrap(at::zeros({}));
    at::NoGradGuard guard;
    at::Tensor total;
    if (std::isinf(norm_type)) {
      std::vector<at::Tensor> norms;
      for (auto& g : grads) norms.push_back(g.detach().abs().max());
      total = norms.size() == 1 ? norms[0] : at::max(at::stack(norms));
    } else {
      std::vector<at::Tensor> norms;
      for (auto& g : grads) norms.push_back(at::norm(g.detach(), norm_type));
      total = at::norm(at::stack(norms), norm_type);
    }
    if (error_if_nonfinite && (total.isnan().item<bool>() || total.isinf().item<bool>()))
      throw std::runtime_error("The total norm of order " + std::to_string(norm_type) +
                               " for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this error and "
                               "scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`");
    auto coef = max_norm / (total + 1e-6);
    auto clamped = at::clamp(coef, c10::nullopt, 1.0);
    for (auto& g : grads) g.detach().mul_(clamped);
    return tb::wrap(total);
  }
  TB_CATCH(nullptr)
}

TB_API int32_t tb_nn_clip_grad_value_(tb_tensor* params, int32_t n, double clip_value) {
  try {
    at::NoGradGuard guard;
    for (int i = 0; i < n; i++)
      if (params[i]->grad().defined()) params[i]->grad().clamp_(-clip_value, clip_value);
    return 0;
  }
  TB_CATCH(-1)
}
