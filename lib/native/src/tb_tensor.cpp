// Tensor handles: lifetime, attributes, element access and copies to and from .NET memory.
#include "tb_common.h"
#include <c10/core/CPUAllocator.h>
#include <cstring>
#include <typeinfo>

TB_API void tb_tensor_dispose(tb_tensor t) { tb::release(t); }

// tb_tensor_dispose for the common case, cheap enough to be called from C# without a GC
// transition (SuppressGCTransition). Such a call must not call back into .NET, block or run long,
// so it drops the reference only when that can do no more than free a small buffer of the default
// CPU allocator: this handle is the last owner of a plain strided TensorImpl without autograd
// state (no graph to free). Otherwise (from_blob memory, whose deleter calls .NET; autograd state;
// shared or large tensors) it returns 0 and leaves the handle to tb_tensor_dispose; 1 when done.
TB_API int32_t tb_tensor_dispose_quick(tb_tensor t) {
  constexpr size_t max_bytes = 64 * 1024;  // larger frees may unmap pages
  try {
    static const c10::DeleterFnPtr cpu_deleter = c10::GetDefaultCPUAllocator()->raw_deleter();
    if (!t || !t->defined()) return 1;
    const c10::TensorImpl* impl = t->unsafeGetTensorImpl();
    if (t->use_count() != 1 || typeid(*impl) != typeid(c10::TensorImpl) || impl->autograd_meta() != nullptr) return 0;
    const c10::Storage& storage = impl->unsafe_storage();
    if (storage && (storage.data_ptr().get_deleter() != cpu_deleter || storage.nbytes() > max_bytes)) return 0;
  } catch (...) {
    return 0;  // (nbytes() of a symbolic size throws) the full path decides
  }
  tb::release(t);
  return 1;
}

TB_API int32_t tb_tensor_defined(tb_tensor t) { return t->defined() ? 1 : 0; }
TB_API int64_t tb_tensor_dim(tb_tensor t) { return t->dim(); }
TB_API int64_t tb_tensor_numel(tb_tensor t) { return t->numel(); }
TB_API int32_t tb_tensor_dtype(tb_tensor t) { return (int32_t)t->scalar_type(); }
TB_API int32_t tb_tensor_device_type(tb_tensor t) { return (int32_t)t->device().type(); }
TB_API int32_t tb_tensor_device_index(tb_tensor t) { return (int32_t)t->device().index(); }
TB_API int32_t tb_tensor_is_contiguous(tb_tensor t) { return t->is_contiguous() ? 1 : 0; }
TB_API int32_t tb_tensor_requires_grad(tb_tensor t) { return t->requires_grad() ? 1 : 0; }
TB_API int32_t tb_tensor_is_leaf(tb_tensor t) { return t->is_leaf() ? 1 : 0; }
TB_API int64_t tb_tensor_element_size(tb_tensor t) { return (int64_t)t->element_size(); }

TB_API void tb_tensor_shape(tb_tensor t, int64_t* out) {
  auto s = t->sizes();
  for (size_t i = 0; i < s.size(); i++) out[i] = s[i];
}
TB_API void tb_tensor_strides(tb_tensor t, int64_t* out) {
  auto s = t->strides();
  for (size_t i = 0; i < s.size(); i++) out[i] = s[i];
}

// Bytes of the storage this tensor owns, for GC memory pressure; 0 for views (their base reports it).
// Called for every new tensor, so it avoids the virtual is_view() unless there is autograd state
// (only then can a tensor be a view) and copying the Storage (two atomic reference counts).
TB_API int64_t tb_tensor_owned_bytes(tb_tensor t) {
  try {
    if (!t->defined()) return 0;
    const c10::TensorImpl* impl = t->unsafeGetTensorImpl();
    if (!impl->has_storage() || (impl->autograd_meta() != nullptr && t->is_view())) return 0;
    const c10::Storage& storage = impl->unsafe_storage();
    return storage ? (int64_t)storage.nbytes() : 0;
  } catch (...) {
    return 0;
  }
}

TB_API int64_t tb_tensor_data_ptr(tb_tensor t) {
  try {
    return (int64_t)(intptr_t)t->data_ptr();
  }
  TB_CATCH(0)
}

TB_API int32_t tb_tensor_requires_grad_(tb_tensor t, int32_t value) { TB_STATUS(t->requires_grad_(value != 0)) }

// A new tensor with a copy of `nbytes` bytes at `data`, laid out row-major with the given shape.
// The copy goes through ATen's copy kernel (parallel over the intra-op threads), as PyTorch's
// torch.tensor(numpy_array) does, rather than one memcpy.
TB_API tb_tensor tb_tensor_from_data(const void* data, int64_t nbytes, const int64_t* shape, int32_t ndim,
                                     int32_t dtype, int32_t device_type, int32_t device_index, int32_t requires_grad) {
  try {
    auto options = at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype));
    auto view = at::from_blob(const_cast<void*>(data), tb::dims(shape, ndim), options);
    if ((int64_t)view.nbytes() != nbytes)
      throw std::invalid_argument("the data holds " + std::to_string(nbytes) + " bytes but the shape needs " +
                                  std::to_string(view.nbytes()));
    auto t = at::empty(tb::dims(shape, ndim), options);
    if (nbytes > 0) t.copy_(view);
    if (device_type > 0) t = t.to(at::Device(static_cast<at::DeviceType>(device_type), (c10::DeviceIndex)device_index));
    if (requires_grad) t.requires_grad_(true);
    return tb::wrap(t);
  }
  TB_CATCH(nullptr)
}

