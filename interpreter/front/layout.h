// Python's layout rules as a token filter between TScriptLexer and TScriptParser:
// NEWLINE suppression inside brackets and on blank lines, INDENT/DEDENT from the
// indentation of each logical line (tabs to the next multiple of 8, TabError on inconsistent
// tabs and spaces), bracket matching, keyword recognition (the lexer produces NAME), and the
// tokenizer's error messages (unterminated strings, invalid characters, bad number literals,
// EOF inside brackets), worded and positioned as CPython 3.11's tokenizer does. Internal.
#pragma once

#include <deque>
#include <memory>
#include <vector>

#include "antlr4-runtime.h"
#include "interpreter/front/source.h"

namespace tscript::grammar {
class TScriptLexer;
}

namespace tscript::front {

class LayoutTokenSource : public antlr4::TokenSource {
 public:
  // `end` bounds the tokens taken from the lexer (a byte offset; tokens starting at or
  // after it end the stream). `expression_mode` is for f-string replacement fields: the
  // text is treated as if inside brackets (no NEWLINE, INDENT or DEDENT).
  LayoutTokenSource(grammar::TScriptLexer& lexer, const Source& src, size_t end, bool expression_mode);

  std::unique_ptr<antlr4::Token> nextToken() override;
  size_t getLine() const override;
  size_t getCharPositionInLine() override;
  antlr4::CharStream* getInputStream() override;
  std::string getSourceName() override;
  antlr4::TokenFactory<antlr4::CommonToken>* getTokenFactory() override;

  // End (exclusive byte offset) of the last real token produced so far.
  size_t last_token_end() const { return have_last_ ? last_stop_ : 0; }
  // Where the bracket reported as "never closed" opened.
  size_t unclosed_offset() const { return unclosed_offset_; }

  static constexpr int kMaxBracketDepth = 200;  // CPython's MAXLEVEL
  static constexpr int kMaxIndentDepth = 100;   // CPython's MAXINDENT

 private:
  struct Open {
    char c;
    size_t offset;
  };

  std::unique_ptr<antlr4::Token> raw_next();
  void fill();
  void handle_indent(const antlr4::Token& first);
  void check_token(antlr4::Token& t);
  void check_number(const antlr4::Token& num);
  void check_name(const antlr4::Token& name);
  void at_end(const antlr4::Token& eof);
  std::unique_ptr<antlr4::CommonToken> make(size_t type, size_t start, size_t stop, int line);
  [[noreturn]] void fail_at(size_t offset, std::string msg, bool incomplete = false);

  grammar::TScriptLexer& lexer_;
  const Source& src_;
  size_t end_;
  bool expression_mode_;
  std::deque<std::unique_ptr<antlr4::Token>> pending_;
  std::unique_ptr<antlr4::Token> peeked_;
  std::vector<int> indents_{0}, alt_indents_{0};
  std::vector<Open> brackets_;
  bool at_line_start_ = true;
  bool eof_done_ = false;
  size_t last_stop_ = 0;       // end (exclusive) of the last real token
  bool have_last_ = false;
  size_t comment_start_ = SIZE_MAX;
  size_t unclosed_offset_ = SIZE_MAX;  // a comment just before the next NEWLINE
};

}  // namespace tscript::front
