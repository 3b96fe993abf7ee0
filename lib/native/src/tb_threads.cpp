// Threads: libtorch's intra-op thread count, and the BLAS library's, which follows it.
//
// Debian's libtorch multiplies matrices with OpenBLAS, whose pthread build keeps its own thread
// pool sized to the machine and ignores at::set_num_threads (PyTorch's MKL builds set MKL's count
// alongside). So torch.set_num_threads(n) also gives OpenBLAS n threads, found at run time in the
// OpenBLAS libtorch already loaded; with another BLAS nothing more happens.
#include "tb_common.h"

#include <dlfcn.h>

namespace {
void* openblas_symbol(const char* name) {
  // RTLD_NOLOAD: only an OpenBLAS that is already in the process (loaded by libtorch).
  static void* library = dlopen("libopenblas.so.0", RTLD_LAZY | RTLD_NOLOAD);
  void* symbol = library ? dlsym(library, name) : nullptr;
  return symbol ? symbol : dlsym(RTLD_DEFAULT, name);
}
}  // namespace

TB_API int32_t tb_get_num_threads() { return at::get_num_threads(); }

TB_API int32_t tb_set_num_threads(int32_t n) {
  try {
    at::set_num_threads(n);
    static auto set_blas = reinterpret_cast<void (*)(int)>(openblas_symbol("openblas_set_num_threads"));
    if (set_blas) set_blas(n);
    return 0;
  }
  TB_CATCH(-1)
}

// OpenBLAS's thread count, or -1 when libtorch does not use OpenBLAS.
TB_API int32_t tb_blas_get_num_threads() {
  static auto get_blas = reinterpret_cast<int (*)()>(openblas_symbol("openblas_get_num_threads"));
  return get_blas ? get_blas() : -1;
}

TB_API int32_t tb_get_num_interop_threads() { return at::get_num_interop_threads(); }
