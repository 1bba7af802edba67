// AST -> bytecode. The compiler resolves scopes (symtable.h), emits instructions with a
// line per instruction, builds the exception table from handler regions, and computes
// each code object's maximum stack depth.
#pragma once

#include <string>
#include <vector>

#include "interpreter/front/ast.h"
#include "interpreter/objects/function.h"

namespace tscript {

struct CompileOptions {
  bool interactive = false;  // REPL: expression statements echo their value
};

// Throws front::SyntaxError for errors found while compiling (scope declarations,
// misplaced break/continue/return/yield the parser did not catch).
Ref<Code> compile_module(const ast::Module& module, const std::string& filename,
                         const std::vector<std::string>& source_lines,
                         const CompileOptions& options = {});

// Human-readable listing of a code object and its nested code objects (for tests/debugging).
std::string disassemble(const Code& code);

}  // namespace tscript
