// Factory functions: constant fills, ranges, random sampling and generators.
#include "tb_common.h"

#define TB_OPTS tb::options(dtype, device_type, device_index)
#define TB_FACTORY_ARGS int32_t dtype, int32_t device_type, int32_t device_index, int32_t requires_grad

typedef at::Generator* tb_generator;

namespace {
c10::optional<at::Generator> gen(tb_generator g) {
  if (!g) return c10::nullopt;
  return *g;
}
using tb::with_grad;
// Options for the *_like factories: the source tensor's dtype unless another is given.
at::TensorOptions like(tb_tensor t, int32_t dtype, int32_t device_type, int32_t device_index) {
  return tb::options(dtype >= 0 ? dtype : (int32_t)t->scalar_type(), device_type, device_index);
}
}  // namespace

TB_API tb_tensor tb_zeros(const int64_t* shape, int32_t ndim, TB_FACTORY_ARGS) { TB_TENSOR(with_grad(at::zeros(tb::dims(shape, ndim), TB_OPTS), requires_grad)) }
TB_API tb_tensor tb_ones(const int64_t* shape, int32_t ndim, TB_FACTORY_ARGS) { TB_TENSOR(with_grad(at::ones(tb::dims(shape, ndim), TB_OPTS), requires_grad)) }
TB_API tb_tensor tb_empty(const int64_t* shape, int32_t ndim, TB_FACTORY_ARGS) { TB_TENSOR(with_grad(at::empty(tb::dims(shape, ndim), TB_OPTS), requires_grad)) }
TB_API tb_tensor tb_full(const int64_t* shape, int32_t ndim, tb::Scalar value, TB_FACTORY_ARGS) {
  TB_TENSOR(with_grad(at::full(tb::dims(shape, ndim), tb::to_scalar(value), TB_OPTS), requires_grad))
}
TB_API tb_tensor tb_eye(int64_t n, int64_t m, TB_FACTORY_ARGS) { TB_TENSOR(with_grad(at::eye(n, m, TB_OPTS), requires_grad)) }
TB_API tb_tensor tb_arange(tb::Scalar start, tb::Scalar end, tb::Scalar step, TB_FACTORY_ARGS) {
  TB_TENSOR(with_grad(at::arange(tb::to_scalar(start), tb::to_scalar(end), tb::to_scalar(step), TB_OPTS), requires_grad))
}
TB_API tb_tensor tb_linspace(double start, double end, int64_t steps, TB_FACTORY_ARGS) {
  TB_TENSOR(with_grad(at::linspace(start, end, steps, TB_OPTS), requires_grad))
}
TB_API tb_tensor tb_logspace(double start, double end, int64_t steps, double base, TB_FACTORY_ARGS) {
  TB_TENSOR(with_grad(at::logspace(start, end, steps, base, TB_OPTS), requires_grad))
}

TB_API tb_tensor tb_zeros_like(tb_tensor t, TB_FACTORY_ARGS) {
  TB_TENSOR(with_grad(at::zeros_like(*t, like(t, dtype, device_type, device_index)), requires_grad))
}
TB_API tb_tensor tb_ones_like(tb_tensor t, TB_FACTORY_ARGS) {
  TB_TENSOR(with_grad(at::ones_like(*t, like(t, dtype, device_type, device_index)), requires_grad))
}
TB_API tb_tensor tb_empty_like(tb_tensor t, TB_FACTORY_ARGS) {
  TB_TENSOR(with_grad(at::empty_like(*t, like(t, dtype, device_type, device_index)), requires_grad))
}
TB_API tb_tensor tb_full_like(tb_tensor t, tb::Scalar value, TB_FACTORY_ARGS) {
  TB_TENSOR(with_grad(at::full_like(*t, tb::to_scalar(value), like(t, dtype, device_type, device_index)), requires_grad))
}
TB_API tb_tensor tb_rand_like(tb_tensor t, TB_FACTORY_ARGS) {
  TB_TENSOR(with_grad(at::rand_like(*t, like(t, dtype, device_type, device_index)), requires_grad))
}
TB_API tb_tensor tb_randn_like(tb_tensor t, TB_FACTORY_ARGS) {
  TB_TENSOR(with_grad(at::randn_like(*t, like(t, dtype, device_type, device_index)), requires_grad))
}

