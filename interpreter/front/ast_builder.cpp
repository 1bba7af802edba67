// Parse tree -> AST, with CPython's spans, literal decoding (escapes, f-strings, implicit
// concatenation) and the checks CPython's parser makes beyond its grammar.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "interpreter/front/front_internal.h"

namespace tscript::front {

using antlr4::ParserRuleContext;
using antlr4::Token;
using antlr4::tree::ParseTree;
using antlr4::tree::TerminalNode;
using P = grammar::TScriptParser;

namespace {

constexpr int kMaxAstDepth = 2500;  // CPython gives up between 1000 and 3000

// Every rule of the grammar matches at least one token, so a node without children is a
// terminal. (Cheaper than dynamic_cast, which showed in profiles.)
inline bool is_term(ParseTree* p) { return p->children.empty(); }
inline ParserRuleContext* rule(ParseTree* p) {
  return p->children.empty() ? nullptr : static_cast<ParserRuleContext*>(p);
}
inline size_t rindex(ParseTree* p) {
  auto* r = rule(p);
  return r ? r->getRuleIndex() : SIZE_MAX;
}

template <class T>
std::unique_ptr<T> make(const ast::Span& s) {
  auto n = std::make_unique<T>();
  n->span = s;
  return n;
}

ast::Span join(const ast::Span& a, const ast::Span& b) { return {a.line, a.col, b.end_line, b.end_col}; }

// CPython's names for expressions in "cannot assign to %s" messages.
const char* expr_name(const ast::Expr& e) {
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::Attribute: return "attribute";
    case K::Subscript: return "subscript";
    case K::Starred: return "starred";
    case K::Name: return "name";
    case K::List: return "list";
    case K::Tuple: return "tuple";
    case K::Lambda: return "lambda";
    case K::Call: return "function call";
    case K::BoolOp: case K::BinOp: case K::UnaryOp: return "expression";
    case K::GeneratorExp: return "generator expression";
    case K::Yield: case K::YieldFrom: return "yield expression";
    case K::ListComp: return "list comprehension";
    case K::SetComp: return "set comprehension";
    case K::DictComp: return "dict comprehension";
    case K::Dict: return "dict literal";
    case K::Set: return "set display";
    case K::JoinedStr: case K::FormattedValue: return "f-string expression";
    case K::Constant: {
      auto& c = static_cast<const ast::Constant&>(e);
      switch (c.type) {
        case ast::Constant::Type::None: return "None";
        case ast::Constant::Type::Bool: return c.b ? "True" : "False";
        case ast::Constant::Type::Ellipsis: return "ellipsis";
        default: return "literal";
      }
    }
    case K::Compare: return "comparison";
    case K::IfExp: return "conditional expression";
    case K::Slice: return "slice";
  }
  return "expression";
}

// Literal prefix flags.
struct StrInfo {
  bool raw = false, bytes = false, fstr = false;
  size_t body = 0, body_end = 0;  // byte range of the contents
};

StrInfo string_info(const std::string& text, Token* t) {
  StrInfo s;
  size_t i = t->getStartIndex();
  size_t stop = t->getStopIndex() + 1;
  for (; text[i] != '\'' && text[i] != '"'; ++i) {
    char c = static_cast<char>(text[i] | 0x20);
    if (c == 'r') s.raw = true;
    if (c == 'b') s.bytes = true;
    if (c == 'f') s.fstr = true;
  }
  size_t q = (i + 2 < stop && text[i + 1] == text[i] && text[i + 2] == text[i]) ? 3 : 1;
  if (q == 3 && stop - i < 6) q = 1;  // '' is an empty short string
  s.body = i + q;
  s.body_end = stop - q;
  return s;
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int hexval(char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }

}  // namespace

struct BuilderImpl {
  const Source& src;
  ByteInputStream& input;
  antlr4::CommonTokenStream& tokens;
  const std::string& text;
  int depth = 0;
  // Location for errors CPython reports "after" a literal: the token following it.
  Token* literal_after = nullptr;

  BuilderImpl(const Source& s, ByteInputStream& in, antlr4::CommonTokenStream& ts)
      : src(s), input(in), tokens(ts), text(s.text()) {}

  // ---- parse tree access ----
  Token* tok(ParseTree* p) const { return tokens.get(p->getSourceInterval().a); }
  size_t ttype(ParseTree* p) const { return is_term(p) ? tok(p)->getType() : SIZE_MAX; }

  // ---- positions ----
  int line_col(size_t off, int line) const { return static_cast<int>(off - src.line_start(line)); }
  ast::Span tok_span(Token* t) const {
    int line = static_cast<int>(t->getLine());
    size_t end = t->getStopIndex() + 1;
    int end_line = t->getType() == P::STRING ? src.line_of(end - 1) : line;
    return {line, line_col(t->getStartIndex(), line), end_line, line_col(end, end_line)};
  }
  ast::Span span_of(Token* a, Token* b) const { return join(tok_span(a), tok_span(b)); }
  ast::Span span_of(ParserRuleContext* c) const { return span_of(c->getStart(), c->getStop()); }
  ast::Span span_of(ParseTree* p) const {
    if (is_term(p)) return tok_span(tok(p));
    return span_of(rule(p));
  }
  std::string tok_text(Token* t) const {
    return text.substr(t->getStartIndex(), t->getStopIndex() + 1 - t->getStartIndex());
  }

  [[noreturn]] void fail(std::string msg, const ast::Span& s) const { throw SyntaxError(error_span(src, std::move(msg), s)); }
  [[noreturn]] void fail_tok(std::string msg, Token* t) const {
    throw SyntaxError(error_at(src, std::move(msg), t->getStartIndex(), t->getStopIndex() + 1));
  }
  // CPython's location for literal errors: the token after the literal, single caret.
  [[noreturn]] void fail_after(std::string msg, Token* last) const {
    Token* next = last;
    size_t idx = last->getTokenIndex() + 1;
    if (idx < tokens.size()) next = tokens.get(idx);
    size_t s = next->getStartIndex();
    size_t e = next->getStopIndex() + 1;
    if (next == last) s = e;
    throw SyntaxError(error_at(src, std::move(msg), s, e > s ? e : s));
  }

  struct DepthGuard {
    BuilderImpl& b;
    int saved;
    DepthGuard(BuilderImpl& bb, int add, Token* at) : b(bb), saved(bb.depth) {
      b.depth += add;
      if (b.depth > kMaxAstDepth) b.fail_tok("maximum recursion depth exceeded during compilation", at);
    }
    ~DepthGuard() { b.depth = saved; }
  };

  // ======================================================================================
  // statements

  void stmt(ParseTree* node, ast::StmtList& out) {
    auto* ctx = rule(node);
    auto* child = rule(ctx->children[0]);
    if (child->getRuleIndex() == P::RuleSimple_stmts) {
      simple_stmts(child, out);
    } else {
      out.push_back(compound(rule(child->children[0])));
    }
  }

  void simple_stmts(ParserRuleContext* ctx, ast::StmtList& out) {
    for (auto* c : ctx->children) {
      if (rindex(c) == P::RuleSimple_stmt) out.push_back(simple_stmt(rule(rule(c)->children[0])));
    }
  }

  ast::StmtList block(ParserRuleContext* ctx) {
    DepthGuard g(*this, 1, ctx->getStart());
    ast::StmtList out;
    auto* first = rule(ctx->children[0]);
    if (first) {
      simple_stmts(first, out);
    } else {
      for (auto* c : ctx->children)
        if (rindex(c) == P::RuleStmt) stmt(c, out);
    }
    return out;
  }

  static ast::Span stmt_end(const ast::Span& start, const ast::StmtList& body) {
    return join(start, body.back()->span);
  }

