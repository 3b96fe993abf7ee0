// Shared by every shim source: the export macro, the error guard, and conversions from the
// plain C types of the ABI to ATen's. Rule: no C++ exception ever crosses the C ABI. Every entry
// point runs its body inside TB_GUARD, which stores libtorch's message (without the C++
// backtrace) in a thread-local for the C# side to read, and returns a sentinel.
#pragma once
#include "tb_pch.h"
#include <cstdint>
#include <string>

#define TB_API extern "C" __attribute__((visibility("default")))

typedef at::Tensor* tb_tensor;

namespace tb {
void set_error(const char* message);

// A scalar as C# passes it: kind 0 = floating, 1 = integral, 2 = boolean.
struct Scalar {
  double d;
  int64_t i;
  int32_t kind;
};

inline at::Scalar to_scalar(Scalar s) {
  switch (s.kind) {
    case 1: return at::Scalar(s.i);
    case 2: return at::Scalar(s.i != 0);
    default: return at::Scalar(s.d);
  }
}

inline tb_tensor wrap(at::Tensor t) { return new at::Tensor(std::move(t)); }

inline at::IntArrayRef dims(const int64_t* data, int32_t n) { return at::IntArrayRef(data, (size_t)n); }

// dtype < 0 means "not given"; device_type < 0 means "not given". ATen's factories ignore
// requires_grad in TensorOptions (only torch:: ones honour it), so it is applied afterwards by
// with_grad().
inline at::TensorOptions options(int32_t dtype, int32_t device_type, int32_t device_index) {
  at::TensorOptions o;
  if (dtype >= 0) o = o.dtype(static_cast<at::ScalarType>(dtype));
  if (device_type >= 0) o = o.device(at::Device(static_cast<at::DeviceType>(device_type), (c10::DeviceIndex)device_index));
  return o;
}

inline at::Tensor with_grad(at::Tensor t, int32_t requires_grad) {
  if (requires_grad) t.requires_grad_(true);
  return t;
}

// A number as Python passes it to tensor operators: a 0-dim "wrapped number" tensor. Type
// promotion treats it like a Scalar, and autograd names the nodes as PyTorch does (AddBackward0).
inline at::Tensor wrapped(Scalar s) {
  auto t = at::scalar_to_tensor(to_scalar(s));
  t.unsafeGetTensorImpl()->set_wrapped_number(true);
  return t;
}

inline c10::optional<at::ScalarType> opt_dtype(int32_t dtype) {
  if (dtype < 0) return c10::nullopt;
  return static_cast<at::ScalarType>(dtype);
}
}  // namespace tb

#define TB_CATCH(fail)                                                   \
  catch (const c10::Error& e) {                                          \
    tb::set_error(e.what_without_backtrace());                           \
    return fail;                                                         \
  }                                                                      \
  catch (const std::exception& e) {                                      \
    tb::set_error(e.what());                                             \
    return fail;                                                         \
  }                                                                      \
  catch (...) {                                                          \
    tb::set_error("an unknown C++ exception was raised inside libtorch"); \
    return fail;                                                         \
  }

// Body returning a new tensor handle (nullptr on error).
#define TB_TENSOR(expr) \
  try {                 \
    return tb::wrap(expr); \
  }                     \
  TB_CATCH(nullptr)

// Body with no result (0 on success, -1 on error).
#define TB_STATUS(stmts) \
  try {                  \
    stmts;               \
    return 0;            \
  }                      \
  TB_CATCH(-1)
