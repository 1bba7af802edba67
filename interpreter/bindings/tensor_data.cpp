// Python data <-> tensors: torch.tensor(nested lists) with PyTorch's dtype inference
// and error messages (torch/csrc/utils/tensor_new.cpp), and Tensor.tolist().
#include "interpreter/bindings/tensor_object.h"
#include "interpreter/builtins/builtins_internal.h"

namespace tscript::bindings {

namespace {

const std::vector<Value>* seq_items(const Value& v) {
  if (auto* t = v.as<Tuple>()) return &t->items;
  if (auto* l = v.as<List>()) return &l->items;
  return nullptr;
}

// infer_scalar_type: every leaf's dtype, promoted (a Python float counts as the
// default dtype, so [1, 2.5] is float32 and [float64 tensor, 2.5] float64).
std::optional<rt::DType> infer_dtype(const Value& v) {
  if (v.is_bool()) return rt::DType::Bool;
  if (v.is_int()) return rt::DType::Int64;
  if (v.is_float()) return rt::default_dtype();
  if (auto* t = as_tensor(v)) return t->t.dtype();
  if (v.is<Str>()) type_error("new(): invalid data type 'str'");
  const std::vector<Value>* items = seq_items(v);
  if (!items) runtime_error("Could not infer dtype of " + type_name(v));
  std::optional<rt::DType> out;
  for (auto& x : *items) {
    auto d = infer_dtype(x);
    out = out ? rt::promote_types(*out, *d) : *d;
  }
  return out;
}

struct Filler {
  std::vector<int64_t> sizes;
  rt::Tensor out;
  char* ptr = nullptr;
  size_t itemsize = 0;

  void leaf(const Value& v) {
    rt::Scalar s;
    if (!scalar_of(v, s)) {
      auto* t = as_tensor(v);
      if (!t) {
        if (seq_items(v)) type_error("'" + type_name(v) + "' object cannot be interpreted as an integer");
        type_error("new(): invalid data type '" + type_name(v) + "'");
      }
      if (t->t.numel() != 1) type_error("only integer tensors of a single element can be converted to an index");
      s = t->t.item();
    }
    rt::store_scalar(ptr, out.dtype(), s);
    ptr += itemsize;
  }

  void fill(const Value& v, size_t dim) {
    if (dim == sizes.size()) return leaf(v);
    const std::vector<Value>* items = seq_items(v);
    if (!items) type_error("not a sequence");
    if (static_cast<int64_t>(items->size()) != sizes[dim])
      value_error("expected sequence of length " + std::to_string(sizes[dim]) + " at dim " + std::to_string(dim) +
                  " (got " + std::to_string(items->size()) + ")");
    for (auto& x : *items) fill(x, dim + 1);
  }
};

Value list_of(const rt::Tensor& t, int64_t dim, int64_t& flat) {
  if (dim == t.dim()) return scalar_value(t.scalar_at(flat++));
  auto l = make<List>();
  l->items.reserve(static_cast<size_t>(t.size(dim)));
  for (int64_t i = 0; i < t.size(dim); ++i) l->items.push_back(list_of(t, dim + 1, flat));
  return Value(static_cast<Object*>(l.get()));
}

}  // namespace

rt::Tensor tensor_from_data(const Value& data, std::optional<rt::DType> dtype) {
  if (auto* t = as_tensor(data)) {
    // torch.tensor(t): a detached copy.
    rt::Tensor c = rt::clone(t->t);
    if (dtype) c = rt::to(c, *dtype);
    return detached(c);
  }
  // Sizes follow the first elements (a str met there is "too many dimensions"), then
  // the dtype comes from every leaf, as in PyTorch.
  Filler f;
  for (const Value* v = &data;;) {
    const std::vector<Value>* items = seq_items(*v);
    if (!items) {
      if (v != &data && v->is<Str>()) value_error("too many dimensions 'str'");
      break;
    }
    f.sizes.push_back(static_cast<int64_t>(items->size()));
    if (items->empty()) break;
    v = &(*items)[0];
  }
  std::optional<rt::DType> inferred = infer_dtype(data);
  rt::DType dt = dtype ? *dtype : inferred ? *inferred : rt::default_dtype();
  f.out = rt::empty(f.sizes, dt);
  f.ptr = static_cast<char*>(f.out.data_ptr());
  f.itemsize = rt::itemsize(dt);
  f.fill(data, 0);
  return f.out;
}

Value tensor_to_list(const rt::Tensor& t) {
  int64_t flat = 0;
  return list_of(t, 0, flat);
}

}  // namespace tscript::bindings
