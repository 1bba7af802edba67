// Internals of the front end shared by parser.cpp, ast_builder.cpp and validate.cpp.
#pragma once

#include <memory>
#include <string>

#include "TScriptLexer.h"
#include "TScriptParser.h"
#include "antlr4-runtime.h"
#include "interpreter/front/ast.h"
#include "interpreter/front/layout.h"
#include "interpreter/front/source.h"

namespace tscript::front {

// The source bytes as an ANTLR character stream: one byte per "character", so that token
// indices are byte offsets (ANTLRInputStream would decode UTF-8 into code points).
class ByteInputStream : public antlr4::ANTLRInputStream {
 public:
  explicit ByteInputStream(std::string_view bytes) {
    _data.resize(bytes.size());
    for (size_t i = 0; i < bytes.size(); ++i) _data[i] = static_cast<unsigned char>(bytes[i]);
    p = 0;
  }
};

// One run of lexer + layout filter + parser over [begin, end) of the source.
class ParseRun {
 public:
  // `expression` selects the f-string replacement-field mode (start rule fstring_input).
  ParseRun(const Source& src, ByteInputStream& input, size_t begin, size_t end, bool expression);
  ~ParseRun();

  // Parse with SLL + bail first, then LL with error reporting. Throws SyntaxError.
  grammar::TScriptParser::File_inputContext* file_input();
  grammar::TScriptParser::Fstring_inputContext* fstring_input();

  antlr4::CommonTokenStream& tokens() { return *tokens_; }

 private:
  template <class Ctx>
  Ctx* run(Ctx* (grammar::TScriptParser::*rule)());
  [[noreturn]] void report_failure(const struct ParseFailure& f);
  SyntaxErrorInfo describe(const struct ParseFailure& f);

  const Source& src_;
  bool expression_;
  size_t end_;
  std::unique_ptr<grammar::TScriptLexer> lexer_;
  std::unique_ptr<LayoutTokenSource> layout_;
  std::unique_ptr<antlr4::CommonTokenStream> tokens_;
  std::unique_ptr<grammar::TScriptParser> parser_;
};

// Parse tree -> AST. Throws SyntaxError for constructs the grammar accepts but Python does
// not (invalid targets, argument order, ...).
class AstBuilder {
 public:
  AstBuilder(const Source& src, ByteInputStream& input, antlr4::CommonTokenStream& tokens)
      : src_(src), input_(input), tokens_(tokens) {}

  ast::Module module(grammar::TScriptParser::File_inputContext* ctx);
  ast::ExprPtr fstring_expr(grammar::TScriptParser::Fstring_inputContext* ctx);

 private:
  friend struct BuilderImpl;
  const Source& src_;
  ByteInputStream& input_;
  antlr4::CommonTokenStream& tokens_;
};

// Checks done by CPython's symbol table and compiler: 'return'/'yield' outside function,
// 'break'/'continue' outside loop, starred assignment targets, ... Throws SyntaxError.
void validate_module(const ast::Module& m, const Source& src);

// A SyntaxErrorInfo spanning bytes [start, end) of the source (CPython's 1-based offsets).
SyntaxErrorInfo error_at(const Source& src, std::string msg, size_t start, size_t end,
                         const char* type = "SyntaxError");
SyntaxErrorInfo error_span(const Source& src, std::string msg, const ast::Span& span,
                           const char* type = "SyntaxError");

}  // namespace tscript::front
