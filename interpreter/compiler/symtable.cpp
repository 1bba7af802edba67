#include "interpreter/compiler/symtable.h"

#include <algorithm>

#include "interpreter/front/parser.h"

namespace tscript {

NameKind Scope::lookup(const std::string& n) const {
  auto it = symbols.find(n);
  if (it != symbols.end()) return it->second;
  if (kind == ScopeKind::Class) return NameKind::ClassLocal;
  return kind == ScopeKind::Module ? NameKind::GlobalImplicit : NameKind::GlobalImplicit;
}

int Scope::varname_index(const std::string& n) const {
  auto it = std::find(varnames.begin(), varnames.end(), n);
  return it == varnames.end() ? -1 : static_cast<int>(it - varnames.begin());
}

int Scope::cell_index(const std::string& n) const {
  auto it = std::find(cellvars.begin(), cellvars.end(), n);
  if (it != cellvars.end()) return static_cast<int>(it - cellvars.begin());
  auto jt = std::find(freevars.begin(), freevars.end(), n);
  if (jt != freevars.end()) return static_cast<int>(cellvars.size() + (jt - freevars.begin()));
  return -1;
}

Scope* child_scope(const Scope* parent, const void* node) {
  for (auto& c : parent->children)
    if (c->node == node) return c.get();
  return nullptr;
}

namespace {

using namespace ast;

class Builder {
 public:
  Builder(const std::string& filename, const std::vector<std::string>* lines)
      : filename_(filename), lines_(lines) {}

  std::unique_ptr<Scope> build(const Module& m) {
    auto root = std::make_unique<Scope>();
    root->kind = ScopeKind::Module;
    root->name = "<module>";
    cur_ = root.get();
    for (auto& s : m.body) stmt(*s);
    return root;
  }

  [[noreturn]] void error(const std::string& msg, int line, int col) {
    front::SyntaxErrorInfo info;
    info.msg = msg;
    info.filename = filename_;
    info.line = line;
    info.col = col + 1;
    if (lines_ && line >= 1 && line <= static_cast<int>(lines_->size())) info.text = (*lines_)[line - 1];
    throw front::SyntaxError(info);
  }

 private:
  void bind(const std::string& n) {
    if (!cur_->assigned.count(n)) cur_->assigned_order.push_back(n);
    cur_->assigned[n] = true;
  }
  void use(const std::string& n) { cur_->used[n] = true; }

  Scope* push(ScopeKind k, const std::string& name, const void* node, int line) {
    auto s = std::make_unique<Scope>();
    s->kind = k;
    s->name = name;
    s->parent = cur_;
    s->node = node;
    s->line = line;
    Scope* p = s.get();
    cur_->children.push_back(std::move(s));
    cur_ = p;
    return p;
  }
  void pop() { cur_ = cur_->parent; }

  void args_defaults(const Arguments& a) {
    for (auto& d : a.defaults) expr(d.get());
    for (auto& d : a.kw_defaults)
      if (d) expr(d.get());
  }
  void params(const Arguments& a) {
    auto add = [&](const Arg& arg) {
      cur_->params.push_back(arg.name);
      bind(arg.name);
    };
    for (auto& p : a.posonlyargs) add(p);
    for (auto& p : a.args) add(p);
    for (auto& p : a.kwonlyargs) add(p);
    if (a.vararg) add(*a.vararg);
    if (a.kwarg) add(*a.kwarg);
  }

  void target(Expr* e) {
    if (!e) return;
    switch (e->kind) {
      case ExprKind::Name: bind(static_cast<Name*>(e)->id); break;
      case ExprKind::Tuple:
        for (auto& x : static_cast<ast::Tuple*>(e)->elts) target(x.get());
        break;
      case ExprKind::List:
        for (auto& x : static_cast<ast::List*>(e)->elts) target(x.get());
        break;
      case ExprKind::Starred: target(static_cast<Starred*>(e)->value.get()); break;
      default: expr(e);  // attribute/subscript targets evaluate their parts
    }
  }

  void body(const StmtList& b) {
    for (auto& s : b) stmt(*s);
  }

