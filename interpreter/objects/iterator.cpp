#include "interpreter/objects/iterator.h"

#include "interpreter/objects/exception.h"
#include "interpreter/objects/format.h"
#include "interpreter/objects/protocol.h"
#include "interpreter/vm/vm.h"

namespace tscript {

Iterator::Iterator(Type* t) : Object(t) {}

namespace {

struct SeqIter : Iterator {  // list and tuple (re-reads the size: lists may grow)
  Value seq;
  size_t i = 0;
  explicit SeqIter(Value s) : Iterator(types().iterator), seq(std::move(s)) {}
  const std::vector<Value>& items() const {
    if (auto* l = seq.as<List>()) return l->items;
    return seq.as<Tuple>()->items;
  }
  bool next(Value& out) override {
    auto& v = items();
    if (i >= v.size()) return false;
    out = v[i++];
    return true;
  }
  int64_t length_hint() const override { return static_cast<int64_t>(items().size() - std::min(i, items().size())); }
};

struct StrIter : Iterator {
  Ref<Str> s;
  size_t pos = 0;
  explicit StrIter(Str* x) : Iterator(types().iterator), s(x) {}
  bool next(Value& out) override {
    if (pos >= s->s.size()) return false;
    size_t start = pos;
    format_detail::utf8_decode(s->s, pos);
    out = str(s->s.substr(start, pos - start));
    return true;
  }
};

struct RangeIter : Iterator {
  int64_t cur, step, remaining;
  RangeIter(int64_t a, int64_t s, int64_t n) : Iterator(types().iterator), cur(a), step(s), remaining(n) {}
  bool next(Value& out) override {
    if (remaining <= 0) return false;
    out = Value(cur);
    cur += step;
    --remaining;
    return true;
  }
  int64_t length_hint() const override { return remaining; }
};

// Iterates dict keys/values/items or set elements; raises if the size changes.
struct TableIter : Iterator {
  Value owner;
  HashTable* table;
  size_t i = 0;
  int64_t size0;
  int mode;  // 0 keys, 1 values, 2 items
  TableIter(Value o, HashTable* t, int m)
      : Iterator(types().iterator), owner(std::move(o)), table(t), size0(t->size()), mode(m) {}
  bool next(Value& out) override {
    if (table->size() != size0) {
      bool is_set = owner.is<Set>();
      runtime_error(std::string(is_set ? "Set" : "dictionary") + " changed size during iteration");
    }
    auto& es = table->entries();
    while (i < es.size() && es[i].key.is_null()) ++i;
    if (i >= es.size()) return false;
    auto& e = es[i++];
    if (mode == 0) out = e.key;
    else if (mode == 1) out = e.value;
    else out = Value::steal(new Tuple({e.key, e.value}));
    return true;
  }
};

// iter() over an object with __getitem__ (the old sequence protocol).
struct GetItemIter : Iterator {
  Value obj;
  int64_t i = 0;
  explicit GetItemIter(Value o) : Iterator(types().iterator), obj(std::move(o)) {}
  bool next(Value& out) override {
    try {
      out = get_item(obj, Value(i++));
      return true;
    } catch (ScriptError& e) {
      if (is_instance(e.exc, exc_types().index_error) || is_instance(e.exc, exc_types().stop_iteration)) return false;
      throw;
    }
  }
};

}  // namespace

Value make_table_iter(const Value& owner, HashTable* t, int mode) {
  return Value::steal(new TableIter(owner, t, mode));
}

Value get_iter(const Value& v) {
  if (v.is_obj()) {
    Object* o = v.obj();
    switch (o->type->layout) {
      case Layout::List:
      case Layout::Tuple:
        if (o->type->builtin) return Value::steal(new SeqIter(v));
        break;
      case Layout::Str: return Value::steal(new StrIter(static_cast<Str*>(o)));
      case Layout::Range: {
        auto* r = static_cast<Range*>(o);
        return Value::steal(new RangeIter(r->start, r->step, r->length()));
      }
      case Layout::Dict:
        if (o->type->builtin) return make_table_iter(v, &static_cast<Dict*>(o)->table, 0);
        break;
      case Layout::Set: return make_table_iter(v, &static_cast<Set*>(o)->table, 0);
      case Layout::Iterator:
      case Layout::Generator: return v;
      default: break;
    }
    if (auto* h = hooks_of(o->type); h && h->iter) return h->iter(v);
    Value dunder = type_lookup(v, intern("__iter__"));
    if (!dunder.is_null()) {
      Value it = call(dunder, {v});
      if (!it.is<Iterator>() && !it.is<Generator>() && type_lookup(it, intern("__next__")).is_null())
        type_error("iter() returned non-iterator of type '" + type_name(it) + "'");
      return it;
    }
    if (o->type->layout == Layout::List || o->type->layout == Layout::Tuple) return Value::steal(new SeqIter(v));
    if (o->type->layout == Layout::Dict) return make_table_iter(v, &static_cast<Dict*>(o)->table, 0);
    if (!type_lookup(v, intern("__getitem__")).is_null()) return Value::steal(new GetItemIter(v));
  }
  type_error("'" + type_name(v) + "' object is not iterable");
}

bool iter_next(const Value& it, Value& out) {
  if (auto* i = it.as<Iterator>()) return i->next(out);
  if (auto* g = it.as<Generator>()) return g->resume(Value(), out);
  Value dunder = type_lookup(it, intern("__next__"));
  if (dunder.is_null()) type_error("'" + type_name(it) + "' object is not an iterator");
  try {
    out = call(dunder, {it});
    return true;
  } catch (ScriptError& e) {
    if (is_instance(e.exc, exc_types().stop_iteration)) return false;
    throw;
  }
}

std::vector<Value> to_vector(const Value& iterable) {
  if (auto* l = iterable.as<List>()) return l->items;
  if (auto* t = iterable.as<Tuple>()) return t->items;
  std::vector<Value> out;
  Value it = get_iter(iterable);
  if (auto* i = it.as<Iterator>()) {
    int64_t n = i->length_hint();
    if (n > 0) out.reserve(static_cast<size_t>(n));
  }
  Value x;
  while (iter_next(it, x)) out.push_back(std::move(x));
  return out;
}

}  // namespace tscript
