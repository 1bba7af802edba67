// Methods of list and tuple.
#include <algorithm>

#include "interpreter/builtins/builtins_internal.h"

namespace tscript {

namespace {

std::vector<Value>& L(const Value& v) { return v.as<List>()->items; }

Value l_append(Value* a, const Value&) {
  L(a[0]).push_back(a[1]);
  return Value();
}

Value l_extend(Value* a, const Value&) {
  auto items = to_vector(a[1]);
  auto& dst = L(a[0]);
  dst.insert(dst.end(), items.begin(), items.end());
  return Value();
}

Value l_insert(Value* a, const Value&) {
  auto& v = L(a[0]);
  int64_t n = static_cast<int64_t>(v.size());
  int64_t i = arg_int(a[1], "insert");
  if (i < 0) i = std::max<int64_t>(0, i + n);
  if (i > n) i = n;
  v.insert(v.begin() + i, a[2]);
  return Value();
}

Value l_pop(Value* a, const Value&) {
  auto& v = L(a[0]);
  if (v.empty()) index_error("pop from empty list");
  int64_t n = static_cast<int64_t>(v.size());
  int64_t i = arg_int(a[1], "pop");
  if (i < 0) i += n;
  if (i < 0 || i >= n) index_error("pop index out of range");
  Value r = std::move(v[i]);
  v.erase(v.begin() + i);
  return r;
}

Value l_remove(Value* a, const Value&) {
  auto& v = L(a[0]);
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i].identical(a[1]) || values_equal(v[i], a[1])) {
      v.erase(v.begin() + static_cast<int64_t>(i));
      return Value();
    }
  }
  value_error("list.remove(x): x not in list");
}

int64_t seq_index(const std::vector<Value>& v, const Value& x, const Value& start, const Value& stop, const char* what) {
  int64_t n = static_cast<int64_t>(v.size());
  auto clamp = [&](const Value& b, int64_t dflt) {
    if (b.is_none()) return dflt;
    int64_t i = index_value(b);
    if (i < 0) i = std::max<int64_t>(0, i + n);
    return std::min(i, n);
  };
  for (int64_t i = clamp(start, 0), e = clamp(stop, n); i < e; ++i)
    if (v[i].identical(x) || values_equal(v[i], x)) return i;
  value_error(std::string(what));
}

Value l_index(Value* a, const Value&) {
  return Value(seq_index(L(a[0]), a[1], a[2], a[3], (repr(a[1]) + " is not in list").c_str()));
}

int64_t seq_count(const std::vector<Value>& v, const Value& x) {
  int64_t n = 0;
  for (auto& e : v)
    if (e.identical(x) || values_equal(e, x)) ++n;
  return n;
}

Value l_count(Value* a, const Value&) { return Value(seq_count(L(a[0]), a[1])); }

Value l_clear(Value* a, const Value&) {
  std::vector<Value> old;
  old.swap(L(a[0]));
  return Value();
}

Value l_copy(Value* a, const Value&) { return Value::steal(new List(L(a[0]))); }

Value l_reverse(Value* a, const Value&) {
  std::reverse(L(a[0]).begin(), L(a[0]).end());
  return Value();
}

Value l_sort(Value* a, const Value&) {
  // Sort a copy so a key function that inspects the list sees it empty, as CPython does.
  std::vector<Value> items;
  items.swap(L(a[0]));
  try {
    sort_values(items, a[1], truthy(a[2]));
  } catch (...) {
    L(a[0]).swap(items);
    throw;
  }
  L(a[0]).swap(items);
  return Value();
}

Value t_index(Value* a, const Value&) {
  return Value(seq_index(a[0].as<Tuple>()->items, a[1], a[2], a[3], "tuple.index(x): x not in tuple"));
}
Value t_count(Value* a, const Value&) { return Value(seq_count(a[0].as<Tuple>()->items, a[1])); }

}  // namespace

void install_list_methods() {
  Type* t = types().list;
  method(t, "append(self, object, /)", l_append);
  method(t, "extend(self, iterable, /)", l_extend);
  method(t, "insert(self, index, object, /)", l_insert);
  method(t, "pop(self, index=-1, /)", l_pop);
  method(t, "remove(self, value, /)", l_remove);
  method(t, "index(self, value, start=None, stop=None, /)", l_index);
  method(t, "count(self, value, /)", l_count);
  method(t, "clear(self)", l_clear);
  method(t, "copy(self)", l_copy);
  method(t, "reverse(self)", l_reverse);
  method(t, "sort(self, *, key=None, reverse=False)", l_sort);
  Type* tu = types().tuple;
  method(tu, "index(self, value, start=None, stop=None, /)", t_index);
  method(tu, "count(self, value, /)", t_count);
}

}  // namespace tscript
