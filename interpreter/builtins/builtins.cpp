// Built-in functions that are not constructors or iterator helpers.
#include <algorithm>
#include <cmath>

#include "interpreter/builtins/builtins_internal.h"

namespace tscript {

std::string arg_str(const Value& v, const char* fname) {
  if (auto* s = v.as<Str>()) return s->s;
  type_error(std::string(fname) + "(): argument must be str, not " + type_name(v));
}

int64_t arg_int(const Value& v, const char* fname) {
  if (v.is_intlike()) return v.as_int();
  return index_value(v);
}

double arg_float(const Value& v, const char* fname) {
  if (v.is_number()) return v.to_double();
  Value f = type_lookup(v, intern("__float__"));
  if (!f.is_null()) return call(f, {v}).to_double();
  Value i = type_lookup(v, intern("__index__"));
  if (!i.is_null()) return static_cast<double>(index_value(v));
  type_error("must be real number, not " + type_name(v));
}

void sort_values(std::vector<Value>& items, const Value& key, bool reverse) {
  std::vector<Value> keys;
  bool has_key = !key.is_none();
  if (has_key) {
    keys.reserve(items.size());
    for (auto& v : items) keys.push_back(call(key, {v}));
  }
  std::vector<size_t> order(items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  const std::vector<Value>& k = has_key ? keys : items;
  auto lt = [&](const Value& a, const Value& b) {
    if (a.is_int() && b.is_int()) return a.as_int() < b.as_int();
    if (a.is_float() && b.is_float()) return a.as_float() < b.as_float();
    return less_than(a, b);
  };
  if (reverse) std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return lt(k[b], k[a]); });
  else std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return lt(k[a], k[b]); });
  std::vector<Value> out;
  out.reserve(items.size());
  for (size_t i : order) out.push_back(std::move(items[i]));
  items = std::move(out);
}

namespace {

Value b_print(Value* a, const Value&) {
  auto& args = a[4].as<Tuple>()->items;  // slots: sep, end, file, flush, *args
  std::string sep = a[0].is_none() ? " " : arg_str(a[0], "print");
  std::string end = a[1].is_none() ? "\n" : arg_str(a[1], "print");
  std::string out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i) out += sep;
    out += to_str(args[i]);
  }
  out += end;
  if (a[2].is_none()) {
    vm().write_stdout(out);
  } else {
    call_method(a[2], intern("write"), {str(out)});
  }
  return Value();
}

Value b_len(Value* a, const Value&) { return Value(length(a[0])); }
Value b_repr(Value* a, const Value&) { return str(repr(a[0])); }

Value b_format(Value* a, const Value&) { return str(format_value(a[0], arg_str(a[1], "format"))); }

Value b_abs(Value* a, const Value&) {
  const Value& v = a[0];
  if (v.is_intlike()) {
    if (v.as_int() == INT64_MIN) overflow_error();
    return Value(v.as_int() < 0 ? -v.as_int() : v.as_int());
  }
  if (v.is_float()) return Value(std::fabs(v.as_float()));
  Value m = type_lookup(v, intern("__abs__"));
  if (!m.is_null()) return call(m, {v});
  type_error("bad operand type for abs(): '" + type_name(v) + "'");
}

Value round_int(int64_t x, int64_t nd) {
  if (nd >= 0) return Value(x);
  if (nd < -18) return Value(int64_t(0));
  int64_t p = 1;
  for (int64_t i = 0; i < -nd; ++i) p *= 10;
  int64_t q = x / p, r = x % p;
  if (r < 0) {
    r += p;
    --q;
  }
  if (2 * r > p || (2 * r == p && (q & 1))) ++q;
  int64_t out;
  if (__builtin_mul_overflow(q, p, &out)) overflow_error();
  return Value(out);
}

