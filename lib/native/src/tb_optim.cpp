// torch.optim: one parameter's update for each optimizer, written op for op as PyTorch 1.13's
// single-tensor (foreach=False) implementations, so trajectories match. State tensors belong to
// the C# optimizer (for state_dict); they are updated in place here. Everything runs without
// recording gradients.
#include "tb_common.h"

#include <cmath>

// SGD. *buf is the momentum buffer: null on the first step, when a new one is returned in it.
TB_API int32_t tb_optim_sgd(tb_tensor param, tb_tensor grad, tb_tensor* buf, double lr, double momentum, double dampening,
                            double weight_decay, int32_t nesterov, int32_t maximize) {
  try {
    at::NoGradGuard guard;
    at::Tensor d_p = maximize ? grad->neg() : *grad;
    if (weight_decay != 0) d_p = d_p.add(*param, weight_decay);
    if (momentum != 0) {
      at::Tensor b;
      if (!*buf) {
        b = at::clone(d_p).detach();
        *buf = tb::wrap(b);
      } else {
        b = **buf;
        b.mul_(momentum).add_(d_p, 1 - dampening);
      }
      d_p = nesterov ? d_p.add(b, momentum) : b;
    }
    param->add_(d_p, -lr);
    return 0;
  }
  TB_CATCH(-1)
}

// Adam and AdamW (decoupled = 1). step is the 0-dim float step counter, incremented here.
TB_API int32_t tb_optim_adam(tb_tensor param, tb_tensor grad, tb_tensor exp_avg, tb_tensor exp_avg_sq, tb_tensor max_exp_avg_sq,
                             tb_tensor step_t, double lr, double beta1, double beta2, double eps, double weight_decay, int32_t amsgrad,
                             int32_t maximize, int32_t decoupled) {
  try {
    at::NoGradGuard guard;
    at::Tensor g = maximize ? grad->neg() : *grad;
    step_t->add_(1);
    if (decoupled) {
      param->mul_(1 - lr * weight_decay);
    } else if (weight_decay != 0) {
      g = g.add(*param, weight_decay);
    }
    exp_avg->mul_(beta1).add_(g, 1 - beta1);
    exp_avg_sq->mul_(beta2).addcmul_(g, g.conj(), 1 - beta2);
    double step = step_t->item<double>();
    double bias_correction1 = 1 - std::pow(beta1, step);
    double bias_correction2 = 1 - std::pow(beta2, step);
    double step_size = lr / bias_correction1;
    double bias_correction2_sqrt = std::sqrt(bias_correction2);
    at::Tensor denom;
    if (amsgrad) {
      at::maximum_out(tb::mut(max_exp_avg_sq), *max_exp_avg_sq, *exp_avg_sq);
      denom = (max_exp_avg_sq->sqrt() / bias_correction2_sqrt).add_(eps);
    } else {
      denom = (exp_avg_sq->sqrt() / bias_correction2_sqrt).add_(eps);
    }
    param->addcdiv_(*exp_avg, denom, -step_size);
    return 0;
  }
  TB_CATCH(-1)
}

// RMSprop. grad_avg (centered) and buf (momentum) may be null when unused.
TB_API int32_t tb_optim_rmsprop(tb_tensor param, tb_tensor grad, tb_tensor square_avg, tb_tensor grad_avg, tb_tensor buf, tb_tensor step_t,
                                double lr, double alpha, double eps, double weight_decay, double momentum, int32_t centered,
                                int32_t maximize) {
  try {
    at::NoGradGuard guard;
    at::Tensor g = maximize ? grad->neg() : *grad;
    step_t->add_(1);
    if (weight_decay != 0) g = g.add(*param, weight_decay);
    square_avg->mul_(alpha).addcmul_(g, g, 1 - alpha);
    at::Tensor avg;
    if (centered) {
      grad_avg->mul_(alpha).add_(g, 1 - alpha);
      avg = square_avg->addcmul(*grad_avg, *grad_avg, -1).sqrt_();
    } else {
      avg = square_avg->sqrt();
    }
    avg = avg.add_(eps);
    if (momentum > 0) {
      buf->mul_(momentum).addcdiv_(g, avg);
      param->add_(*buf, -lr);
    } else {
      param->addcdiv_(g, avg, -lr);
    }
    return 0;
  }
  TB_CATCH(-1)
}

// Adagrad (dense gradients).
TB_API int32_t tb_optim_adagrad(tb_tensor param, tb_tensor grad, tb_tensor state_sum, tb_tensor step_t, double lr, double lr_decay,
                                double weight_decay, double eps, int32_t maximize) {
  try {
    at::NoGradGuard guard;
    step_t->add_(1);
    double step = step_t->item<double>();
    at::Tensor g = maximize ? grad->neg() : *grad;
    if (weight_decay != 0) g = g.add(*param, weight_decay);
    double clr = lr / (1 + (step - 1) * lr_decay);
    state_sum->addcmul_(g, g, 1);
    auto std_ = state_sum->sqrt().add_(eps);
    param->addcdiv_(g, std_, -clr);
    return 0;
  }
  TB_CATCH(-1)
}
