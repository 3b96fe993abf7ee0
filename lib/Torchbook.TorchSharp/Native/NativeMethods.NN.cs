using System.Runtime.InteropServices;

namespace TorchSharp.Native;

// Entry points of lib/native/src/tb_nn.cpp (layers, losses, parameter helpers) and tb_optim.cpp
// (one parameter's optimizer update).
internal static unsafe partial class NativeMethods
{
    [DllImport(Lib)] internal static extern IntPtr tb_nn_parameter(IntPtr data, int requires_grad);
    [DllImport(Lib)] internal static extern int tb_nn_set_data(IntPtr t, IntPtr data);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_linear(IntPtr x, IntPtr w, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_bilinear(IntPtr x1, IntPtr x2, IntPtr w, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_conv(int nd, IntPtr x, IntPtr w, IntPtr b, long* stride, long* padding, long* dilation, long groups, [MarshalAs(UnmanagedType.LPUTF8Str)] string? padding_mode);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_conv_transpose(int nd, IntPtr x, IntPtr w, IntPtr b, long* stride, long* padding, long* output_padding, long groups, long* dilation);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_max_pool(int nd, IntPtr x, long* kernel, long* stride, long* padding, long* dilation, int ceil_mode, IntPtr* indices);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_avg_pool(int nd, IntPtr x, long* kernel, long* stride, long* padding, int ceil_mode, int count_include_pad);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_adaptive_avg_pool(int nd, IntPtr x, long* output_size);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_adaptive_max_pool(int nd, IntPtr x, long* output_size);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_batch_norm(IntPtr x, IntPtr weight, IntPtr bias, IntPtr running_mean, IntPtr running_var, int training, double momentum, double eps);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_layer_norm(IntPtr x, long* shape, int n, IntPtr weight, IntPtr bias, double eps);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_group_norm(IntPtr x, long groups, IntPtr weight, IntPtr bias, double eps);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_dropout(IntPtr x, double p, int train, int kind, int inplace);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_embedding(IntPtr weight, IntPtr indices, long padding_idx, int scale_grad_by_freq, int sparse);
    [DllImport(Lib)] internal static extern int tb_nn_embedding_renorm_(IntPtr weight, IntPtr indices, double max_norm, double norm_type);
    [DllImport(Lib)] internal static extern int tb_nn_rnn(int mode, IntPtr input, IntPtr* hx, int n_hx, IntPtr* parameters, int n_params, int has_biases, long num_layers, double dropout, int train, int bidirectional, int batch_first, IntPtr* output);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_cross_entropy(IntPtr x, IntPtr target, IntPtr weight, long reduction, long ignore_index, double label_smoothing);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_nll_loss(IntPtr x, IntPtr target, IntPtr weight, long reduction, long ignore_index);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_mse_loss(IntPtr x, IntPtr target, long reduction);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_l1_loss(IntPtr x, IntPtr target, long reduction);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_smooth_l1_loss(IntPtr x, IntPtr target, long reduction, double beta);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_huber_loss(IntPtr x, IntPtr target, long reduction, double delta);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_bce(IntPtr x, IntPtr target, IntPtr weight, long reduction);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_bce_with_logits(IntPtr x, IntPtr target, IntPtr weight, IntPtr pos_weight, long reduction);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_kl_div(IntPtr x, IntPtr target, long reduction, int log_target);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_pad(IntPtr x, long* pad, int n, int mode, double value);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_interpolate(IntPtr x, int mode, long* size, double* scale, int n, int align_corners, int has_align);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_one_hot(IntPtr x, long num_classes);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_pixel_shuffle(IntPtr x, long factor);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_cosine_similarity(IntPtr a, IntPtr b, long dim, double eps);
    [DllImport(Lib)] internal static extern IntPtr tb_nn_clip_grad_norm_(IntPtr* parameters, int n, double max_norm, double norm_type, int error_if_nonfinite);
    [DllImport(Lib)] internal static extern int tb_nn_clip_grad_value_(IntPtr* parameters, int n, double clip_value);

    [DllImport(Lib)] internal static extern int tb_optim_sgd(IntPtr param, IntPtr grad, ref IntPtr buf, double lr, double momentum, double dampening, double weight_decay, int nesterov, int maximize);
    [DllImport(Lib)] internal static extern int tb_optim_adam(IntPtr param, IntPtr grad, IntPtr exp_avg, IntPtr exp_avg_sq, IntPtr max_exp_avg_sq, IntPtr step, double lr, double beta1, double beta2, double eps, double weight_decay, int amsgrad, int maximize, int decoupled);
    [DllImport(Lib)] internal static extern int tb_optim_rmsprop(IntPtr param, IntPtr grad, IntPtr square_avg, IntPtr grad_avg, IntPtr buf, IntPtr step, double lr, double alpha, double eps, double weight_decay, double momentum, int centered, int maximize);
    [DllImport(Lib)] internal static extern int tb_optim_adagrad(IntPtr param, IntPtr grad, IntPtr state_sum, IntPtr step, double lr, double lr_decay, double weight_decay, double eps, int maximize);
}
