// Truth, hashing, equality, comparison, membership, items, length and unpacking.
#include "interpreter/objects/protocol.h"

#include <cmath>
#include <cstring>

#include "interpreter/objects/exception.h"
#include "interpreter/objects/format.h"
#include "interpreter/objects/function.h"
#include "interpreter/objects/iterator.h"

namespace tscript {

using ast::CmpOp;

const NativeTypeHooks* hooks_of(const Type* t) { return t->hooks; }
void set_hooks(Type* t, const NativeTypeHooks* hooks) { t->hooks = hooks; }

std::string type_name(const Value& v) { return type_of(v)->name; }

bool is_instance(const Value& v, Type* t) { return type_of(v)->is_subtype(t); }

Value type_lookup(const Value& obj, Str* name) { return type_of(obj)->lookup(name); }

bool truthy(const Value& v) {
  switch (v.tag()) {
    case Tag::None: case Tag::Null: return false;
    case Tag::Bool: return v.as_bool();
    case Tag::Int: return v.as_int() != 0;
    case Tag::Float: return v.as_float() != 0.0;
    case Tag::Obj: break;
  }
  Object* o = v.obj();
  if (o->type->builtin) {
    switch (o->type->layout) {
      case Layout::Str: return !static_cast<Str*>(o)->s.empty();
      case Layout::List: return !static_cast<List*>(o)->items.empty();
      case Layout::Tuple: return !static_cast<Tuple*>(o)->items.empty();
      case Layout::Dict: return static_cast<Dict*>(o)->size() > 0;
      case Layout::Set: return static_cast<Set*>(o)->table.size() > 0;
      case Layout::Range: return static_cast<Range*>(o)->length() > 0;
      default: break;
    }
  }
  if (auto* h = hooks_of(o->type); h && h->truthy) return h->truthy(v);
  Value b = type_lookup(v, intern("__bool__"));
  if (!b.is_null()) {
    Value r = call(b, {v});
    if (!r.is_bool()) type_error("__bool__ should return bool, returned " + type_name(r));
    return r.as_bool();
  }
  Value l = type_lookup(v, intern("__len__"));
  if (!l.is_null()) return length(v) != 0;
  if (o->type->layout == Layout::List) return !static_cast<List*>(o)->items.empty();
  if (o->type->layout == Layout::Dict) return static_cast<Dict*>(o)->size() > 0;
  return true;
}

namespace {
constexpr int64_t kHashModulus = (int64_t(1) << 61) - 1;

int64_t hash_int(int64_t i) {
  // CPython: hash(i) == i mod (2**61 - 1) with the sign kept; -1 becomes -2.
  int64_t r = i >= 0 ? i % kHashModulus : -((-(i + 1)) % kHashModulus + 1) % kHashModulus;
  if (i < 0 && r == 0) r = 0;
  return r == -1 ? -2 : r;
}

int64_t hash_float(double d) {
  if (std::isinf(d)) return d > 0 ? 314159 : -314159;
  if (std::isnan(d)) return 0;
  double ip;
  if (std::modf(d, &ip) == 0.0 && std::fabs(d) < 9.2e18) return hash_int(static_cast<int64_t>(d));
  // Non-integral floats: any well-mixed hash (they never equal an int).
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  bits ^= bits >> 29;
  bits *= 0xbf58476d1ce4e5b9ull;
  int64_t r = static_cast<int64_t>(bits >> 2);
  return r == -1 ? -2 : r;
}
}  // namespace

int64_t hash_value(const Value& v) {
  switch (v.tag()) {
    case Tag::None: case Tag::Null: return 0x5bd1e995;
    case Tag::Bool: return v.as_bool() ? 1 : 0;
    case Tag::Int: return hash_int(v.as_int());
    case Tag::Float: return hash_float(v.as_float());
    case Tag::Obj: break;
  }
  Object* o = v.obj();
  switch (o->type->layout) {
    case Layout::Str: return static_cast<Str*>(o)->hash();
    case Layout::Tuple: {
      if (!o->type->builtin) break;
      // CPython's xxHash-based tuple hash.
      uint64_t acc = 2870177450012600261ull;
      for (auto& x : static_cast<Tuple*>(o)->items) {
        uint64_t lane = static_cast<uint64_t>(hash_value(x));
        acc += lane * 14029467366897019727ull;
        acc = (acc << 31) | (acc >> 33);
        acc *= 11400714785074694791ull;
      }
      acc += static_cast<Tuple*>(o)->items.size() ^ (2870177450012600261ull ^ 3527539ull);
      int64_t r = static_cast<int64_t>(acc);
      return r == -1 ? 1546275796 : r;
    }
    case Layout::List: if (o->type->builtin) type_error("unhashable type: 'list'"); break;
    case Layout::Dict: if (o->type->builtin) type_error("unhashable type: 'dict'"); break;
    case Layout::Set:
      if (!static_cast<Set*>(o)->frozen) type_error("unhashable type: 'set'");
      {
        uint64_t h = 0;
        for (auto& e : static_cast<Set*>(o)->table.entries())
          if (!e.key.is_null()) h ^= static_cast<uint64_t>(e.hash) * 0x9e3779b97f4a7c15ull;
        return static_cast<int64_t>(h >> 1);
      }
    default: break;
  }
  Value h = type_lookup(v, intern("__hash__"));
  if (!h.is_null() && !h.is<NativeFunction>()) {
    if (h.is_none()) type_error("unhashable type: '" + type_name(v) + "'");
    Value r = call(h, {v});
    if (!r.is_intlike()) type_error("__hash__ method should return an integer");
    return hash_int(r.as_int());
  }
  if (!h.is_null() && h.is_none()) type_error("unhashable type: '" + type_name(v) + "'");
  // A class defining __eq__ but not __hash__ is unhashable, as in Python.
  if (!o->type->builtin) {
    for (Type* t : o->type->mro) {
      if (t->builtin) break;
      if (!t->dict->get(intern("__eq__")).is_null() && t->dict->get(intern("__hash__")).is_null())
        type_error("unhashable type: '" + type_name(v) + "'");
      if (!t->dict->get(intern("__hash__")).is_null()) break;
    }
  }
  return static_cast<int64_t>(reinterpret_cast<uintptr_t>(o) >> 4);
}

int64_t index_value(const Value& v) {
  if (v.is_intlike()) return v.as_int();
  Value idx = type_lookup(v, intern("__index__"));
  if (!idx.is_null()) {
    Value r = call(idx, {v});
    if (r.is_intlike()) return r.as_int();
  }
  type_error("'" + type_name(v) + "' object cannot be interpreted as an integer");
}

// ---- comparison ----

namespace {

bool seq_equal(const std::vector<Value>& a, const std::vector<Value>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!a[i].identical(b[i]) && !values_equal(a[i], b[i])) return false;
  return true;
}

// Lexicographic ordering of sequences: returns the comparison of the first differing
// items, or of the lengths.
Value seq_compare(CmpOp op, const std::vector<Value>& a, const std::vector<Value>& b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    if (a[i].identical(b[i]) || values_equal(a[i], b[i])) continue;
    if (op == CmpOp::Eq) return Value(false);
    if (op == CmpOp::NotEq) return Value(true);
    return compare_op(op, a[i], b[i]);
  }
  int64_t x = static_cast<int64_t>(a.size()), y = static_cast<int64_t>(b.size());
  switch (op) {
    case CmpOp::Lt: return Value(x < y);
    case CmpOp::LtE: return Value(x <= y);
    case CmpOp::Gt: return Value(x > y);
    case CmpOp::GtE: return Value(x >= y);
    case CmpOp::Eq: return Value(x == y);
    case CmpOp::NotEq: return Value(x != y);
    default: return Value(false);
  }
}