  ast::StmtPtr simple_stmt(ParserRuleContext* ctx) {
    auto& ch = ctx->children;
    ast::Span sp = span_of(ctx);
    switch (ctx->getRuleIndex()) {
      case P::RuleExpr_stmt: return expr_stmt(ctx);
      case P::RuleDel_stmt: {
        auto n = make<ast::Delete>(sp);
        for (auto* c : rule(ch[1])->children)
          if (rule(c)) {
            auto e = expr(c);
            check_target(*e, "delete");
            n->targets.push_back(std::move(e));
          }
        return n;
      }
      case P::RulePass_stmt: return make<ast::Pass>(sp);
      case P::RuleBreak_stmt: return make<ast::Break>(sp);
      case P::RuleContinue_stmt: return make<ast::Continue>(sp);
      case P::RuleReturn_stmt: {
        auto n = make<ast::Return>(sp);
        if (ch.size() > 1) n->value = expr(ch[1]);
        return n;
      }
      case P::RuleRaise_stmt: {
        auto n = make<ast::Raise>(sp);
        if (ch.size() > 1) n->exc = expr(ch[1]);
        if (ch.size() > 3) n->cause = expr(ch[3]);
        return n;
      }
      case P::RuleGlobal_stmt: {
        auto n = make<ast::Global>(sp);
        for (auto* c : ch)
          if (ttype(c) == P::NAME) n->names.push_back(tok_text(tok(c)));
        return n;
      }
      case P::RuleNonlocal_stmt: {
        auto n = make<ast::Nonlocal>(sp);
        for (auto* c : ch)
          if (ttype(c) == P::NAME) n->names.push_back(tok_text(tok(c)));
        return n;
      }
      case P::RuleAssert_stmt: {
        auto n = make<ast::Assert>(sp);
        n->test = expr(ch[1]);
        if (ch.size() > 3) n->msg = expr(ch[3]);
        return n;
      }
      case P::RuleImport_name: {
        auto n = make<ast::Import>(sp);
        for (auto* c : ch) {
          if (rindex(c) != P::RuleDotted_as_name) continue;
          auto* d = rule(c);
          ast::Alias a;
          a.span = span_of(d);
          a.name = dotted(rule(d->children[0]));
          if (d->children.size() > 2) a.asname = tok_text(tok(d->children[2]));
          n->names.push_back(std::move(a));
        }
        return n;
      }
      case P::RuleImport_from: return import_from(ctx);
      case P::RuleYield_expr: {
        auto n = make<ast::ExprStmt>(sp);
        n->value = expr(ctx);
        return n;
      }
      default: break;
    }
    fail("invalid syntax", sp);
  }

  std::string dotted(ParserRuleContext* d) {
    std::string s;
    for (auto* c : d->children) {
      size_t t = ttype(c);
      if (t == P::NAME) s += tok_text(tok(c));
      if (t == P::DOT) s += '.';
    }
    return s;
  }

  ast::StmtPtr import_from(ParserRuleContext* ctx) {
    auto n = make<ast::ImportFrom>(span_of(ctx));
    auto& ch = ctx->children;
    size_t i = 1;
    for (; i < ch.size(); ++i) {
      size_t t = ttype(ch[i]);
      if (t == P::DOT) n->level += 1;
      else if (t == P::ELLIPSIS) n->level += 3;
      else break;
    }
    if (rindex(ch[i]) == P::RuleDotted_name) {
      n->module = dotted(rule(ch[i]));
      ++i;
    } else if (n->level == 0) {
      fail_tok("invalid syntax", tok(ch[i]));
    }
    ++i;  // IMPORT
    for (; i < ch.size(); ++i) {
      if (ttype(ch[i]) == P::STAR) {
        ast::Alias a;
        a.span = span_of(ch[i]);
        a.name = "*";
        n->names.push_back(std::move(a));
      } else if (rindex(ch[i]) == P::RuleImport_as_name) {
        auto* c = rule(ch[i]);
        ast::Alias a;
        a.span = span_of(c);
        a.name = tok_text(tok(c->children[0]));
        if (c->children.size() > 2) a.asname = tok_text(tok(c->children[2]));
        n->names.push_back(std::move(a));
      }
    }
    return n;
  }

  ast::StmtPtr expr_stmt(ParserRuleContext* ctx) {
    auto& ch = ctx->children;
    ast::Span sp = span_of(ctx);
    if (ch.size() == 1) {
      auto n = make<ast::ExprStmt>(sp);
      n->value = expr(ch[0]);
      return n;
    }
    size_t second = rindex(ch[1]);
    if (second == P::RuleAnnassign) {
      auto n = make<ast::AnnAssign>(sp);
      n->target = expr(ch[0]);
      using K = ast::ExprKind;
      auto& t = *n->target;
      if (t.kind == K::Tuple) fail("only single target (not tuple) can be annotated", t.span);
      if (t.kind == K::List) fail("only single target (not list) can be annotated", t.span);
      if (t.kind != K::Name && t.kind != K::Attribute && t.kind != K::Subscript)
        fail("illegal target for annotation", t.span);
      auto* ann = rule(ch[1]);
      expr(ann->children[1]);  // the annotation is checked, then dropped
      if (ann->children.size() > 3) n->value = expr(ann->children[3]);
      return n;
    }
    if (second == P::RuleAugassign) {
      auto n = make<ast::AugAssign>(sp);
      n->target = expr(ch[0]);
      auto k = n->target->kind;
      if (k != ast::ExprKind::Name && k != ast::ExprKind::Attribute && k != ast::ExprKind::Subscript)
        fail(std::string("'") + expr_name(*n->target) + "' is an illegal expression for augmented assignment",
             n->target->span);
      n->op = aug_op(tok(rule(ch[1])->children[0])->getType());
      n->value = expr(ch[2]);
      return n;
    }
    // a = b = value
    auto n = make<ast::Assign>(sp);
    size_t count = 0;
    for (auto* c : ch)
      if (rule(c)) ++count;
    size_t idx = 0;
    for (auto* c : ch) {
      if (!rule(c)) continue;
      auto e = expr(c);
      if (++idx < count) {
        n->targets.push_back(std::move(e));
      } else {
        n->value = std::move(e);
      }
    }
    for (size_t i = 0; i < n->targets.size(); ++i) {
      auto& t = *n->targets[i];
      if (t.kind == ast::ExprKind::Yield || t.kind == ast::ExprKind::YieldFrom) {
        // `x = yield = 3`: CPython only says this for a yield between two '='.
        fail("assignment to yield expression not possible", t.span);
      }
      const ast::Expr* bad = invalid_target(t, false);
      if (!bad) continue;
      bool simple = n->targets.size() == 1 && bad == &t && maybe_equal_hint(t) &&
                    n->value->kind != ast::ExprKind::Lambda;
      const char* name = expr_name(*bad);
      if (simple) fail(std::string("cannot assign to ") + name + " here. Maybe you meant '==' instead of '='?", bad->span);
      fail(std::string("cannot assign to ") + name, bad->span);
    }
    return n;
  }

  // CPython suggests '==' only for targets at "bitwise or" level that are not
  // tuples, lists, generator expressions or True/False/None.
  static bool maybe_equal_hint(const ast::Expr& e) {
    using K = ast::ExprKind;
    switch (e.kind) {
      case K::BoolOp: case K::Compare: case K::Lambda: case K::IfExp: case K::Starred: case K::Tuple: case K::List:
      case K::GeneratorExp:
        return false;
      case K::Constant: {
        auto t = static_cast<const ast::Constant&>(e).type;
        return t != ast::Constant::Type::None && t != ast::Constant::Type::Bool;
      }
      default:
        return true;
    }
  }

  // The first sub-expression that cannot be assigned to (or deleted), or null.
  static const ast::Expr* invalid_target(const ast::Expr& e, bool del) {
    using K = ast::ExprKind;
    switch (e.kind) {
      case K::Name: case K::Attribute: case K::Subscript:
        return nullptr;
      case K::Starred:
        if (del) return &e;
        return invalid_target(*static_cast<const ast::Starred&>(e).value, del);
      case K::Tuple:
        for (auto& x : static_cast<const ast::Tuple&>(e).elts)
          if (auto* b = invalid_target(*x, del)) return b;
        return nullptr;
      case K::List:
        for (auto& x : static_cast<const ast::List&>(e).elts)
          if (auto* b = invalid_target(*x, del)) return b;
        return nullptr;
      default:
        return &e;
    }
  }

