// Script-callable wrappers around host C++ functions (Interpreter::def, ModuleBuilder::def).
#pragma once

#include <cstddef>
#include <string_view>

#include "interpreter/objects/function.h"
#include "tscript/interpreter.h"

namespace tscript {

// A native function with the Python signature `signature` that converts its bound
// arguments to Handles and calls `fn`. Throws std::invalid_argument when the signature
// does not declare `arity` parameters.
Ref<NativeFunction> make_host_function(std::string_view signature, HostFunction fn, std::size_t arity);

}  // namespace tscript