template <class T>
Value ordered(CmpOp op, const T& x, const T& y) {
  switch (op) {
    case CmpOp::Lt: return Value(x < y);
    case CmpOp::LtE: return Value(x <= y);
    case CmpOp::Gt: return Value(x > y);
    case CmpOp::GtE: return Value(x >= y);
    case CmpOp::Eq: return Value(x == y);
    case CmpOp::NotEq: return Value(x != y);
    default: return Value(false);
  }
}

bool set_subset(const Set* a, const Set* b) {
  if (a->table.size() > b->table.size()) return false;
  for (auto& e : a->table.entries())
    if (!e.key.is_null() && !b->contains(e.key)) return false;
  return true;
}

const char* op_symbol(CmpOp op) {
  switch (op) {
    case CmpOp::Lt: return "<";
    case CmpOp::LtE: return "<=";
    case CmpOp::Gt: return ">";
    case CmpOp::GtE: return ">=";
    case CmpOp::Eq: return "==";
    case CmpOp::NotEq: return "!=";
    default: return "?";
  }
}

const char* dunder_for(CmpOp op) {
  switch (op) {
    case CmpOp::Lt: return "__lt__";
    case CmpOp::LtE: return "__le__";
    case CmpOp::Gt: return "__gt__";
    case CmpOp::GtE: return "__ge__";
    case CmpOp::Eq: return "__eq__";
    case CmpOp::NotEq: return "__ne__";
    default: return nullptr;
  }
}

