// Saving and loading single tensors in the format of Python's torch.save (a zip with a pickle),
// through libtorch's own pickler, so files move freely between C# and Python.
#include "tb_common.h"
#include <cstdio>
#include <fstream>
#include <iterator>

TB_API int32_t tb_tensor_save(tb_tensor t, const char* path) {
  try {
    std::vector<char> bytes = torch::jit::pickle_save(c10::IValue(*t));
    std::string target(path);
    std::string temp = target + ".tmp-" + std::to_string((long long)(intptr_t)t.impl);
    {
      std::ofstream f(temp, std::ios::binary | std::ios::trunc);
      if (!f) throw std::runtime_error("cannot write '" + temp + "': check that the folder exists and is writable");
      f.write(bytes.data(), (std::streamsize)bytes.size());
      f.flush();
      if (!f) {
        std::remove(temp.c_str());
        throw std::runtime_error("writing '" + temp + "' failed (disk full?)");
      }
    }
    if (std::rename(temp.c_str(), target.c_str()) != 0) {
      std::remove(temp.c_str());
      throw std::runtime_error("cannot replace '" + target + "'");
    }
    return 0;
  }
  TB_CATCH(-1)
}

TB_API tb_tensor tb_tensor_load(const char* path) {
  try {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error(std::string("cannot open '") + path + "': the file does not exist or is not readable");
    std::vector<char> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    c10::IValue v = torch::jit::pickle_load(bytes);
    if (!v.isTensor())
      throw std::runtime_error(std::string("'") + path + "' holds a " + v.tagKind() + ", not a single tensor");
    return tb::wrap(v.toTensor());
  }
  TB_CATCH(nullptr)
}
