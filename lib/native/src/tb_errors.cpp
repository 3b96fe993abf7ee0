// The last error message of the calling thread, read by the C# side after a sentinel return.
#include "tb_common.h"

namespace {
thread_local std::string last_error;
}

namespace tb {
void set_error(const char* message) {
  std::string m = message ? message : "";
  // libtorch sometimes appends the C++ frame list after the message; learners need only the message.
  auto cut = m.find("\nException raised from");
  if (cut != std::string::npos) m.erase(cut);
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  last_error = std::move(m);
}
}  // namespace tb

TB_API const char* tb_last_error() { return last_error.c_str(); }
TB_API void tb_clear_error() { last_error.clear(); }