CmpOp swapped(CmpOp op) {
  switch (op) {
    case CmpOp::Lt: return CmpOp::Gt;
    case CmpOp::LtE: return CmpOp::GtE;
    case CmpOp::Gt: return CmpOp::Lt;
    case CmpOp::GtE: return CmpOp::LtE;
    default: return op;
  }
}

// Built-in comparisons; Null when the built-ins do not define this pair.
Value builtin_compare(CmpOp op, const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_float() || b.is_float()) {
      // int vs float compares exactly (as CPython), not through a rounded double.
      if (a.is_float() && b.is_float()) return ordered(op, a.as_float(), b.as_float());
      double f = a.is_float() ? a.as_float() : b.as_float();
      int64_t i = a.is_float() ? b.as_int() : a.as_int();
      if (std::isnan(f)) return Value(op == CmpOp::NotEq);
      long double fl = f, il = static_cast<long double>(i);
      return a.is_float() ? ordered(op, fl, il) : ordered(op, il, fl);
    }
    return ordered(op, a.as_int(), b.as_int());
  }
  if (!a.is_obj() || !b.is_obj()) return Value::null();
  Object* x = a.obj();
  Object* y = b.obj();
  Layout lx = x->type->layout, ly = y->type->layout;
  if (lx == Layout::Str && ly == Layout::Str)
    return ordered(op, static_cast<Str*>(x)->s, static_cast<Str*>(y)->s);
  if (lx == Layout::List && ly == Layout::List)
    return seq_compare(op, static_cast<List*>(x)->items, static_cast<List*>(y)->items);
  if (lx == Layout::Tuple && ly == Layout::Tuple)
    return seq_compare(op, static_cast<Tuple*>(x)->items, static_cast<Tuple*>(y)->items);
  if (lx == Layout::Dict && ly == Layout::Dict && (op == CmpOp::Eq || op == CmpOp::NotEq)) {
    auto* d1 = static_cast<Dict*>(x);
    auto* d2 = static_cast<Dict*>(y);
    bool eq = d1->size() == d2->size();
    if (eq) {
      for (auto& e : d1->table.entries()) {
        if (e.key.is_null()) continue;
        Value other = d2->get(e.key);
        if (other.is_null() || !(other.identical(e.value) || values_equal(other, e.value))) {
          eq = false;
          break;
        }
      }
    }
    return Value(op == CmpOp::Eq ? eq : !eq);
  }
  if (lx == Layout::Set && ly == Layout::Set) {
    auto* s1 = static_cast<Set*>(x);
    auto* s2 = static_cast<Set*>(y);
    bool sub = set_subset(s1, s2), sup = set_subset(s2, s1);
    switch (op) {
      case CmpOp::Eq: return Value(sub && sup);
      case CmpOp::NotEq: return Value(!(sub && sup));
      case CmpOp::LtE: return Value(sub);
      case CmpOp::Lt: return Value(sub && !sup);
      case CmpOp::GtE: return Value(sup);
      case CmpOp::Gt: return Value(sup && !sub);
      default: break;
    }
  }
  if (lx == Layout::Range && ly == Layout::Range && (op == CmpOp::Eq || op == CmpOp::NotEq)) {
    auto* r1 = static_cast<Range*>(x);
    auto* r2 = static_cast<Range*>(y);
    int64_t n1 = r1->length(), n2 = r2->length();
    bool eq = n1 == n2 && (n1 == 0 || (r1->start == r2->start && (n1 == 1 || r1->step == r2->step)));
    return Value(op == CmpOp::Eq ? eq : !eq);
  }
  return Value::null();
}

