// The front end's entry point: source text -> ast::Module, or a SyntaxError.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "interpreter/front/ast.h"

namespace tscript::front {

// What CPython reports for a syntax error. `type` is "SyntaxError", "IndentationError" or
// "TabError"; line is 1-based; col is the 1-based column of the caret (CPython's offset),
// end_col the column after the last caret character (0 when a single caret).
struct SyntaxErrorInfo {
  std::string type = "SyntaxError";
  std::string msg;
  std::string filename;
  int line = 0;
  int col = 0;
  int end_col = 0;
  std::string text;  // the source line, without its newline
  // True when the input ended inside an unfinished construct (open bracket, block header
  // without body, unterminated triple-quoted string): the REPL then asks for more lines.
  bool incomplete = false;
};

class SyntaxError : public std::runtime_error {
 public:
  explicit SyntaxError(SyntaxErrorInfo info)
      : std::runtime_error(info.msg), info_(std::move(info)) {}
  const SyntaxErrorInfo& info() const { return info_; }

 private:
  SyntaxErrorInfo info_;
};

// Parses a whole file (or REPL input). Throws front::SyntaxError.
ast::Module parse_module(std::string_view source, const std::string& filename);

// Formats an error as CPython prints it, ending with a newline:
//   File "t.tscript", line 3
//     if x
//         ^
//   SyntaxError: expected ':'
std::string format_syntax_error(const SyntaxErrorInfo& info);

}  // namespace tscript::front