// Random sampling.
TB_API tb_tensor tb_rand(const int64_t* shape, int32_t ndim, tb_generator g, TB_FACTORY_ARGS) {
  TB_TENSOR(with_grad(at::rand(tb::dims(shape, ndim), gen(g), tb::options(dtype, device_type, device_index)), requires_grad))
}
TB_API tb_tensor tb_randn(const int64_t* shape, int32_t ndim, tb_generator g, TB_FACTORY_ARGS) {
  TB_TENSOR(with_grad(at::randn(tb::dims(shape, ndim), gen(g), tb::options(dtype, device_type, device_index)), requires_grad))
}
TB_API tb_tensor tb_randint(int64_t low, int64_t high, const int64_t* shape, int32_t ndim, tb_generator g, TB_FACTORY_ARGS) {
  TB_TENSOR(with_grad(at::randint(low, high, tb::dims(shape, ndim), gen(g), tb::options(dtype < 0 ? (int32_t)at::kLong : dtype, device_type, device_index)), requires_grad))
}
TB_API tb_tensor tb_randperm(int64_t n, tb_generator g, TB_FACTORY_ARGS) {
  TB_TENSOR(with_grad(at::randperm(n, gen(g), tb::options(dtype < 0 ? (int32_t)at::kLong : dtype, device_type, device_index)), requires_grad))
}
TB_API tb_tensor tb_normal(double mean, double std, const int64_t* shape, int32_t ndim, tb_generator g, TB_FACTORY_ARGS) {
  TB_TENSOR(with_grad(at::normal(mean, std, tb::dims(shape, ndim), gen(g), tb::options(dtype, device_type, device_index)), requires_grad))
}
TB_API tb_tensor tb_bernoulli(tb_tensor probs, tb_generator g) { TB_TENSOR(at::bernoulli(*probs, gen(g))) }
TB_API tb_tensor tb_multinomial(tb_tensor probs, int64_t num_samples, int32_t replacement, tb_generator g) {
  TB_TENSOR(at::multinomial(*probs, num_samples, replacement != 0, gen(g)))
}
TB_API int32_t tb_normal_(tb_tensor t, double mean, double std, tb_generator g) { TB_STATUS(t->normal_(mean, std, gen(g))) }
TB_API int32_t tb_uniform_(tb_tensor t, double from, double to, tb_generator g) { TB_STATUS(t->uniform_(from, to, gen(g))) }
TB_API int32_t tb_bernoulli_(tb_tensor t, double p, tb_generator g) { TB_STATUS(t->bernoulli_(p, gen(g))) }
TB_API int32_t tb_random_(tb_tensor t, int64_t from, int64_t to, tb_generator g) { TB_STATUS(t->random_(from, to, gen(g))) }
// random_() with no bounds: integers over [0, max of the dtype] (int64: [0, 2^63 - 1]), floats over [0, 2^mantissa].
TB_API int32_t tb_random_full_(tb_tensor t, tb_generator g) { TB_STATUS(t->random_(gen(g))) }
TB_API int32_t tb_exponential_(tb_tensor t, double lambd, tb_generator g) { TB_STATUS(t->exponential_(lambd, gen(g))) }

// Seeds and generators. The default generator is libtorch's own, so seeds agree with PyTorch.
TB_API int32_t tb_manual_seed(int64_t seed) {
  try {
    auto g = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(g.mutex());
    g.set_current_seed((uint64_t)seed);
    return 0;
  }
  TB_CATCH(-1)
}
TB_API uint64_t tb_initial_seed() { return at::detail::getDefaultCPUGenerator().current_seed(); }
TB_API tb_generator tb_default_generator() {
  try {
    return new at::Generator(at::detail::getDefaultCPUGenerator());
  }
  TB_CATCH(nullptr)
}
TB_API tb_generator tb_generator_new(uint64_t seed) {
  try {
    return new at::Generator(at::make_generator<at::CPUGeneratorImpl>(seed));
  }
  TB_CATCH(nullptr)
}
TB_API void tb_generator_dispose(tb_generator g) { delete g; }
TB_API int32_t tb_generator_manual_seed(tb_generator g, uint64_t seed) {
  try {
    std::lock_guard<std::mutex> lock(g->mutex());
    g->set_current_seed(seed);
    return 0;
  }
  TB_CATCH(-1)
}
TB_API uint64_t tb_generator_initial_seed(tb_generator g) { return g->current_seed(); }
TB_API tb_tensor tb_generator_get_state(tb_generator g) {
  try {
    std::lock_guard<std::mutex> lock(g->mutex());
    return tb::wrap(at::Tensor(g->get_state()));
  }
  TB_CATCH(nullptr)
}
TB_API int32_t tb_generator_set_state(tb_generator g, tb_tensor state) {
  try {
    std::lock_guard<std::mutex> lock(g->mutex());
    g->set_state(*state);
    return 0;
  }
  TB_CATCH(-1)
}