Value rich_compare(CmpOp op, const Value& a, const Value& b) {
  Type* ta = type_of(a);
  Type* tb = type_of(b);
  // Native extension types (tensors) first.
  if (auto* h = hooks_of(ta); h && h->compare) {
    Value r = h->compare(op, a, b);
    if (!r.is_null()) return r;
  }
  if (auto* h = hooks_of(tb); h && h->compare && tb != ta) {
    Value r = h->compare(swapped(op), b, a);
    if (!r.is_null()) return r;
  }
  bool user_a = !ta->builtin, user_b = !tb->builtin;
  if (user_a || user_b) {
    Str* name = intern(dunder_for(op));
    Str* rname = intern(dunder_for(swapped(op)));
    bool reflected_first = user_b && tb != ta && tb->is_subtype(ta);
    auto try_call = [&](const Value& self, Str* n, const Value& other) -> Value {
      Value m = type_lookup(self, n);
      if (m.is_null() || m.is<NativeFunction>()) return Value::null();
      Value r = call(m, {self, other});
      if (r.identical(not_implemented())) return Value::null();
      return r;
    };
    Value r;
    if (reflected_first) {
      r = try_call(b, rname, a);
      if (!r.is_null()) return r;
    }
    r = try_call(a, name, b);
    if (!r.is_null()) return r;
    if (!reflected_first) {
      r = try_call(b, rname, a);
      if (!r.is_null()) return r;
    }
    if (op == CmpOp::NotEq) {
      Value eq = try_call(a, intern("__eq__"), b);
      if (!eq.is_null()) return Value(!truthy(eq));
    }
  }
  Value r = builtin_compare(op, a, b);
  if (!r.is_null()) return r;
  if (op == CmpOp::Eq) return Value(a.identical(b));
  if (op == CmpOp::NotEq) return Value(!a.identical(b));
  type_error(std::string("'") + op_symbol(op) + "' not supported between instances of '" + type_name(a) +
             "' and '" + type_name(b) + "'");
}

}  // namespace

bool values_equal(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) return a.as_int() == b.as_int();
  if (a.is<Str>() && b.is<Str>()) return a.as<Str>()->s == b.as<Str>()->s;
  if (a.identical(b) && !a.is_float()) return true;
  return truthy(rich_compare(CmpOp::Eq, a, b));
}

bool less_than(const Value& a, const Value& b) { return truthy(rich_compare(CmpOp::Lt, a, b)); }

bool contains(const Value& container, const Value& item) {
  if (container.is_obj()) {
    Object* o = container.obj();
    if (o->type->builtin) {
      switch (o->type->layout) {
        case Layout::Str: {
          auto* needle = item.as<Str>();
          if (!needle) type_error("'in <string>' requires string as left operand, not " + type_name(item));
          return static_cast<Str*>(o)->s.find(needle->s) != std::string::npos;
        }
        case Layout::List:
          for (auto& x : static_cast<List*>(o)->items)
            if (x.identical(item) || values_equal(x, item)) return true;
          return false;
        case Layout::Tuple:
          for (auto& x : static_cast<Tuple*>(o)->items)
            if (x.identical(item) || values_equal(x, item)) return true;
          return false;
        case Layout::Dict: return !static_cast<Dict*>(o)->get(item).is_null();
        case Layout::Set: return static_cast<Set*>(o)->contains(item);
        case Layout::Range: {
          auto* r = static_cast<Range*>(o);
          if (!item.is_intlike()) break;
          int64_t v = item.as_int();
          if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop)) return false;
          return (v - r->start) % r->step == 0;
        }
        default: break;
      }
    }
    Value m = type_lookup(container, intern("__contains__"));
    if (!m.is_null()) return truthy(call(m, {container, item}));
  }
  Value it = get_iter(container);
  Value x;
  while (iter_next(it, x))
    if (x.identical(item) || values_equal(x, item)) return true;
  return false;
}

