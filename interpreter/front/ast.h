// The tscript abstract syntax tree. It mirrors CPython 3.11's `ast` module (same node
// names and fields) so that the front end and the compiler share a well-known model.
// Every node carries the span of source it came from, for tracebacks and error carets.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tscript::ast {

// Lines are 1-based; columns are 0-based byte offsets into the line (as CPython's col_offset).
struct Span {
  int line = 0, col = 0, end_line = 0, end_col = 0;
};

enum class ExprKind : uint8_t {
  Name, Constant, JoinedStr, FormattedValue, List, Tuple, Dict, Set,
  BinOp, UnaryOp, BoolOp, Compare, Call, Attribute, Subscript, Slice, Starred,
  IfExp, Lambda, ListComp, SetComp, DictComp, GeneratorExp, Yield, YieldFrom,
};

enum class StmtKind : uint8_t {
  FunctionDef, ClassDef, Return, Delete, Assign, AugAssign, AnnAssign, For, While, If,
  With, Raise, Try, Assert, Import, ImportFrom, Global, Nonlocal, Expr, Pass, Break, Continue,
};

enum class Operator : uint8_t { Add, Sub, Mult, MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd, FloorDiv };
enum class UnaryOperator : uint8_t { Invert, Not, UAdd, USub };
enum class BoolOperator : uint8_t { And, Or };
enum class CmpOp : uint8_t { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using ExprList = std::vector<ExprPtr>;
using StmtList = std::vector<StmtPtr>;

struct Node {
  Span span;
};

struct Expr : Node {
  const ExprKind kind;
  explicit Expr(ExprKind k) : kind(k) {}
  virtual ~Expr() = default;
};

struct Stmt : Node {
  const StmtKind kind;
  explicit Stmt(StmtKind k) : kind(k) {}
  virtual ~Stmt() = default;
};

template <ExprKind K>
struct ExprOf : Expr {
  static constexpr ExprKind kKind = K;
  ExprOf() : Expr(K) {}
};
template <StmtKind K>
struct StmtOf : Stmt {
  static constexpr StmtKind kKind = K;
  StmtOf() : Stmt(K) {}
};

// Checked downcast: `as<ast::Call>(e)` (nullptr when the kind differs).
template <class T, class B>
T* as(B* node) {
  return node && node->kind == T::kKind ? static_cast<T*>(node) : nullptr;
}

// ---- expressions ----

struct Name : ExprOf<ExprKind::Name> {
  std::string id;
};

// A literal. `...` is Ellipsis. Integer literals that do not fit in int64 are rejected
// by the front end (tscript ints are 64-bit).
struct Constant : ExprOf<ExprKind::Constant> {
  enum class Type : uint8_t { None, Bool, Int, Float, Str, Bytes, Ellipsis } type = Type::None;
  bool b = false;
  int64_t i = 0;
  double f = 0.0;
  std::string s;  // Str (UTF-8) and Bytes
};

// f"..." : a sequence of Constant(Str) and FormattedValue parts.
struct JoinedStr : ExprOf<ExprKind::JoinedStr> {
  ExprList values;
};

// {value!conversion:format_spec} inside an f-string. conversion is -1 (none), 's', 'r' or 'a'.
// format_spec, when present, is a JoinedStr (specs may nest replacement fields).
struct FormattedValue : ExprOf<ExprKind::FormattedValue> {
  ExprPtr value;
  int conversion = -1;
  ExprPtr format_spec;
};

struct List : ExprOf<ExprKind::List> { ExprList elts; };
struct Tuple : ExprOf<ExprKind::Tuple> { ExprList elts; };
struct Set : ExprOf<ExprKind::Set> { ExprList elts; };

// {k: v, **m}: a null key means `**values[i]`.
struct Dict : ExprOf<ExprKind::Dict> {
  ExprList keys;
  ExprList values;
};

struct BinOp : ExprOf<ExprKind::BinOp> {
  ExprPtr left;
  Operator op;
  ExprPtr right;
};

struct UnaryOp : ExprOf<ExprKind::UnaryOp> {
  UnaryOperator op;
  ExprPtr operand;
};

struct BoolOp : ExprOf<ExprKind::BoolOp> {
  BoolOperator op;
  ExprList values;  // two or more
};

// a < b <= c : left = a, ops = [Lt, LtE], comparators = [b, c].
struct Compare : ExprOf<ExprKind::Compare> {
  ExprPtr left;
  std::vector<CmpOp> ops;
  ExprList comparators;
};

// f(a, *b, k=c, **d): *b appears in args as a Starred; **d is a keyword with an empty arg.
struct Keyword : Node {
  std::string arg;  // empty for **kwargs
  ExprPtr value;
};

struct Call : ExprOf<ExprKind::Call> {
  ExprPtr func;
  ExprList args;
  std::vector<Keyword> keywords;
};

struct Attribute : ExprOf<ExprKind::Attribute> {
  ExprPtr value;
  std::string attr;
};

// value[slice]; a tuple subscript x[a, b:c] has a Tuple whose elements may be Slices.
struct Subscript : ExprOf<ExprKind::Subscript> {
  ExprPtr value;
  ExprPtr slice;
};

// lower:upper:step, each may be null.
struct Slice : ExprOf<ExprKind::Slice> {
  ExprPtr lower, upper, step;
};

struct Starred : ExprOf<ExprKind::Starred> {
  ExprPtr value;
};

struct IfExp : ExprOf<ExprKind::IfExp> {
  ExprPtr test, body, orelse;
};

struct Arg : Node {
  std::string name;
  // Annotations are parsed and ignored (scripts use PyTorch-style type hints).
};

// def f(a, b=1, /, c=2, *args, d, e=3, **kw)
//   posonlyargs=[a, b], args=[c], defaults=[1, 2] (for the last positional ones),
//   vararg=args, kwonlyargs=[d, e], kw_defaults=[null, 3], kwarg=kw.
struct Arguments {
  std::vector<Arg> posonlyargs;
  std::vector<Arg> args;
  std::optional<Arg> vararg;
  std::vector<Arg> kwonlyargs;
  ExprList kw_defaults;  // same length as kwonlyargs; null when no default
  std::optional<Arg> kwarg;
  ExprList defaults;  // defaults of the last positional parameters (posonly + args)
};

struct Lambda : ExprOf<ExprKind::Lambda> {
  Arguments args;
  ExprPtr body;
};

struct Comprehension {
  ExprPtr target;
  ExprPtr iter;
  ExprList ifs;
};

struct ListComp : ExprOf<ExprKind::ListComp> {
  ExprPtr elt;
  std::vector<Comprehension> generators;
};
struct SetComp : ExprOf<ExprKind::SetComp> {
  ExprPtr elt;
  std::vector<Comprehension> generators;
};
struct GeneratorExp : ExprOf<ExprKind::GeneratorExp> {
  ExprPtr elt;
  std::vector<Comprehension> generators;
};
struct DictComp : ExprOf<ExprKind::DictComp> {
  ExprPtr key, value;
  std::vector<Comprehension> generators;
};

struct Yield : ExprOf<ExprKind::Yield> {
  ExprPtr value;  // may be null
};
struct YieldFrom : ExprOf<ExprKind::YieldFrom> {
  ExprPtr value;
};

// ---- statements ----

struct FunctionDef : StmtOf<StmtKind::FunctionDef> {
  std::string name;
  Arguments args;
  StmtList body;
  ExprList decorator_list;
};

struct ClassDef : StmtOf<StmtKind::ClassDef> {
  std::string name;
  ExprList bases;
  std::vector<Keyword> keywords;
  StmtList body;
  ExprList decorator_list;
};

struct Return : StmtOf<StmtKind::Return> { ExprPtr value; };
struct Delete : StmtOf<StmtKind::Delete> { ExprList targets; };

// a = b = value : targets = [a, b].
struct Assign : StmtOf<StmtKind::Assign> {
  ExprList targets;
  ExprPtr value;
};

struct AugAssign : StmtOf<StmtKind::AugAssign> {
  ExprPtr target;
  Operator op;
  ExprPtr value;
};

// x: T = v (value may be null). The annotation is parsed and not evaluated.
struct AnnAssign : StmtOf<StmtKind::AnnAssign> {
  ExprPtr target;
  ExprPtr value;
};

struct For : StmtOf<StmtKind::For> {
  ExprPtr target, iter;
  StmtList body, orelse;
};

struct While : StmtOf<StmtKind::While> {
  ExprPtr test;
  StmtList body, orelse;
};

struct If : StmtOf<StmtKind::If> {  // elif chains nest in orelse, as in CPython
  ExprPtr test;
  StmtList body, orelse;
};

struct WithItem {
  ExprPtr context_expr;
  ExprPtr optional_vars;  // may be null
};

struct With : StmtOf<StmtKind::With> {
  std::vector<WithItem> items;
  StmtList body;
};

struct Raise : StmtOf<StmtKind::Raise> {
  ExprPtr exc;    // null for a bare `raise`
  ExprPtr cause;  // `from` clause, may be null
};

struct ExceptHandler : Node {
  ExprPtr type;  // null for a bare `except:`
  std::string name;  // empty when no `as`
  StmtList body;
};

struct Try : StmtOf<StmtKind::Try> {
  StmtList body;
  std::vector<ExceptHandler> handlers;
  StmtList orelse, finalbody;
};

struct Assert : StmtOf<StmtKind::Assert> {
  ExprPtr test, msg;
};

struct Alias : Node {
  std::string name;    // dotted for `import a.b.c`
  std::string asname;  // empty when no `as`
};

struct Import : StmtOf<StmtKind::Import> { std::vector<Alias> names; };

// from ..pkg.mod import x as y, * ; level counts the leading dots.
struct ImportFrom : StmtOf<StmtKind::ImportFrom> {
  std::string module;  // may be empty for `from . import x`
  std::vector<Alias> names;  // a single Alias named "*" for a star import
  int level = 0;
};

struct Global : StmtOf<StmtKind::Global> { std::vector<std::string> names; };
struct Nonlocal : StmtOf<StmtKind::Nonlocal> { std::vector<std::string> names; };
struct ExprStmt : StmtOf<StmtKind::Expr> { ExprPtr value; };
struct Pass : StmtOf<StmtKind::Pass> {};
struct Break : StmtOf<StmtKind::Break> {};
struct Continue : StmtOf<StmtKind::Continue> {};

// A parsed file or REPL input.
struct Module {
  StmtList body;
};

}  // namespace tscript::ast
