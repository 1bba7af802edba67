// The interactive loop: `tscript` on a terminal, and `tscript -i` after a file or command.
#pragma once

#include "interpreter/vm/vm.h"

namespace tscript::repl {

// Reads statements, runs them in `globals` (expression values are echoed with repr and kept
// in builtins `_`) and reports errors without ending the session, until end of input or
// SystemExit. Returns the process exit status. Uses libedit when stdin and stdout are
// terminals, plain lines otherwise. Ctrl-C interrupts a running statement.
int run_repl(VM& vm, Ref<Dict> globals, bool show_banner);

}  // namespace tscript::repl
