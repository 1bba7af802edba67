// When the lines typed at the REPL form a statement to run (CPython's interactive rules,
// with the parser deciding what is unfinished).
#pragma once

#include <string>
#include <string_view>

namespace tscript::repl {

enum class InputState {
  Empty,       // nothing to run (blank lines, comments): discard and prompt again
  Incomplete,  // ask for another line with the continuation prompt
  Complete,    // run it (a syntax error, if any, is reported by running it)
};

// `source` holds every line typed for this statement, each ending in '\n'.
// `last_line_blank` says whether the line just typed was empty or only whitespace:
// it ends a compound statement, as in CPython.
InputState classify_input(const std::string& source, bool last_line_blank);

bool is_blank(std::string_view line);

}  // namespace tscript::repl
