#include "interpreter/repl/input.h"

#include "interpreter/front/parser.h"

namespace tscript::repl {

namespace {

// Statements with an indented body: CPython keeps reading them until a blank line, since
// another `elif`, `except` or body line may follow.
bool has_body(ast::StmtKind k) {
  switch (k) {
    case ast::StmtKind::FunctionDef:
    case ast::StmtKind::ClassDef:
    case ast::StmtKind::For:
    case ast::StmtKind::While:
    case ast::StmtKind::If:
    case ast::StmtKind::With:
    case ast::StmtKind::Try:
      return true;
    default:
      return false;
  }
}

// Unfinished input a blank line does not end: an open bracket or triple-quoted string
// (blank lines are part of them). Any other unfinished construct is a block waiting for
// its body, which a blank line turns into the parser's error.
bool blank_line_continues(const front::SyntaxErrorInfo& info) {
  return info.msg.find("was never closed") != std::string::npos ||
         info.msg.rfind("unterminated triple-quoted string", 0) == 0;
}

}  // namespace

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t\f\r") == std::string_view::npos; }

InputState classify_input(const std::string& source, bool last_line_blank) {
  try {
    ast::Module tree = front::parse_module(source, "<stdin>");
    if (tree.body.empty()) return InputState::Empty;
    if (has_body(tree.body.back()->kind) && !last_line_blank) return InputState::Incomplete;
    return InputState::Complete;
  } catch (front::SyntaxError& e) {
    const auto& info = e.info();
    if (!info.incomplete) return InputState::Complete;
    if (last_line_blank && !blank_line_continues(info)) return InputState::Complete;
    return InputState::Incomplete;
  }
}

}  // namespace tscript::repl
