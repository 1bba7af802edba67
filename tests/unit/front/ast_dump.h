// A compact dump of the tscript AST in the style of CPython's ast.dump(), used by the
// front-end tests. tests/unit/front/cpython_ast_dump.py prints CPython's AST in exactly
// this format (fields tscript does not keep are left out), so the two can be compared.
//
//   Assign(targets=[Name(id='x')], value=BinOp(left=Constant(1), op=Add, right=Name(id='y')))
//
// With positions, every node that has a span is written Name@1:0-1:1(...). Nodes inside
// f-strings other than the replacement-field expressions carry no position (CPython 3.11
// gives them the position of the whole literal, and tscript need not copy that quirk).
#pragma once

#include <cstdio>
#include <string>

#include "interpreter/front/ast.h"

namespace tscript::ast_dump {

using namespace tscript::ast;

struct Dumper {
  bool positions = false;
  std::string out;

  void span(const Span& s, bool show) {
    if (!positions || !show) return;
    out += "@" + std::to_string(s.line) + ":" + std::to_string(s.col) + "-" + std::to_string(s.end_line) + ":" +
           std::to_string(s.end_col);
  }

  void str(const std::string& s, bool bytes) {
    out += bytes ? "b'" : "'";
    for (unsigned char c : s) {
      if (c == '\'' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c < 0x20 || c == 0x7F || (bytes && c >= 0x80)) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
    out += "'";
  }

  void name_or_none(const std::string& s) {
    if (s.empty()) {
      out += "None";
    } else {
      str(s, false);
    }
  }

  void list(const ExprList& l, bool fparts = false) {
    out += "[";
    for (size_t i = 0; i < l.size(); ++i) {
      if (i) out += ", ";
      expr(l[i].get(), fparts);
    }
    out += "]";
  }

  void stmts(const StmtList& l) {
    out += "[";
    for (size_t i = 0; i < l.size(); ++i) {
      if (i) out += ", ";
      stmt(*l[i]);
    }
    out += "]";
  }

  static const char* op(Operator o) {
    static const char* names[] = {"Add", "Sub", "Mult", "MatMult", "Div", "Mod", "Pow",
                                  "LShift", "RShift", "BitOr", "BitXor", "BitAnd", "FloorDiv"};
    return names[static_cast<int>(o)];
  }
  static const char* op(UnaryOperator o) {
    static const char* names[] = {"Invert", "Not", "UAdd", "USub"};
    return names[static_cast<int>(o)];
  }
  static const char* op(CmpOp o) {
    static const char* names[] = {"Eq", "NotEq", "Lt", "LtE", "Gt", "GtE", "Is", "IsNot", "In", "NotIn"};
    return names[static_cast<int>(o)];
  }

  void arg(const Arg& a) {
    out += "arg";
    span(a.span, true);
    out += "(arg=";
    str(a.name, false);
    out += ")";
  }
  void opt_arg(const std::optional<Arg>& a) {
    if (a) {
      arg(*a);
    } else {
      out += "None";
    }
  }
  void args(const Arguments& a) {
    out += "arguments(posonlyargs=[";
    for (size_t i = 0; i < a.posonlyargs.size(); ++i) {
      if (i) out += ", ";
      arg(a.posonlyargs[i]);
    }
    out += "], args=[";
    for (size_t i = 0; i < a.args.size(); ++i) {
      if (i) out += ", ";
      arg(a.args[i]);
    }
    out += "], vararg=";
    opt_arg(a.vararg);
    out += ", kwonlyargs=[";
    for (size_t i = 0; i < a.kwonlyargs.size(); ++i) {
      if (i) out += ", ";
      arg(a.kwonlyargs[i]);
    }
    out += "], kw_defaults=";
    list(a.kw_defaults);
    out += ", kwarg=";
    opt_arg(a.kwarg);
    out += ", defaults=";
    list(a.defaults);
    out += ")";
  }
  void keywords(const std::vector<Keyword>& ks) {
    out += "[";
    for (size_t i = 0; i < ks.size(); ++i) {
      if (i) out += ", ";
      out += "keyword";
      span(ks[i].span, true);
      out += "(arg=";
      name_or_none(ks[i].arg);
      out += ", value=";
      expr(ks[i].value.get());
      out += ")";
    }
    out += "]";
  }
  void generators(const std::vector<Comprehension>& gs) {
    out += "[";
    for (size_t i = 0; i < gs.size(); ++i) {
      if (i) out += ", ";
      out += "comprehension(target=";
      expr(gs[i].target.get());
      out += ", iter=";
      expr(gs[i].iter.get());
      out += ", ifs=";
      list(gs[i].ifs);
      out += ")";
    }
    out += "]";
  }

  // `fpart`: a part of an f-string (no position shown).
  void expr(const Expr* e, bool fpart = false) {
    if (!e) {
      out += "None";
      return;
    }
    auto head = [&](const char* name) {
      out += name;
      span(e->span, !fpart);
      out += "(";
    };
    switch (e->kind) {
      case ExprKind::Name:
        head("Name");
        out += "id=";
        str(static_cast<const Name*>(e)->id, false);
        break;
      case ExprKind::Constant: {
        auto* c = static_cast<const Constant*>(e);
        head("Constant");
        switch (c->type) {
          case Constant::Type::None: out += "None"; break;
          case Constant::Type::Bool: out += c->b ? "True" : "False"; break;
          case Constant::Type::Int: out += std::to_string(c->i); break;
          case Constant::Type::Float: {
            char buf[40];
            std::snprintf(buf, sizeof buf, "%.17g", c->f);
            out += buf;
            break;
          }
          case Constant::Type::Str: str(c->s, false); break;
          case Constant::Type::Bytes: str(c->s, true); break;
          case Constant::Type::Ellipsis: out += "Ellipsis"; break;
        }
        break;
      }
      case ExprKind::JoinedStr:
        head("JoinedStr");
        out += "values=";
        list(static_cast<const JoinedStr*>(e)->values, true);
        break;
      case ExprKind::FormattedValue: {
        auto* f = static_cast<const FormattedValue*>(e);
        head("FormattedValue");
        out += "value=";
        expr(f->value.get());
        out += ", conversion=" + std::to_string(f->conversion) + ", format_spec=";
        expr(f->format_spec.get(), true);
        break;
      }
      case ExprKind::List:
        head("List");
        out += "elts=";
        list(static_cast<const List*>(e)->elts);
        break;
      case ExprKind::Tuple:
        head("Tuple");
        out += "elts=";
        list(static_cast<const Tuple*>(e)->elts);
        break;
      case ExprKind::Set:
        head("Set");
        out += "elts=";
        list(static_cast<const Set*>(e)->elts);
        break;
      case ExprKind::Dict: {
        auto* d = static_cast<const Dict*>(e);
        head("Dict");
        out += "keys=";
        list(d->keys);
        out += ", values=";
        list(d->values);
        break;
      }
      case ExprKind::BinOp: {
        auto* b = static_cast<const BinOp*>(e);
        head("BinOp");
        out += "left=";
        expr(b->left.get());
        out += std::string(", op=") + op(b->op) + ", right=";
        expr(b->right.get());
        break;
      }
      case ExprKind::UnaryOp: {
        auto* u = static_cast<const UnaryOp*>(e);
        head("UnaryOp");
        out += std::string("op=") + op(u->op) + ", operand=";
        expr(u->operand.get());
        break;
      }
      case ExprKind::BoolOp: {
        auto* b = static_cast<const BoolOp*>(e);
        head("BoolOp");
        out += b->op == BoolOperator::And ? "op=And, values=" : "op=Or, values=";
        list(b->values);
        break;
      }
      case ExprKind::Compare: {
        auto* c = static_cast<const Compare*>(e);
        head("Compare");
        out += "left=";
        expr(c->left.get());
        out += ", ops=[";
        for (size_t i = 0; i < c->ops.size(); ++i) {
          if (i) out += ", ";
          out += op(c->ops[i]);
        }
        out += "], comparators=";
        list(c->comparators);
        break;
      }
      case ExprKind::Call: {
        auto* c = static_cast<const Call*>(e);
        head("Call");
        out += "func=";
        expr(c->func.get());
        out += ", args=";
        list(c->args);
        out += ", keywords=";
        keywords(c->keywords);
        break;
      }
      case ExprKind::Attribute: {
        auto* a = static_cast<const Attribute*>(e);
        head("Attribute");
        out += "value=";
        expr(a->value.get());
        out += ", attr=";
        str(a->attr, false);
        break;
      }
      case ExprKind::Subscript: {
        auto* s = static_cast<const Subscript*>(e);
        head("Subscript");
        out += "value=";
        expr(s->value.get());
        out += ", slice=";
        expr(s->slice.get());
        break;
      }
      case ExprKind::Slice: {
        auto* s = static_cast<const Slice*>(e);
        head("Slice");
        out += "lower=";
        expr(s->lower.get());
        out += ", upper=";
        expr(s->upper.get());
        out += ", step=";
        expr(s->step.get());
        break;
      }
      case ExprKind::Starred:
        head("Starred");
        out += "value=";
        expr(static_cast<const Starred*>(e)->value.get());
        break;
      case ExprKind::IfExp: {
        auto* i = static_cast<const IfExp*>(e);
        head("IfExp");
        out += "test=";
        expr(i->test.get());
        out += ", body=";
        expr(i->body.get());
        out += ", orelse=";
        expr(i->orelse.get());
        break;
      }
      case ExprKind::Lambda: {
        auto* l = static_cast<const Lambda*>(e);
        head("Lambda");
        out += "args=";
        args(l->args);
        out += ", body=";
        expr(l->body.get());
        break;
      }
      case ExprKind::ListComp: {
        auto* c = static_cast<const ListComp*>(e);
        head("ListComp");
        out += "elt=";
        expr(c->elt.get());
        out += ", generators=";
        generators(c->generators);
        break;
      }
      case ExprKind::SetComp: {
        auto* c = static_cast<const SetComp*>(e);
        head("SetComp");
        out += "elt=";
        expr(c->elt.get());
        out += ", generators=";
        generators(c->generators);
        break;
      }
      case ExprKind::GeneratorExp: {
        auto* c = static_cast<const GeneratorExp*>(e);
        head("GeneratorExp");
        out += "elt=";
        expr(c->elt.get());
        out += ", generators=";
        generators(c->generators);
        break;
      }
      case ExprKind::DictComp: {
        auto* c = static_cast<const DictComp*>(e);
        head("DictComp");
        out += "key=";
        expr(c->key.get());
        out += ", value=";
        expr(c->value.get());
        out += ", generators=";
        generators(c->generators);
        break;
      }
      case ExprKind::Yield:
        head("Yield");
        out += "value=";
        expr(static_cast<const Yield*>(e)->value.get());
        break;
      case ExprKind::YieldFrom:
        head("YieldFrom");
        out += "value=";
        expr(static_cast<const YieldFrom*>(e)->value.get());
        break;
    }
    out += ")";
  }

  void stmt(const Stmt& s) {
    auto head = [&](const char* name) {
      out += name;
      span(s.span, true);
      out += "(";
    };
    switch (s.kind) {
      case StmtKind::FunctionDef: {
        auto& f = static_cast<const FunctionDef&>(s);
        head("FunctionDef");
        out += "name=";
        str(f.name, false);
        out += ", args=";
        args(f.args);
        out += ", body=";
        stmts(f.body);
        out += ", decorator_list=";
        list(f.decorator_list);
        break;
      }
      case StmtKind::ClassDef: {
        auto& c = static_cast<const ClassDef&>(s);
        head("ClassDef");
        out += "name=";
        str(c.name, false);
        out += ", bases=";
        list(c.bases);
        out += ", keywords=";
        keywords(c.keywords);
        out += ", body=";
        stmts(c.body);
        out += ", decorator_list=";
        list(c.decorator_list);
        break;
      }
      case StmtKind::Return:
        head("Return");
        out += "value=";
        expr(static_cast<const Return&>(s).value.get());
        break;
      case StmtKind::Delete:
        head("Delete");
        out += "targets=";
        list(static_cast<const Delete&>(s).targets);
        break;
      case StmtKind::Assign: {
        auto& a = static_cast<const Assign&>(s);
        head("Assign");
        out += "targets=";
        list(a.targets);
        out += ", value=";
        expr(a.value.get());
        break;
      }
      case StmtKind::AugAssign: {
        auto& a = static_cast<const AugAssign&>(s);
        head("AugAssign");
        out += "target=";
        expr(a.target.get());
        out += std::string(", op=") + op(a.op) + ", value=";
        expr(a.value.get());
        break;
      }
      case StmtKind::AnnAssign: {
        auto& a = static_cast<const AnnAssign&>(s);
        head("AnnAssign");
        out += "target=";
        expr(a.target.get());
        out += ", value=";
        expr(a.value.get());
        break;
      }
      case StmtKind::For: {
        auto& f = static_cast<const For&>(s);
        head("For");
        out += "target=";
        expr(f.target.get());
        out += ", iter=";
        expr(f.iter.get());
        out += ", body=";
        stmts(f.body);
        out += ", orelse=";
        stmts(f.orelse);
        break;
      }
      case StmtKind::While: {
        auto& w = static_cast<const While&>(s);
        head("While");
        out += "test=";
        expr(w.test.get());
        out += ", body=";
        stmts(w.body);
        out += ", orelse=";
        stmts(w.orelse);
        break;
      }
      case StmtKind::If: {
        auto& i = static_cast<const If&>(s);
        head("If");
        out += "test=";
        expr(i.test.get());
        out += ", body=";
        stmts(i.body);
        out += ", orelse=";
        stmts(i.orelse);
        break;
      }
      case StmtKind::With: {
        auto& w = static_cast<const With&>(s);
        head("With");
        out += "items=[";
        for (size_t i = 0; i < w.items.size(); ++i) {
          if (i) out += ", ";
          out += "withitem(context_expr=";
          expr(w.items[i].context_expr.get());
          out += ", optional_vars=";
          expr(w.items[i].optional_vars.get());
          out += ")";
        }
        out += "], body=";
        stmts(w.body);
        break;
      }
      case StmtKind::Raise: {
        auto& r = static_cast<const Raise&>(s);
        head("Raise");
        out += "exc=";
        expr(r.exc.get());
        out += ", cause=";
        expr(r.cause.get());
        break;
      }
      case StmtKind::Try: {
        auto& t = static_cast<const Try&>(s);
        head("Try");
        out += "body=";
        stmts(t.body);
        out += ", handlers=[";
        for (size_t i = 0; i < t.handlers.size(); ++i) {
          if (i) out += ", ";
          auto& h = t.handlers[i];
          out += "ExceptHandler";
          span(h.span, true);
          out += "(type=";
          expr(h.type.get());
          out += ", name=";
          name_or_none(h.name);
          out += ", body=";
          stmts(h.body);
          out += ")";
        }
        out += "], orelse=";
        stmts(t.orelse);
        out += ", finalbody=";
        stmts(t.finalbody);
        break;
      }
      case StmtKind::Assert: {
        auto& a = static_cast<const Assert&>(s);
        head("Assert");
        out += "test=";
        expr(a.test.get());
        out += ", msg=";
        expr(a.msg.get());
        break;
      }
      case StmtKind::Import:
      case StmtKind::ImportFrom: {
        const std::vector<Alias>* names;
        if (s.kind == StmtKind::Import) {
          head("Import");
          names = &static_cast<const Import&>(s).names;
        } else {
          auto& i = static_cast<const ImportFrom&>(s);
          head("ImportFrom");
          out += "module=";
          name_or_none(i.module);
          out += ", ";
          names = &i.names;
        }
        out += "names=[";
        for (size_t i = 0; i < names->size(); ++i) {
          if (i) out += ", ";
          out += "alias";
          span((*names)[i].span, true);
          out += "(name=";
          str((*names)[i].name, false);
          out += ", asname=";
          name_or_none((*names)[i].asname);
          out += ")";
        }
        out += "]";
        if (s.kind == StmtKind::ImportFrom) out += ", level=" + std::to_string(static_cast<const ImportFrom&>(s).level);
        break;
      }
      case StmtKind::Global:
      case StmtKind::Nonlocal: {
        const auto& names = s.kind == StmtKind::Global ? static_cast<const Global&>(s).names
                                                       : static_cast<const Nonlocal&>(s).names;
        head(s.kind == StmtKind::Global ? "Global" : "Nonlocal");
        out += "names=[";
        for (size_t i = 0; i < names.size(); ++i) {
          if (i) out += ", ";
          str(names[i], false);
        }
        out += "]";
        break;
      }
      case StmtKind::Expr:
        head("Expr");
        out += "value=";
        expr(static_cast<const ExprStmt&>(s).value.get());
        break;
      case StmtKind::Pass: head("Pass"); break;
      case StmtKind::Break: head("Break"); break;
      case StmtKind::Continue: head("Continue"); break;
    }
    out += ")";
  }
};

// Module(body=[...]); one statement per line when `lines` is set.
inline std::string dump(const Module& m, bool positions = false, bool lines = false) {
  Dumper d;
  d.positions = positions;
  if (lines) {
    for (auto& s : m.body) {
      d.stmt(*s);
      d.out += "\n";
    }
    return d.out;
  }
  d.out += "Module(body=";
  d.stmts(m.body);
  d.out += ")";
  return d.out;
}

inline std::string dump(const Expr& e, bool positions = false) {
  Dumper d;
  d.positions = positions;
  d.expr(&e);
  return d.out;
}

}  // namespace tscript::ast_dump