  // For/with/comprehension targets: "cannot assign to %s"; del: "cannot delete %s".
  void check_target(const ast::Expr& e, const char* what) {
    bool del = std::strcmp(what, "delete") == 0;
    if (const ast::Expr* bad = invalid_target(e, del))
      fail(std::string(del ? "cannot delete " : "cannot assign to ") + expr_name(*bad), bad->span);
  }

  static ast::Operator aug_op(size_t t) {
    switch (t) {
      case P::ADD_ASSIGN: return ast::Operator::Add;
      case P::SUB_ASSIGN: return ast::Operator::Sub;
      case P::MULT_ASSIGN: return ast::Operator::Mult;
      case P::AT_ASSIGN: return ast::Operator::MatMult;
      case P::DIV_ASSIGN: return ast::Operator::Div;
      case P::MOD_ASSIGN: return ast::Operator::Mod;
      case P::AND_ASSIGN: return ast::Operator::BitAnd;
      case P::OR_ASSIGN: return ast::Operator::BitOr;
      case P::XOR_ASSIGN: return ast::Operator::BitXor;
      case P::LEFT_SHIFT_ASSIGN: return ast::Operator::LShift;
      case P::RIGHT_SHIFT_ASSIGN: return ast::Operator::RShift;
      case P::POWER_ASSIGN: return ast::Operator::Pow;
      default: return ast::Operator::FloorDiv;
    }
  }

  // ---- compound statements ----

  ast::StmtPtr compound(ParserRuleContext* ctx) {
    switch (ctx->getRuleIndex()) {
      case P::RuleIf_stmt: return if_stmt(ctx, 0);
      case P::RuleWhile_stmt: {
        auto& ch = ctx->children;
        auto n = make<ast::While>(span_of(ctx));
        n->test = expr(ch[1]);
        n->body = block(rule(ch[3]));
        if (ch.size() > 4) n->orelse = block(rule(ch[6]));
        n->span = stmt_end(n->span, n->orelse.empty() ? n->body : n->orelse);
        return n;
      }
      case P::RuleFor_stmt: {
        auto& ch = ctx->children;
        auto n = make<ast::For>(span_of(ctx));
        n->target = expr(ch[1]);
        check_target(*n->target, "assign");
        n->iter = expr(ch[3]);
        n->body = block(rule(ch[5]));
        if (ch.size() > 6) n->orelse = block(rule(ch[8]));
        n->span = stmt_end(n->span, n->orelse.empty() ? n->body : n->orelse);
        return n;
      }
      case P::RuleTry_stmt: return try_stmt(ctx);
      case P::RuleWith_stmt: return with_stmt(ctx);
      case P::RuleFuncdef: return funcdef(ctx);
      case P::RuleClassdef: return classdef(ctx);
      case P::RuleDecorated: return decorated(ctx);
      default: break;
    }
    fail("invalid syntax", span_of(ctx));
  }

  // if / elif chains nest in orelse; `i` is the index of the IF or ELIF token.
  ast::StmtPtr if_stmt(ParserRuleContext* ctx, size_t i) {
    auto& ch = ctx->children;
    DepthGuard g(*this, 1, tok(ch[i]));
    auto n = make<ast::If>(tok_span(tok(ch[i])));
    n->test = expr(ch[i + 1]);
    n->body = block(rule(ch[i + 3]));
    size_t next = i + 4;
    if (next < ch.size()) {
      if (ttype(ch[next]) == P::ELIF) {
        n->orelse.push_back(if_stmt(ctx, next));
      } else {
        n->orelse = block(rule(ch[next + 2]));
      }
    }
    n->span = stmt_end(n->span, n->orelse.empty() ? n->body : n->orelse);
    return n;
  }

  ast::StmtPtr try_stmt(ParserRuleContext* ctx) {
    auto& ch = ctx->children;
    auto n = make<ast::Try>(span_of(ctx));
    n->body = block(rule(ch[2]));
    ast::StmtList* last = &n->body;
    for (size_t i = 3; i < ch.size(); ++i) {
      if (rindex(ch[i]) == P::RuleExcept_clause) {
        auto* ec = rule(ch[i]);
        auto& ech = ec->children;
        ast::ExceptHandler h;
        h.span = span_of(ec);
        if (ech.size() > 3) {
          h.type = expr(ech[1]);
          if (ech.size() > 4) h.name = tok_text(tok(ech[3]));
        }
        h.body = block(rule(ech.back()));
        h.span = join(h.span, h.body.back()->span);
        if (!n->handlers.empty() && !n->handlers.back().type) fail("default 'except:' must be last", n->handlers.back().span);
        n->handlers.push_back(std::move(h));
        last = &n->handlers.back().body;
      } else if (ttype(ch[i]) == P::ELSE) {
        n->orelse = block(rule(ch[i + 2]));
        last = &n->orelse;
        i += 2;
      } else if (ttype(ch[i]) == P::FINALLY) {
        n->finalbody = block(rule(ch[i + 2]));
        last = &n->finalbody;
        i += 2;
      }
    }
    n->span = stmt_end(n->span, *last);
    return n;
  }

  ast::StmtPtr with_stmt(ParserRuleContext* ctx) {
    auto& ch = ctx->children;
    auto n = make<ast::With>(span_of(ctx));
    for (auto* c : ch) {
      if (rindex(c) != P::RuleWith_item) continue;
      auto* wi = rule(c);
      ast::WithItem item;
      item.context_expr = expr(wi->children[0]);
      if (wi->children.size() > 2) {
        item.optional_vars = expr(wi->children[2]);
        check_target(*item.optional_vars, "assign");
      }
      n->items.push_back(std::move(item));
    }
    n->body = block(rule(ch.back()));
    n->span = stmt_end(n->span, n->body);
    return n;
  }

  ast::StmtPtr funcdef(ParserRuleContext* ctx) {
    auto& ch = ctx->children;
    auto n = make<ast::FunctionDef>(span_of(ctx));
    n->name = tok_text(tok(ch[1]));
    auto* params = rule(ch[2]);
    if (params->children.size() > 2) n->args = arguments(rule(params->children[1]), false);
    if (ttype(ch[3]) == P::ARROW) expr(ch[4]);  // return annotation: checked, dropped
    n->body = block(rule(ch.back()));
    n->span = stmt_end(n->span, n->body);
    return n;
  }

  ast::StmtPtr classdef(ParserRuleContext* ctx) {
    auto& ch = ctx->children;
    auto n = make<ast::ClassDef>(span_of(ctx));
    n->name = tok_text(tok(ch[1]));
    if (ttype(ch[2]) == P::OPEN_PAREN && rindex(ch[3]) == P::RuleArglist) {
      arglist(rule(ch[3]), n->bases, n->keywords, true);
    }
    n->body = block(rule(ch.back()));
    n->span = stmt_end(n->span, n->body);
    return n;
  }

  ast::StmtPtr decorated(ParserRuleContext* ctx) {
    ast::ExprList decorators;
    for (auto* c : ctx->children) {
      if (rindex(c) == P::RuleDecorator) decorators.push_back(expr(rule(c)->children[1]));
    }
    auto* def = rule(ctx->children.back());
    ast::StmtPtr s = def->getRuleIndex() == P::RuleFuncdef ? funcdef(def) : classdef(def);
    if (auto* f = ast::as<ast::FunctionDef>(s.get())) f->decorator_list = std::move(decorators);
    if (auto* c = ast::as<ast::ClassDef>(s.get())) c->decorator_list = std::move(decorators);
    return s;
  }

