// Calling the built-in types: int(), float(), str(), list(), dict(), property(), super(), ...
#include <cmath>

#include "interpreter/builtins/builtins_internal.h"
#include "interpreter/vm/vm_internal.h"

namespace tscript {

namespace {

// Binds (args, kwnames) against a signature string once per type.
struct CtorArgs {
  Value slots[6];
  CtorArgs(const char* signature, const Value* args, int nargs, const Tuple* kwnames) {
    static thread_local std::vector<std::pair<const char*, Ref<NativeFunction>>> cache;
    NativeFunction* f = nullptr;
    for (auto& [sig, fn] : cache)
      if (sig == signature) f = fn.get();
    if (!f) {
      cache.push_back({signature, native(signature, nullptr)});
      f = cache.back().second.get();
    }
    bind_arguments(f->sig, f->defaults.data(), static_cast<int>(f->defaults.size()),
                   f->kwdefaults.empty() ? nullptr : f->kwdefaults.data(), args, nargs, kwnames, slots);
  }
  Value& operator[](int i) { return slots[i]; }
};

Value int_from(const Value& x, const Value& base) {
  if (!base.is_null()) {
    auto* s = x.as<Str>();
    if (!s) type_error("int() can't convert non-string with explicit base");
    int b = static_cast<int>(arg_int(base, "int"));
    try {
      auto r = parse_int(s->s, b);
      if (!r) value_error(invalid_int_literal_message(s->s, b));
      return Value(*r);
    } catch (const FormatError& e) {
      raise_format_error(e);
    }
  }
  if (x.is_intlike()) return Value(x.as_int());
  if (x.is_float()) {
    double d = x.as_float();
    if (std::isnan(d)) value_error("cannot convert float NaN to integer");
    if (std::isinf(d)) raise(exc_types().overflow_error, "cannot convert float infinity to integer");
    if (std::fabs(d) >= 9.2233720368547758e18) overflow_error();
    return Value(static_cast<int64_t>(d));
  }
  if (auto* s = x.as<Str>()) {
    try {
      auto r = parse_int(s->s, 10);
      if (!r) value_error(invalid_int_literal_message(s->s, 10));
      return Value(*r);
    } catch (const FormatError& e) {
      raise_format_error(e);
    }
  }
  for (const char* name : {"__int__", "__index__", "__trunc__"}) {
    Value m = type_lookup(x, intern(name));
    if (!m.is_null()) {
      Value r = call(m, {x});
      if (!r.is_intlike()) type_error(std::string(name) + " returned non-int (type " + type_name(r) + ")");
      return Value(r.as_int());
    }
  }
  type_error("int() argument must be a string, a bytes-like object or a real number, not '" + type_name(x) + "'");
}

Value ctor_int(Type*, const Value* args, int nargs, const Tuple* kw) {
  if (nargs == 0 && !kw) return Value(int64_t(0));
  CtorArgs a("int(x, /, base=None)", args, nargs, kw);
  return int_from(a[0], a[1].is_none() ? Value::null() : a[1]);
}

Value ctor_float(Type*, const Value* args, int nargs, const Tuple* kw) {
  if (nargs == 0 && !kw) return Value(0.0);
  CtorArgs a("float(x, /)", args, nargs, kw);
  const Value& x = a[0];
  if (x.is_number()) return Value(x.to_double());
  if (auto* s = x.as<Str>()) {
    auto r = parse_float(s->s);
    if (!r) value_error(invalid_float_message(s->s));
    return Value(*r);
  }
  for (const char* name : {"__float__", "__index__"}) {
    Value m = type_lookup(x, intern(name));
    if (!m.is_null()) return Value(call(m, {x}).to_double());
  }
  type_error("float() argument must be a string or a real number, not '" + type_name(x) + "'");
}

Value ctor_str(Type*, const Value* args, int nargs, const Tuple* kw) {
  if (nargs == 0 && !kw) return str("");
  CtorArgs a("str(object, /, encoding=None, errors=None)", args, nargs, kw);
  return str(to_str(a[0]));
}

Value ctor_bool(Type*, const Value* args, int nargs, const Tuple* kw) {
  if (nargs == 0 && !kw) return Value(false);
  CtorArgs a("bool(x, /)", args, nargs, kw);
  return Value(truthy(a[0]));
}

Value ctor_list(Type* cls, const Value* args, int nargs, const Tuple* kw) {
  CtorArgs a("list(iterable=None, /)", args, nargs, kw);
  auto l = make<List>();
  if (cls != types().list) l->type = cls, incref(cls);
  if (nargs > 0) l->items = to_vector(a[0]);
  return Value(static_cast<Object*>(l.get()));
}

Value ctor_tuple(Type*, const Value* args, int nargs, const Tuple* kw) {
  CtorArgs a("tuple(iterable=None, /)", args, nargs, kw);
  if (nargs == 0) return Value::steal(new Tuple());
  if (a[0].is<Tuple>() && a[0].obj()->type == types().tuple) return a[0];
  return Value::steal(new Tuple(to_vector(a[0])));
}

Value ctor_dict(Type* cls, const Value* args, int nargs, const Tuple* kw) {
  if (nargs > 1) type_error("dict expected at most 1 argument, got " + std::to_string(nargs));
  auto d = make<Dict>();
  if (cls != types().dict) d->type = cls, incref(cls);
  if (nargs == 1) {
    const Value& src = args[0];
    if (src.is<Dict>() || !find_attr(src, intern("keys")).is_null()) {
      dict_update(d.get(), src, false);
    } else {
      int64_t i = 0;
      for (auto& item : to_vector(src)) {
        std::vector<Value> kv;
        try {
          kv = to_vector(item);
        } catch (ScriptError&) {
          type_error("cannot convert dictionary update sequence element #" + std::to_string(i) + " to a sequence");
        }
        if (kv.size() != 2)
          value_error("dictionary update sequence element #" + std::to_string(i) + " has length " +
                      std::to_string(kv.size()) + "; 2 is required");
        d->set(kv[0], kv[1]);
        ++i;
      }
    }
  }
  if (kw)
    for (size_t i = 0; i < kw->items.size(); ++i) d->set(kw->items[i], args[nargs + i]);
  return Value(static_cast<Object*>(d.get()));
}

Value make_set(Type* cls, const Value* args, int nargs, const Tuple* kw, bool frozen) {
  CtorArgs a(frozen ? "frozenset(iterable=None, /)" : "set(iterable=None, /)", args, nargs, kw);
  auto s = make<Set>();
  s->frozen = frozen;
  if (frozen) s->type = types().frozenset;
  if (nargs > 0)
    for (auto& v : to_vector(a[0])) s->add(v);
  return Value(static_cast<Object*>(s.get()));
}
Value ctor_set(Type* c, const Value* a, int n, const Tuple* k) { return make_set(c, a, n, k, false); }
Value ctor_frozenset(Type* c, const Value* a, int n, const Tuple* k) { return make_set(c, a, n, k, true); }

Value ctor_range(Type*, const Value* args, int nargs, const Tuple* kw) {
  if (kw) type_error("range() takes no keyword arguments");
  if (nargs < 1 || nargs > 3) type_error("range expected at least 1 argument, got " + std::to_string(nargs));
  int64_t start = 0, stop, step = 1;
  if (nargs == 1) stop = index_value(args[0]);
  else {
    start = index_value(args[0]);
    stop = index_value(args[1]);
    if (nargs == 3) step = index_value(args[2]);
  }
  if (step == 0) value_error("range() arg 3 must not be zero");
  return Value::steal(new Range(start, stop, step));
}

Value ctor_slice(Type*, const Value* args, int nargs, const Tuple* kw) {
  if (nargs == 1) return Value::steal(new Slice(Value(), args[0], Value()));
  if (nargs == 2) return Value::steal(new Slice(args[0], args[1], Value()));
  if (nargs == 3) return Value::steal(new Slice(args[0], args[1], args[2]));
  type_error("slice expected at least 1 argument, got " + std::to_string(nargs));
}

Value ctor_object(Type*, const Value* args, int nargs, const Tuple* kw) {
  if (nargs || kw) type_error("object() takes no arguments");
  return Value::steal(new Instance(types().object));
}

Value ctor_type(Type*, const Value* args, int nargs, const Tuple* kw) {
  if (nargs == 1) return Value(static_cast<Object*>(type_of(args[0])));
  if (nargs == 3) {
    // type(name, bases, dict): build a class whose body just copies the dict.
    auto* bases = args[1].as<Tuple>();
    auto* ns = args[2].as<Dict>();
    if (!args[0].is<Str>() || !bases || !ns) type_error("type.__new__() argument types must be (str, tuple, dict)");
    return make_class(args[0].as<Str>()->s, bases->items, Ref<Dict>(ns));
  }
  type_error("type() takes 1 or 3 arguments");
}

Value ctor_property(Type*, const Value* args, int nargs, const Tuple* kw) {
  CtorArgs a("property(fget=None, fset=None, fdel=None, doc=None)", args, nargs, kw);
  return Value::steal(new Property(a[0], a[1], a[2]));
}

Value ctor_staticmethod(Type*, const Value* args, int nargs, const Tuple* kw) {
  CtorArgs a("staticmethod(function, /)", args, nargs, kw);
  return Value::steal(new StaticMethod(a[0]));
}

Value ctor_classmethod(Type*, const Value* args, int nargs, const Tuple* kw) {
  CtorArgs a("classmethod(function, /)", args, nargs, kw);
  return Value::steal(new ClassMethod(a[0]));
}

Value ctor_super(Type*, const Value* args, int nargs, const Tuple* kw) {
  if (nargs == 0) return zero_arg_super(vm().frame);
  if (nargs != 2) type_error("super() takes 0 or 2 arguments");
  auto* t = args[0].as<Type>();
  if (!t) type_error("super() argument 1 must be a type, not " + type_name(args[0]));
  return Value::steal(new Super(t, args[1]));
}

// property.setter / getter / deleter return a copy with one accessor replaced.
Value prop_setter(Value* a, const Value&) {
  auto* p = a[0].as<Property>();
  return Value::steal(new Property(p->fget, a[1], p->fdel));
}
Value prop_getter(Value* a, const Value&) {
  auto* p = a[0].as<Property>();
  return Value::steal(new Property(a[1], p->fset, p->fdel));
}
Value prop_deleter(Value* a, const Value&) {
  auto* p = a[0].as<Property>();
  return Value::steal(new Property(p->fget, p->fset, a[1]));
}

Value object_repr(Value* a, const Value&) { return str(default_repr(a[0])); }
Value object_str(Value* a, const Value&) { return str(repr(a[0])); }
Value object_eq(Value* a, const Value&) { return a[0].identical(a[1]) ? Value(true) : not_implemented(); }
Value object_ne(Value* a, const Value&) {
  Value eq = compare_op(ast::CmpOp::Eq, a[0], a[1]);
  return Value(!truthy(eq));
}
Value object_hash(Value* a, const Value&) { return Value(hash_value(a[0])); }
Value object_format(Value* a, const Value&) { return str(format_value(a[0], arg_str(a[1], "format"))); }

Value type_mro(Value* a, const Value&) { return get_attr(a[0], "__mro__"); }
Value type_subclasses(Value*, const Value&) { return Value::steal(new List()); }

Value int_bit_length(Value* a, const Value&) {
  int64_t v = a[0].as_int();
  uint64_t u = v < 0 ? static_cast<uint64_t>(-(v + 1)) + 1 : static_cast<uint64_t>(v);
  int n = 0;
  while (u) {
    ++n;
    u >>= 1;
  }
  return Value(static_cast<int64_t>(n));
}
Value float_is_integer(Value* a, const Value&) {
  double d = a[0].to_double();
  return Value(std::isfinite(d) && d == std::floor(d));
}
Value float_as_integer_ratio(Value* a, const Value&) {
  double d = a[0].to_double();
  if (!std::isfinite(d)) value_error("cannot convert Infinity to integer ratio");
  int e;
  double m = std::frexp(d, &e);
  for (int i = 0; i < 300 && m != std::floor(m); ++i) {
    m *= 2;
    --e;
  }
  int64_t num = static_cast<int64_t>(m), den = 1;
  if (e > 0) {
    for (int i = 0; i < e; ++i) num *= 2;
  } else {
    for (int i = 0; i < -e; ++i) den *= 2;
  }
  return Value::steal(new Tuple({Value(num), Value(den)}));
}
Value num_conjugate(Value* a, const Value&) { return a[0]; }
Value float_hex(Value* a, const Value&) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", a[0].to_double());
  return str(buf);
}

}  // namespace

