// Errors CPython reports after parsing (symbol table, then compiler), in that order:
//   symtable: 'yield' inside a comprehension, `import *` inside a function,
//             `nonlocal` at module level;
//   compiler: 'return' / 'yield' outside function, 'break' / 'continue' outside loop,
//             misplaced starred expressions.
#include "interpreter/front/front_internal.h"

namespace tscript::front {

namespace {

using K = ast::ExprKind;
using S = ast::StmtKind;

enum class Scope { Module, Class, Function };

struct Walker {
  const Source& src;
  bool compiler_pass;  // false: symtable pass

  [[noreturn]] void fail(const char* msg, const ast::Span& s) { throw SyntaxError(error_span(src, msg, s)); }

  struct Ctx {
    Scope scope = Scope::Module;
    bool in_loop = false;
    const char* comprehension = nullptr;  // "list comprehension", ... while inside one
  };

  // ---- statements ----

  void body(const ast::StmtList& list, const Ctx& c) {
    for (auto& s : list) stmt(*s, c);
  }

  void args(const ast::Arguments& a, const Ctx& c) {
    for (auto& d : a.defaults) value(*d, c);
    for (auto& d : a.kw_defaults)
      if (d) value(*d, c);
  }

  void stmt(const ast::Stmt& s, const Ctx& c) {
    switch (s.kind) {
      case S::FunctionDef: {
        auto& f = static_cast<const ast::FunctionDef&>(s);
        for (auto& d : f.decorator_list) value(*d, c);
        args(f.args, c);
        Ctx inner;
        inner.scope = Scope::Function;
        body(f.body, inner);
        return;
      }
      case S::ClassDef: {
        auto& k = static_cast<const ast::ClassDef&>(s);
        for (auto& d : k.decorator_list) value(*d, c);
        for (auto& b : k.bases) value(*b, c, true);
        for (auto& kw : k.keywords) value(*kw.value, c);
        Ctx inner;
        inner.scope = Scope::Class;
        body(k.body, inner);
        return;
      }
      case S::Return: {
        auto& r = static_cast<const ast::Return&>(s);
        if (compiler_pass && c.scope != Scope::Function) fail("'return' outside function", s.span);
        if (r.value) value(*r.value, c);
        return;
      }
      case S::Delete:
        for (auto& t : static_cast<const ast::Delete&>(s).targets) value(*t, c);
        return;
      case S::Assign: {
        auto& a = static_cast<const ast::Assign&>(s);
        for (auto& t : a.targets) target(*t, c);
        value(*a.value, c);
        return;
      }
      case S::AugAssign: {
        auto& a = static_cast<const ast::AugAssign&>(s);
        value(*a.target, c);
        value(*a.value, c);
        return;
      }
      case S::AnnAssign: {
        auto& a = static_cast<const ast::AnnAssign&>(s);
        value(*a.target, c);
        if (a.value) value(*a.value, c);
        return;
      }
      case S::For: {
        auto& f = static_cast<const ast::For&>(s);
        target(*f.target, c);
        value(*f.iter, c);
        Ctx loop = c;
        loop.in_loop = true;
        body(f.body, loop);
        body(f.orelse, c);
        return;
      }
      case S::While: {
        auto& w = static_cast<const ast::While&>(s);
        value(*w.test, c);
        Ctx loop = c;
        loop.in_loop = true;
        body(w.body, loop);
        body(w.orelse, c);
        return;
      }
      case S::If: {
        auto& i = static_cast<const ast::If&>(s);
        value(*i.test, c);
        body(i.body, c);
        body(i.orelse, c);
        return;
      }
      case S::With: {
        auto& w = static_cast<const ast::With&>(s);
        for (auto& it : w.items) {
          value(*it.context_expr, c);
          if (it.optional_vars) target(*it.optional_vars, c);
        }
        body(w.body, c);
        return;
      }
      case S::Raise: {
        auto& r = static_cast<const ast::Raise&>(s);
        if (r.exc) value(*r.exc, c);
        if (r.cause) value(*r.cause, c);
        return;
      }
      case S::Try: {
        auto& t = static_cast<const ast::Try&>(s);
        body(t.body, c);
        for (auto& h : t.handlers) {
          if (h.type) value(*h.type, c);
          body(h.body, c);
        }
        body(t.orelse, c);
        body(t.finalbody, c);
        return;
      }
      case S::Assert: {
        auto& a = static_cast<const ast::Assert&>(s);
        value(*a.test, c);
        if (a.msg) value(*a.msg, c);
        return;
      }
      case S::ImportFrom: {
        auto& i = static_cast<const ast::ImportFrom&>(s);
        if (!compiler_pass && c.scope != Scope::Module && !i.names.empty() && i.names[0].name == "*")
          fail("import * only allowed at module level", i.names[0].span);
        return;
      }
      case S::Nonlocal:
        if (!compiler_pass && c.scope == Scope::Module) fail("nonlocal declaration not allowed at module level", s.span);
        return;
      case S::Expr:
        value(*static_cast<const ast::ExprStmt&>(s).value, c);
        return;
      case S::Break:
        if (compiler_pass && !c.in_loop) fail("'break' outside loop", s.span);
        return;
      case S::Continue:
        if (compiler_pass && !c.in_loop) fail("'continue' not properly in loop", s.span);
        return;
      case S::Import: case S::Global: case S::Pass:
        return;
    }
  }

