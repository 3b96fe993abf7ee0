// Autograd: backward, grad access, grad mode, torch.autograd.grad and the graph's nodes (grad_fn).
#include "tb_common.h"

typedef std::shared_ptr<torch::autograd::Node>* tb_node;

TB_API int32_t tb_backward(tb_tensor t, tb_tensor gradient, int32_t retain_graph, int32_t create_graph) {
  TB_STATUS(t->backward(gradient ? *gradient : at::Tensor(), retain_graph < 0 ? c10::nullopt : c10::optional<bool>(retain_graph != 0),
                        create_graph != 0))
}

// 1 with *out set when the tensor has a gradient, 0 when it has none, -1 on error.
TB_API int32_t tb_grad(tb_tensor t, tb_tensor* out) {
  try {
    const auto& g = t->grad();
    if (!g.defined()) return 0;
    *out = tb::wrap(g);
    return 1;
  }
  TB_CATCH(-1)
}
TB_API int32_t tb_set_grad(tb_tensor t, tb_tensor g) { TB_STATUS(t->mutable_grad() = g ? *g : at::Tensor()) }
TB_API int32_t tb_retain_grad(tb_tensor t) { TB_STATUS(t->retain_grad()) }

TB_API int32_t tb_grad_enabled() { return c10::GradMode::is_enabled() ? 1 : 0; }
TB_API void tb_set_grad_enabled(int32_t enabled) { c10::GradMode::set_enabled(enabled != 0); }

// torch.autograd.grad: gradients of outputs w.r.t. inputs, written to `out` (null where unused).
TB_API int32_t tb_autograd_grad(tb_tensor* outputs, int32_t n_out, tb_tensor* inputs, int32_t n_in, tb_tensor* grad_outputs,
                                int32_t retain_graph, int32_t create_graph, int32_t allow_unused, tb_tensor* out) {
  try {
    std::vector<at::Tensor> o, i, g;
    for (int k = 0; k < n_out; k++) {
      o.push_back(*outputs[k]);
      g.push_back(grad_outputs && grad_outputs[k] ? *grad_outputs[k] : at::Tensor());
    }
    for (int k = 0; k < n_in; k++) i.push_back(*inputs[k]);
    auto r = torch::autograd::grad(o, i, g, retain_graph < 0 ? c10::nullopt : c10::optional<bool>(retain_graph != 0),
                                   create_graph != 0, allow_unused != 0);
    for (int k = 0; k < n_in; k++) out[k] = r[k].defined() ? tb::wrap(r[k]) : nullptr;
    return 0;
  }
  TB_CATCH(-1)
}

// grad_fn: the node that produced a tensor (null for leaves), its name and its inputs' nodes.
TB_API tb_node tb_grad_fn(tb_tensor t) {
  try {
    auto fn = t->grad_fn();
    if (!fn) return nullptr;
    return new std::shared_ptr<torch::autograd::Node>(fn);
  }
  TB_CATCH(nullptr)
}
TB_API void tb_node_dispose(tb_node n) { delete n; }
TB_API const char* tb_node_name(tb_node n) {
  thread_local std::string name;
  name = (*n)->name();
  return name.c_str();
}
TB_API int32_t tb_node_num_next(tb_node n) { return (int32_t)(*n)->next_edges().size(); }
// The i-th input edge's node (null when that input needs no gradient) and its input number.
TB_API tb_node tb_node_next(tb_node n, int32_t i, int32_t* input_nr) {
  const auto& e = (*n)->next_edges()[i];
  *input_nr = (int32_t)e.input_nr;
  if (!e.function) return nullptr;
  return new std::shared_ptr<torch::autograd::Node>(e.function);
}
// A stable identity for a node, so graph drawings can merge shared nodes.
TB_API int64_t tb_node_id(tb_node n) { return (int64_t)(intptr_t)n->get(); }
// For AccumulateGrad nodes: the leaf tensor they accumulate into (null otherwise).
TB_API tb_tensor tb_node_variable(tb_node n) {
  try {
    auto* acc = dynamic_cast<torch::autograd::AccumulateGrad*>(n->get());
    if (!acc) return nullptr;
    return tb::wrap(acc->variable);
  }
  TB_CATCH(nullptr)
}
