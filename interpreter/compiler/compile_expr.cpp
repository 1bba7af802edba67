// Expression, assignment-target, function and comprehension code generation.
#include <functional>

#include "interpreter/compiler/codegen.h"
#include "interpreter/compiler/compiler.h"
#include "interpreter/objects/object.h"

namespace tscript {

using namespace ast;

namespace {

bool has_star(const ExprList& elts) {
  for (auto& e : elts)
    if (e->kind == ExprKind::Starred) return true;
  return false;
}

// Integer constant folding in 128 bits: only the final result must fit in 64.
std::optional<__int128> fold_int(const Expr* e) {
  if (auto* c = as<Constant>(const_cast<Expr*>(e))) {
    if (c->type == Constant::Type::Int) return static_cast<__int128>(c->i);
    return std::nullopt;
  }
  if (auto* u = as<UnaryOp>(const_cast<Expr*>(e))) {
    auto v = fold_int(u->operand.get());
    if (!v) return std::nullopt;
    if (u->op == UnaryOperator::USub) return -*v;
    if (u->op == UnaryOperator::UAdd) return *v;
    if (u->op == UnaryOperator::Invert) return ~*v;
    return std::nullopt;
  }
  if (auto* b = as<BinOp>(const_cast<Expr*>(e))) {
    auto l = fold_int(b->left.get());
    if (!l) return std::nullopt;
    auto r = fold_int(b->right.get());
    if (!r) return std::nullopt;
    const __int128 lim = static_cast<__int128>(1) << 100;
    if (*l > lim || *l < -lim || *r > lim || *r < -lim) return std::nullopt;
    switch (b->op) {
      case Operator::Add: return *l + *r;
      case Operator::Sub: return *l - *r;
      case Operator::Mult: {
        __int128 out;
        if (__builtin_mul_overflow(*l, *r, &out)) return std::nullopt;
        return out;
      }
      case Operator::Pow: {
        if (*r < 0 || *r > 127) return std::nullopt;
        __int128 out = 1;
        for (int i = 0; i < static_cast<int>(*r); ++i)
          if (__builtin_mul_overflow(out, *l, &out) || out > lim || out < -lim) return std::nullopt;
        return out;
      }
      default: return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<Value> fold_constant(const Expr* e) {
  if (e->kind != ExprKind::UnaryOp && e->kind != ExprKind::BinOp) return std::nullopt;
  auto v = fold_int(e);
  if (!v || *v > INT64_MAX || *v < INT64_MIN) return std::nullopt;
  return Value(static_cast<int64_t>(*v));
}

// ---- names ----

void CodeGen::load_name(const std::string& n) {
  switch (scope_->lookup(n)) {
    case NameKind::Local: emit(Op::LOAD_FAST, scope_->varname_index(n)); break;
    case NameKind::Cell:
    case NameKind::Free: emit(Op::LOAD_DEREF, scope_->cell_index(n)); break;
    case NameKind::GlobalExplicit:
    case NameKind::GlobalImplicit:
      emit(scope_->kind == ScopeKind::Class ? Op::LOAD_NAME : Op::LOAD_GLOBAL, add_name(n));
      break;
    case NameKind::ClassLocal: emit(Op::LOAD_NAME, add_name(n)); break;
  }
}

void CodeGen::store_name(const std::string& n) {
  switch (scope_->lookup(n)) {
    case NameKind::Local: emit(Op::STORE_FAST, scope_->varname_index(n)); break;
    case NameKind::Cell:
    case NameKind::Free: emit(Op::STORE_DEREF, scope_->cell_index(n)); break;
    case NameKind::GlobalExplicit:
    case NameKind::GlobalImplicit:
      emit(scope_->kind == ScopeKind::Class && scope_->lookup(n) != NameKind::GlobalExplicit
               ? Op::STORE_NAME : Op::STORE_GLOBAL,
           add_name(n));
      break;
    case NameKind::ClassLocal: emit(Op::STORE_NAME, add_name(n)); break;
  }
}

void CodeGen::delete_name(const std::string& n) {
  switch (scope_->lookup(n)) {
    case NameKind::Local: emit(Op::DELETE_FAST, scope_->varname_index(n)); break;
    case NameKind::Cell:
    case NameKind::Free: emit(Op::DELETE_DEREF, scope_->cell_index(n)); break;
    case NameKind::GlobalExplicit:
    case NameKind::GlobalImplicit: emit(Op::DELETE_GLOBAL, add_name(n)); break;
    case NameKind::ClassLocal: emit(Op::DELETE_NAME, add_name(n)); break;
  }
}

// ---- targets ----

void CodeGen::store(const Expr* t) {
  switch (t->kind) {
    case ExprKind::Name: store_name(static_cast<const Name*>(t)->id); break;
    case ExprKind::Attribute: {
      auto* a = static_cast<const Attribute*>(t);
      expr(a->value.get());
      set_line(t->span.line);
      emit(Op::STORE_ATTR, add_name(a->attr));
      break;
    }
    case ExprKind::Subscript: {
      auto* s = static_cast<const Subscript*>(t);
      expr(s->value.get());
      expr(s->slice.get());
      set_line(t->span.line);
      emit(Op::STORE_SUBSCR);
      break;
    }
    case ExprKind::Tuple:
    case ExprKind::List: {
      const ExprList& elts = t->kind == ExprKind::Tuple ? static_cast<const ast::Tuple*>(t)->elts
                                                        : static_cast<const ast::List*>(t)->elts;
      int star = -1;
      for (size_t i = 0; i < elts.size(); ++i) {
        if (elts[i]->kind == ExprKind::Starred) {
          if (star >= 0) error("multiple starred expressions in assignment", *elts[i]);
          star = static_cast<int>(i);
        }
      }
      set_line(t->span.line);
      if (star < 0) {
        emit(Op::UNPACK_SEQUENCE, static_cast<uint32_t>(elts.size()));
      } else {
        uint32_t before = static_cast<uint32_t>(star);
        uint32_t after = static_cast<uint32_t>(elts.size() - star - 1);
        emit(Op::UNPACK_EX, before | (after << 8));
      }
      for (auto& e : elts) {
        if (auto* s = as<Starred>(e.get())) store(s->value.get());
        else store(e.get());
      }
      break;
    }
    case ExprKind::Starred: error("starred assignment target must be in a list or tuple", *t);
    default: error("cannot assign to expression", *t);
  }
}

void CodeGen::del(const Expr* t) {
  set_line(t->span.line);
  switch (t->kind) {
    case ExprKind::Name: delete_name(static_cast<const Name*>(t)->id); break;
    case ExprKind::Attribute: {
      auto* a = static_cast<const Attribute*>(t);
      expr(a->value.get());
      emit(Op::DELETE_ATTR, add_name(a->attr));
      break;
    }
    case ExprKind::Subscript: {
      auto* s = static_cast<const Subscript*>(t);
      expr(s->value.get());
      expr(s->slice.get());
      emit(Op::DELETE_SUBSCR);
      break;
    }
    case ExprKind::Tuple:
      for (auto& e : static_cast<const ast::Tuple*>(t)->elts) del(e.get());
      break;
    case ExprKind::List:
      for (auto& e : static_cast<const ast::List*>(t)->elts) del(e.get());
      break;
    default: error("cannot delete expression", *t);
  }
}

// ---- functions and comprehensions ----

void CodeGen::function(const void* key, const Node& node, const std::string& name, const Arguments& args,
                       const StmtList* body, const Expr* lambda_body, const ExprList& decorators) {
  for (auto& d : decorators) expr(d.get());
  uint32_t flags = 0;
  if (!args.defaults.empty()) {
    for (auto& d : args.defaults) expr(d.get());
    emit(Op::BUILD_TUPLE, static_cast<uint32_t>(args.defaults.size()));
    flags |= 1;
  }
  bool any_kwdefault = false;
  for (auto& d : args.kw_defaults) any_kwdefault |= d != nullptr;
  if (any_kwdefault) {
    for (auto& d : args.kw_defaults) {
      if (d) expr(d.get());
      else emit(Op::LOAD_CONST, add_const(Value::null()));
    }
    emit(Op::BUILD_TUPLE, static_cast<uint32_t>(args.kw_defaults.size()));
    flags |= 2;
  }
  Scope* child = child_scope(scope_, key);
  std::string qual = scope_->kind == ScopeKind::Module ? name
                     : scope_->kind == ScopeKind::Class ? qualname_ + "." + name
                                                        : qualname_ + ".<locals>." + name;
  Ref<Code> code = compile_child(child, qual, [&](CodeGen& g) {
    if (body) {
      g.stmts(*body);
    } else {
      g.expr(lambda_body);
      g.emit(Op::RETURN_VALUE);
    }
  });
  code->name = name;
  Signature& sig = code->sig;
  sig.posonly = static_cast<int>(args.posonlyargs.size());
  sig.argcount = sig.posonly + static_cast<int>(args.args.size());
  sig.kwonly = static_cast<int>(args.kwonlyargs.size());
  sig.varargs = args.vararg.has_value();
  sig.varkw = args.kwarg.has_value();
  for (auto& p : child->params) sig.params.push_back(Ref<Str>(intern(p)));
  code->simple_call = code->cellvars.empty() && code->freevars.empty() && !(code->flags & kCodeGenerator) &&
                      !sig.varargs && !sig.varkw && sig.kwonly == 0;
  set_line(node.span.line);
  make_closure(child, code, flags);
  for (size_t i = 0; i < decorators.size(); ++i) emit(Op::CALL, 1);
}

// kind: 0 list, 1 set, 2 dict, 3 generator
void CodeGen::comprehension(const Expr* node, int kind, const std::vector<Comprehension>& gens,
                            const Expr* elt, const Expr* value) {
  Scope* child = child_scope(scope_, node);
  static const char* names[] = {"<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>"};
  std::string qual = (scope_->kind == ScopeKind::Function ? qualname_ + ".<locals>." : std::string()) +
                     names[kind];
  Ref<Code> code = compile_child(child, qual, [&](CodeGen& g) {
    g.set_line(node->span.line);
    if (kind == 0) g.emit(Op::BUILD_LIST, 0);
    if (kind == 1) g.emit(Op::BUILD_SET, 0);
    if (kind == 2) g.emit(Op::BUILD_MAP, 0);
    std::vector<int> tops, ends;
    for (size_t i = 0; i < gens.size(); ++i) {
      if (i == 0) g.emit(Op::LOAD_FAST, 0);
      else {
        g.expr(gens[i].iter.get());
        g.emit(Op::GET_ITER);
      }
      int top = g.new_label(), end = g.new_label();
      g.bind(top);
      g.emit_jump(Op::FOR_ITER, end);
      g.store(gens[i].target.get());
      for (auto& cond : gens[i].ifs) {
        g.expr(cond.get());
        g.emit_jump(Op::POP_JUMP_IF_FALSE, top);
      }
      tops.push_back(top);
      ends.push_back(end);
    }
    uint32_t depth = static_cast<uint32_t>(gens.size()) + 1;
    if (kind == 3) {
      g.expr(elt);
      g.emit(Op::YIELD_VALUE);
      g.emit(Op::POP_TOP);
    } else if (kind == 2) {
      g.expr(elt);
      g.expr(value);
      g.emit(Op::MAP_ADD, depth);
    } else {
      g.expr(elt);
      g.emit(kind == 0 ? Op::LIST_APPEND : Op::SET_ADD, depth);
    }
    for (size_t i = gens.size(); i-- > 0;) {
      g.emit_jump(Op::JUMP, tops[i]);
      g.bind(ends[i]);
    }
    if (kind == 3) g.emit(Op::LOAD_CONST, g.add_const(Value()));
    g.emit(Op::RETURN_VALUE);
  });
  code->name = names[kind];
  code->sig.argcount = 1;
  code->sig.params.push_back(Ref<Str>(intern(".0")));
  set_line(node->span.line);
  make_closure(child, code, 0);
  expr(gens[0].iter.get());
  emit(Op::GET_ITER);
  emit(Op::CALL, 1);
}

// ---- expressions ----

void CodeGen::expr(const Expr* e) {
  int saved_line = line();
  set_line(e->span.line);
  switch (e->kind) {
    case ExprKind::Name: load_name(static_cast<const Name*>(e)->id); break;
    case ExprKind::Constant: {
      auto* c = static_cast<const Constant*>(e);
      Value v;
      switch (c->type) {
        case Constant::Type::None: break;
        case Constant::Type::Bool: v = Value(c->b); break;
        case Constant::Type::Int: v = Value(c->i); break;
        case Constant::Type::Float: v = Value(c->f); break;
        case Constant::Type::Str: v = str(c->s); break;
        case Constant::Type::Bytes: v = str(c->s); break;
        case Constant::Type::Ellipsis: v = ellipsis(); break;
      }
      emit(Op::LOAD_CONST, add_const(v));
      break;
    }
    case ExprKind::JoinedStr: {
      auto* j = static_cast<const JoinedStr*>(e);
      for (auto& part : j->values) expr(part.get());
      if (j->values.size() != 1 || j->values[0]->kind != ExprKind::Constant)
        emit(Op::BUILD_STRING, static_cast<uint32_t>(j->values.size()));
      break;
    }
    case ExprKind::FormattedValue: {
      auto* f = static_cast<const FormattedValue*>(e);
      expr(f->value.get());
      uint32_t flags = f->conversion == 's' ? 1 : f->conversion == 'r' ? 2 : f->conversion == 'a' ? 3 : 0;
      if (f->format_spec) {
        expr(f->format_spec.get());
        flags |= 4;
      }
      emit(Op::FORMAT_VALUE, flags);
      break;
    }
    case ExprKind::List:
    case ExprKind::Tuple:
    case ExprKind::Set: {
      const ExprList& elts = e->kind == ExprKind::List    ? static_cast<const ast::List*>(e)->elts
                             : e->kind == ExprKind::Tuple ? static_cast<const ast::Tuple*>(e)->elts
                                                          : static_cast<const ast::Set*>(e)->elts;
      if (!has_star(elts)) {
        // A tuple of constants is one constant.
        if (e->kind == ExprKind::Tuple && !elts.empty()) {
          bool all_const = true;
          for (auto& x : elts) all_const &= x->kind == ExprKind::Constant;
          if (all_const) {
            std::vector<Value> items;
            for (auto& x : elts) {
              auto* c = static_cast<const Constant*>(x.get());
              switch (c->type) {
                case Constant::Type::None: items.push_back(Value()); break;
                case Constant::Type::Bool: items.push_back(Value(c->b)); break;
                case Constant::Type::Int: items.push_back(Value(c->i)); break;
                case Constant::Type::Float: items.push_back(Value(c->f)); break;
                case Constant::Type::Str:
                case Constant::Type::Bytes: items.push_back(str(c->s)); break;
                case Constant::Type::Ellipsis: items.push_back(ellipsis()); break;
              }
            }
            emit(Op::LOAD_CONST, add_const(Value(make<tscript::Tuple>(std::move(items)).get())));
            break;
          }
        }
        for (auto& x : elts) expr(x.get());
        set_line(e->span.line);
        Op op = e->kind == ExprKind::List ? Op::BUILD_LIST : e->kind == ExprKind::Tuple ? Op::BUILD_TUPLE : Op::BUILD_SET;
        emit(op, static_cast<uint32_t>(elts.size()));
        break;
      }
      bool is_set = e->kind == ExprKind::Set;
      emit(is_set ? Op::BUILD_SET : Op::BUILD_LIST, 0);
      for (auto& x : elts) {
        if (auto* s = as<Starred>(x.get())) {
          expr(s->value.get());
          emit(is_set ? Op::SET_UPDATE : Op::LIST_EXTEND);
        } else {
          expr(x.get());
          emit(is_set ? Op::SET_ADD : Op::LIST_APPEND, 1);
        }
      }
      if (e->kind == ExprKind::Tuple) emit(Op::LIST_TO_TUPLE);
      break;
    }
    case ExprKind::Dict: {
      auto* d = static_cast<const ast::Dict*>(e);
      bool any_unpack = false;
      for (auto& k : d->keys) any_unpack |= k == nullptr;
      if (!any_unpack) {
        for (size_t i = 0; i < d->keys.size(); ++i) {
          expr(d->keys[i].get());
          expr(d->values[i].get());
        }
        emit(Op::BUILD_MAP, static_cast<uint32_t>(d->keys.size()));
        break;
      }
      emit(Op::BUILD_MAP, 0);
      for (size_t i = 0; i < d->keys.size(); ++i) {
        if (d->keys[i]) {
          expr(d->keys[i].get());
          expr(d->values[i].get());
          emit(Op::MAP_ADD, 1);
        } else {
          expr(d->values[i].get());
          emit(Op::DICT_UPDATE);
        }
      }
      break;
    }
    case ExprKind::BinOp: {
      if (auto folded = fold_constant(e)) {
        emit(Op::LOAD_CONST, add_const(*folded));
        break;
      }
      auto* b = static_cast<const BinOp*>(e);
      expr(b->left.get());
      expr(b->right.get());
      set_line(e->span.line);
      emit(Op::BINARY_OP, static_cast<uint32_t>(b->op));
      break;
    }
    case ExprKind::UnaryOp: {
      if (auto folded = fold_constant(e)) {
        emit(Op::LOAD_CONST, add_const(*folded));
        break;
      }
      auto* u = static_cast<const UnaryOp*>(e);
      expr(u->operand.get());
      set_line(e->span.line);
      emit(Op::UNARY_OP, static_cast<uint32_t>(u->op));
      break;
    }
    case ExprKind::BoolOp: {
      auto* b = static_cast<const BoolOp*>(e);
      int end = new_label();
      for (size_t i = 0; i < b->values.size(); ++i) {
        expr(b->values[i].get());
        if (i + 1 < b->values.size())
          emit_jump(b->op == BoolOperator::And ? Op::JUMP_IF_FALSE_OR_POP : Op::JUMP_IF_TRUE_OR_POP, end);
      }
      bind(end);
      break;
    }
    case ExprKind::Compare: {
      auto* c = static_cast<const Compare*>(e);
      expr(c->left.get());
      if (c->ops.size() == 1) {
        expr(c->comparators[0].get());
        set_line(e->span.line);
        emit(Op::COMPARE_OP, static_cast<uint32_t>(c->ops[0]));
        break;
      }
      int cleanup = new_label(), end = new_label();
      for (size_t i = 0; i < c->ops.size(); ++i) {
        expr(c->comparators[i].get());
        set_line(e->span.line);
        if (i + 1 < c->ops.size()) {
          emit(Op::DUP_TOP);
          emit(Op::ROT_THREE);
          emit(Op::COMPARE_OP, static_cast<uint32_t>(c->ops[i]));
          emit_jump(Op::JUMP_IF_FALSE_OR_POP, cleanup);
        } else {
          emit(Op::COMPARE_OP, static_cast<uint32_t>(c->ops[i]));
        }
      }
      emit_jump(Op::JUMP, end);
      bind(cleanup);
      emit(Op::ROT_TWO);
      emit(Op::POP_TOP);
      bind(end);
      break;
    }
    case ExprKind::Call: {
      auto* c = static_cast<const Call*>(e);
      if (auto* n = as<Name>(c->func.get());
          n && n->id == "super" && c->args.empty() && c->keywords.empty() &&
          scope_->kind == ScopeKind::Function && scope_->lookup("super") == NameKind::GlobalImplicit) {
        emit(Op::LOAD_SUPER);
        break;
      }
      bool star = has_star(c->args);
      bool dstar = false;
      for (auto& k : c->keywords) dstar |= k.arg.empty();
      if (star || dstar) {
        expr(c->func.get());
        emit(Op::BUILD_LIST, 0);
        for (auto& a : c->args) {
          if (auto* s = as<Starred>(a.get())) {
            expr(s->value.get());
            emit(Op::LIST_EXTEND);
          } else {
            expr(a.get());
            emit(Op::LIST_APPEND, 1);
          }
        }
        emit(Op::LIST_TO_TUPLE);
        uint32_t flags = 0;
        if (!c->keywords.empty()) {
          emit(Op::BUILD_MAP, 0);
          for (auto& k : c->keywords) {
            if (k.arg.empty()) {
              expr(k.value.get());
              emit(Op::DICT_MERGE);
            } else {
              emit(Op::LOAD_CONST, add_const(str(k.arg)));
              expr(k.value.get());
              emit(Op::MAP_ADD, 1);
            }
          }
          flags = 1;
        }
        set_line(e->span.line);
        emit(Op::CALL_EX, flags);
        break;
      }
      bool method = false;
      if (auto* a = as<Attribute>(c->func.get())) {
        expr(a->value.get());
        set_line(c->func->span.line);
        emit(Op::LOAD_METHOD, add_name(a->attr));
        method = true;
      } else {
        expr(c->func.get());
      }
      for (auto& a : c->args) expr(a.get());
      uint32_t n = static_cast<uint32_t>(c->args.size());
      set_line(e->span.line);
      if (c->keywords.empty()) {
        emit(method ? Op::CALL_METHOD : Op::CALL, n);
      } else {
        std::vector<Value> names;
        for (auto& k : c->keywords) {
          expr(k.value.get());
          names.push_back(Value(static_cast<Object*>(intern(k.arg))));
        }
        emit(Op::LOAD_CONST, add_const(Value(make<tscript::Tuple>(std::move(names)).get())));
        set_line(e->span.line);
        emit(method ? Op::CALL_METHOD_KW : Op::CALL_KW, n + static_cast<uint32_t>(c->keywords.size()));
      }
      break;
    }
    case ExprKind::Attribute: {
      auto* a = static_cast<const Attribute*>(e);
      expr(a->value.get());
      set_line(e->span.line);
      emit(Op::LOAD_ATTR, add_name(a->attr));
      break;
    }
    case ExprKind::Subscript: {
      auto* s = static_cast<const Subscript*>(e);
      expr(s->value.get());
      expr(s->slice.get());
      set_line(e->span.line);
      emit(Op::BINARY_SUBSCR);
      break;
    }
    case ExprKind::Slice: {
      auto* s = static_cast<const ast::Slice*>(e);
      auto part = [&](const ExprPtr& p) {
        if (p) expr(p.get());
        else emit(Op::LOAD_CONST, add_const(Value()));
      };
      part(s->lower);
      part(s->upper);
      if (s->step) {
        part(s->step);
        emit(Op::BUILD_SLICE, 3);
      } else {
        emit(Op::BUILD_SLICE, 2);
      }
      break;
    }
    case ExprKind::Starred: error("can't use starred expression here", *e);
    case ExprKind::IfExp: {
      auto* i = static_cast<const IfExp*>(e);
      int orelse = new_label(), end = new_label();
      expr(i->test.get());
      emit_jump(Op::POP_JUMP_IF_FALSE, orelse);
      expr(i->body.get());
      emit_jump(Op::JUMP, end);
      bind(orelse);
      expr(i->orelse.get());
      bind(end);
      break;
    }
    case ExprKind::Lambda: {
      auto* l = static_cast<const Lambda*>(e);
      static const ExprList no_decorators;
      function(l, *l, "<lambda>", l->args, nullptr, l->body.get(), no_decorators);
      break;
    }
    case ExprKind::ListComp: {
      auto* c = static_cast<const ListComp*>(e);
      comprehension(e, 0, c->generators, c->elt.get(), nullptr);
      break;
    }
    case ExprKind::SetComp: {
      auto* c = static_cast<const SetComp*>(e);
      comprehension(e, 1, c->generators, c->elt.get(), nullptr);
      break;
    }
    case ExprKind::DictComp: {
      auto* c = static_cast<const DictComp*>(e);
      comprehension(e, 2, c->generators, c->key.get(), c->value.get());
      break;
    }
    case ExprKind::GeneratorExp: {
      auto* c = static_cast<const GeneratorExp*>(e);
      comprehension(e, 3, c->generators, c->elt.get(), nullptr);
      break;
    }
    case ExprKind::Yield: {
      if (scope_->kind != ScopeKind::Function) error("'yield' outside function", *e);
      auto* y = static_cast<const Yield*>(e);
      if (y->value) expr(y->value.get());
      else emit(Op::LOAD_CONST, add_const(Value()));
      emit(Op::YIELD_VALUE);
      break;
    }
    case ExprKind::YieldFrom: {
      if (scope_->kind != ScopeKind::Function) error("'yield' outside function", *e);
      expr(static_cast<const YieldFrom*>(e)->value.get());
      emit(Op::GET_ITER);
      emit(Op::LOAD_CONST, add_const(Value()));
      emit(Op::YIELD_FROM);
      break;
    }
  }
  set_line(saved_line);
}

}  // namespace tscript
