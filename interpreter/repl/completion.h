// Tab completion for the REPL: keywords, globals, built-ins, attributes, module members.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "interpreter/vm/vm.h"

namespace tscript::repl {

struct Completion {
  size_t start = 0;                     // where the completed word begins in the line
  std::vector<std::string> candidates;  // replacements for line[start, end), sorted, unique
};

// Completes the word that ends at the end of `line` (the text before the cursor). The
// prefix of a dotted word (`torch.nn.Lin`) is resolved by name and dictionary lookups
// only: no call, property or __getattr__ runs, so completing never executes script code.
Completion complete(VM& vm, Dict* globals, std::string_view line);

// The longest prefix shared by all candidates ("" when there are none).
std::string common_prefix(const std::vector<std::string>& candidates);

}  // namespace tscript::repl