  // def / lambda parameter lists (paramlist or lparamlist).
  ast::Arguments arguments(ParserRuleContext* list, bool is_lambda) {
    ast::Arguments a;
    bool seen_slash = false, seen_star = false, seen_kwarg = false, seen_default = false;
    Token* bare_star = nullptr;
    std::vector<std::string> names;
    auto add_name = [&](Token* t) {
      std::string nm = tok_text(t);
      for (auto& x : names)
        if (x == nm) fail_tok("duplicate argument '" + nm + "' in function definition", t);
      names.push_back(nm);
    };
    auto make_arg = [&](ParserRuleContext* p) {
      ast::Arg arg;
      Token* name = nullptr;
      for (auto* c : p->children)
        if (ttype(c) == P::NAME) {
          name = tok(c);
          break;
        }
      arg.name = tok_text(name);
      ast::Span s = tok_span(name);
      // annotation: NAME ':' test
      for (size_t i = 0; i + 1 < p->children.size(); ++i) {
        if (ttype(p->children[i]) == P::COLON && !is_lambda) {
          expr(p->children[i + 1]);
          s = join(s, span_of(p->children[i + 1]));
        }
      }
      arg.span = s;
      add_name(name);
      return arg;
    };
    for (auto* c : list->children) {
      auto* p = rule(c);
      if (!p) continue;
      auto& pc = p->children;
      size_t first = ttype(pc[0]);
      Token* ft = is_term(pc[0]) ? tok(pc[0]) : nullptr;
      if (seen_kwarg) fail_tok("arguments cannot follow var-keyword argument", ft);
      if (first == P::DIV) {
        if (seen_slash) fail_tok("/ may appear only once", ft);
        if (seen_star) fail_tok("/ must be ahead of *", ft);
        if (a.args.empty()) fail_tok("at least one argument must precede /", ft);
        a.posonlyargs = std::move(a.args);
        a.args.clear();
        seen_slash = true;
      } else if (first == P::STAR) {
        if (seen_star) fail_tok("* argument may appear only once", ft);
        seen_star = true;
        if (pc.size() > 1) {
          a.vararg = make_arg(p);
        } else {
          bare_star = ft;
        }
      } else if (first == P::POWER) {
        if (bare_star && a.kwonlyargs.empty()) fail_tok("named arguments must follow bare *", bare_star);
        a.kwarg = make_arg(p);
        seen_kwarg = true;
      } else {
        ast::ExprPtr def;
        for (size_t i = 0; i + 1 < pc.size(); ++i)
          if (ttype(pc[i]) == P::ASSIGN) def = expr(pc[i + 1]);
        ast::Arg arg = make_arg(p);
        if (seen_star) {
          a.kwonlyargs.push_back(std::move(arg));
          a.kw_defaults.push_back(std::move(def));
        } else {
          if (def) {
            seen_default = true;
            a.defaults.push_back(std::move(def));
          } else if (seen_default) {
            fail_tok("non-default argument follows default argument", ft);
          }
          a.args.push_back(std::move(arg));
        }
      }
    }
    if (bare_star && a.kwonlyargs.empty()) fail_tok("named arguments must follow bare *", bare_star);
    return a;
  }

  // ======================================================================================
  // expressions

  ast::ExprPtr expr(ParseTree* node) {
    auto* ctx = rule(node);
    while (ctx->children.size() == 1) {
      auto* c = rule(ctx->children[0]);
      if (!c) break;
      ctx = c;
    }
    DepthGuard g(*this, 1, ctx->getStart());
    auto& ch = ctx->children;
    switch (ctx->getRuleIndex()) {
      case P::RuleTest:
      case P::RuleOr_test:
      case P::RuleExpr: {
        // chain [IF or_test ELSE test]
        size_t end = ch.size();
        if (end >= 4 && ttype(ch[end - 2]) == P::ELSE && ttype(ch[end - 4]) == P::IF) end -= 4;
        ast::ExprPtr body = chain(ctx, end);
        if (end == ch.size()) return body;
        auto n = make<ast::IfExp>(span_of(ctx));
        n->body = std::move(body);
        n->test = expr(ch[end + 1]);
        n->orelse = expr(ch[end + 3]);
        return n;
      }
      case P::RuleLambdef: {
        auto n = make<ast::Lambda>(span_of(ctx));
        if (rindex(ch[1]) == P::RuleLparamlist) n->args = arguments(rule(ch[1]), true);
        n->body = expr(ch.back());
        return n;
      }
      case P::RuleFactor: return factor(ctx);
      case P::RuleAtom: return atom(ctx);
      case P::RuleStar_expr: {
        auto n = make<ast::Starred>(span_of(ctx));
        n->value = expr(ch[1]);
        return n;
      }
      case P::RuleTestlist_star_expr:
      case P::RuleExprlist:
      case P::RuleTestlist_comp: {
        auto n = make<ast::Tuple>(span_of(ctx));
        for (auto* c : ch)
          if (rule(c)) n->elts.push_back(expr(c));
        return n;
      }
      case P::RuleYield_expr: {
        if (ch.size() > 1 && ttype(ch[1]) == P::FROM) {
          auto n = make<ast::YieldFrom>(span_of(ctx));
          n->value = expr(ch[2]);
          return n;
        }
        auto n = make<ast::Yield>(span_of(ctx));
        if (ch.size() > 1) n->value = expr(ch[1]);
        return n;
      }
      default:
        break;
    }
    fail("invalid syntax", span_of(ctx));
  }

  // The NUMBER token when `p` is just a number literal.
  Token* single_number(ParseTree* p) {
    auto* ctx = rule(p);
    while (ctx && ctx->children.size() == 1) {
      if (is_term(ctx->children[0])) {
        Token* t = tok(ctx->children[0]);
        return t->getType() == P::NUMBER ? t : nullptr;
      }
      ctx = rule(ctx->children[0]);
    }
    return nullptr;
  }

  // ---- operator chains (the grammar keeps them flat; precedence is applied here) ----

  // An operand with the tokens it spans (spans include parentheses, as in CPython).
  struct Operand {
    ast::ExprPtr e;
    Token* first;
    Token* last;
  };


  static int precedence(size_t t) {
    switch (t) {
      case P::OR_OP: return 1;
      case P::XOR: return 2;
      case P::AND_OP: return 3;
      case P::LEFT_SHIFT: case P::RIGHT_SHIFT: return 4;
      case P::ADD: case P::MINUS: return 5;
      case P::STAR: case P::AT: case P::DIV: case P::MOD: case P::IDIV: return 6;
      case P::NOT: return -1;
      case P::AND: return -2;
      case P::OR: return -3;
      default: return -4;
    }
  }

  static ast::Operator binop(size_t t) {
    switch (t) {
      case P::OR_OP: return ast::Operator::BitOr;
      case P::XOR: return ast::Operator::BitXor;
      case P::AND_OP: return ast::Operator::BitAnd;
      case P::LEFT_SHIFT: return ast::Operator::LShift;
      case P::RIGHT_SHIFT: return ast::Operator::RShift;
      case P::ADD: return ast::Operator::Add;
      case P::MINUS: return ast::Operator::Sub;
      case P::STAR: return ast::Operator::Mult;
      case P::AT: return ast::Operator::MatMult;
      case P::DIV: return ast::Operator::Div;
      case P::MOD: return ast::Operator::Mod;
      default: return ast::Operator::FloorDiv;
    }
  }

  ast::CmpOp cmpop(ParserRuleContext* op) const {
    switch (ttype(op->children[0])) {
      case P::LESS_THAN: return ast::CmpOp::Lt;
      case P::GREATER_THAN: return ast::CmpOp::Gt;
      case P::GT_EQ: return ast::CmpOp::GtE;
      case P::LT_EQ: return ast::CmpOp::LtE;
      case P::NOT_EQ: return ast::CmpOp::NotEq;
      case P::IN: return ast::CmpOp::In;
      case P::NOT: return ast::CmpOp::NotIn;
      case P::IS: return op->children.size() > 1 ? ast::CmpOp::IsNot : ast::CmpOp::Is;
      default: return ast::CmpOp::Eq;
    }
  }

  // A flat chain: NOT* factor ((binop | comp_op) factor | (AND | OR) NOT* factor)*, built by
  // precedence: or < and < not < comparison < binary operators (by precedence()).
  struct Chain {
    BuilderImpl& b;
    std::vector<ParseTree*>& ch;
    size_t end;
    size_t pos = 0;

