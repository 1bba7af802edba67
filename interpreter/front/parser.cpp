// parse_module: SLL parse with bail-out first, LL with error reporting on failure; syntax
// errors worded and positioned as CPython 3.11 reports them.
#include "interpreter/front/parser.h"

#include <algorithm>
#include <optional>

#include "interpreter/front/front_internal.h"

namespace tscript::front {

using antlr4::Token;
using grammar::TScriptLexer;
using grammar::TScriptParser;

// ---------------------------------------------------------------------------------------
// error helpers

SyntaxErrorInfo error_at(const Source& src, std::string msg, size_t start, size_t end, const char* type) {
  int line = src.line_of(start);
  int col0 = src.col_of(start);
  int end_col0;
  if (end <= start) {
    end_col0 = col0;
  } else if (src.line_of(end - 1) != line) {
    end_col0 = static_cast<int>(src.line_text(line).size());
  } else {
    end_col0 = static_cast<int>(end - src.line_start(line));
  }
  return src.error(std::move(msg), line, col0, end_col0, type);
}

SyntaxErrorInfo error_span(const Source& src, std::string msg, const ast::Span& s, const char* type) {
  int end_col0 = s.end_line == s.line ? s.end_col : static_cast<int>(src.line_text(s.line).size());
  return src.error(std::move(msg), s.line, s.col, end_col0, type);
}

// ---------------------------------------------------------------------------------------
// error strategy: record the first error and stop

struct ParseFailure {
  Token* offending = nullptr;
  antlr4::ParserRuleContext* ctx = nullptr;
  antlr4::misc::IntervalSet expected;
};

namespace {

class ReportingStrategy : public antlr4::DefaultErrorStrategy {
 public:
  void reportError(antlr4::Parser* p, const antlr4::RecognitionException& e) override {
    ParseFailure f;
    f.offending = e.getOffendingToken() ? e.getOffendingToken() : p->getCurrentToken();
    f.ctx = dynamic_cast<antlr4::ParserRuleContext*>(e.getCtx());
    if (!f.ctx) f.ctx = p->getContext();
    try {
      f.expected = e.getExpectedTokens();
    } catch (...) {
    }
    throw f;
  }
  antlr4::Token* recoverInline(antlr4::Parser* p) override {
    ParseFailure f;
    f.offending = p->getCurrentToken();
    f.ctx = p->getContext();
    f.expected = p->getExpectedTokens();
    throw f;
  }
  void recover(antlr4::Parser*, std::exception_ptr) override {}
  void sync(antlr4::Parser*) override {}
};

bool is_keyword_or_name(size_t t) { return t == TScriptLexer::NAME || (t >= TScriptLexer::FALSE && t <= TScriptLexer::YIELD); }

// Tokens that can end an expression / start one (for "Perhaps you forgot a comma?").
bool ends_expression(size_t t) {
  switch (t) {
    case TScriptLexer::NAME: case TScriptLexer::NUMBER: case TScriptLexer::STRING: case TScriptLexer::CLOSE_PAREN:
    case TScriptLexer::CLOSE_BRACK: case TScriptLexer::CLOSE_BRACE: case TScriptLexer::NONE: case TScriptLexer::TRUE:
    case TScriptLexer::FALSE: case TScriptLexer::ELLIPSIS:
      return true;
    default:
      return false;
  }
}
bool starts_expression(size_t t) {
  switch (t) {
    case TScriptLexer::NAME: case TScriptLexer::NUMBER: case TScriptLexer::STRING: case TScriptLexer::OPEN_PAREN:
    case TScriptLexer::OPEN_BRACK: case TScriptLexer::OPEN_BRACE: case TScriptLexer::NONE: case TScriptLexer::TRUE:
    case TScriptLexer::FALSE: case TScriptLexer::ELLIPSIS: case TScriptLexer::MINUS: case TScriptLexer::ADD:
    case TScriptLexer::NOT_OP: case TScriptLexer::NOT: case TScriptLexer::LAMBDA:
      return true;
    default:
      return false;
  }
}

bool is_binary_op(size_t t) {
  switch (t) {
    case TScriptLexer::ADD: case TScriptLexer::MINUS: case TScriptLexer::STAR: case TScriptLexer::DIV:
    case TScriptLexer::IDIV: case TScriptLexer::MOD: case TScriptLexer::POWER: case TScriptLexer::AT:
    case TScriptLexer::LEFT_SHIFT: case TScriptLexer::RIGHT_SHIFT: case TScriptLexer::AND_OP:
    case TScriptLexer::OR_OP: case TScriptLexer::XOR:
      return true;
    default:
      return false;
  }
}

bool is_open(size_t t) {
  return t == TScriptLexer::OPEN_PAREN || t == TScriptLexer::OPEN_BRACK || t == TScriptLexer::OPEN_BRACE;
}
bool is_close(size_t t) {
  return t == TScriptLexer::CLOSE_PAREN || t == TScriptLexer::CLOSE_BRACK || t == TScriptLexer::CLOSE_BRACE;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// ParseRun

ParseRun::ParseRun(const Source& src, ByteInputStream& input, size_t begin, size_t end, bool expression)
    : src_(src), expression_(expression), end_(end) {
  lexer_ = std::make_unique<TScriptLexer>(&input);
  lexer_->removeErrorListeners();
  input.seek(begin);
  int line = src.line_of(begin);
  lexer_->setLine(line);
  lexer_->setCharPositionInLine(begin - src.line_start(line));
  layout_ = std::make_unique<LayoutTokenSource>(*lexer_, src, end, expression);
  tokens_ = std::make_unique<antlr4::CommonTokenStream>(layout_.get());
  parser_ = std::make_unique<TScriptParser>(tokens_.get());
  parser_->removeErrorListeners();
}

ParseRun::~ParseRun() = default;

TScriptParser::File_inputContext* ParseRun::file_input() { return run(&TScriptParser::file_input); }
TScriptParser::Fstring_inputContext* ParseRun::fstring_input() { return run(&TScriptParser::fstring_input); }

template <class Ctx>
Ctx* ParseRun::run(Ctx* (TScriptParser::*rule)()) {
  auto* sim = parser_->getInterpreter<antlr4::atn::ParserATNSimulator>();
  try {
    sim->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser_->setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    parser_->depth = 0;
    return (parser_.get()->*rule)();
  } catch (antlr4::ParseCancellationException&) {
  } catch (grammar::NestingTooDeep& e) {
    size_t at = e.token ? e.token->getStartIndex() : 0;
    throw SyntaxError(error_at(src_, "maximum recursion depth exceeded during compilation", at, at + 1));
  }
  // Second stage: full LL prediction, first error reported.
  tokens_->seek(0);
  parser_->reset();
  parser_->depth = 0;
  sim->setPredictionMode(antlr4::atn::PredictionMode::LL);
  parser_->setErrorHandler(std::make_shared<ReportingStrategy>());
  try {
    return (parser_.get()->*rule)();
  } catch (ParseFailure& f) {
    report_failure(f);
  } catch (grammar::NestingTooDeep& e) {
    size_t at = e.token ? e.token->getStartIndex() : 0;
    throw SyntaxError(error_at(src_, "maximum recursion depth exceeded during compilation", at, at + 1));
  } catch (antlr4::ParseCancellationException&) {
  }
  throw SyntaxError(error_at(src_, "invalid syntax", 0, 0));
}

void ParseRun::report_failure(const ParseFailure& f) {
  // CPython tokenizes the rest of the source after a parse error; read it all now (the
  // error messages below look ahead) and keep the first tokenizer error found.
  std::optional<SyntaxErrorInfo> later;
  try {
    tokens_->fill();
  } catch (SyntaxError& e) {
    later = e.info();
  }
  SyntaxErrorInfo info = describe(f);
  if (!later || (info.type == "IndentationError" && info.msg == "unexpected indent")) throw SyntaxError(std::move(info));
  // Most tokenizer errors take precedence over the parse error. An unclosed bracket does
  // when it opened on an earlier line than the failing token, when the failing token was the
  // last one, or when a "forgot a comma" guess is more likely a missing bracket.
  const std::string& m = later->msg;
  bool unclosed = m.size() > 17 && m.compare(m.size() - 17, 17, " was never closed") == 0;
  bool indentation = later->type != "SyntaxError" || m == "unexpected EOF while parsing" ||
                     m == "unexpected character after line continuation character";
  if (unclosed) {
    size_t open_at = layout_->unclosed_offset();
    bool last_token = f.offending->getType() == Token::EOF ||
                      f.offending->getStopIndex() + 1 >= layout_->last_token_end();
    bool inside = open_at < f.offending->getStartIndex();
    bool later_line = inside && src_.line_of(open_at) < static_cast<int>(f.offending->getLine());
    bool comma_guess = info.msg == "invalid syntax. Perhaps you forgot a comma?" && inside &&
                       src_.line_of(open_at) < src_.line_of(layout_->last_token_end() - 1);
    if (last_token || later_line || comma_guess) throw SyntaxError(std::move(*later));
  } else if (!indentation) {
    throw SyntaxError(std::move(*later));
  }
  throw SyntaxError(std::move(info));
}

SyntaxErrorInfo ParseRun::describe(const ParseFailure& f) {
  Token* t = f.offending;
  size_t type = t->getType();
  const std::string& text = src_.text();
  bool at_eof = type == Token::EOF || (t->getStartIndex() >= end_ && type != TScriptLexer::NEWLINE);
  auto tok_end = [](Token* k) { return k->getStopIndex() + 1; };
  // The location CPython gives errors found at the end of the input.
  auto eof_error = [&](std::string msg, const char* etype) {
    int line = std::max(1, src_.line_count());
    SyntaxErrorInfo info = src_.error_raw(std::move(msg), line, 0, 0, etype);
    info.incomplete = true;
    return info;
  };
  // A zero-width DEDENT: report at the next real token.
  Token* shown = t;
  if (type == TScriptLexer::DEDENT && !at_eof) {
    for (size_t i = t->getTokenIndex() + 1; i < tokens_->size(); ++i) {
      Token* k = tokens_->get(i);
      if (k->getType() != TScriptLexer::DEDENT) {
        shown = k;
        break;
      }
    }
  }

  if (type == TScriptLexer::INDENT) {
    int line = static_cast<int>(t->getLine());
    return src_.error_raw("unexpected indent", line, src_.char_col(line, src_.col_of(t->getStartIndex())), 0,
                          "IndentationError");
  }

  size_t rule = f.ctx ? f.ctx->getRuleIndex() : SIZE_MAX;

  // A block header without an indented block.
  if (f.expected.contains(static_cast<size_t>(TScriptLexer::INDENT)) && rule == TScriptParser::RuleBlock && f.ctx->parent) {
    auto* parent = dynamic_cast<antlr4::ParserRuleContext*>(f.ctx->parent);
    Token* kw = nullptr;
    if (parent) {
      auto& ch = parent->children;
      auto it = std::find(ch.begin(), ch.end(), f.ctx);
      while (it != ch.begin()) {
        --it;
        if (auto* term = dynamic_cast<antlr4::tree::TerminalNode*>(*it)) {
          size_t tt = term->getSymbol()->getType();
          if (tt == TScriptLexer::IF || tt == TScriptLexer::ELIF || tt == TScriptLexer::ELSE || tt == TScriptLexer::WHILE ||
              tt == TScriptLexer::FOR || tt == TScriptLexer::TRY || tt == TScriptLexer::EXCEPT ||
              tt == TScriptLexer::FINALLY || tt == TScriptLexer::WITH || tt == TScriptLexer::DEF ||
              tt == TScriptLexer::CLASS) {
            kw = term->getSymbol();
            break;
          }
        }
      }
    }
    std::string what = "statement";
    if (kw) {
      switch (kw->getType()) {
        case TScriptLexer::DEF: what = "function definition"; break;
        case TScriptLexer::CLASS: what = "class definition"; break;
        default:
          what.assign(1, '\'');
          what.append(text, kw->getStartIndex(), tok_end(kw) - kw->getStartIndex());
          what += "' statement";
      }
      what += " on line " + std::to_string(kw->getLine());
    }
    std::string msg = "expected an indented block after ";
    msg += what;
    if (at_eof) return eof_error(msg, "IndentationError");
    return error_at(src_, msg, shown->getStartIndex(), tok_end(shown), "IndentationError");
  }

  if (rule == TScriptParser::RuleTry_stmt && f.expected.contains(static_cast<size_t>(TScriptLexer::EXCEPT))) {
    std::string msg = "expected 'except' or 'finally' block";
    if (at_eof) return eof_error(msg, "SyntaxError");
    return error_at(src_, msg, shown->getStartIndex(), tok_end(shown));
  }

  if (type == TScriptLexer::NEWLINE && f.expected.contains(static_cast<size_t>(TScriptLexer::COLON)) &&
      (rule == TScriptParser::RuleIf_stmt || rule == TScriptParser::RuleWhile_stmt ||
       rule == TScriptParser::RuleFor_stmt || rule == TScriptParser::RuleTry_stmt ||
       rule == TScriptParser::RuleExcept_clause || rule == TScriptParser::RuleWith_stmt ||
       rule == TScriptParser::RuleFuncdef || rule == TScriptParser::RuleClassdef)) {
    return error_at(src_, "expected ':'", t->getStartIndex(), tok_end(t) + 1 > t->getStartIndex() + 1 ? tok_end(t) : t->getStartIndex());
  }

  if (type == TScriptLexer::NEWLINE && rule == TScriptParser::RuleTest && f.expected.contains(static_cast<size_t>(TScriptLexer::ELSE))) {
    Token* last = tokens_->get(t->getTokenIndex() - 1);
    return error_at(src_, "expected 'else' after 'if' expression", f.ctx->getStart()->getStartIndex(), tok_end(last));
  }

  // Helpers over the token buffer (filled to the end or to a tokenizer error).
  const size_t ntok = tokens_->size();
  auto skip_group = [&](size_t j) {
    int d = 0;
    for (; j < ntok; ++j) {
      size_t kt = tokens_->get(j)->getType();
      if (kt == Token::EOF) return j - 1;
      if (is_open(kt)) ++d;
      if (is_close(kt) && --d == 0) return j;
    }
    return j - 1;
  };
  // Last token of the primary (atom + trailers) starting at token i.
  auto primary_end = [&](size_t i) {
    size_t k = tokens_->get(i)->getType();
    if (k == TScriptLexer::MINUS || k == TScriptLexer::ADD || k == TScriptLexer::NOT_OP) {
      if (i + 1 < ntok && starts_expression(tokens_->get(i + 1)->getType())) ++i;
      k = tokens_->get(i)->getType();
    }
    if (is_open(k)) i = skip_group(i);
    while (i + 2 < ntok) {
      size_t nt = tokens_->get(i + 1)->getType();
      if (nt == TScriptLexer::DOT && tokens_->get(i + 2)->getType() == TScriptLexer::NAME) {
        i += 2;
      } else if (nt == TScriptLexer::OPEN_PAREN || nt == TScriptLexer::OPEN_BRACK) {
        i = skip_group(i + 1);
      } else {
        break;
      }
    }
    return i;
  };
  // Start of the expression that ends at token `prev`: the innermost expression context.
  auto expression_start = [&](Token* prev) {
    Token* first = prev;
    for (antlr4::tree::ParseTree* n = f.ctx; n;) {
      auto* rc = dynamic_cast<antlr4::ParserRuleContext*>(n);
      if (!rc || rc->children.empty()) break;
      auto* last = dynamic_cast<antlr4::ParserRuleContext*>(rc->children.back());
      if (!last) break;
      size_t ri = last->getRuleIndex();
      if (last->getStop() == prev &&
          (ri == TScriptParser::RuleTest || ri == TScriptParser::RuleOr_test || ri == TScriptParser::RuleExpr ||
           ri == TScriptParser::RuleFactor)) {
        first = last->getStart();
        break;
      }
      n = last;
    }
    return first;
  };
  // Bracket depth at token t.
  auto depth_at = [&](Token* at) {
    int depth = 0;
    for (size_t i = at->getTokenIndex(); i-- > 0;) {
      size_t k = tokens_->get(i)->getType();
      if (is_close(k)) --depth;
      if (is_open(k)) ++depth;
      if (k == TScriptLexer::NEWLINE || k == TScriptLexer::INDENT || k == TScriptLexer::DEDENT ||
          (depth <= 0 && k == TScriptLexer::SEMI_COLON))
        break;
    }
    if (depth < 0) depth = 0;
    if (expression_) ++depth;  // CPython parses "(expr)"
    return depth;
  };

  // `from m import a,` without parentheses.
  if ((rule == TScriptParser::RuleImport_from || rule == TScriptParser::RuleImport_as_name) &&
      type == TScriptLexer::NEWLINE && t->getTokenIndex() > 0 &&
      tokens_->get(t->getTokenIndex() - 1)->getType() == TScriptLexer::COMMA) {
    return error_at(src_, "trailing comma not allowed without surrounding parentheses", t->getStartIndex(),
                    t->getStartIndex());
  }

  // f(x=1 for y in z)
  if (type == TScriptLexer::FOR && f.ctx) {
    antlr4::ParserRuleContext* arg = f.ctx;
    for (int k = 0; k < 3 && arg && arg->getRuleIndex() != TScriptParser::RuleArgument; ++k) {
      arg = arg->children.empty() ? nullptr : dynamic_cast<antlr4::ParserRuleContext*>(arg->children.back());
      if (!arg && k == 0 && f.ctx->children.size() > 1)
        arg = dynamic_cast<antlr4::ParserRuleContext*>(f.ctx->children[1]);
    }
    if (arg && arg->getRuleIndex() == TScriptParser::RuleArgument && arg->children.size() == 3 &&
        arg->getStop()->getTokenIndex() + 1 == t->getTokenIndex()) {
      auto* eq = dynamic_cast<antlr4::tree::TerminalNode*>(arg->children[1]);
      if (eq && eq->getSymbol()->getType() == TScriptLexer::ASSIGN)
        return error_at(src_, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                        arg->getStart()->getStartIndex(), tok_end(eq->getSymbol()));
    }
  }

  // `if x = 1:` / `[x = 1]`: '=' where an expression goes on.
  if (type == TScriptLexer::ASSIGN && t->getTokenIndex() > 0 && t->getTokenIndex() + 1 < ntok &&
      (depth_at(t) > 0 || rule == TScriptParser::RuleIf_stmt || rule == TScriptParser::RuleWhile_stmt) &&
      starts_expression(tokens_->get(t->getTokenIndex() + 1)->getType())) {
    Token* prev = tokens_->get(t->getTokenIndex() - 1);
    Token* first = expression_start(prev);
    // The right side: primaries joined by binary operators, not followed by another '='.
    size_t r = primary_end(t->getTokenIndex() + 1);
    while (r + 2 < ntok && is_binary_op(tokens_->get(r + 1)->getType()) &&
           starts_expression(tokens_->get(r + 2)->getType()))
      r = primary_end(r + 2);
    size_t after = r + 1 < ntok ? tokens_->get(r + 1)->getType() : Token::EOF;
    if (after != TScriptLexer::ASSIGN && after != TScriptLexer::COLON_EQ) {
      size_t ft = first->getType(), lt = prev->getType();
      const char* what = nullptr;
      bool top_level_op = false;
      for (size_t i = first->getTokenIndex(); i < prev->getTokenIndex(); ++i) {
        size_t k = tokens_->get(i)->getType();
        if (is_open(k)) {
          i = skip_group(i);
          continue;
        }
        if (is_binary_op(k) && i > first->getTokenIndex()) top_level_op = true;
        if (k == TScriptLexer::AND || k == TScriptLexer::OR || k == TScriptLexer::NOT || k == TScriptLexer::LESS_THAN ||
            k == TScriptLexer::GREATER_THAN || k == TScriptLexer::EQUALS || k == TScriptLexer::IN ||
            k == TScriptLexer::IS || k == TScriptLexer::LAMBDA || k == TScriptLexer::IF)
          return error_at(src_, "invalid syntax", t->getStartIndex(), tok_end(t));
      }
      if (first == prev && lt == TScriptLexer::NAME) {
        return error_at(src_, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", first->getStartIndex(),
                        tok_end(tokens_->get(r)));
      }
      if (top_level_op) {
        what = "expression";
      } else if (first == prev && (lt == TScriptLexer::NUMBER || lt == TScriptLexer::STRING)) {
        what = "literal";
      } else if (first == prev && lt == TScriptLexer::ELLIPSIS) {
        what = "ellipsis";
      } else if (lt == TScriptLexer::NAME) {
        what = "attribute";
      } else if (lt == TScriptLexer::CLOSE_BRACK) {
        what = is_open(ft) && skip_group(first->getTokenIndex()) == prev->getTokenIndex()
                   ? (ft == TScriptLexer::OPEN_BRACK ? nullptr : "dict literal")
                   : "subscript";
      } else if (lt == TScriptLexer::CLOSE_PAREN) {
        what = is_open(ft) && skip_group(first->getTokenIndex()) == prev->getTokenIndex() ? nullptr : "function call";
      } else if (lt == TScriptLexer::STRING) {
        what = "literal";
      }
      if (what)
        return error_at(src_, std::string("cannot assign to ") + what + " here. Maybe you meant '==' instead of '='?",
                        first->getStartIndex(), tok_end(prev));
    }
  }

  // "Perhaps you forgot a comma?" / legacy print statement.
  if (!at_eof && t->getTokenIndex() > 0 && starts_expression(type)) {
    Token* prev = tokens_->get(t->getTokenIndex() - 1);
    size_t pt = prev->getType();
    int depth = depth_at(t);
    // First token of the logical line.
    size_t line_first = 0;
    for (size_t i = t->getTokenIndex(); i-- > 0;) {
      size_t k = tokens_->get(i)->getType();
      if (k == TScriptLexer::NEWLINE || k == TScriptLexer::INDENT || k == TScriptLexer::DEDENT ||
          k == TScriptLexer::SEMI_COLON) {
        line_first = i + 1;
        break;
      }
    }
    // Only expression contexts get the comma hint (not parameter lists or imports).
    bool expression_context = true;
    for (antlr4::RuleContext* r = f.ctx; r; r = dynamic_cast<antlr4::RuleContext*>(r->parent)) {
      size_t ri = r->getRuleIndex();
      if (ri == TScriptParser::RuleParameters || ri == TScriptParser::RuleLparamlist ||
          ri == TScriptParser::RuleImport_from || ri == TScriptParser::RuleParamlist) {
        expression_context = false;
        break;
      }
      if (ri == TScriptParser::RuleAtom || ri == TScriptParser::RuleTrailer) break;
    }
    std::string pname = is_keyword_or_name(pt) ? std::string(text, prev->getStartIndex(), tok_end(prev) - prev->getStartIndex()) : "";
    bool legacy = pt == TScriptLexer::NAME && (pname == "print" || pname == "exec");
    if (legacy && depth == 0 && prev->getTokenIndex() == line_first) {
      size_t last = t->getTokenIndex();
      int d = 0;
      for (size_t i = t->getTokenIndex(); i < tokens_->size(); ++i) {
        Token* k = tokens_->get(i);
        size_t kt = k->getType();
        if (d == 0 && (kt == TScriptLexer::NEWLINE || kt == TScriptLexer::SEMI_COLON || kt == Token::EOF)) break;
        if (is_open(kt)) ++d;
        if (is_close(kt)) --d;
        last = i;
      }
      return error_at(src_, "Missing parentheses in call to '" + pname + "'. Did you mean " + pname + "(...)?",
                      prev->getStartIndex(), tok_end(tokens_->get(last)));
    }
    if (depth > 0 && expression_context && ends_expression(pt) && !(pt == TScriptLexer::NAME && type == TScriptLexer::STRING) && !legacy) {
      size_t a_start = expression_start(prev)->getStartIndex();
      size_t i = t->getTokenIndex();
      if (!(type == TScriptLexer::NOT || type == TScriptLexer::LAMBDA)) i = primary_end(i);
      return error_at(src_, "invalid syntax. Perhaps you forgot a comma?", a_start, tok_end(tokens_->get(i)));
    }
  }

  if (at_eof) {
    // A replacement field ends where its ')' would be in CPython's "(expr)".
    if (expression_) return error_at(src_, "invalid syntax", end_, end_ + 1);
    return eof_error("invalid syntax", "SyntaxError");
  }
  return error_at(src_, "invalid syntax", shown->getStartIndex(), tok_end(shown));
}

// ---------------------------------------------------------------------------------------
// public API

ast::Module parse_module(std::string_view source, const std::string& filename) {
  Source src(source, filename);
  ByteInputStream input(src.text());
  ParseRun run(src, input, 0, src.text().size(), false);
  auto* tree = run.file_input();
  AstBuilder builder(src, input, run.tokens());
  ast::Module m = builder.module(tree);
  validate_module(m, src);
  return m;
}

std::string format_syntax_error(const SyntaxErrorInfo& info) {
  std::string out;
  if (info.line > 0) {
    out += "  File \"" + info.filename + "\", line " + std::to_string(info.line) + "\n";
    // pythonrun.c: print_error_text. Offsets count characters, the text is bytes.
    long offset = info.col;
    long end_offset = info.type == "SyntaxError" ? (info.end_col > 0 ? info.end_col : -1) : -1;
    std::string text = info.text;
    long line_size = static_cast<long>(text.size()) + 1;  // CPython's text keeps its '\n'
    if (end_offset > line_size + 1) end_offset = line_size + 1;
    long carets = (end_offset > 0 && end_offset > offset) ? end_offset - offset : 1;
    --offset;
    size_t b = 0;
    while (b < text.size() && (text[b] == ' ' || text[b] == '\t' || text[b] == '\f')) {
      ++b;
      --offset;
    }
    std::string_view shown(text.data() + b, text.size() - b);
    if (offset > static_cast<long>(shown.size())) offset = static_cast<long>(shown.size());
    out += "    ";
    out += shown;
    out += "\n";
    if (offset >= 0) {
      out += "    ";
      out.append(static_cast<size_t>(offset), ' ');
      out.append(static_cast<size_t>(carets), '^');
      out += "\n";
    }
  }
  out += info.type + ": " + info.msg + "\n";
  return out;
}

}  // namespace tscript::front