Value compare_op(CmpOp op, const Value& a, const Value& b) {
  switch (op) {
    case CmpOp::Is: return Value(a.identical(b));
    case CmpOp::IsNot: return Value(!a.identical(b));
    case CmpOp::In: return Value(contains(b, a));
    case CmpOp::NotIn: return Value(!contains(b, a));
    default: return rich_compare(op, a, b);
  }
}

// ---- items ----

namespace {

int64_t normalize_index(int64_t i, int64_t n, const char* what) {
  if (i < 0) i += n;
  if (i < 0 || i >= n) index_error(std::string(what) + " index out of range");
  return i;
}

template <class Seq>
Value slice_of(const Seq& items, const Slice* s, bool as_tuple) {
  int64_t start, stop, step;
  int64_t n = s->indices(static_cast<int64_t>(items.size()), &start, &stop, &step);
  std::vector<Value> out;
  out.reserve(n);
  for (int64_t k = 0, i = start; k < n; ++k, i += step) out.push_back(items[i]);
  if (as_tuple) return Value::steal(new Tuple(std::move(out)));
  return Value::steal(new List(std::move(out)));
}

Value str_item(const Str* s, const Value& key) {
  if (auto* sl = key.as<Slice>()) {
    // Code-point based slicing (fast for ASCII).
    std::vector<size_t> offs;
    if (!s->ascii()) {
      for (size_t p = 0; p < s->s.size();) {
        offs.push_back(p);
        format_detail::utf8_decode(s->s, p);
      }
      offs.push_back(s->s.size());
    }
    int64_t len = s->length(), start, stop, step;
    int64_t n = sl->indices(len, &start, &stop, &step);
    std::string out;
    for (int64_t k = 0, i = start; k < n; ++k, i += step) {
      if (s->ascii()) out += s->s[i];
      else out.append(s->s, offs[i], offs[i + 1] - offs[i]);
    }
    return str(std::move(out));
  }
  int64_t i = normalize_index(index_value(key), s->length(), "string");
  if (s->ascii()) return str(std::string(1, s->s[i]));
  size_t p = 0;
  for (int64_t k = 0; k < i; ++k) format_detail::utf8_decode(s->s, p);
  size_t start = p;
  format_detail::utf8_decode(s->s, p);
  return str(s->s.substr(start, p - start));
}

}  // namespace

