// Helpers shared by the embedding API tests.
#pragma once

#include <string>

#include "tscript/interpreter.h"

namespace api_test {

// The Python type name of the error `src` raises ("" when it runs cleanly).
inline std::string error_type_of(tscript::Interpreter& interp, const std::string& src) {
  try {
    interp.exec(src);
  } catch (const tscript::Error& e) {
    return e.type();
  }
  return "";
}

}  // namespace api_test