  // ---- expressions ----

  // An assignment target (Assign, For, With, comprehension).
  void target(const ast::Expr& e, const Ctx& c) {
    if (e.kind == K::Starred) {
      if (compiler_pass) fail("starred assignment target must be in a list or tuple", e.span);
      target(*static_cast<const ast::Starred&>(e).value, c);
      return;
    }
    if (e.kind == K::Tuple || e.kind == K::List) {
      const ast::ExprList& elts =
          e.kind == K::Tuple ? static_cast<const ast::Tuple&>(e).elts : static_cast<const ast::List&>(e).elts;
      int stars = 0;
      for (auto& x : elts) {
        if (x->kind == K::Starred) {
          if (++stars > 1 && compiler_pass) fail("multiple starred expressions in assignment", e.span);
          target(*static_cast<const ast::Starred&>(*x).value, c);
        } else {
          target(*x, c);
        }
      }
      return;
    }
    value(e, c);
  }

  void comprehension(const char* what, const std::vector<ast::Comprehension>& gens, const Ctx& c,
                     const ast::Expr* a, const ast::Expr* b) {
    // The first iterable is evaluated in the enclosing scope.
    Ctx inner;
    inner.scope = Scope::Function;
    inner.comprehension = what;
    for (size_t i = 0; i < gens.size(); ++i) {
      value(*gens[i].iter, i == 0 ? c : inner);
      target(*gens[i].target, inner);
      for (auto& x : gens[i].ifs) value(*x, inner);
    }
    if (a) value(*a, inner);
    if (b) value(*b, inner);
  }