    static constexpr int kCompare = 0;
    // Precedence of the item at pos (an operator), or -100 at the end.
    int prec() const {
      if (pos >= end) return -100;
      if (is_term(ch[pos])) return precedence(b.tok(ch[pos])->getType());
      if (rindex(ch[pos]) == P::RuleComp_op) return kCompare;
      return -100;  // an operand (cannot happen between operands)
    }
    Operand operand() {
      auto* r = rule(ch[pos++]);
      return Operand{b.expr(r), r->getStart(), r->getStop()};
    }
    Operand binary(int min) {
      Operand left = operand();
      for (;;) {
        int p = prec();
        if (p < min) return left;
        size_t t = b.tok(ch[pos++])->getType();
        Operand right = p < 6 ? binary(p + 1) : operand();
        auto n = make<ast::BinOp>(b.span_of(left.first, right.last));
        n->op = binop(t);
        n->left = std::move(left.e);
        n->right = std::move(right.e);
        left.e = std::move(n);
        left.last = right.last;
      }
    }
    Operand compare() {
      Operand left = binary(1);
      if (prec() != kCompare) return left;
      auto n = make<ast::Compare>(ast::Span{});
      n->left = std::move(left.e);
      while (prec() == kCompare) {
        n->ops.push_back(b.cmpop(rule(ch[pos++])));
        Operand r = binary(1);
        n->comparators.push_back(std::move(r.e));
        left.last = r.last;
      }
      n->span = b.span_of(left.first, left.last);
      left.e = std::move(n);
      return left;
    }
    Operand negation() {
      std::vector<Token*> nots;
      while (prec() == -1) nots.push_back(b.tok(ch[pos++]));
      Operand o = compare();
      while (!nots.empty()) {
        auto n = make<ast::UnaryOp>(b.span_of(nots.back(), o.last));
        n->op = ast::UnaryOperator::Not;
        n->operand = std::move(o.e);
        o.e = std::move(n);
        o.first = nots.back();
        nots.pop_back();
      }
      return o;
    }
    Operand boolean(int level) {  // level -3: or, -2: and
      Operand first = level == -3 ? boolean(-2) : negation();
      if (prec() != level) return first;
      auto n = make<ast::BoolOp>(ast::Span{});
      n->op = level == -3 ? ast::BoolOperator::Or : ast::BoolOperator::And;
      Token* last = first.last;
      n->values.push_back(std::move(first.e));
      while (prec() == level) {
        ++pos;
        Operand o = level == -3 ? boolean(-2) : negation();
        last = o.last;
        n->values.push_back(std::move(o.e));
      }
      n->span = b.span_of(first.first, last);
      first.e = std::move(n);
      first.last = last;
      return first;
    }
  };

  // The chain in children [0, end) of a test / or_test / expr context.
  ast::ExprPtr chain(ParserRuleContext* ctx, size_t end) {
    auto& ch = ctx->children;
    if (end == 1) return expr(ch[0]);
    // The tree is left-deep: its depth grows with the number of operators.
    DepthGuard g(*this, static_cast<int>(end / 2), ctx->getStart());
    Chain c{*this, ch, end};
    return std::move(c.boolean(-3).e);
  }

  // factor: (ADD | MINUS | NOT_OP)* atom trailer* (POWER factor)?
  ast::ExprPtr factor(ParserRuleContext* ctx) {
    auto& ch = ctx->children;
    size_t nun = 0;
    while (nun < ch.size() && is_term(ch[nun])) ++nun;
    size_t end = ch.size();
    bool has_pow = end >= 2 && ttype(ch[end - 2]) == P::POWER;
    if (has_pow) end -= 2;
    DepthGuard g(*this, static_cast<int>(nun) + 1, ctx->getStart());
    ast::ExprPtr e;
    // -N where N is 2**63: the one integer literal that only fits negated.
    if (nun > 0 && !has_pow && end == nun + 1 && ttype(ch[nun - 1]) == P::MINUS) {
      if (Token* lit = single_number(ch[nun])) {
        std::string digits = tok_text(lit);
        digits.erase(std::remove(digits.begin(), digits.end(), '_'), digits.end());
        if (digits == "9223372036854775808") {
          auto c = make<ast::Constant>(span_of(tok(ch[nun - 1]), lit));
          c->type = ast::Constant::Type::Int;
          c->i = INT64_MIN;
          e = std::move(c);
          --nun;
        }
      }
    }
    if (!e) {
      e = primary(ctx, nun, end);
      if (has_pow) {
        auto n = make<ast::BinOp>(span_of(rule(ch[nun])->getStart(), ctx->getStop()));
        n->left = std::move(e);
        n->op = ast::Operator::Pow;
        n->right = expr(ch[end + 1]);
        e = std::move(n);
      }
    }
    while (nun > 0) {
      --nun;
      Token* op = tok(ch[nun]);
      auto n = make<ast::UnaryOp>(span_of(op, ctx->getStop()));
      size_t t = op->getType();
      n->op = t == P::MINUS ? ast::UnaryOperator::USub : t == P::ADD ? ast::UnaryOperator::UAdd : ast::UnaryOperator::Invert;
      n->operand = std::move(e);
      e = std::move(n);
    }
    return e;
  }

  // atom trailer*: children [first, end) of a factor.
  ast::ExprPtr primary(ParserRuleContext* ctx, size_t first, size_t end) {
    auto& ch = ctx->children;
    int k = static_cast<int>(end - first) - 1;
    Token* start = rule(ch[first])->getStart();
    ast::ExprPtr e;
    {
      DepthGuard g(*this, k, start);
      e = expr(ch[first]);
    }
    for (size_t i = first + 1; i < end; ++i) {
      DepthGuard g(*this, k - static_cast<int>(i - first) + 1, start);
      auto* tr = rule(ch[i]);
      auto& tc = tr->children;
      ast::Span sp = span_of(start, tr->getStop());
      size_t t0 = ttype(tc[0]);
      if (t0 == P::DOT) {
        auto n = make<ast::Attribute>(sp);
        n->value = std::move(e);
        n->attr = tok_text(tok(tc[1]));
        e = std::move(n);
      } else if (t0 == P::OPEN_PAREN) {
        auto n = make<ast::Call>(sp);
        n->func = std::move(e);
        if (tc.size() > 2) arglist(rule(tc[1]), n->args, n->keywords, false, tr);
        e = std::move(n);
      } else {
        auto n = make<ast::Subscript>(sp);
        n->value = std::move(e);
        n->slice = subscripts(rule(tc[1]));
        e = std::move(n);
      }
    }
    return e;
  }

  ast::ExprPtr subscripts(ParserRuleContext* list) {
    auto& ch = list->children;
    if (ch.size() == 1) {
      auto e = subscript(rule(ch[0]));
      if (e->kind != ast::ExprKind::Starred) return e;
      auto t = make<ast::Tuple>(e->span);  // x[*a] subscripts with a tuple (PEP 646)
      t->elts.push_back(std::move(e));
      return t;
    }
    auto n = make<ast::Tuple>(span_of(list));
    for (auto* c : ch)
      if (rule(c)) n->elts.push_back(subscript(rule(c)));
    return n;
  }

  ast::ExprPtr subscript(ParserRuleContext* s) {
    auto& ch = s->children;
    if (ch.size() == 1 && rule(ch[0])) return expr(ch[0]);
    auto n = make<ast::Slice>(span_of(s));
    size_t i = 0;
    if (rule(ch[0])) n->lower = expr(ch[i++]);
    ++i;  // ':'
    if (i < ch.size() && rindex(ch[i]) != P::RuleSliceop && rule(ch[i])) n->upper = expr(ch[i++]);
    if (i < ch.size() && rindex(ch[i]) == P::RuleSliceop) {
      auto* so = rule(ch[i]);
      if (so->children.size() > 1) n->step = expr(so->children[1]);
    }
    return n;
  }