  void declare_global(const std::string& n, int line, int col, bool nonlocal) {
    if (cur_->assigned.count(n) || cur_->used.count(n)) {
      std::string what = cur_->assigned.count(n) ? "assigned to" : "used";
      error("name '" + n + "' is " + what + " before " + (nonlocal ? "nonlocal" : "global") +
                " declaration",
            line, col);
    }
    if (nonlocal) {
      if (cur_->kind == ScopeKind::Module) error("nonlocal declaration not allowed at module level", line, col);
      cur_->nonlocal_decl[n] = line;
    } else {
      cur_->global_decl[n] = line;
    }
  }

  void stmt(const Stmt& s) {
    switch (s.kind) {
      case StmtKind::FunctionDef: {
        auto& f = static_cast<const FunctionDef&>(s);
        for (auto& d : f.decorator_list) expr(d.get());
        args_defaults(f.args);
        bind(f.name);
        push(ScopeKind::Function, f.name, &f, f.span.line);
        params(f.args);
        body(f.body);
        pop();
        break;
      }
      case StmtKind::ClassDef: {
        auto& c = static_cast<const ClassDef&>(s);
        for (auto& d : c.decorator_list) expr(d.get());
        for (auto& b : c.bases) expr(b.get());
        for (auto& k : c.keywords) expr(k.value.get());
        bind(c.name);
        push(ScopeKind::Class, c.name, &c, c.span.line);
        body(c.body);
        pop();
        break;
      }
      case StmtKind::Return: expr(static_cast<const Return&>(s).value.get()); break;
      case StmtKind::Delete:
        for (auto& t : static_cast<const Delete&>(s).targets) target(t.get());
        break;
      case StmtKind::Assign: {
        auto& a = static_cast<const Assign&>(s);
        expr(a.value.get());
        for (auto& t : a.targets) target(t.get());
        break;
      }
      case StmtKind::AugAssign: {
        auto& a = static_cast<const AugAssign&>(s);
        expr(a.value.get());
        if (auto* n = as<Name>(a.target.get())) use(n->id);
        target(a.target.get());
        break;
      }
      case StmtKind::AnnAssign: {
        auto& a = static_cast<const AnnAssign&>(s);
        expr(a.value.get());
        if (a.value) target(a.target.get());
        else if (!as<Name>(a.target.get())) expr(a.target.get());
        break;
      }
      case StmtKind::For: {
        auto& f = static_cast<const For&>(s);
        expr(f.iter.get());
        target(f.target.get());
        body(f.body);
        body(f.orelse);
        break;
      }
      case StmtKind::While: {
        auto& w = static_cast<const While&>(s);
        expr(w.test.get());
        body(w.body);
        body(w.orelse);
        break;
      }
      case StmtKind::If: {
        auto& i = static_cast<const If&>(s);
        expr(i.test.get());
        body(i.body);
        body(i.orelse);
        break;
      }
      case StmtKind::With: {
        auto& w = static_cast<const With&>(s);
        for (auto& it : w.items) {
          expr(it.context_expr.get());
          target(it.optional_vars.get());
        }
        body(w.body);
        break;
      }
      case StmtKind::Raise: {
        auto& r = static_cast<const Raise&>(s);
        expr(r.exc.get());
        expr(r.cause.get());
        break;
      }
      case StmtKind::Try: {
        auto& t = static_cast<const Try&>(s);
        body(t.body);
        for (auto& h : t.handlers) {
          expr(h.type.get());
          if (!h.name.empty()) bind(h.name);
          body(h.body);
        }
        body(t.orelse);
        body(t.finalbody);
        break;
      }
      case StmtKind::Assert: {
        auto& a = static_cast<const Assert&>(s);
        expr(a.test.get());
        expr(a.msg.get());
        break;
      }
      case StmtKind::Import:
        for (auto& a : static_cast<const Import&>(s).names) {
          if (!a.asname.empty()) bind(a.asname);
          else bind(a.name.substr(0, a.name.find('.')));
        }
        break;
      case StmtKind::ImportFrom:
        for (auto& a : static_cast<const ImportFrom&>(s).names) {
          if (a.name == "*") {
            if (cur_->kind != ScopeKind::Module)
              error("import * only allowed at module level", s.span.line, s.span.col);
            continue;
          }
          bind(a.asname.empty() ? a.name : a.asname);
        }
        break;
      case StmtKind::Global:
        for (auto& n : static_cast<const Global&>(s).names) declare_global(n, s.span.line, s.span.col, false);
        break;
      case StmtKind::Nonlocal:
        for (auto& n : static_cast<const Nonlocal&>(s).names) declare_global(n, s.span.line, s.span.col, true);
        break;
      case StmtKind::Expr: expr(static_cast<const ExprStmt&>(s).value.get()); break;
      case StmtKind::Pass: case StmtKind::Break: case StmtKind::Continue: break;
    }
  }

