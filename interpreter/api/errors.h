// Exceptions across the host boundary: script exception -> tscript::Error for the host,
// and a C++ exception thrown by a host function -> the matching script exception.
#pragma once

#include "interpreter/vm/vm.h"
#include "tscript/error.h"

namespace tscript {

// The host's view of a script exception (type name, str(exc), formatted traceback).
Error to_host_error(VM& v, const Value& exc);
// Re-raises the C++ exception being handled inside a host function as a script
// exception: tscript::Error by its type name (RuntimeError when the name is not a built-in
// exception), ScriptError unchanged, others as the torch bindings map them. Call only
// inside a catch block.
[[noreturn]] void raise_host_exception();

}  // namespace tscript
