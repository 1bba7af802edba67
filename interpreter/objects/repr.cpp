// repr(), str() and format() of every value.
#include <cstdio>
#include <unordered_set>

#include "interpreter/objects/exception.h"
#include "interpreter/objects/format.h"
#include "interpreter/objects/function.h"
#include "interpreter/objects/protocol.h"
#include "interpreter/vm/vm.h"

namespace tscript {

namespace {

std::string address(const void* p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%012llx", static_cast<unsigned long long>(reinterpret_cast<uintptr_t>(p)));
  return buf;
}

// Guards against infinite recursion in self-containing containers: [...] / {...}.
struct ReprGuard {
  static std::unordered_set<const Object*>& active() {
    thread_local std::unordered_set<const Object*> s;
    return s;
  }
  const Object* o;
  bool entered;
  explicit ReprGuard(const Object* x) : o(x), entered(active().insert(x).second) {}
  ~ReprGuard() {
    if (entered) active().erase(o);
  }
};

std::string join_repr(const std::vector<Value>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += repr(items[i]);
  }
  return out;
}

std::string qualified_class_name(const Type* t) {
  if (t->builtin || t->module_name == "builtins") return t->name;
  Value q = t->dict->get(intern("__qualname__"));
  std::string n = q.is<Str>() ? q.as<Str>()->s : t->name;
  return t->module_name + "." + n;
}

Value user_dunder(const Value& v, const char* name) {
  Type* t = type_of(v);
  if (t->builtin) return Value::null();
  Value m = t->lookup(intern(name));
  if (m.is<Function>() || (!m.is_null() && !m.is<NativeFunction>())) return m;
  return Value::null();
}

std::string builtin_repr(const Value& v) {
  switch (v.tag()) {
    case Tag::None: case Tag::Null: return "None";
    case Tag::Bool: return v.as_bool() ? "True" : "False";
    case Tag::Int: return int_repr(v.as_int());
    case Tag::Float: return float_repr(v.as_float());
    case Tag::Obj: break;
  }
  Object* o = v.obj();
  switch (o->type->layout) {
    case Layout::Str: return str_repr(static_cast<Str*>(o)->s);
    case Layout::List: {
      ReprGuard g(o);
      if (!g.entered) return "[...]";
      return "[" + join_repr(static_cast<List*>(o)->items) + "]";
    }
    case Layout::Tuple: {
      ReprGuard g(o);
      if (!g.entered) return "(...)";
      auto& items = static_cast<Tuple*>(o)->items;
      if (items.size() == 1) return "(" + repr(items[0]) + ",)";
      return "(" + join_repr(items) + ")";
    }
    case Layout::Dict: {
      ReprGuard g(o);
      if (!g.entered) return "{...}";
      std::string out = "{";
      bool first = true;
      for (auto& e : static_cast<Dict*>(o)->table.entries()) {
        if (e.key.is_null()) continue;
        if (!first) out += ", ";
        first = false;
        out += repr(e.key) + ": " + repr(e.value);
      }
      return out + "}";
    }
    case Layout::Set: {
      auto* s = static_cast<Set*>(o);
      std::string name = s->frozen ? "frozenset" : "set";
      if (s->table.size() == 0) return name + "()";
      ReprGuard g(o);
      if (!g.entered) return name + "(...)";
      std::string out;
      for (auto& e : s->table.entries()) {
        if (e.key.is_null()) continue;
        if (!out.empty()) out += ", ";
        out += repr(e.key);
      }
      return s->frozen ? "frozenset({" + out + "})" : "{" + out + "}";
    }
    case Layout::Range: {
      auto* r = static_cast<Range*>(o);
      std::string out = "range(" + int_repr(r->start) + ", " + int_repr(r->stop);
      if (r->step != 1) out += ", " + int_repr(r->step);
      return out + ")";
    }
    case Layout::Slice: {
      auto* s = static_cast<Slice*>(o);
      return "slice(" + repr(s->start) + ", " + repr(s->stop) + ", " + repr(s->step) + ")";
    }
    case Layout::Type: return "<class '" + qualified_class_name(static_cast<Type*>(o)) + "'>";
    case Layout::Function: {
      auto* f = static_cast<Function*>(o);
      return "<function " + f->qualname->s + " at " + address(o) + ">";
    }
    case Layout::NativeFunction: return "<built-in function " + static_cast<NativeFunction*>(o)->sig.name + ">";
    case Layout::BoundMethod: {
      auto* m = static_cast<BoundMethod*>(o);
      std::string fname = m->func.is<Function>() ? m->func.as<Function>()->qualname->s
                          : m->func.is<NativeFunction>() ? m->func.as<NativeFunction>()->sig.name
                                                         : "?";
      if (m->func.is<NativeFunction>())
        return "<built-in method " + fname + " of " + type_name(m->self) + " object at " + address(m->self.is_obj() ? m->self.obj() : nullptr) + ">";
      return "<bound method " + fname + " of " + repr(m->self) + ">";
    }
    case Layout::Module: {
      auto* m = static_cast<Module*>(o);
      Value file = m->dict->get(intern("__file__"));
      if (file.is<Str>()) return "<module '" + m->name->s + "' from '" + file.as<Str>()->s + "'>";
      return "<module '" + m->name->s + "' (built-in)>";
    }
    case Layout::Exception: {
      auto* e = static_cast<Exception*>(o);
      auto& args = e->args->items;
      if (args.size() == 1) return e->type->name + "(" + repr(args[0]) + ")";
      return e->type->name + "(" + join_repr(args) + ")";
    }
    case Layout::Singleton: return static_cast<Singleton*>(o)->repr;
    case Layout::Cell: return "<cell at " + address(o) + ">";
    case Layout::Code: return "<code object " + static_cast<Code*>(o)->name + " at " + address(o) + ">";
    case Layout::Generator:
      return "<generator object " + static_cast<Generator*>(o)->func->qualname->s + " at " + address(o) + ">";
    case Layout::Property: return "<property object at " + address(o) + ">";
    case Layout::StaticMethod: return "<staticmethod object at " + address(o) + ">";
    case Layout::ClassMethod: return "<classmethod object at " + address(o) + ">";
    case Layout::Super: return "<super object>";
    default: break;
  }
  return "<" + qualified_class_name(o->type) + " object at " + address(o) + ">";
}

}  // namespace

