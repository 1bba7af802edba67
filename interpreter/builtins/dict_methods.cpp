// Methods of dict and set (and the dict views).
#include "interpreter/builtins/builtins_internal.h"
#include "interpreter/vm/vm_internal.h"

namespace tscript {

namespace {

Dict* D(const Value& v) { return v.as<Dict>(); }
Set* S(const Value& v) { return v.as<Set>(); }

[[noreturn]] void key_error(const Value& k) {
  throw ScriptError{make_exception(exc_types().key_error, std::vector<Value>{k})};
}

// A live view over a dict's keys, values or items.
struct DictView : Object {
  static constexpr Layout kLayout = Layout::Native;
  Value dict;
  int mode;
  DictView(Type* t, Value d, int m) : Object(t), dict(std::move(d)), mode(m) {}
};

Type* view_type(int mode) {
  static Type* views[3] = {nullptr, nullptr, nullptr};
  if (!views[mode]) {
    static const char* names[] = {"dict_keys", "dict_values", "dict_items"};
    Type* t = new Type(types().type, names[mode]);
    t->refcnt = 1u << 30;
    t->layout = Layout::Native;
    t->builtin = true;
    t->base = types().object;
    t->mro = {t, types().object};
    t->module_name = "builtins";
    t->dict = make<Dict>();
    static NativeTypeHooks hooks = [] {
      NativeTypeHooks h;
      h.iter = [](const Value& v) {
        auto* dv = static_cast<DictView*>(v.obj());
        return make_table_iter(dv->dict, &dv->dict.as<Dict>()->table, dv->mode);
      };
      h.length = [](const Value& v) { return static_cast<DictView*>(v.obj())->dict.as<Dict>()->size(); };
      h.repr = [](const Value& v) {
        auto* dv = static_cast<DictView*>(v.obj());
        Value list = Value::steal(new List(to_vector(v)));
        return dv->type->name + "(" + repr(list) + ")";
      };
      h.compare = [](ast::CmpOp op, const Value& a, const Value& b) -> Value {
        if (op != ast::CmpOp::Eq && op != ast::CmpOp::NotEq) return Value::null();
        auto sa = make<Set>(), sb = make<Set>();
        for (auto& x : to_vector(a)) sa->add(x);
        for (auto& x : to_vector(b)) sb->add(x);
        return compare_op(op, Value(static_cast<Object*>(sa.get())), Value(static_cast<Object*>(sb.get())));
      };
      return h;
    }();
    t->hooks = &hooks;
    views[mode] = t;
  }
  return views[mode];
}

Value make_view(const Value& d, int mode) { return Value::steal(new DictView(view_type(mode), d, mode)); }

Value d_keys(Value* a, const Value&) { return make_view(a[0], 0); }
Value d_values(Value* a, const Value&) { return make_view(a[0], 1); }
Value d_items(Value* a, const Value&) { return make_view(a[0], 2); }

Value d_get(Value* a, const Value&) {
  Value v = D(a[0])->get(a[1]);
  return v.is_null() ? a[2] : v;
}

Value d_pop(Value* a, const Value&) {
  Dict* d = D(a[0]);
  Value v = d->get(a[1]);
  if (v.is_null()) {
    if (a[2].is_null()) key_error(a[1]);
    return a[2];
  }
  d->erase(a[1]);
  return v;
}

Value d_popitem(Value* a, const Value&) {
  Dict* d = D(a[0]);
  auto& es = d->table.entries();
  for (size_t i = es.size(); i-- > 0;) {
    if (es[i].key.is_null()) continue;
    Value k = es[i].key, v = es[i].value;
    d->erase(k);
    return Value::steal(new Tuple({k, v}));
  }
  raise(exc_types().key_error, "popitem(): dictionary is empty");
}

Value d_setdefault(Value* a, const Value&) {
  Dict* d = D(a[0]);
  Value v = d->get(a[1]);
  if (!v.is_null()) return v;
  d->set(a[1], a[2]);
  return a[2];
}

Value d_update(Value* a, const Value&) {
  Dict* d = D(a[0]);
  if (!a[1].is_null()) {
    const Value& src = a[1];
    if (src.is<Dict>() || !find_attr(src, intern("keys")).is_null()) {
      dict_update(d, src, false);
    } else {
      for (auto& item : to_vector(src)) {
        auto kv = to_vector(item);
        if (kv.size() != 2) value_error("dictionary update sequence element has length " + std::to_string(kv.size()) + "; 2 is required");
        d->set(kv[0], kv[1]);
      }
    }
  }
  dict_update(d, a[2], false);
  return Value();
}

Value d_clear(Value* a, const Value&) {
  D(a[0])->table.clear();
  return Value();
}

Value d_copy(Value* a, const Value&) {
  auto d = make<Dict>();
  d->table = D(a[0])->table;
  return Value(static_cast<Object*>(d.get()));
}

Value d_fromkeys(Value* a, const Value&) {
  auto d = make<Dict>();
  for (auto& k : to_vector(a[1])) d->set(k, a[2]);
  return Value(static_cast<Object*>(d.get()));
}

// ---- set ----

Value s_add(Value* a, const Value&) {
  S(a[0])->add(a[1]);
  return Value();
}
Value s_discard(Value* a, const Value&) {
  S(a[0])->table.erase(a[1], hash_value(a[1]));
  return Value();
}
Value s_remove(Value* a, const Value&) {
  if (!S(a[0])->table.erase(a[1], hash_value(a[1]))) key_error(a[1]);
  return Value();
}
Value s_pop(Value* a, const Value&) {
  Set* s = S(a[0]);
  for (auto& e : s->table.entries()) {
    if (e.key.is_null()) continue;
    Value k = e.key;
    s->table.erase(k, e.hash);
    return k;
  }
  raise(exc_types().key_error, "pop from an empty set");
}
Value s_clear(Value* a, const Value&) {
  S(a[0])->table.clear();
  return Value();
}
Value s_copy(Value* a, const Value&) {
  auto s = make<Set>();
  s->table = S(a[0])->table;
  s->frozen = S(a[0])->frozen;
  s->type = a[0].obj()->type;
  return Value(static_cast<Object*>(s.get()));
}

Value as_set(const Value& v) {
  if (v.is<Set>()) return v;
  auto s = make<Set>();
  for (auto& x : to_vector(v)) s->add(x);
  return Value(static_cast<Object*>(s.get()));
}

// union/intersection/difference/symmetric_difference accept any iterables.
Value set_binop(ast::Operator op, Value* a) {
  Value acc = a[0];
  for (auto& other : a[1].as<Tuple>()->items) acc = binary_op(op, acc, as_set(other));
  if (acc.identical(a[0])) {
    Value c[1] = {a[0]};
    return s_copy(c, Value());
  }
  return acc;
}
Value s_union(Value* a, const Value&) { return set_binop(ast::Operator::BitOr, a); }
Value s_intersection(Value* a, const Value&) { return set_binop(ast::Operator::BitAnd, a); }
Value s_difference(Value* a, const Value&) { return set_binop(ast::Operator::Sub, a); }
Value s_symmetric_difference(Value* a, const Value&) {
  return binary_op(ast::Operator::BitXor, a[0], as_set(a[1]));
}
Value s_update(Value* a, const Value&) {
  for (auto& other : a[1].as<Tuple>()->items)
    for (auto& x : to_vector(other)) S(a[0])->add(x);
  return Value();
}
Value s_intersection_update(Value* a, const Value& d) {
  Value r = s_intersection(a, d);
  S(a[0])->table = S(r)->table;
  return Value();
}
Value s_difference_update(Value* a, const Value& d) {
  Value r = s_difference(a, d);
  S(a[0])->table = S(r)->table;
  return Value();
}
Value s_issubset(Value* a, const Value&) { return compare_op(ast::CmpOp::LtE, a[0], as_set(a[1])); }
Value s_issuperset(Value* a, const Value&) { return compare_op(ast::CmpOp::GtE, a[0], as_set(a[1])); }
Value s_isdisjoint(Value* a, const Value&) {
  for (auto& x : to_vector(a[1]))
    if (S(a[0])->contains(x)) return Value(false);
  return Value(true);
}

}  // namespace

void install_dict_methods() {
  Type* t = types().dict;
  method(t, "keys(self)", d_keys);
  method(t, "values(self)", d_values);
  method(t, "items(self)", d_items);
  method(t, "get(self, key, default=None, /)", d_get);
  auto pop = native("pop(self, key, default=None, /)", d_pop);
  pop->defaults = {Value::null()};
  pop->sig.name = "dict.pop";
  t->dict->set(Value(static_cast<Object*>(intern("pop"))), Value(static_cast<Object*>(pop.get())));
  method(t, "popitem(self)", d_popitem);
  method(t, "setdefault(self, key, default=None, /)", d_setdefault);
  auto upd = native("update(self, other=None, /, **kwargs)", d_update);
  upd->defaults = {Value::null()};
  upd->sig.name = "dict.update";
  t->dict->set(Value(static_cast<Object*>(intern("update"))), Value(static_cast<Object*>(upd.get())));
  method(t, "clear(self)", d_clear);
  method(t, "copy(self)", d_copy);
  t->dict->set(Value(static_cast<Object*>(intern("fromkeys"))),
               Value::steal(new ClassMethod(Value(static_cast<Object*>(native("fromkeys(cls, iterable, value=None, /)", d_fromkeys).get())))));

  for (Type* s : {types().set, types().frozenset}) {
    method(s, "copy(self)", s_copy);
    method(s, "union(self, *others)", s_union);
    method(s, "intersection(self, *others)", s_intersection);
    method(s, "difference(self, *others)", s_difference);
    method(s, "symmetric_difference(self, other, /)", s_symmetric_difference);
    method(s, "issubset(self, other, /)", s_issubset);
    method(s, "issuperset(self, other, /)", s_issuperset);
    method(s, "isdisjoint(self, other, /)", s_isdisjoint);
  }
  Type* s = types().set;
  method(s, "add(self, elem, /)", s_add);
  method(s, "discard(self, elem, /)", s_discard);
  method(s, "remove(self, elem, /)", s_remove);
  method(s, "pop(self)", s_pop);
  method(s, "clear(self)", s_clear);
  method(s, "update(self, *others)", s_update);
  method(s, "intersection_update(self, *others)", s_intersection_update);
  method(s, "difference_update(self, *others)", s_difference_update);
}

}  // namespace tscript