  // Call arguments (or class bases). `call` is the trailer (for generator spans).
  void arglist(ParserRuleContext* list, ast::ExprList& args, std::vector<ast::Keyword>& keywords, bool is_class,
               ParserRuleContext* call = nullptr) {
    auto& ch = list->children;
    size_t nargs = 0;
    bool trailing_comma = ttype(ch.back()) == P::COMMA;
    for (auto* c : ch)
      if (rule(c)) ++nargs;
    bool seen_kw = false, seen_kwunpack = false;
    for (auto* c : ch) {
      auto* a = rule(c);
      if (!a) continue;
      auto& ac = a->children;
      size_t t0 = ttype(ac[0]);
      if (t0 == P::POWER) {
        ast::Keyword kw;
        kw.span = span_of(a);
        kw.value = expr(ac[1]);
        keywords.push_back(std::move(kw));
        seen_kwunpack = true;
      } else if (t0 == P::STAR) {
        auto n = make<ast::Starred>(span_of(a));
        n->value = expr(ac[1]);
        if (seen_kwunpack)
          fail_tok("iterable argument unpacking follows keyword argument unpacking", tok(ac[0]));
        args.push_back(std::move(n));
      } else if (ac.size() == 3 && ttype(ac[1]) == P::ASSIGN) {
        auto target = expr(ac[0]);
        ast::Span kwspan = span_of(a);
        if (target->kind != ast::ExprKind::Name) {
          if (auto* cst = ast::as<ast::Constant>(target.get());
              cst && (cst->type == ast::Constant::Type::Bool || cst->type == ast::Constant::Type::None))
            fail(std::string("cannot assign to ") + expr_name(*cst), join(cst->span, tok_span(tok(ac[1]))));
          ast::Span s = join(target->span, tok_span(tok(ac[1])));
          fail("expression cannot contain assignment, perhaps you meant \"==\"?", s);
        }
        ast::Keyword kw;
        kw.span = kwspan;
        kw.arg = static_cast<ast::Name&>(*target).id;
        for (auto& other : keywords)
          if (other.arg == kw.arg) fail("keyword argument repeated: " + kw.arg, kwspan);
        kw.value = expr(ac[2]);
        keywords.push_back(std::move(kw));
        seen_kw = true;
      } else if (ac.size() == 2) {  // generator argument
        if (is_class) fail_tok("invalid syntax", rule(ac[1])->getStart());
        ast::ExprPtr g = comprehension(ast::ExprKind::GeneratorExp, ac[0], rule(ac[1]), span_of(a));
        if (nargs > 1 || trailing_comma) fail("Generator expression must be parenthesized", g->span);
        if (call) g->span = span_of(call);
        args.push_back(std::move(g));
      } else {
        auto e = expr(ac[0]);
        // CPython points at the token after the argument.
        if (seen_kwunpack) fail_after("positional argument follows keyword argument unpacking", a->getStop());
        if (seen_kw) fail_after("positional argument follows keyword argument", a->getStop());
        args.push_back(std::move(e));
      }
    }
  }

  // comp_for after an element (or key/value).
  ast::ExprPtr comprehension(ast::ExprKind kind, ParseTree* elt, ParserRuleContext* comp_for, const ast::Span& sp,
                             ParseTree* value = nullptr) {
    std::vector<ast::Comprehension> gens;
    for (auto* c : comp_for->children) {
      auto* cl = rule(c);
      auto& cc = cl->children;
      ast::Comprehension g;
      g.target = expr(cc[1]);
      check_target(*g.target, "assign");
      g.iter = expr(cc[3]);
      for (size_t i = 4; i + 1 < cc.size(); i += 2) g.ifs.push_back(expr(cc[i + 1]));
      gens.push_back(std::move(g));
    }
    switch (kind) {
      case ast::ExprKind::ListComp: {
        auto n = make<ast::ListComp>(sp);
        n->elt = expr(elt);
        n->generators = std::move(gens);
        return n;
      }
      case ast::ExprKind::SetComp: {
        auto n = make<ast::SetComp>(sp);
        n->elt = expr(elt);
        n->generators = std::move(gens);
        return n;
      }
      case ast::ExprKind::DictComp: {
        auto n = make<ast::DictComp>(sp);
        n->key = expr(elt);
        n->value = expr(value);
        n->generators = std::move(gens);
        return n;
      }
      default: {
        auto n = make<ast::GeneratorExp>(sp);
        n->elt = expr(elt);
        n->generators = std::move(gens);
        return n;
      }
    }
  }

  ast::ExprPtr atom(ParserRuleContext* ctx) {
    auto& ch = ctx->children;
    Token* first = tok(ch[0]);
    ast::Span sp = span_of(ctx);
    switch (first->getType()) {
      case P::OPEN_PAREN: {
        if (ch.size() == 2) return make<ast::Tuple>(sp);
        auto* inner = rule(ch[1]);
        if (inner->getRuleIndex() == P::RuleYield_expr) return expr(inner);
        return sequence(inner, sp, ast::ExprKind::Tuple);
      }
      case P::OPEN_BRACK: {
        if (ch.size() == 2) return make<ast::List>(sp);
        return sequence(rule(ch[1]), sp, ast::ExprKind::List);
      }
      case P::OPEN_BRACE: {
        if (ch.size() == 2) return make<ast::Dict>(sp);
        return dict_or_set(rule(ch[1]), sp);
      }
      case P::NAME: {
        auto n = make<ast::Name>(sp);
        n->id = tok_text(first);
        return n;
      }
      case P::NUMBER: return number(first);
      case P::STRING: return strings(ctx);
      case P::ELLIPSIS: {
        auto n = make<ast::Constant>(sp);
        n->type = ast::Constant::Type::Ellipsis;
        return n;
      }
      case P::NONE: return make<ast::Constant>(sp);
      case P::TRUE:
      case P::FALSE: {
        auto n = make<ast::Constant>(sp);
        n->type = ast::Constant::Type::Bool;
        n->b = first->getType() == P::TRUE;
        return n;
      }
      default: break;
    }
    fail("invalid syntax", sp);
  }

  // testlist_comp inside ( ) or [ ].
  ast::ExprPtr sequence(ParserRuleContext* tc, const ast::Span& sp, ast::ExprKind kind) {
    auto& ch = tc->children;
    if (ch.size() == 2 && rindex(ch[1]) == P::RuleComp_for) {
      if (rindex(ch[0]) == P::RuleStar_expr) fail("iterable unpacking cannot be used in comprehension", span_of(ch[0]));
      return comprehension(kind == ast::ExprKind::List ? ast::ExprKind::ListComp : ast::ExprKind::GeneratorExp, ch[0],
                           rule(ch[1]), sp);
    }
    if (kind == ast::ExprKind::Tuple) {
      if (ch.size() == 1) return expr(ch[0]);  // parenthesised expression
      auto n = make<ast::Tuple>(sp);
      for (auto* c : ch)
        if (rule(c)) n->elts.push_back(expr(c));
      return n;
    }
    auto n = make<ast::List>(sp);
    for (auto* c : ch)
      if (rule(c)) n->elts.push_back(expr(c));
    return n;
  }

  ast::ExprPtr dict_or_set(ParserRuleContext* dm, const ast::Span& sp) {
    auto& ch = dm->children;
    auto* first = rule(ch[0]);
    auto& fc = first->children;
    bool is_dict = ttype(fc[0]) == P::POWER || fc.size() == 3;
    if (ch.size() == 2 && rindex(ch[1]) == P::RuleComp_for) {
      if (ttype(fc[0]) == P::POWER) fail_tok("dict unpacking cannot be used in dict comprehension", tok(fc[0]));
      if (rindex(fc[0]) == P::RuleStar_expr) fail("iterable unpacking cannot be used in comprehension", span_of(first));
      if (is_dict) return comprehension(ast::ExprKind::DictComp, fc[0], rule(ch[1]), sp, fc[2]);
      return comprehension(ast::ExprKind::SetComp, fc[0], rule(ch[1]), sp);
    }
    if (is_dict) {
      auto n = make<ast::Dict>(sp);
      for (auto* c : ch) {
        auto* it = rule(c);
        if (!it) continue;
        auto& ic = it->children;
        if (ttype(ic[0]) == P::POWER) {
          n->keys.push_back(nullptr);
          n->values.push_back(expr(ic[1]));
        } else if (ic.size() == 3) {
          n->keys.push_back(expr(ic[0]));
          n->values.push_back(expr(ic[2]));
        } else if (rindex(ic[0]) == P::RuleStar_expr) {
          fail_tok("invalid syntax", it->getStart());
        } else {
          auto k = expr(ic[0]);
          throw SyntaxError(src.error_raw("':' expected after dictionary key", k->span.line,
                                          src.char_col(k->span.line, k->span.col) + 1, 0));
        }
      }
      return n;
    }
    auto n = make<ast::Set>(sp);
    for (auto* c : ch) {
      auto* it = rule(c);
      if (!it) continue;
      auto& ic = it->children;
      if (ttype(ic[0]) == P::POWER) fail_tok("invalid syntax", tok(ic[0]));
      if (ic.size() == 3) fail_tok("invalid syntax", tok(ic[1]));
      n->elts.push_back(expr(ic[0]));
    }
    return n;
  }

