// Shared by every shim source: the export macro, the error guard, and conversions from the
// plain C types of the ABI to ATen's. Rule: no C++ exception ever crosses the C ABI. Every entry
// point runs its body inside TB_GUARD, which stores libtorch's message (without the C++
// backtrace) in a thread-local for the C# side to read, and returns a sentinel.
#pragma once
#include "tb_pch.h"
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>

#define TB_API extern "C" __attribute__((visibility("default")))

// A tensor handle: one owned reference to a c10::TensorImpl, and nothing else. What crosses the
// ABI is the TensorImpl pointer itself (C# holds it as an IntPtr), so making a handle costs no
// allocation: tb::wrap releases an at::Tensor's reference into the handle, tb::release (behind
// tb_tensor_dispose) takes it back and drops it. nullptr is the error sentinel; an undefined
// tensor is UndefinedTensorImpl's singleton, which reference counting ignores.
//
// `*h` and `h->` give a borrowed `const at::Tensor&` over the handle, without touching the
// reference count (the idea of c10::MaybeOwned's borrow). at::Tensor holds exactly one
// intrusive_ptr, which holds exactly one TensorImpl* (checked below), so the handle's storage has
// at::Tensor's object representation; it is reinterpreted in place rather than copied. ISO C++
// calls that access through a type no object of that type lives at; GCC and clang honour it
// because of may_alias, which exempts every access to a handle's storage from type-based alias
// analysis (the one optimisation that could otherwise separate a write of the handle from a
// read through the at::Tensor view). The borrow is const so that `*h = other` cannot compile:
// assigning through it would swap the TensorImpl without the handle's owner knowing. All of
// at::Tensor's methods, in-place ones included, are const; ATen's in-place and out= free functions
// that take `Tensor&` get tb::mut(h).
//
// ABI: tb_tensor is trivially copyable, standard-layout and pointer-sized, so passed or returned
// by value it travels exactly like a pointer (x86-64 System V: one INTEGER eightbyte in a general
// register, returned in rax; AArch64 AAPCS64: a composite of at most 16 bytes in x registers,
// returned in x0), and arrays of handles are arrays of pointers.
struct __attribute__((may_alias)) tb_tensor {
  c10::TensorImpl* impl;

  tb_tensor() = default;
  constexpr tb_tensor(std::nullptr_t) noexcept : impl(nullptr) {}
  explicit constexpr tb_tensor(c10::TensorImpl* p) noexcept : impl(p) {}

  explicit operator bool() const noexcept { return impl != nullptr; }
  friend bool operator==(tb_tensor h, std::nullptr_t) noexcept { return h.impl == nullptr; }
  friend bool operator!=(tb_tensor h, std::nullptr_t) noexcept { return h.impl != nullptr; }
  friend bool operator==(std::nullptr_t, tb_tensor h) noexcept { return h.impl == nullptr; }
  friend bool operator!=(std::nullptr_t, tb_tensor h) noexcept { return h.impl != nullptr; }
  // The borrow points into this handle object: it lives as long as the handle variable it was
  // taken from (a helper that returns it must take the handle by reference, not by value).
  const at::Tensor& operator*() const& noexcept { return *reinterpret_cast<const at::Tensor*>(&impl); }
  const at::Tensor* operator->() const& noexcept { return reinterpret_cast<const at::Tensor*>(&impl); }
  const at::Tensor& operator*() const&& = delete;  // *tb::wrap(...) would dangle at once
  const at::Tensor* operator->() const&& = delete;
};
static_assert(std::is_trivially_copyable<tb_tensor>::value && std::is_standard_layout<tb_tensor>::value &&
                  sizeof(tb_tensor) == sizeof(void*) && alignof(tb_tensor) == alignof(void*),
              "tb_tensor must cross the C ABI exactly like a pointer");
static_assert(std::is_standard_layout<at::Tensor>::value && sizeof(at::Tensor) == sizeof(c10::TensorImpl*) &&
                  alignof(at::Tensor) == alignof(c10::TensorImpl*),
              "at::Tensor must be a single TensorImpl pointer for tb_tensor's borrow");

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

// A new handle owning the reference that `t` held.
inline tb_tensor wrap(at::Tensor t) { return tb_tensor(t.unsafeReleaseTensorImpl()); }

// Drops the reference a handle owns (nothing for the null handle or an undefined tensor).
inline void release(tb_tensor h) {
  if (h) c10::intrusive_ptr<c10::TensorImpl, c10::UndefinedTensorImpl>::reclaim(h.impl);
}

// The handle's tensor for ATen's in-place and out= functions that take a non-const `Tensor&`
// (at::dropout_, at::maximum_out, Tensor::index_put_ with TensorIndex lists): they change that
// TensorImpl in place and never assign the at::Tensor itself, so the handle stays valid.
inline at::Tensor& mut(const tb_tensor& h) { return const_cast<at::Tensor&>(*h); }

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