Value get_item(const Value& obj, const Value& key) {
  if (obj.is_obj()) {
    Object* o = obj.obj();
    if (o->type->builtin || type_lookup(obj, intern("__getitem__")).is<NativeFunction>() ||
        type_lookup(obj, intern("__getitem__")).is_null()) {
      switch (o->type->layout) {
        case Layout::List: {
          auto& items = static_cast<List*>(o)->items;
          if (auto* s = key.as<Slice>()) return slice_of(items, s, false);
          if (!key.is_intlike() && key.is<Str>()) type_error("list indices must be integers or slices, not str");
          return items[normalize_index(index_value(key), static_cast<int64_t>(items.size()), "list")];
        }
        case Layout::Tuple: {
          auto& items = static_cast<Tuple*>(o)->items;
          if (auto* s = key.as<Slice>()) return slice_of(items, s, true);
          return items[normalize_index(index_value(key), static_cast<int64_t>(items.size()), "tuple")];
        }
        case Layout::Str: return str_item(static_cast<Str*>(o), key);
        case Layout::Dict: {
          Value v = static_cast<Dict*>(o)->get(key);
          if (v.is_null()) {
            Value missing = type_lookup(obj, intern("__missing__"));
            if (!missing.is_null()) return call(missing, {obj, key});
            throw ScriptError{make_exception(exc_types().key_error, std::vector<Value>{key})};
          }
          return v;
        }
        case Layout::Range: {
          auto* r = static_cast<Range*>(o);
          if (auto* s = key.as<Slice>()) {
            int64_t start, stop, step;
            int64_t n = s->indices(r->length(), &start, &stop, &step);
            int64_t a = r->start + start * r->step;
            return Value::steal(new Range(a, a + n * step * r->step, step * r->step));
          }
          int64_t i = normalize_index(index_value(key), r->length(), "range object");
          return Value(r->start + i * r->step);
        }
        default: break;
      }
    }
    if (auto* h = hooks_of(o->type); h && h->get_item) return h->get_item(obj, key);
    Value m = type_lookup(obj, intern("__getitem__"));
    if (!m.is_null()) return call(m, {obj, key});
    if (auto* t = obj.as<Type>()) {
      // Generic aliases like list[int] in annotations evaluate to the type itself.
      Value cg = t->lookup(intern("__class_getitem__"));
      if (!cg.is_null()) return call(cg, {obj, key});
      if (t->builtin) return obj;
    }
  }
  type_error("'" + type_name(obj) + "' object is not subscriptable");
}

void set_item(const Value& obj, const Value& key, const Value& v) {
  if (obj.is_obj()) {
    Object* o = obj.obj();
    Value m = type_lookup(obj, intern("__setitem__"));
    if (o->type->builtin || m.is_null() || m.is<NativeFunction>()) {
      switch (o->type->layout) {
        case Layout::List: {
          auto& items = static_cast<List*>(o)->items;
          if (auto* s = key.as<Slice>()) {
            int64_t start, stop, step;
            int64_t n = s->indices(static_cast<int64_t>(items.size()), &start, &stop, &step);
            std::vector<Value> src = to_vector(v);
            if (step == 1) {
              if (stop < start) stop = start;
              items.erase(items.begin() + start, items.begin() + stop);
              items.insert(items.begin() + start, src.begin(), src.end());
              return;
            }
            if (static_cast<int64_t>(src.size()) != n)
              value_error("attempt to assign sequence of size " + std::to_string(src.size()) +
                          " to extended slice of size " + std::to_string(n));
            for (int64_t k = 0, i = start; k < n; ++k, i += step) items[i] = src[k];
            return;
          }
          items[normalize_index(index_value(key), static_cast<int64_t>(items.size()), "list assignment")] = v;
          return;
        }
        case Layout::Dict: static_cast<Dict*>(o)->set(key, v); return;
        default: break;
      }
    }
    if (auto* h = hooks_of(o->type); h && h->set_item) return h->set_item(obj, key, v);
    if (!m.is_null()) {
      call(m, {obj, key, v});
      return;
    }
  }
  type_error("'" + type_name(obj) + "' object does not support item assignment");
}

void del_item(const Value& obj, const Value& key) {
  if (obj.is_obj()) {
    Object* o = obj.obj();
    Value m = type_lookup(obj, intern("__delitem__"));
    if (o->type->builtin || m.is_null() || m.is<NativeFunction>()) {
      switch (o->type->layout) {
        case Layout::List: {
          auto& items = static_cast<List*>(o)->items;
          if (auto* s = key.as<Slice>()) {
            int64_t start, stop, step;
            int64_t n = s->indices(static_cast<int64_t>(items.size()), &start, &stop, &step);
            std::vector<bool> drop(items.size(), false);
            for (int64_t k = 0, i = start; k < n; ++k, i += step) drop[i] = true;
            std::vector<Value> keep;
            for (size_t i = 0; i < items.size(); ++i)
              if (!drop[i]) keep.push_back(std::move(items[i]));
            items = std::move(keep);
            return;
          }
          int64_t i = normalize_index(index_value(key), static_cast<int64_t>(items.size()), "list assignment");
          items.erase(items.begin() + i);
          return;
        }
        case Layout::Dict:
          if (!static_cast<Dict*>(o)->erase(key))
            throw ScriptError{make_exception(exc_types().key_error, std::vector<Value>{key})};
          return;
        default: break;
      }
    }
    if (!m.is_null()) {
      call(m, {obj, key});
      return;
    }
  }
  type_error("'" + type_name(obj) + "' object doesn't support item deletion");
}