// A tensor over .NET memory without copying. `release(context)` is called once libtorch no longer
// needs the memory (the C# side unpins the array there).
typedef void (*tb_release_fn)(void* context);
TB_API tb_tensor tb_tensor_from_blob(void* data, const int64_t* shape, int32_t ndim, int32_t dtype,
                                     tb_release_fn release, void* context) {
  try {
    auto t = at::from_blob(
        data, tb::dims(shape, ndim), [release, context](void*) { release(context); },
        at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)));
    return tb::wrap(t);
  }
  TB_CATCH(nullptr)
}

// Copies the elements (row-major, any layout, any device) into `out`, which holds `nbytes` bytes.
TB_API int32_t tb_tensor_copy_to(tb_tensor t, void* out, int64_t nbytes) {
  try {
    auto c = t->detach().to(at::kCPU).contiguous();
    if ((int64_t)c.nbytes() != nbytes)
      throw std::invalid_argument("the buffer holds " + std::to_string(nbytes) + " bytes but the tensor has " +
                                  std::to_string(c.nbytes()));
    if (nbytes > 0) std::memcpy(out, c.data_ptr(), (size_t)nbytes);
    return 0;
  }
  TB_CATCH(-1)
}

// Copies `nbytes` bytes from `data` into the tensor's elements (row-major), keeping its device.
TB_API int32_t tb_tensor_copy_from(tb_tensor t, const void* data, int64_t nbytes) {
  try {
    auto src = at::empty(t->sizes(), at::TensorOptions().dtype(t->scalar_type()));
    if ((int64_t)src.nbytes() != nbytes)
      throw std::invalid_argument("the data holds " + std::to_string(nbytes) + " bytes but the tensor needs " +
                                  std::to_string(src.nbytes()));
    if (nbytes > 0) std::memcpy(src.data_ptr(), data, (size_t)nbytes);
    at::NoGradGuard guard;
    t->copy_(src);
    return 0;
  }
  TB_CATCH(-1)
}

TB_API int32_t tb_tensor_item(tb_tensor t, double* out_double, int64_t* out_long) {
  try {
    auto s = t->item();
    if (s.isFloatingPoint()) {
      *out_double = s.toDouble();
      *out_long = (int64_t)*out_double;
    } else if (s.isBoolean()) {
      *out_long = s.toBool() ? 1 : 0;
      *out_double = (double)*out_long;
    } else {
      *out_long = s.toLong();
      *out_double = (double)*out_long;
    }
    return 0;
  }
  TB_CATCH(-1)
}

TB_API tb_tensor tb_tensor_to(tb_tensor t, int32_t dtype, int32_t device_type, int32_t device_index,
                              int32_t non_blocking, int32_t copy) {
  try {
    at::TensorOptions o = at::TensorOptions().dtype(dtype >= 0 ? static_cast<at::ScalarType>(dtype) : t->scalar_type());
    o = o.device(device_type >= 0 ? at::Device(static_cast<at::DeviceType>(device_type), (c10::DeviceIndex)device_index)
                                  : t->device());
    return tb::wrap(t->to(o, non_blocking != 0, copy != 0));
  }
  TB_CATCH(nullptr)
}

TB_API tb_tensor tb_tensor_alias(tb_tensor t) { TB_TENSOR(*t) }
TB_API tb_tensor tb_tensor_clone(tb_tensor t) { TB_TENSOR(t->clone()) }
TB_API tb_tensor tb_tensor_contiguous(tb_tensor t) { TB_TENSOR(t->contiguous()) }
TB_API tb_tensor tb_tensor_detach(tb_tensor t) { TB_TENSOR(t->detach()) }
TB_API int32_t tb_tensor_detach_(tb_tensor t) { TB_STATUS(t->detach_()) }

TB_API int32_t tb_cuda_is_available() {
  try {
    return at::hasCUDA() ? 1 : 0;
  } catch (...) {
    return 0;
  }
}
TB_API int32_t tb_cuda_device_count() {
  try {
    return at::hasCUDA() ? (int32_t)at::getNumGPUs() : 0;
  } catch (...) {
    return 0;
  }
}
TB_API int32_t tb_get_num_threads() { return at::get_num_threads(); }
TB_API int32_t tb_set_num_threads(int32_t n) { TB_STATUS(at::set_num_threads(n)) }
TB_API int32_t tb_get_num_interop_threads() { return at::get_num_interop_threads(); }
TB_API const char* tb_libtorch_version() {
  static std::string v = std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." +
                         std::to_string(TORCH_VERSION_PATCH);
  return v.c_str();
}