Value b_round(Value* a, const Value&) {
  const Value& x = a[0];
  const Value& nd = a[1];
  try {
    if (x.is_intlike()) return nd.is_none() ? Value(x.as_int()) : round_int(x.as_int(), arg_int(nd, "round"));
    if (x.is_float()) {
      double d = x.as_float();
      if (nd.is_none()) {
        if (std::isnan(d)) value_error("cannot convert float NaN to integer");
        if (std::isinf(d)) raise(exc_types().overflow_error, "cannot convert float infinity to integer");
        double r = round_half_even(d);
        if (std::fabs(r) >= 9.2233720368547758e18) overflow_error();
        return Value(static_cast<int64_t>(r));
      }
      return Value(round_float(d, arg_int(nd, "round")));
    }
  } catch (const FormatError& e) {
    raise_format_error(e);
  }
  Value m = type_lookup(x, intern("__round__"));
  if (!m.is_null()) return nd.is_none() ? call(m, {x}) : call(m, {x, nd});
  type_error("type " + type_name(x) + " doesn't define __round__ method");
}

Value b_divmod(Value* a, const Value&) {
  const Value& x = a[0];
  const Value& y = a[1];
  try {
    if (x.is_intlike() && y.is_intlike()) {
      if (y.as_int() == 0) raise(exc_types().zero_division_error, "integer division or modulo by zero");
      auto r = int_divmod(x.as_int(), y.as_int());
      if (!r) overflow_error();
      return Value::steal(new Tuple({Value(r->first), Value(r->second)}));
    }
    if (x.is_number() && y.is_number()) {
      if (y.to_double() == 0) raise(exc_types().zero_division_error, "float divmod()");
      auto r = float_divmod(x.to_double(), y.to_double());
      return Value::steal(new Tuple({Value(r.first), Value(r.second)}));
    }
  } catch (const FormatError& e) {
    raise_format_error(e);
  }
  Value q = binary_op(ast::Operator::FloorDiv, x, y);
  Value r = binary_op(ast::Operator::Mod, x, y);
  return Value::steal(new Tuple({q, r}));
}

Value b_pow(Value* a, const Value&) {
  if (!a[2].is_none()) {
    if (!a[0].is_intlike() || !a[1].is_intlike() || !a[2].is_intlike())
      type_error("pow() 3rd argument not allowed unless all arguments are integers");
    int64_t base = a[0].as_int(), e = a[1].as_int(), m = a[2].as_int();
    if (m == 0) value_error("pow() 3rd argument cannot be 0");
    if (e < 0) value_error("base is not invertible for the given modulus");
    __int128 r = 1, b = ((base % m) + m) % m;
    while (e > 0) {
      if (e & 1) r = (r * b) % m;
      b = (b * b) % m;
      e >>= 1;
    }
    int64_t out = static_cast<int64_t>(r);
    if (m < 0 && out > 0) out += m;
    return Value(out);
  }
  return binary_op(ast::Operator::Pow, a[0], a[1]);
}

Value b_isinstance(Value* a, const Value&) {
  const Value& cls = a[1];
  if (auto* t = cls.as<Tuple>()) {
    for (auto& c : t->items) {
      Value args[2] = {a[0], c};
      if (truthy(b_isinstance(args, Value()))) return Value(true);
    }
    return Value(false);
  }
  auto* t = cls.as<Type>();
  if (!t) type_error("isinstance() arg 2 must be a type, a tuple of types, or a union");
  return Value(is_instance(a[0], t));
}

Value b_issubclass(Value* a, const Value&) {
  auto* c = a[0].as<Type>();
  if (!c) type_error("issubclass() arg 1 must be a class");
  if (auto* t = a[1].as<Tuple>()) {
    for (auto& x : t->items) {
      auto* xt = x.as<Type>();
      if (!xt) type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union");
      if (c->is_subtype(xt)) return Value(true);
    }
    return Value(false);
  }
  auto* t = a[1].as<Type>();
  if (!t) type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union");
  return Value(c->is_subtype(t));
}

Str* attr_name(const Value& v, const char* fname) {
  auto* s = v.as<Str>();
  if (!s) type_error(std::string(fname) + "(): attribute name must be string");
  return intern(s->s);
}