  // ---- literals ----

  ast::ExprPtr number(Token* t) {
    auto n = make<ast::Constant>(tok_span(t));
    std::string s = tok_text(t);
    s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
    bool is_float = false;
    if (s.size() < 2 || s[0] != '0' || !std::strchr("xXoObB", s[1])) {
      is_float = s.find_first_of(".eE") != std::string::npos;
    }
    if (is_float) {
      n->type = ast::Constant::Type::Float;
      double v = 0;
      auto r = std::from_chars(s.data(), s.data() + s.size(), v);
      if (r.ec == std::errc::result_out_of_range) v = std::strtod(s.c_str(), nullptr);
      n->f = v;
      return n;
    }
    int base = 10;
    size_t i = 0;
    if (s.size() > 1 && s[0] == '0') {
      char k = static_cast<char>(s[1] | 0x20);
      if (k == 'x') base = 16;
      if (k == 'o') base = 8;
      if (k == 'b') base = 2;
      if (base != 10) i = 2;
    }
    uint64_t v = 0;
    for (; i < s.size(); ++i) {
      int d = is_hex(s[i]) ? hexval(s[i]) : 0;
      if (v > (UINT64_MAX - d) / base) fail_tok("integer literal too large", t);
      v = v * base + d;
    }
    if (v > static_cast<uint64_t>(INT64_MAX)) fail_tok("integer literal too large", t);
    n->type = ast::Constant::Type::Int;
    n->i = static_cast<int64_t>(v);
    return n;
  }

  // Decodes the escapes of a str (or bytes) literal body [b, e) and appends to out.
  void decode(size_t b, size_t e, bool bytes, std::string& out, size_t body_start, Token* last) {
    for (size_t i = b; i < e;) {
      char c = text[i];
      if (c != '\\' || i + 1 >= e) {
        if (bytes && static_cast<unsigned char>(c) >= 0x80) {
          throw SyntaxError(error_at(src, "bytes can only contain ASCII literal characters", last->getStartIndex(),
                                     last->getStopIndex() + 1));
        }
        out += c;
        ++i;
        continue;
      }
      size_t esc = i;
      char n = text[i + 1];
      i += 2;
      auto unicode_error = [&](const std::string& why, size_t from, size_t to) {
        std::string codec = bytes ? "(value error) " : "(unicode error) 'unicodeescape' codec can't decode bytes in position ";
        std::string msg = bytes ? codec + why + " at position " + std::to_string(from - body_start)
                                : codec + std::to_string(from - body_start) + "-" + std::to_string(to - body_start - 1) +
                                      ": " + why;
        fail_after(msg, last);
      };
      switch (n) {
        case '\n': break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
          uint32_t v = n - '0';
          for (int k = 0; k < 2 && i < e && text[i] >= '0' && text[i] <= '7'; ++k, ++i) v = v * 8 + (text[i] - '0');
          if (bytes) {
            out += static_cast<char>(v & 0xFF);
          } else {
            append_utf8(out, v);
          }
          break;
        }
        case 'x': {
          if (i + 2 > e || !is_hex(text[i]) || !is_hex(text[i + 1])) {
            size_t to = i;
            while (to < e && to < i + 2 && is_hex(text[to])) ++to;
            if (bytes) unicode_error("invalid \\x escape", esc, to);
            unicode_error("truncated \\xXX escape", esc, to);
          }
          uint32_t v = hexval(text[i]) * 16 + hexval(text[i + 1]);
          i += 2;
          if (bytes) {
            out += static_cast<char>(v);
          } else {
            append_utf8(out, v);
          }
          break;
        }
        case 'u':
        case 'U': {
          if (bytes) {
            out += '\\';
            out += n;
            break;
          }
          size_t len = n == 'u' ? 4 : 8;
          uint32_t v = 0;
          size_t k = 0;
          for (; k < len && i + k < e && is_hex(text[i + k]); ++k) v = v * 16 + hexval(text[i + k]);
          if (k < len) unicode_error(n == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape", esc, i + k);
          if (v > 0x10FFFF) unicode_error("illegal Unicode character", esc, i + k);
          i += len;
          append_utf8(out, v);
          break;
        }
        case 'N': {
          if (bytes) {
            out += "\\N";
            break;
          }
          size_t to = i;
          if (to < e && text[to] == '{') {
            while (to < e && text[to] != '}') ++to;
            if (to < e) ++to;
          }
          unicode_error("unknown Unicode character name", esc, to);
          break;
        }
        default:
          // Unknown escapes keep their backslash (CPython warns).
          out += '\\';
          i -= 1;
          break;
      }
    }
  }

  ast::ExprPtr strings(ParserRuleContext* ctx) {
    std::vector<Token*> toks;
    for (auto* c : ctx->children) toks.push_back(tok(c));
    ast::Span sp = span_of(toks.front(), toks.back());
    std::vector<StrInfo> infos;
    bool any_bytes = false, any_text = false, any_f = false;
    for (Token* t : toks) {
      infos.push_back(string_info(text, t));
      if (infos.back().bytes) any_bytes = true; else any_text = true;
      if (infos.back().fstr) any_f = true;
    }
    if (any_bytes && any_text) fail_after("cannot mix bytes and nonbytes literals", toks.back());
    if (!any_f) {
      auto n = make<ast::Constant>(sp);
      n->type = any_bytes ? ast::Constant::Type::Bytes : ast::Constant::Type::Str;
      for (size_t k = 0; k < toks.size(); ++k) {
        const StrInfo& s = infos[k];
        if (s.raw) {
          if (s.bytes) {
            for (size_t i = s.body; i < s.body_end; ++i)
              if (static_cast<unsigned char>(text[i]) >= 0x80)
                throw SyntaxError(error_at(src, "bytes can only contain ASCII literal characters",
                                           toks[k]->getStartIndex(), toks[k]->getStopIndex() + 1));
          }
          n->s.append(text, s.body, s.body_end - s.body);
        } else {
          decode(s.body, s.body_end, s.bytes, n->s, s.body, toks.back());
        }
      }
      return n;
    }
    auto n = make<ast::JoinedStr>(sp);
    std::string pending;
    bool has_pending = false;
    auto flush = [&](ast::ExprList& values) {
      if (has_pending && !pending.empty()) {
        auto c = make<ast::Constant>(sp);
        c->type = ast::Constant::Type::Str;
        c->s = std::move(pending);
        values.push_back(std::move(c));
      }
      pending.clear();
      has_pending = false;
    };
    literal_after = toks.back();
    for (size_t k = 0; k < toks.size(); ++k) {
      const StrInfo& s = infos[k];
      if (!s.fstr) {
        if (s.raw) {
          pending.append(text, s.body, s.body_end - s.body);
        } else {
          decode(s.body, s.body_end, false, pending, s.body, toks.back());
        }
        has_pending = true;
        continue;
      }
      size_t end = fstring_body(s.body, s.body_end, s.raw, 0, n->values, pending, has_pending, flush, sp);
      (void)end;
    }
    flush(n->values);
    return n;
  }