  // `starred_ok`: a Starred is allowed here (element of a display, call argument).
  void value(const ast::Expr& e, const Ctx& c, bool starred_ok = false) {
    switch (e.kind) {
      case K::Name: case K::Constant:
        return;
      case K::JoinedStr:
        for (auto& v : static_cast<const ast::JoinedStr&>(e).values) value(*v, c);
        return;
      case K::FormattedValue: {
        auto& f = static_cast<const ast::FormattedValue&>(e);
        value(*f.value, c);
        if (f.format_spec) value(*f.format_spec, c);
        return;
      }
      case K::List:
        for (auto& x : static_cast<const ast::List&>(e).elts) value(*x, c, true);
        return;
      case K::Tuple:
        for (auto& x : static_cast<const ast::Tuple&>(e).elts) value(*x, c, true);
        return;
      case K::Set:
        for (auto& x : static_cast<const ast::Set&>(e).elts) value(*x, c, true);
        return;
      case K::Dict: {
        auto& d = static_cast<const ast::Dict&>(e);
        for (size_t i = 0; i < d.values.size(); ++i) {
          if (d.keys[i]) value(*d.keys[i], c);
          value(*d.values[i], c);
        }
        return;
      }
      case K::BinOp: {
        auto& b = static_cast<const ast::BinOp&>(e);
        value(*b.left, c);
        value(*b.right, c);
        return;
      }
      case K::UnaryOp:
        value(*static_cast<const ast::UnaryOp&>(e).operand, c);
        return;
      case K::BoolOp:
        for (auto& x : static_cast<const ast::BoolOp&>(e).values) value(*x, c);
        return;
      case K::Compare: {
        auto& k = static_cast<const ast::Compare&>(e);
        value(*k.left, c);
        for (auto& x : k.comparators) value(*x, c);
        return;
      }
      case K::Call: {
        auto& k = static_cast<const ast::Call&>(e);
        value(*k.func, c);
        for (auto& x : k.args) value(*x, c, true);
        for (auto& kw : k.keywords) value(*kw.value, c);
        return;
      }
      case K::Attribute:
        value(*static_cast<const ast::Attribute&>(e).value, c);
        return;
      case K::Subscript: {
        auto& s = static_cast<const ast::Subscript&>(e);
        value(*s.value, c);
        value(*s.slice, c);
        return;
      }
      case K::Slice: {
        auto& s = static_cast<const ast::Slice&>(e);
        if (s.lower) value(*s.lower, c);
        if (s.upper) value(*s.upper, c);
        if (s.step) value(*s.step, c);
        return;
      }
      case K::Starred:
        if (compiler_pass && !starred_ok) fail("can't use starred expression here", e.span);
        value(*static_cast<const ast::Starred&>(e).value, c);
        return;
      case K::IfExp: {
        auto& i = static_cast<const ast::IfExp&>(e);
        value(*i.test, c);
        value(*i.body, c);
        value(*i.orelse, c);
        return;
      }
      case K::Lambda: {
        auto& l = static_cast<const ast::Lambda&>(e);
        args(l.args, c);
        Ctx inner;
        inner.scope = Scope::Function;
        value(*l.body, inner);
        return;
      }
      case K::ListComp: {
        auto& l = static_cast<const ast::ListComp&>(e);
        comprehension("list comprehension", l.generators, c, l.elt.get(), nullptr);
        return;
      }
      case K::SetComp: {
        auto& l = static_cast<const ast::SetComp&>(e);
        comprehension("set comprehension", l.generators, c, l.elt.get(), nullptr);
        return;
      }
      case K::GeneratorExp: {
        auto& l = static_cast<const ast::GeneratorExp&>(e);
        comprehension("generator expression", l.generators, c, l.elt.get(), nullptr);
        return;
      }
      case K::DictComp: {
        auto& l = static_cast<const ast::DictComp&>(e);
        comprehension("dict comprehension", l.generators, c, l.key.get(), l.value.get());
        return;
      }
      case K::Yield:
      case K::YieldFrom: {
        if (!compiler_pass && c.comprehension) {
          std::string msg = std::string("'yield' inside ") + c.comprehension;
          throw SyntaxError(error_span(src, msg, e.span));
        }
        if (compiler_pass && c.scope != Scope::Function) fail("'yield' outside function", e.span);
        const ast::ExprPtr& v =
            e.kind == K::Yield ? static_cast<const ast::Yield&>(e).value : static_cast<const ast::YieldFrom&>(e).value;
        if (v) value(*v, c);
        return;
      }
    }
  }
};

}  // namespace

void validate_module(const ast::Module& m, const Source& src) {
  Walker symtable{src, false};
  symtable.body(m.body, {});
  Walker compiler{src, true};
  compiler.body(m.body, {});
}

}  // namespace tscript::front