Value b_hasattr(Value* a, const Value&) {
  Str* n = attr_name(a[1], "hasattr");
  try {
    return Value(!find_attr(a[0], n).is_null());
  } catch (ScriptError& e) {
    if (is_instance(e.exc, exc_types().attribute_error)) return Value(false);
    throw;
  }
}

Value b_getattr(Value* a, const Value&) {
  Str* n = attr_name(a[1], "getattr");
  if (a[2].is_null()) return get_attr(a[0], n);
  try {
    Value v = find_attr(a[0], n);
    return v.is_null() ? a[2] : v;
  } catch (ScriptError& e) {
    if (is_instance(e.exc, exc_types().attribute_error)) return a[2];
    throw;
  }
}

Value b_setattr(Value* a, const Value&) {
  set_attr(a[0], attr_name(a[1], "setattr"), a[2]);
  return Value();
}

Value b_delattr(Value* a, const Value&) {
  del_attr(a[0], attr_name(a[1], "delattr"));
  return Value();
}

Value b_hash(Value* a, const Value&) { return Value(hash_value(a[0])); }

Value b_id(Value* a, const Value&) {
  if (a[0].is_obj()) return Value(static_cast<int64_t>(reinterpret_cast<uintptr_t>(a[0].obj())));
  return Value(static_cast<int64_t>(hash_value(a[0]) * 16 + static_cast<int>(a[0].tag())));
}

Value b_callable(Value* a, const Value&) { return Value(is_callable(a[0])); }

Value b_chr(Value* a, const Value&) {
  int64_t c = arg_int(a[0], "chr");
  if (c < 0 || c > 0x10ffff) value_error("chr() arg not in range(0x110000)");
  std::string out;
  format_detail::utf8_append(out, static_cast<char32_t>(c));
  return str(out);
}

Value b_ord(Value* a, const Value&) {
  auto* s = a[0].as<Str>();
  if (!s) type_error("ord() expected string of length 1, but " + type_name(a[0]) + " found");
  if (s->length() != 1)
    type_error("ord() expected a character, but string of length " + std::to_string(s->length()) + " found");
  size_t i = 0;
  return Value(static_cast<int64_t>(format_detail::utf8_decode(s->s, i)));
}

Value b_hex(Value* a, const Value&) { return str(int_to_base(arg_int(a[0], "hex"), 16)); }
Value b_oct(Value* a, const Value&) { return str(int_to_base(arg_int(a[0], "oct"), 8)); }
Value b_bin(Value* a, const Value&) { return str(int_to_base(arg_int(a[0], "bin"), 2)); }

Value b_globals(Value*, const Value&) { return Value(static_cast<Object*>(vm().frame->globals)); }
Value b_locals(Value*, const Value&) {
  Frame* f = vm().frame;
  if (f->locals) return Value(static_cast<Object*>(f->locals));
  if (!f->func) return Value(static_cast<Object*>(f->globals));
  auto d = make<Dict>();
  for (int i = 0; i < f->code->nlocals; ++i)
    if (!f->fast[i].is_null()) d->set(Value(static_cast<Object*>(f->code->varnames[i].get())), f->fast[i]);
  return Value(static_cast<Object*>(d.get()));
}

Value b_vars(Value* a, const Value& d) {
  if (a[0].is_null()) return b_locals(a, d);
  return get_attr(a[0], "__dict__");
}

Value b_dir(Value* a, const Value&) {
  auto keys = make<List>();
  auto add_dict = [&](Dict* dict) {
    for (auto& e : dict->table.entries())
      if (!e.key.is_null() && !contains(Value(static_cast<Object*>(keys.get())), e.key)) keys->items.push_back(e.key);
  };
  if (a[0].is_null()) {
    add_dict(vm().frame->globals);
  } else {
    const Value& o = a[0];
    if (auto* m = o.as<Module>()) add_dict(m->dict.get());
    else {
      if (o.is_obj()) {
        if (auto* i = o.as<Instance>()) add_dict(i->dict.get());
      }
      Type* t = o.as<Type>() ? o.as<Type>() : type_of(o);
      for (Type* x : t->mro) add_dict(x->dict.get());
    }
  }
  sort_values(keys->items, Value(), false);
  return Value(static_cast<Object*>(keys.get()));
}

