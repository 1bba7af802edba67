// Built-ins over iterables: iter next enumerate zip map filter reversed sorted min max sum any all.
#include "interpreter/builtins/builtins_internal.h"

namespace tscript {

namespace {

struct EnumerateIter : Iterator {
  Value it;
  int64_t i;
  EnumerateIter(Value x, int64_t start) : Iterator(types().iterator), it(std::move(x)), i(start) {}
  bool next(Value& out) override {
    Value v;
    if (!iter_next(it, v)) return false;
    out = Value::steal(new Tuple({Value(i++), std::move(v)}));
    return true;
  }
};

struct ZipIter : Iterator {
  std::vector<Value> its;
  bool strict;
  ZipIter(std::vector<Value> x, bool s) : Iterator(types().iterator), its(std::move(x)), strict(s) {}
  bool next(Value& out) override {
    if (its.empty()) return false;
    std::vector<Value> items;
    for (size_t k = 0; k < its.size(); ++k) {
      Value v;
      if (!iter_next(its[k], v)) {
        if (strict) {
          if (k > 0) value_error("zip() argument " + std::to_string(k + 1) + " is shorter than argument" + (k > 1 ? "s 1-" + std::to_string(k) : " 1"));
          for (size_t j = 1; j < its.size(); ++j) {
            Value w;
            if (iter_next(its[j], w)) value_error("zip() argument " + std::to_string(j + 1) + " is longer than argument" + (j > 1 ? "s 1-" + std::to_string(j) : " 1"));
          }
        }
        its.clear();
        return false;
      }
      items.push_back(std::move(v));
    }
    out = Value::steal(new Tuple(std::move(items)));
    return true;
  }
};

struct MapIter : Iterator {
  Value fn;
  std::vector<Value> its;
  MapIter(Value f, std::vector<Value> x) : Iterator(types().iterator), fn(std::move(f)), its(std::move(x)) {}
  bool next(Value& out) override {
    std::vector<Value> args;
    for (auto& it : its) {
      Value v;
      if (!iter_next(it, v)) return false;
      args.push_back(std::move(v));
    }
    out = call(fn, args.data(), static_cast<int>(args.size()));
    return true;
  }
};

struct FilterIter : Iterator {
  Value fn, it;
  FilterIter(Value f, Value x) : Iterator(types().iterator), fn(std::move(f)), it(std::move(x)) {}
  bool next(Value& out) override {
    Value v;
    while (iter_next(it, v)) {
      bool keep = fn.is_none() ? truthy(v) : truthy(call(fn, {v}));
      if (keep) {
        out = std::move(v);
        return true;
      }
    }
    return false;
  }
};

struct ReversedIter : Iterator {
  Value seq;
  int64_t i;
  ReversedIter(Value s, int64_t n) : Iterator(types().iterator), seq(std::move(s)), i(n - 1) {}
  bool next(Value& out) override {
    if (i < 0) return false;
    if (auto* l = seq.as<List>()) {
      if (i >= static_cast<int64_t>(l->items.size())) {
        i = -1;
        return false;
      }
      out = l->items[i--];
      return true;
    }
    out = get_item(seq, Value(i--));
    return true;
  }
};

Value b_iter(Value* a, const Value&) {
  if (!a[1].is_null()) type_error("iter(callable, sentinel) is not supported");
  return get_iter(a[0]);
}

Value b_next(Value* a, const Value&) {
  Value out;
  const Value& it = a[0];
  if (!it.is<Iterator>() && !it.is<Generator>() && type_lookup(it, intern("__next__")).is_null())
    type_error("'" + type_name(it) + "' object is not an iterator");
  if (iter_next(it, out)) return out;
  if (!a[1].is_null()) return a[1];
  if (auto* g = it.as<Generator>(); g && !out.is_none())
    throw ScriptError{make_exception(exc_types().stop_iteration, std::vector<Value>{out})};
  throw ScriptError{make_exception(exc_types().stop_iteration, std::vector<Value>{})};
}

Value b_enumerate(Value* a, const Value&) {
  return Value::steal(new EnumerateIter(get_iter(a[0]), arg_int(a[1], "enumerate")));
}

Value b_zip(Value* a, const Value&) {
  std::vector<Value> its;
  for (auto& x : a[1].as<Tuple>()->items) its.push_back(get_iter(x));
  return Value::steal(new ZipIter(std::move(its), truthy(a[0])));
}

Value b_map(Value* a, const Value&) {
  std::vector<Value> its{get_iter(a[1])};
  for (auto& x : a[2].as<Tuple>()->items) its.push_back(get_iter(x));
  return Value::steal(new MapIter(a[0], std::move(its)));
}

Value b_filter(Value* a, const Value&) { return Value::steal(new FilterIter(a[0], get_iter(a[1]))); }

Value b_reversed(Value* a, const Value&) {
  const Value& s = a[0];
  Value m = type_lookup(s, intern("__reversed__"));
  if (!m.is_null() && !m.is<NativeFunction>()) return call(m, {s});
  if (auto* r = s.as<Range>()) {
    int64_t n = r->length();
    int64_t last = r->start + (n - 1) * r->step;
    Value rr = Value::steal(new Range(last, last - n * r->step, -r->step));
    return get_iter(rr);
  }
  if (s.is<Dict>()) {
    auto keys = to_vector(s);
    return Value::steal(new ReversedIter(Value::steal(new List(std::move(keys))), static_cast<int64_t>(keys.size())));
  }
  if (s.is<Set>() || s.is<Iterator>() || s.is<Generator>() || type_lookup(s, intern("__getitem__")).is_null() && !s.is<List>() && !s.is<Tuple>() && !s.is<Str>())
    type_error("'" + type_name(s) + "' object is not reversible");
  return Value::steal(new ReversedIter(s, length(s)));
}

Value b_sorted(Value* a, const Value&) {
  auto l = make<List>(to_vector(a[0]));
  sort_values(l->items, a[1], truthy(a[2]));
  return Value(static_cast<Object*>(l.get()));
}

Value min_max(Value* a, bool is_max) {
  const char* name = is_max ? "max" : "min";
  auto& args = a[2].as<Tuple>()->items;  // slots: key, default, *args
  std::vector<Value> items;
  if (args.empty()) type_error(std::string(name) + " expected at least 1 argument, got 0");
  if (args.size() == 1) {
    items = to_vector(args[0]);
  } else {
    if (!a[1].is_null()) type_error(std::string("Cannot specify a default for ") + name + "() with multiple positional arguments");
    items = args;
  }
  if (items.empty()) {
    if (!a[1].is_null()) return a[1];
    value_error(std::string(name) + "() arg is an empty sequence");
  }
  Value best = items[0];
  Value best_key = a[0].is_none() ? best : call(a[0], {best});
  for (size_t i = 1; i < items.size(); ++i) {
    Value k = a[0].is_none() ? items[i] : call(a[0], {items[i]});
    bool better = is_max ? less_than(best_key, k) : less_than(k, best_key);
    if (better) {
      best = items[i];
      best_key = k;
    }
  }
  return best;
}
Value b_max(Value* a, const Value&) { return min_max(a, true); }
Value b_min(Value* a, const Value&) { return min_max(a, false); }

Value b_sum(Value* a, const Value&) {
  Value acc = a[1];
  if (acc.is<Str>()) type_error("sum() can't sum strings [use ''.join(seq) instead]");
  Value it = get_iter(a[0]);
  Value x;
  while (iter_next(it, x)) {
    if (acc.is_int() && x.is_int()) {
      int64_t r;
      if (__builtin_add_overflow(acc.as_int(), x.as_int(), &r)) overflow_error();
      acc = Value(r);
    } else if (acc.is_float() && x.is_float()) {
      acc = Value(acc.as_float() + x.as_float());
    } else {
      acc = binary_op(ast::Operator::Add, acc, x);
    }
  }
  return acc;
}

Value b_any(Value* a, const Value&) {
  Value it = get_iter(a[0]);
  Value x;
  while (iter_next(it, x))
    if (truthy(x)) return Value(true);
  return Value(false);
}

Value b_all(Value* a, const Value&) {
  Value it = get_iter(a[0]);
  Value x;
  while (iter_next(it, x))
    if (!truthy(x)) return Value(false);
  return Value(true);
}

Value gen_send(Value* a, const Value&) {
  Value out;
  auto* g = a[0].as<Generator>();
  if (g->resume(a[1], out)) return out;
  throw ScriptError{make_exception(exc_types().stop_iteration, out.is_none() ? std::vector<Value>{} : std::vector<Value>{out})};
}

Value gen_next(Value* a, const Value& d) {
  Value args[2] = {a[0], Value()};
  return gen_send(args, d);
}

Value gen_close(Value* a, const Value&) {
  auto* g = a[0].as<Generator>();
  g->finished = true;
  g->storage.reset();
  return Value();
}

Value self_iter(Value* a, const Value&) { return a[0]; }

void def_with_null_default(Dict* b, const char* sig, NativeImpl fn, size_t which) {
  auto f = native(sig, fn);
  if (which < f->defaults.size()) f->defaults[which] = Value::null();
  set_global(b, f->sig.name.c_str(), Value(static_cast<Object*>(f.get())));
}

}  // namespace

void install_iter_builtins(VM& v, Dict* b) {
  def_with_null_default(b, "iter(object, sentinel=None, /)", b_iter, 0);
  def_with_null_default(b, "next(iterator, default=None, /)", b_next, 0);
  def(b, "enumerate(iterable, start=0)", b_enumerate);
  def(b, "zip(*iterables, strict=False)", b_zip);
  def(b, "map(func, iterable, /, *iterables)", b_map);
  def(b, "filter(function, iterable, /)", b_filter);
  def(b, "reversed(sequence, /)", b_reversed);
  def(b, "sorted(iterable, /, *, key=None, reverse=False)", b_sorted);
  for (auto [sig, fn] : {std::pair<const char*, NativeImpl>{"max(*args, key=None, default=None)", b_max}, std::pair<const char*, NativeImpl>{"min(*args, key=None, default=None)", b_min}}) {
    auto f = native(sig, fn);
    f->kwdefaults[1] = Value::null();
    f->sig.kw_optional = 2;
    set_global(b, f->sig.name.c_str(), Value(static_cast<Object*>(f.get())));
  }
  def(b, "sum(iterable, /, start=0)", b_sum);
  static bool once = [] {
    Type* g = types().generator;
    method(g, "send(self, value, /)", gen_send);
    method(g, "__next__(self)", gen_next);
    method(g, "close(self)", gen_close);
    method(g, "__iter__(self)", self_iter);
    method(types().iterator, "__iter__(self)", self_iter);
    return true;
  }();
  (void)once;
  def(b, "any(iterable, /)", b_any);
  def(b, "all(iterable, /)", b_all);
}

}  // namespace tscript