std::string default_repr(const Value& v) {
  if (v.is_obj())
    if (auto* h = hooks_of(v.obj()->type); h && h->repr) return h->repr(v);
  return builtin_repr(v);
}

std::string repr(const Value& v) {
  if (v.is_obj()) {
    Type* t = v.obj()->type;
    if (auto* h = hooks_of(t); h && h->repr) return h->repr(v);
    Value m = user_dunder(v, "__repr__");
    if (!m.is_null()) {
      Value r = call(m, {v});
      if (!r.is<Str>()) type_error("__repr__ returned non-string (type " + type_name(r) + ")");
      return r.as<Str>()->s;
    }
  }
  return builtin_repr(v);
}

std::string to_str(const Value& v) {
  if (auto* s = v.as<Str>()) return s->s;
  if (v.is_obj()) {
    Type* t = v.obj()->type;
    if (auto* h = hooks_of(t); h && h->str) return h->str(v);
    Value m = user_dunder(v, "__str__");
    if (!m.is_null()) {
      Value r = call(m, {v});
      if (!r.is<Str>()) type_error("__str__ returned non-string (type " + type_name(r) + ")");
      return r.as<Str>()->s;
    }
    if (v.obj()->type->layout == Layout::Exception) return exception_message(v);
    if (v.obj()->type->layout == Layout::Str) return static_cast<Str*>(v.obj())->s;
  }
  return repr(v);
}

std::string format_value(const Value& v, const std::string& spec) {
  try {
    switch (v.tag()) {
      case Tag::Bool: return format_bool(v.as_bool(), spec);
      case Tag::Int: return format_int(v.as_int(), spec);
      case Tag::Float: return format_float(v.as_float(), spec);
      default: break;
    }
    if (v.is_obj()) {
      Type* t = v.obj()->type;
      if (auto* h = hooks_of(t); h && h->format) return h->format(v, spec);
      Value m = user_dunder(v, "__format__");
      if (!m.is_null()) {
        Value r = call(m, {v, str(spec)});
        if (!r.is<Str>()) type_error("__format__ must return a str, not " + type_name(r));
        return r.as<Str>()->s;
      }
      if (auto* s = v.as<Str>()) return format_str(s->s, spec, t->name);
    }
    return format_object(to_str(v), spec, type_name(v));
  } catch (const FormatError& e) {
    Type* t = e.kind == PyErrorKind::TypeError ? exc_types().type_error
              : e.kind == PyErrorKind::OverflowError ? exc_types().overflow_error
                                                     : exc_types().value_error;
    raise(t, e.what());
  }
}

}  // namespace tscript