  void comprehension(const Expr* node, const std::vector<Comprehension>& gens,
                     std::initializer_list<const Expr*> elts, bool generator) {
    // The first iterable is evaluated in the enclosing scope.
    expr(gens[0].iter.get());
    push(ScopeKind::Function, generator ? "<genexpr>" : "<listcomp>", node, node->span.line);
    cur_->params.push_back(".0");
    bind(".0");
    cur_->is_generator = generator;
    for (size_t i = 0; i < gens.size(); ++i) {
      if (i > 0) expr(gens[i].iter.get());
      target(gens[i].target.get());
      for (auto& c : gens[i].ifs) expr(c.get());
    }
    for (auto* e : elts) expr(e);
    pop();
  }

  void expr(const Expr* e) {
    if (!e) return;
    switch (e->kind) {
      case ExprKind::Name: use(static_cast<const Name*>(e)->id); break;
      case ExprKind::Constant: break;
      case ExprKind::JoinedStr:
        for (auto& v : static_cast<const JoinedStr*>(e)->values) expr(v.get());
        break;
      case ExprKind::FormattedValue: {
        auto* f = static_cast<const FormattedValue*>(e);
        expr(f->value.get());
        expr(f->format_spec.get());
        break;
      }
      case ExprKind::List:
        for (auto& x : static_cast<const ast::List*>(e)->elts) expr(x.get());
        break;
      case ExprKind::Tuple:
        for (auto& x : static_cast<const ast::Tuple*>(e)->elts) expr(x.get());
        break;
      case ExprKind::Set:
        for (auto& x : static_cast<const ast::Set*>(e)->elts) expr(x.get());
        break;
      case ExprKind::Dict: {
        auto* d = static_cast<const ast::Dict*>(e);
        for (auto& x : d->keys) expr(x.get());
        for (auto& x : d->values) expr(x.get());
        break;
      }
      case ExprKind::BinOp: {
        auto* b = static_cast<const BinOp*>(e);
        expr(b->left.get());
        expr(b->right.get());
        break;
      }
      case ExprKind::UnaryOp: expr(static_cast<const UnaryOp*>(e)->operand.get()); break;
      case ExprKind::BoolOp:
        for (auto& x : static_cast<const BoolOp*>(e)->values) expr(x.get());
        break;
      case ExprKind::Compare: {
        auto* c = static_cast<const Compare*>(e);
        expr(c->left.get());
        for (auto& x : c->comparators) expr(x.get());
        break;
      }
      case ExprKind::Call: {
        auto* c = static_cast<const Call*>(e);
        expr(c->func.get());
        if (auto* n = as<Name>(c->func.get()); n && n->id == "super" && c->args.empty()) {
          cur_->uses_super = true;
        }
        for (auto& x : c->args) expr(x.get());
        for (auto& k : c->keywords) expr(k.value.get());
        break;
      }
      case ExprKind::Attribute: expr(static_cast<const Attribute*>(e)->value.get()); break;
      case ExprKind::Subscript: {
        auto* s = static_cast<const Subscript*>(e);
        expr(s->value.get());
        expr(s->slice.get());
        break;
      }
      case ExprKind::Slice: {
        auto* s = static_cast<const ast::Slice*>(e);
        expr(s->lower.get());
        expr(s->upper.get());
        expr(s->step.get());
        break;
      }
      case ExprKind::Starred: expr(static_cast<const Starred*>(e)->value.get()); break;
      case ExprKind::IfExp: {
        auto* i = static_cast<const IfExp*>(e);
        expr(i->test.get());
        expr(i->body.get());
        expr(i->orelse.get());
        break;
      }
      case ExprKind::Lambda: {
        auto* l = static_cast<const Lambda*>(e);
        args_defaults(l->args);
        push(ScopeKind::Function, "<lambda>", l, l->span.line);
        params(l->args);
        expr(l->body.get());
        pop();
        break;
      }
      case ExprKind::ListComp: {
        auto* c = static_cast<const ListComp*>(e);
        comprehension(e, c->generators, {c->elt.get()}, false);
        break;
      }
      case ExprKind::SetComp: {
        auto* c = static_cast<const SetComp*>(e);
        comprehension(e, c->generators, {c->elt.get()}, false);
        break;
      }
      case ExprKind::GeneratorExp: {
        auto* c = static_cast<const GeneratorExp*>(e);
        comprehension(e, c->generators, {c->elt.get()}, true);
        break;
      }
      case ExprKind::DictComp: {
        auto* c = static_cast<const DictComp*>(e);
        comprehension(e, c->generators, {c->key.get(), c->value.get()}, false);
        break;
      }
      case ExprKind::Yield:
        cur_->is_generator = true;
        expr(static_cast<const Yield*>(e)->value.get());
        break;
      case ExprKind::YieldFrom:
        cur_->is_generator = true;
        expr(static_cast<const YieldFrom*>(e)->value.get());
        break;
    }
  }

