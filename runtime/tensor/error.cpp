#include "runtime/tensor/error.h"

namespace tscript::rt {

const char* Error::python_name() const noexcept {
  switch (kind_) {
    case ErrorKind::Runtime: return "RuntimeError";
    case ErrorKind::Index: return "IndexError";
    case ErrorKind::Type: return "TypeError";
    case ErrorKind::Value: return "ValueError";
    case ErrorKind::NotImplemented: return "NotImplementedError";
    case ErrorKind::Assertion: return "AssertionError";
  }
  return "RuntimeError";
}

void throw_error(ErrorKind kind, const std::string& message) { throw Error(kind, message); }

}  // namespace tscript::rt