int64_t length(const Value& v) {
  if (v.is_obj()) {
    Object* o = v.obj();
    if (o->type->builtin) {
      switch (o->type->layout) {
        case Layout::Str: return static_cast<Str*>(o)->length();
        case Layout::List: return static_cast<int64_t>(static_cast<List*>(o)->items.size());
        case Layout::Tuple: return static_cast<int64_t>(static_cast<Tuple*>(o)->items.size());
        case Layout::Dict: return static_cast<Dict*>(o)->size();
        case Layout::Set: return static_cast<Set*>(o)->table.size();
        case Layout::Range: return static_cast<Range*>(o)->length();
        default: break;
      }
    }
    if (auto* h = hooks_of(o->type); h && h->length) return h->length(v);
    Value m = type_lookup(v, intern("__len__"));
    if (!m.is_null()) {
      Value r = call(m, {v});
      if (!r.is_intlike()) type_error("'" + type_name(r) + "' object cannot be interpreted as an integer");
      if (r.as_int() < 0) value_error("__len__() should return >= 0");
      return r.as_int();
    }
    switch (o->type->layout) {
      case Layout::List: return static_cast<int64_t>(static_cast<List*>(o)->items.size());
      case Layout::Dict: return static_cast<Dict*>(o)->size();
      default: break;
    }
  }
  type_error("object of type '" + type_name(v) + "' has no len()");
}

// ---- unpacking ----

void unpack_sequence(const Value& seq, uint32_t n, Value* out) {
  std::vector<Value> items;
  if (auto* t = seq.as<Tuple>()) items = t->items;
  else if (auto* l = seq.as<List>()) items = l->items;
  else {
    Value it;
    try {
      it = get_iter(seq);
    } catch (ScriptError& e) {
      if (is_instance(e.exc, exc_types().type_error) && type_lookup(seq, intern("__iter__")).is_null())
        type_error("cannot unpack non-iterable " + type_name(seq) + " object");
      throw;
    }
    Value x;
    while (items.size() <= n && iter_next(it, x)) items.push_back(std::move(x));
  }
  if (items.size() < n)
    value_error("not enough values to unpack (expected " + std::to_string(n) + ", got " +
                std::to_string(items.size()) + ")");
  if (items.size() > n) {
    std::string got = (seq.is<Tuple>() || seq.is<List>()) ? ", got " + std::to_string(items.size()) : "";
    value_error("too many values to unpack (expected " + std::to_string(n) + got + ")");
  }
  for (uint32_t i = 0; i < n; ++i) out[i] = std::move(items[n - 1 - i]);
}

void unpack_ex(const Value& seq, uint32_t before, uint32_t after, Value* out) {
  std::vector<Value> items;
  try {
    items = to_vector(seq);
  } catch (ScriptError& e) {
    if (is_instance(e.exc, exc_types().type_error)) type_error("cannot unpack non-iterable " + type_name(seq) + " object");
    throw;
  }
  if (items.size() < before + after)
    value_error("not enough values to unpack (expected at least " + std::to_string(before + after) + ", got " +
                std::to_string(items.size()) + ")");
  size_t n = items.size();
  size_t k = 0;
  for (size_t i = 0; i < after; ++i) out[k++] = items[n - 1 - i];
  out[k++] = Value::steal(new List(std::vector<Value>(items.begin() + before, items.end() - after)));
  for (size_t i = 0; i < before; ++i) out[k++] = items[before - 1 - i];
}

}  // namespace tscript