Value b_import(Value* a, const Value&) {
  return import_module(arg_str(a[0], "__import__"), a[3], static_cast<int>(arg_int(a[4], "__import__")),
                       a[1].is<Dict>() ? a[1].as<Dict>() : nullptr);
}

Value b_input(Value* a, const Value&) {
  if (!a[0].is_null()) vm().write_stdout(to_str(a[0]));
  std::string line;
  int c;
  bool any = false;
  while ((c = std::fgetc(stdin)) != EOF) {
    any = true;
    if (c == '\n') break;
    line += static_cast<char>(c);
  }
  if (!any) raise(exc_types().eof_error, "EOF when reading a line");
  return str(line);
}

}  // namespace

void install_core_functions(VM& v, Dict* b) {
  def(b, "print(*args, sep=None, end=None, file=None, flush=False)", b_print);
  def(b, "len(obj, /)", b_len);
  def(b, "repr(obj, /)", b_repr);
  def(b, "format(value, format_spec='', /)", b_format);
  def(b, "abs(x, /)", b_abs);
  def(b, "round(number, ndigits=None)", b_round);
  def(b, "divmod(x, y, /)", b_divmod);
  def(b, "pow(base, exp, mod=None)", b_pow);
  def(b, "isinstance(obj, class_or_tuple, /)", b_isinstance);
  def(b, "issubclass(cls, class_or_tuple, /)", b_issubclass);
  def(b, "hasattr(obj, name, /)", b_hasattr);
  auto ga = native("getattr(object, name, default=None, /)", b_getattr);
  ga->defaults = {Value::null()};
  set_global(b, "getattr", Value(static_cast<Object*>(ga.get())));
  def(b, "setattr(obj, name, value, /)", b_setattr);
  def(b, "delattr(obj, name, /)", b_delattr);
  def(b, "hash(obj, /)", b_hash);
  def(b, "id(obj, /)", b_id);
  def(b, "callable(obj, /)", b_callable);
  def(b, "chr(i, /)", b_chr);
  def(b, "ord(c, /)", b_ord);
  def(b, "hex(number, /)", b_hex);
  def(b, "oct(number, /)", b_oct);
  def(b, "bin(number, /)", b_bin);
  def(b, "globals()", b_globals);
  def(b, "locals()", b_locals);
  auto vars = native("vars(object=None, /)", b_vars);
  vars->defaults = {Value::null()};
  set_global(b, "vars", Value(static_cast<Object*>(vars.get())));
  auto dir = native("dir(object=None, /)", b_dir);
  dir->defaults = {Value::null()};
  set_global(b, "dir", Value(static_cast<Object*>(dir.get())));
  def(b, "__import__(name, globals=None, locals=None, fromlist=None, level=0)", b_import);
  auto in = native("input(prompt=None, /)", b_input);
  in->defaults = {Value::null()};
  set_global(b, "input", Value(static_cast<Object*>(in.get())));
  set_global(b, "None", Value());
  set_global(b, "NotImplemented", not_implemented());
  set_global(b, "Ellipsis", ellipsis());
  set_global(b, "__name__", str("builtins"));
}

void install_builtins(VM& v) {
  Dict* b = v.builtins.get();
  install_core_functions(v, b);
  install_type_constructors(v, b);
  static bool methods_done = false;
  if (!methods_done) {
    methods_done = true;
    install_str_methods();
    install_list_methods();
    install_dict_methods();
  }
  install_iter_builtins(v, b);
  install_exceptions(v, b);
  install_file_builtins(v, b);
  install_modules(v);
}

}  // namespace tscript