  // Parses f-string text [b, e); returns where it stopped (a '}' closing a format spec
  // when level > 0). Literal text accumulates in `pending`.
  template <class Flush>
  size_t fstring_body(size_t b, size_t e, bool raw, int level, ast::ExprList& values, std::string& pending,
                      bool& has_pending, Flush& flush, const ast::Span& sp) {
    size_t i = b;
    while (i < e) {
      char c = text[i];
      if (c == '{') {
        if (level == 0 && i + 1 < e && text[i + 1] == '{') {
          pending += '{';
          has_pending = true;
          i += 2;
          continue;
        }
        flush(values);
        i = replacement_field(i, e, raw, level, values, sp);
        continue;
      }
      if (c == '}') {
        if (level > 0) return i;
        if (i + 1 < e && text[i + 1] == '}') {
          pending += '}';
          has_pending = true;
          i += 2;
          continue;
        }
        fail_after("f-string: single '}' is not allowed", literal_after);
      }
      // A run of literal text.
      size_t j = i;
      while (j < e && text[j] != '{' && text[j] != '}') {
        if (text[j] == '\\' && j + 1 < e && !raw) {
          // \N{...} contains braces that are not replacement fields.
          if (text[j + 1] == 'N' && j + 2 < e && text[j + 2] == '{') {
            while (j < e && text[j] != '}') ++j;
            if (j < e) ++j;
            continue;
          }
          j += 2;
          continue;
        }
        ++j;
      }
      if (raw) {
        pending.append(text, i, j - i);
      } else {
        decode(i, j, false, pending, i, literal_after);
      }
      has_pending = true;
      i = j;
    }
    return i;
  }

  // {expr[=][!c][:spec]} starting at text[i] == '{'; returns the index after '}'.
  size_t replacement_field(size_t i, size_t e, bool raw, int level, ast::ExprList& values, const ast::Span& sp) {
    if (level >= 2) fail_after("f-string: expressions nested too deeply", literal_after);
    size_t start = i + 1;
    size_t j = start;
    int nest = 0;
    char stack[200];
    char quote = 0;
    int qlen = 0;
    for (; j < e; ++j) {
      char c = text[j];
      if (c == '\\') fail_after("f-string expression part cannot include a backslash", literal_after);
      if (quote) {
        if (c == quote && (qlen == 1 || (j + 2 < e && text[j + 1] == quote && text[j + 2] == quote))) {
          if (qlen == 3) j += 2;
          quote = 0;
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
        qlen = (j + 2 < e && text[j + 1] == c && text[j + 2] == c) ? 3 : 1;
        if (qlen == 3) j += 2;
        continue;
      }
      if (c == '[' || c == '(' || c == '{') {
        if (nest >= 200) fail_after("f-string: too many nested parenthesis", literal_after);
        stack[nest++] = c;
        continue;
      }
      if (c == '#') fail_after("f-string expression part cannot include '#'", literal_after);
      if (nest == 0 && (c == '!' || c == ':' || c == '}' || c == '=' || c == '>' || c == '<')) {
        if (j + 1 < e) {
          char n = text[j + 1];
          if ((c == '!' || c == '=' || c == '<' || c == '>') && n == '=') {
            ++j;
            continue;
          }
        }
        if (c == '>' || c == '<') continue;
        break;
      }
      if (c == ']' || c == ')' || c == '}') {
        if (nest == 0) fail_after(std::string("f-string: unmatched '") + c + "'", literal_after);
        char open = stack[--nest];
        char want = open == '(' ? ')' : open == '[' ? ']' : '}';
        if (c != want)
          fail_after(std::string("f-string: closing parenthesis '") + c + "' does not match opening parenthesis '" +
                         open + "'",
                     literal_after);
      }
    }
    if (quote) fail_after("f-string: unterminated string", literal_after);
    if (nest > 0) fail_after(std::string("f-string: unmatched '") + stack[nest - 1] + "'", literal_after);
    if (j >= e) fail_after("f-string: expecting '}'", literal_after);
    size_t expr_end = j;
    bool blank = true;
    for (size_t k = start; k < expr_end; ++k)
      if (text[k] != ' ' && text[k] != '\t' && text[k] != '\n' && text[k] != '\f') blank = false;
    if (blank) fail_after("f-string: empty expression not allowed", literal_after);
    ast::ExprPtr value = sub_expression(start, expr_end);
    std::string debug;
    bool has_debug = false;
    if (text[j] == '=') {
      ++j;
      while (j < e && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\f')) ++j;
      debug = text.substr(start, j - start);
      has_debug = true;
    }
    int conversion = -1;
    if (j < e && text[j] == '!') {
      ++j;
      if (j >= e) fail_after("f-string: expecting '}'", literal_after);
      char cv = text[j];
      if (cv != 's' && cv != 'r' && cv != 'a')
        fail_after("f-string: invalid conversion character: expected 's', 'r', or 'a'", literal_after);
      conversion = cv;
      ++j;
    }
    ast::ExprPtr spec;
    if (j < e && text[j] == ':') {
      ++j;
      auto js = make<ast::JoinedStr>(sp);
      std::string pending;
      bool has_pending = false;
      auto flush = [&](ast::ExprList& vals) {
        if (has_pending && !pending.empty()) {
          auto c = make<ast::Constant>(sp);
          c->type = ast::Constant::Type::Str;
          c->s = std::move(pending);
          vals.push_back(std::move(c));
        }
        pending.clear();
        has_pending = false;
      };
      j = fstring_body(j, e, raw, level + 1, js->values, pending, has_pending, flush, sp);
      flush(js->values);
      spec = std::move(js);
    }
    if (j >= e || text[j] != '}') fail_after("f-string: expecting '}'", literal_after);
    ++j;
    if (has_debug) {
      auto c = make<ast::Constant>(sp);
      c->type = ast::Constant::Type::Str;
      c->s = debug;
      // Merge with a preceding literal, as CPython does.
      if (!values.empty() && values.back()->kind == ast::ExprKind::Constant) {
        static_cast<ast::Constant&>(*values.back()).s += debug;
      } else {
        values.push_back(std::move(c));
      }
      if (conversion == -1 && !spec) conversion = 'r';
    }
    auto fv = make<ast::FormattedValue>(sp);
    fv->value = std::move(value);
    fv->conversion = conversion;
    fv->format_spec = std::move(spec);
    values.push_back(std::move(fv));
    return j;
  }

  // Parses a replacement-field expression [b, e) with a fresh parser.
  ast::ExprPtr sub_expression(size_t b, size_t e) {
    try {
      ParseRun run(src, input, b, e, true);
      auto* tree = run.fstring_input();
      BuilderImpl sub(src, input, run.tokens());
      sub.depth = depth;
      auto* body = rule(tree->children[0]);
      ast::ExprPtr x = sub.expr(body);
      if (x->kind == ast::ExprKind::Starred) sub.fail("cannot use starred expression here", x->span);
      return x;
    } catch (SyntaxError& err) {
      SyntaxErrorInfo info = err.info();
      if (info.msg.rfind("f-string", 0) == 0) throw;
      // CPython reports these against the text "(expr)".
      int line = src.line_of(b);
      int base = src.char_col(line, src.col_of(b));
      if (info.line == line) {
        info.col = info.col - base + 1;
        if (info.end_col > 0) info.end_col = info.end_col - base + 1;
        if (info.col < 0) info.col = 0;
        if (info.end_col < 0) info.end_col = 0;
      }
      info.msg = "f-string: " + info.msg;
      info.text = "(" + text.substr(b, e - b) + ")";
      info.incomplete = false;
      throw SyntaxError(std::move(info));
    }
  }
};

ast::Module AstBuilder::module(grammar::TScriptParser::File_inputContext* ctx) {
  BuilderImpl b(src_, input_, tokens_);
  ast::Module m;
  for (auto* c : ctx->children)
    if (rindex(c) == P::RuleStmt) b.stmt(c, m.body);
  return m;
}

ast::ExprPtr AstBuilder::fstring_expr(grammar::TScriptParser::Fstring_inputContext* ctx) {
  BuilderImpl b(src_, input_, tokens_);
  return b.expr(ctx->children[0]);
}

}  // namespace tscript::front