void install_type_constructors(VM& v, Dict* b) {
  const BuiltinTypes& t = types();
  struct Entry {
    Type* type;
    Value (*ctor)(Type*, const Value*, int, const Tuple*);
  };
  for (auto& [type, ctor] : std::initializer_list<Entry>{
           {t.int_, ctor_int}, {t.float_, ctor_float}, {t.str, ctor_str}, {t.bool_, ctor_bool},
           {t.list, ctor_list}, {t.tuple, ctor_tuple}, {t.dict, ctor_dict}, {t.set, ctor_set},
           {t.frozenset, ctor_frozenset}, {t.range, ctor_range}, {t.slice, ctor_slice},
           {t.object, ctor_object}, {t.type, ctor_type}, {t.property, ctor_property},
           {t.staticmethod, ctor_staticmethod}, {t.classmethod, ctor_classmethod}, {t.super, ctor_super}}) {
    type->construct = ctor;
    set_global(b, type->name.c_str(), Value(static_cast<Object*>(type)));
  }
  static bool once = [] {
    const BuiltinTypes& t = types();
    t.object->dict->set(Value(static_cast<Object*>(intern("__init__"))),
                        Value(static_cast<Object*>(object_init_function().get())));
    method(t.object, "__repr__(self)", object_repr);
    method(t.object, "__str__(self)", object_str);
    method(t.object, "__eq__(self, other, /)", object_eq);
    method(t.object, "__ne__(self, other, /)", object_ne);
    method(t.object, "__hash__(self)", object_hash);
    method(t.object, "__format__(self, format_spec, /)", object_format);
    method(t.property, "setter(self, fset)", prop_setter);
    method(t.property, "getter(self, fget)", prop_getter);
    method(t.property, "deleter(self, fdel)", prop_deleter);
    method(t.type, "mro(self)", type_mro);
    method(t.type, "__subclasses__(self)", type_subclasses);
    method(t.int_, "bit_length(self)", int_bit_length);
    method(t.int_, "conjugate(self)", num_conjugate);
    method(t.float_, "is_integer(self)", float_is_integer);
    method(t.float_, "as_integer_ratio(self)", float_as_integer_ratio);
    method(t.float_, "conjugate(self)", num_conjugate);
    method(t.float_, "hex(self)", float_hex);
    return true;
  }();
  (void)once;
}

}  // namespace tscript
