// Python subscripts on tensors. The runtime does the indexing (basic indices give
// views, tensors and lists give advanced indexing); this file only translates keys.
#include "interpreter/bindings/tensor_index.h"
#include "runtime/autograd/functions.h"

#include "interpreter/bindings/arg_parser.h"
#include "interpreter/bindings/tensor_object.h"
#include "interpreter/builtins/builtins_internal.h"

namespace tscript::bindings {

namespace {

std::optional<int64_t> slice_bound(const Value& v) {
  if (v.is_none()) return std::nullopt;
  int64_t x;
  if (v.is_bool()) return v.as_int();
  if (int_of(v, x)) return x;
  type_error("slice indices must be integers or None or have an __index__ method");
}

[[noreturn]] void bad_index(const Value& v) {
  index_error("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got " +
              type_name(v) + ")");
}

rt::TensorIndex to_index(const Value& v) {
  if (v.is_bool()) return rt::TensorIndex::boolean(v.as_bool());
  if (v.is_int()) return rt::TensorIndex(v.as_int());
  if (v.is_none()) return rt::TensorIndex::none();
  if (v.identical(ellipsis())) return rt::TensorIndex::ellipsis();
  if (auto* s = v.as<Slice>()) {
    rt::Slice r{slice_bound(s->start), slice_bound(s->stop), slice_bound(s->step)};
    return rt::TensorIndex(r);
  }
  if (auto* t = as_tensor(v)) return rt::TensorIndex(t->t);
  if (v.is<Str>()) type_error("new(): invalid data type 'str'");  // PyTorch tries it as data
  if (v.is<List>() || v.is<Tuple>()) {
    // A list is an index tensor (ints, or bools for a mask); [] indexes nothing.
    bool empty = v.is<List>() ? v.as<List>()->items.empty() : v.as<Tuple>()->items.empty();
    return rt::TensorIndex(tensor_from_data(v, empty ? std::optional<rt::DType>(rt::DType::Int64) : std::nullopt));
  }
  bad_index(v);
}

}  // namespace

std::vector<rt::TensorIndex> to_indices(const Value& key) {
  std::vector<rt::TensorIndex> out;
  if (auto* t = key.as<Tuple>()) {
    out.reserve(t->items.size());
    for (auto& v : t->items) out.push_back(to_index(v));
  } else {
    out.push_back(to_index(key));
  }
  return out;
}

Value tensor_get_item(const Value& self, const Value& key) {
  const rt::Tensor& t = as_tensor(self)->t;
  return guarded([&] { return wrap(ag::index(t, to_indices(key))); });
}

void tensor_set_item(const Value& self, const Value& key, const Value& value) {
  const rt::Tensor& t = as_tensor(self)->t;
  guarded([&] {
    std::vector<rt::TensorIndex> idx = to_indices(key);
    if (auto* v = as_tensor(value)) {
      ag::index_put_(t, idx, v->t);
      return;
    }
    rt::Scalar s;
    if (!scalar_of(value, s))
      type_error("can't assign a " + type_name(value) + " to a " + legacy_type_name(t.dtype()));
    ag::index_put_(t, idx, s);
  });
}

}  // namespace tscript::bindings
