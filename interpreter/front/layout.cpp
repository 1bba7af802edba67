#include "interpreter/front/layout.h"

#include <cstdio>
#include <cstring>

#include "TScriptLexer.h"

namespace tscript::front {

using grammar::TScriptLexer;
using antlr4::Token;

namespace {

bool is_ident_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9') || c >= 0x80;
}

// Python's str.isprintable() is false for these (an approximation without Unicode tables).
bool non_printable(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD || (cp >= 0x2000 && cp <= 0x200F) ||
         (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF ||
         (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xFFF0 && cp <= 0xFFFF) || (cp >= 0xD800 && cp <= 0xDFFF);
}

// Characters that can never be part of an identifier (punctuation and symbols). An
// approximation of "not XID_Continue" without Unicode tables.
bool not_identifier_char(uint32_t cp) {
  if (cp >= 0xA1 && cp <= 0xBF) return cp != 0xAA && cp != 0xB5 && cp != 0xBA && cp != 0xB7;
  if (cp == 0xD7 || cp == 0xF7) return true;
  if (cp >= 0x2010 && cp <= 0x2027) return true;
  if (cp >= 0x2030 && cp <= 0x205E) return cp != 0x203F && cp != 0x2040 && cp != 0x2054;
  if (cp >= 0x20A0 && cp <= 0x20CF) return true;
  if (cp >= 0x2190 && cp <= 0x2BFF) return true;
  if (cp >= 0x3001 && cp <= 0x3004) return true;
  if (cp >= 0x3008 && cp <= 0x3020) return true;
  if (cp >= 0xFF01 && cp <= 0xFF0F) return true;
  if (cp >= 0xFF1A && cp <= 0xFF20) return true;
  if (cp >= 0xFF3B && cp <= 0xFF40 && cp != 0xFF3F) return true;
  if (cp >= 0xFF5B && cp <= 0xFF65) return true;
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return true;
  return false;
}

std::string hex4(uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", cp);
  return buf;
}

const char* bracket_name(char c) {
  switch (c) {
    case '(': return "'('";
    case ')': return "')'";
    case '[': return "'['";
    case ']': return "']'";
    case '{': return "'{'";
    default: return "'}'";
  }
}

struct Keyword {
  const char* text;
  size_t len;
  size_t type;
};

#define KW(s, t) {s, sizeof(s) - 1, TScriptLexer::t}
const Keyword kKeywords[] = {
    KW("False", FALSE), KW("None", NONE), KW("True", TRUE), KW("and", AND), KW("as", AS),
    KW("assert", ASSERT), KW("async", ASYNC), KW("await", AWAIT), KW("break", BREAK), KW("class", CLASS),
    KW("continue", CONTINUE), KW("def", DEF), KW("del", DEL), KW("elif", ELIF), KW("else", ELSE),
    KW("except", EXCEPT), KW("finally", FINALLY), KW("for", FOR), KW("from", FROM), KW("global", GLOBAL),
    KW("if", IF), KW("import", IMPORT), KW("in", IN), KW("is", IS), KW("lambda", LAMBDA),
    KW("nonlocal", NONLOCAL), KW("not", NOT), KW("or", OR), KW("pass", PASS), KW("raise", RAISE),
    KW("return", RETURN), KW("try", TRY), KW("while", WHILE), KW("with", WITH), KW("yield", YIELD),
};
#undef KW

size_t keyword_type(const char* s, size_t n) {
  if (n < 2 || n > 8) return 0;
  for (const Keyword& k : kKeywords)
    if (k.len == n && k.text[0] == s[0] && std::memcmp(k.text, s, n) == 0) return k.type;
  return 0;
}

}  // namespace

LayoutTokenSource::LayoutTokenSource(TScriptLexer& lexer, const Source& src, size_t end, bool expression_mode)
    : lexer_(lexer), src_(src), end_(end), expression_mode_(expression_mode) {
  if (expression_mode_) at_line_start_ = false;
}

size_t LayoutTokenSource::getLine() const { return lexer_.getLine(); }
size_t LayoutTokenSource::getCharPositionInLine() { return lexer_.getCharPositionInLine(); }
antlr4::CharStream* LayoutTokenSource::getInputStream() { return lexer_.getInputStream(); }
std::string LayoutTokenSource::getSourceName() { return src_.filename(); }
antlr4::TokenFactory<antlr4::CommonToken>* LayoutTokenSource::getTokenFactory() { return lexer_.getTokenFactory(); }

std::unique_ptr<Token> LayoutTokenSource::nextToken() {
  while (pending_.empty()) fill();
  auto t = std::move(pending_.front());
  pending_.pop_front();
  return t;
}

std::unique_ptr<Token> LayoutTokenSource::raw_next() {
  auto t = peeked_ ? std::move(peeked_) : lexer_.nextToken();
  if (t->getType() != Token::EOF && t->getStartIndex() >= end_) {
    auto eof = make(Token::EOF, end_, end_ - 1, src_.line_of(end_));
    return eof;
  }
  return t;
}

std::unique_ptr<antlr4::CommonToken> LayoutTokenSource::make(size_t type, size_t start, size_t stop, int line) {
  auto t = std::make_unique<antlr4::CommonToken>(type, "");
  t->setStartIndex(start);
  t->setStopIndex(stop);
  t->setLine(line);
  size_t ls = src_.line_start(line);
  t->setCharPositionInLine(start >= ls ? start - ls : 0);
  return t;
}

void LayoutTokenSource::fail_at(size_t offset, std::string msg, bool incomplete) {
  int line = src_.line_of(offset);
  int col = src_.col_of(offset);
  SyntaxErrorInfo info = src_.error(std::move(msg), line, col, col);
  info.incomplete = incomplete;
  throw_error(std::move(info));
}

void LayoutTokenSource::fill() {
  for (;;) {
    auto t = raw_next();
    size_t type = t->getType();
    if (type == TScriptLexer::COMMENT) {
      comment_start_ = t->getStartIndex();
      continue;
    }
    if (type == TScriptLexer::NEWLINE) {
      size_t nl = t->getStartIndex();
      size_t start = comment_start_ != SIZE_MAX ? comment_start_ : nl;
      comment_start_ = SIZE_MAX;
      if (expression_mode_ || !brackets_.empty() || at_line_start_) continue;
      pending_.push_back(make(TScriptLexer::NEWLINE, start, nl - 1, static_cast<int>(t->getLine())));
      at_line_start_ = true;
      return;
    }
    comment_start_ = SIZE_MAX;
    if (type == TScriptLexer::NAME) {
      size_t start = t->getStartIndex();
      if (size_t kw = keyword_type(src_.text().data() + start, t->getStopIndex() + 1 - start)) {
        static_cast<antlr4::CommonToken*>(t.get())->setType(kw);
        type = kw;
      }
    }
    if (type == Token::EOF) {
      at_end(*t);
      pending_.push_back(std::move(t));
      return;
    }
    if (at_line_start_) {
      handle_indent(*t);
      at_line_start_ = false;
    }
    check_token(*t);
    last_stop_ = t->getStopIndex() + 1;
    have_last_ = true;
    pending_.push_back(std::move(t));
    return;
  }
}

void LayoutTokenSource::handle_indent(const Token& first) {
  int line = static_cast<int>(first.getLine());
  const std::string& text = src_.text();
  size_t ls = src_.line_start(line);
  int col = 0, alt = 0;
  for (size_t i = ls; i < first.getStartIndex(); ++i) {
    char c = text[i];
    if (c == ' ') {
      ++col;
      ++alt;
    } else if (c == '\t') {
      col = (col / 8 + 1) * 8;
      ++alt;
    } else if (c == '\f') {
      col = alt = 0;
    } else {
      break;
    }
  }
  auto line_end_error = [&](const char* msg, const char* type) {
    int len = src_.char_col(line, static_cast<int>(src_.line_text(line).size()));
    throw_error(src_.error_raw(msg, line, len + 1, 0, type));
  };
  auto tab_error = [&]() {
    throw_error(src_.error_raw("inconsistent use of tabs and spaces in indentation", line, 1, 0, "TabError"));
  };
  size_t start = first.getStartIndex();
  if (col == indents_.back()) {
    if (alt != alt_indents_.back()) tab_error();
  } else if (col > indents_.back()) {
    if (static_cast<int>(indents_.size()) >= kMaxIndentDepth)
      line_end_error("too many levels of indentation", "IndentationError");
    if (alt <= alt_indents_.back()) tab_error();
    indents_.push_back(col);
    alt_indents_.push_back(alt);
    pending_.push_back(make(TScriptLexer::INDENT, start, start - 1, line));
  } else {
    while (indents_.size() > 1 && col < indents_.back()) {
      indents_.pop_back();
      alt_indents_.pop_back();
      pending_.push_back(make(TScriptLexer::DEDENT, start, start - 1, line));
    }
    if (col != indents_.back())
      line_end_error("unindent does not match any outer indentation level", "IndentationError");
    if (alt != alt_indents_.back()) tab_error();
  }
}

void LayoutTokenSource::check_token(Token& t) {
  size_t type = t.getType();
  size_t start = t.getStartIndex();
  const std::string& text = src_.text();
  switch (type) {
    case TScriptLexer::OPEN_PAREN:
    case TScriptLexer::OPEN_BRACK:
    case TScriptLexer::OPEN_BRACE:
      if (static_cast<int>(brackets_.size()) >= kMaxBracketDepth) fail_at(start, "too many nested parentheses");
      brackets_.push_back({text[start], start});
      return;
    case TScriptLexer::CLOSE_PAREN:
    case TScriptLexer::CLOSE_BRACK:
    case TScriptLexer::CLOSE_BRACE: {
      char c = text[start];
      if (brackets_.empty()) {
        if (expression_mode_) return;  // the parser reports it
        fail_at(start, std::string("unmatched ") + bracket_name(c));
      }
      Open open = brackets_.back();
      char want = open.c == '(' ? ')' : open.c == '[' ? ']' : '}';
      if (c != want) {
        std::string msg = std::string("closing parenthesis ") + bracket_name(c) +
                          " does not match opening parenthesis " + bracket_name(open.c);
        int open_line = src_.line_of(open.offset);
        if (open_line != src_.line_of(start)) msg += " on line " + std::to_string(open_line);
        fail_at(start, msg);
      }
      brackets_.pop_back();
      return;
    }
    case TScriptLexer::UNTERMINATED_STRING: {
      size_t stop = t.getStopIndex();
      int detected = src_.line_of(stop < text.size() ? stop : text.size());
      fail_at(start, "unterminated string literal (detected at line " + std::to_string(detected) + ")");
    }
    case TScriptLexer::UNTERMINATED_LONG_STRING: {
      int detected = src_.line_count();
      fail_at(start, "unterminated triple-quoted string literal (detected at line " + std::to_string(detected) + ")",
              true);
    }
    case TScriptLexer::ERROR_CHAR: {
      unsigned char c = static_cast<unsigned char>(text[start]);
      if (c < 0x20 || c == 0x7F) fail_at(start, "invalid non-printable character " + hex4(c));
      return;  // '$', '?', '!', '`': the parser reports "invalid syntax"
    }
    case TScriptLexer::BACKSLASH: {
      if (start + 1 >= text.size()) {
        int line = src_.line_of(start);
        int len = src_.char_col(line, static_cast<int>(src_.line_text(line).size()));
        SyntaxErrorInfo info = src_.error_raw("unexpected EOF while parsing", line, len + 1, 0);
        info.incomplete = true;
        throw_error(std::move(info));
      }
      int line = src_.line_of(start);
      int col = src_.char_col(line, src_.col_of(start));
      throw_error(src_.error_raw("unexpected character after line continuation character", line, col + 2, 0));
    }
    case TScriptLexer::IMAG_NUMBER:
      fail_at(start, "complex numbers are not supported");
    case TScriptLexer::NUMBER:
      check_number(t);
      return;
    case TScriptLexer::NAME:
      if (!src_.ascii()) check_name(t);
      return;
    default:
      return;
  }
}

void LayoutTokenSource::check_number(const Token& num) {
  peeked_ = lexer_.nextToken();
  const Token& next = *peeked_;
  if (next.getType() == Token::EOF || next.getStartIndex() != num.getStopIndex() + 1 || next.getStartIndex() >= end_)
    return;
  const std::string& text = src_.text();
  size_t ns = num.getStartIndex();
  std::string_view ntext(text.data() + ns, num.getStopIndex() + 1 - ns);
  size_t p = next.getStartIndex();
  unsigned char c = static_cast<unsigned char>(text[p]);
  int line = src_.line_of(p);
  auto raw_at = [&](size_t off, const std::string& msg) {
    int col = src_.char_col(line, src_.col_of(off));
    throw_error(src_.error_raw(msg, line, col, col));
  };
  bool zeros = ntext.find_first_not_of("0_") == std::string_view::npos;
  if (next.getType() == TScriptLexer::NUMBER || next.getType() == TScriptLexer::IMAG_NUMBER) {
    if (zeros && c >= '0' && c <= '9') {
      int col = src_.col_of(ns);
      throw_error(src_.error(
          "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", line,
          col, col + static_cast<int>(ntext.size())));
    }
    return;
  }
  if (!is_ident_byte(c)) return;
  const char* kind = "decimal";
  if (ntext.size() > 1 && ntext[0] == '0') {
    char k = ntext[1];
    if (k == 'x' || k == 'X') kind = "hexadecimal";
    if (k == 'o' || k == 'O') kind = "octal";
    if (k == 'b' || k == 'B') kind = "binary";
  }
  if (ntext == "0" && std::strchr("xXoObB", c) != nullptr) {
    char k = static_cast<char>(c | 0x20);
    const char* pk = k == 'x' ? "hexadecimal" : k == 'o' ? "octal" : "binary";
    unsigned char d = p + 1 < text.size() ? static_cast<unsigned char>(text[p + 1]) : 0;
    if (k != 'x' && d >= '0' && d <= '9')
      raw_at(p + 2, std::string("invalid digit '") + static_cast<char>(d) + "' in " + pk + " literal");
    raw_at(p + 1, std::string("invalid ") + pk + " literal");
  }
  // CPython accepts (with a warning) a number directly followed by these keywords.
  std::string_view rest(text.data() + p, std::min<size_t>(4, text.size() - p));
  for (const char* kw : {"and", "else", "for", "if", "in", "is", "or", "not"}) {
    if (rest.substr(0, std::strlen(kw)) == kw) return;
  }
  if (c == '_') raw_at(p + 1, std::string("invalid ") + kind + " literal");
  raw_at(p, std::string("invalid ") + kind + " literal");
}

void LayoutTokenSource::check_name(const Token& name) {
  const std::string& text = src_.text();
  std::string_view s(text);
  for (size_t i = name.getStartIndex(); i <= name.getStopIndex();) {
    size_t at = i;
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    uint32_t cp = decode_utf8(s, i);
    if (non_printable(cp)) fail_at(at, "invalid non-printable character " + hex4(cp));
    if (not_identifier_char(cp)) {
      std::string ch(text, at, i - at);
      fail_at(at, "invalid character '" + ch + "' (" + hex4(cp) + ")");
    }
  }
}

void LayoutTokenSource::at_end(const Token& eof) {
  if (eof_done_) return;
  if (!brackets_.empty() && !expression_mode_) {
    const Open& open = brackets_.back();
    unclosed_offset_ = open.offset;
    int line = src_.line_of(open.offset);
    int col = src_.char_col(line, src_.col_of(open.offset));
    SyntaxErrorInfo info = src_.error_raw(std::string(bracket_name(open.c)) + " was never closed", line, col + 1, 0);
    info.incomplete = true;
    throw_error(std::move(info));
  }
  const std::string& text = src_.text();
  if (!expression_mode_) {
    // A line continuation right before the end of the input.
    size_t n = end_;
    size_t b = std::string::npos;
    if (n >= 2 && text[n - 1] == '\n' && text[n - 2] == '\\') b = n - 2;
    if (b != std::string::npos && (!have_last_ || b >= last_stop_)) {
      size_t ls = src_.line_start(src_.line_of(b));
      size_t from = have_last_ && last_stop_ > ls ? last_stop_ : ls;
      if (std::string_view(text).substr(from, b - from).find('#') == std::string_view::npos) {
        int line = src_.line_of(b);
        int len = src_.char_col(line, static_cast<int>(src_.line_text(line).size()));
        SyntaxErrorInfo info = src_.error_raw("unexpected EOF while parsing", line, len + 1, 0);
        info.incomplete = true;
        throw_error(std::move(info));
      }
    }
    int line = src_.line_of(end_);
    if (!at_line_start_) pending_.push_back(make(TScriptLexer::NEWLINE, end_, end_ - 1, line));
    at_line_start_ = true;
    while (indents_.size() > 1) {
      indents_.pop_back();
      alt_indents_.pop_back();
      pending_.push_back(make(TScriptLexer::DEDENT, end_, end_ - 1, line));
    }
  }
  eof_done_ = true;
}

}  // namespace tscript::front