  std::string filename_;
  const std::vector<std::string>* lines_;
  Scope* cur_ = nullptr;
};

// Does a function scope (or one of its function ancestors) bind `n` for closures?
Scope* find_binding(Scope* s, const std::string& n) {
  for (Scope* p = s->parent; p; p = p->parent) {
    if (p->kind == ScopeKind::Class) continue;
    if (p->kind == ScopeKind::Module) return nullptr;
    if (p->global_decl.count(n)) return nullptr;
    if (p->nonlocal_decl.count(n)) continue;  // keeps looking further out
    if (p->assigned.count(n)) return p;
  }
  return nullptr;
}

void add_unique(std::vector<std::string>& v, const std::string& n) {
  if (std::find(v.begin(), v.end(), n) == v.end()) v.push_back(n);
}

// Makes `n` a cell in `owner` and a free variable in every scope from `user` up to it.
void capture(Scope* user, Scope* owner, const std::string& n) {
  for (Scope* p = user; p != owner; p = p->parent) {
    add_unique(p->freevars, n);
    if (p->kind != ScopeKind::Class || !p->assigned.count(n)) p->symbols[n] = NameKind::Free;
  }
  owner->symbols[n] = NameKind::Cell;
  add_unique(owner->cellvars, n);
}

void resolve(Scope* s, Builder& b) {
  if (s->kind == ScopeKind::Function) {
    for (auto& p : s->params) s->varnames.push_back(p);
    for (auto& [n, _] : s->global_decl) s->symbols[n] = NameKind::GlobalExplicit;
    for (auto& n : s->assigned_order) {
      if (s->global_decl.count(n) || s->nonlocal_decl.count(n)) continue;
      if (!s->symbols.count(n) || s->symbols[n] != NameKind::Cell) s->symbols[n] = NameKind::Local;
      add_unique(s->varnames, n);
    }
  } else if (s->kind == ScopeKind::Class) {
    for (auto& [n, _] : s->global_decl) s->symbols[n] = NameKind::GlobalExplicit;
    for (auto& n : s->assigned_order)
      if (!s->global_decl.count(n)) s->symbols[n] = NameKind::ClassLocal;
  } else {
    for (auto& n : s->assigned_order) s->symbols[n] = NameKind::GlobalImplicit;
    for (auto& [n, _] : s->global_decl) s->symbols[n] = NameKind::GlobalExplicit;
  }
  // Zero-argument super() reads the first argument and the class; nothing else to bind.
  for (auto& c : s->children) resolve(c.get(), b);
  if (s->kind == ScopeKind::Module) return;
  for (auto& [n, line] : s->nonlocal_decl) {
    Scope* owner = find_binding(s, n);
    if (!owner) b.error("no binding for nonlocal '" + n + "' found", line, 0);
    capture(s, owner, n);
  }
  for (auto& [n, _] : s->used) {
    if (s->symbols.count(n)) continue;
    if (Scope* owner = find_binding(s, n)) capture(s, owner, n);
    else s->symbols[n] = NameKind::GlobalImplicit;
  }
}

}  // namespace

std::unique_ptr<Scope> analyze_scopes(const ast::Module& module, const std::string& filename,
                                      const std::vector<std::string>* source_lines) {
  Builder b(filename, source_lines);
  auto root = b.build(module);
  resolve(root.get(), b);
  return root;
}

}  // namespace tscript
