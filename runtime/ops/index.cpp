#include "runtime/ops/index.h"

#include <algorithm>

#include "backends/cpu/kernels.h"
#include "runtime/ops/binary.h"
#include "runtime/ops/conditional.h"
#include "runtime/ops/copy.h"
#include "runtime/ops/creation.h"
#include "runtime/ops/reduce.h"
#include "runtime/ops/view.h"
#include "runtime/tensor/error.h"
#include "runtime/tensor/overlap.h"
#include "runtime/tensor/shape_util.h"

namespace tscript::rt {
namespace {

// The result of applying the basic part of a subscript: a view, plus the
// advanced (tensor) indices keyed by the view's dim they apply to.
struct Sliced {
  Tensor view;
  std::vector<std::pair<int64_t, Tensor>> advanced;  // (dim in view, int64 index)
};

bool is_integer_scalar_tensor(const Tensor& t) { return t.dim() == 0 && is_integral(t.dtype(), false); }
bool is_bool_tensor(const Tensor& t) { return t.dtype() == DType::Bool || t.dtype() == DType::UInt8; }

// How many dims of x an index uses up.
int64_t consumed_dims(const TensorIndex& i) {
  switch (i.kind()) {
    case TensorIndex::Kind::Integer:
    case TensorIndex::Kind::Slice: return 1;
    case TensorIndex::Kind::Tensor: {
      const Tensor& t = i.tensor();
      if (is_bool_tensor(t)) return t.dim();
      return 1;
    }
    default: return 0;
  }
}

Sliced apply_basic(const Tensor& x, const std::vector<TensorIndex>& indices) {
  int64_t specified = 0;
  for (const auto& i : indices) specified += consumed_dims(i);
  TS_CHECK_INDEX(specified <= x.dim(), "too many indices for tensor of dimension ", x.dim());

  Sliced s{x, {}};
  int64_t dim = 0;
  for (const auto& i : indices) {
    switch (i.kind()) {
      case TensorIndex::Kind::None:
        s.view = unsqueeze(s.view, dim++);
        break;
      case TensorIndex::Kind::Ellipsis:
        dim += x.dim() - specified;
        break;
      case TensorIndex::Kind::Integer: {
        int64_t size = s.view.sizes()[dim];
        int64_t v = i.integer();
        TS_CHECK_INDEX(v >= -size && v < size, "index ", v, " is out of bounds for dimension ", dim, " with size ",
                       size);
        s.view = select(s.view, dim, v);
        break;
      }
      case TensorIndex::Kind::Slice: {
        const Slice& sl = i.slice();
        s.view = slice(s.view, dim, sl.start, sl.stop, sl.step.value_or(1));
        ++dim;
        break;
      }
      case TensorIndex::Kind::Boolean: {
        // x[True] adds a dim of size 1, x[False] one of size 0.
        s.view = unsqueeze(s.view, dim);
        Tensor idx = i.boolean_value() ? zeros({1}, TensorOptions(DType::Int64))
                                       : empty({0}, TensorOptions(DType::Int64));
        s.advanced.emplace_back(dim++, idx);
        break;
      }
      case TensorIndex::Kind::Tensor: {
        const Tensor& t = i.tensor();
        if (is_integer_scalar_tensor(t)) {  // behaves like a Python int
          int64_t size = s.view.sizes()[dim];
          int64_t v = t.item().to_int();
          TS_CHECK_INDEX(v >= -size && v < size, "index ", v, " is out of bounds for dimension ", dim,
                         " with size ", size);
          s.view = select(s.view, dim, v);
        } else if (is_bool_tensor(t)) {
          Tensor mask = to(t, DType::Bool);
          if (mask.dim() == 0) {  // like a Python bool
            s.view = unsqueeze(s.view, dim);
            Tensor idx = mask.item().to_bool() ? zeros({1}, TensorOptions(DType::Int64))
                                               : empty({0}, TensorOptions(DType::Int64));
            s.advanced.emplace_back(dim++, idx);
            break;
          }
          for (int64_t k = 0; k < mask.dim(); ++k) {
            TS_CHECK_INDEX(mask.sizes()[k] == s.view.sizes()[dim + k], "The shape of the mask ",
                           shape_str(mask.sizes()), " at index ", k,
                           " does not match the shape of the indexed tensor ", shape_str(s.view.sizes()),
                           " at index ", dim + k);
          }
          Tensor nz = nonzero(mask);
          for (int64_t k = 0; k < mask.dim(); ++k) s.advanced.emplace_back(dim++, select(nz, 1, k));
        } else {
          TS_CHECK_INDEX(is_integral(t.dtype(), false), "tensors used as indices must be long, byte or bool tensors");
          s.advanced.emplace_back(dim++, to(t, DType::Int64));
        }
        break;
      }
    }
  }
  return s;
}

// Advanced indices broadcast to one shape; the indexed dims are moved to the
// front unless they are adjacent. Returns (permuted input, first dim, indices).
struct AdvancedPlan {
  Tensor src;
  int64_t first;
  std::vector<Tensor> indices;
  DimVector result_shape;
};

AdvancedPlan plan_advanced(const Sliced& s) {
  AdvancedPlan p;
  DimVector shape;
  for (size_t k = 0; k < s.advanced.size(); ++k) {
    const Tensor& t = s.advanced[k].second;
    if (k == 0) {
      shape = DimVector(t.sizes());
      continue;
    }
    try {
      shape = broadcast_shapes(shape, t.sizes());
    } catch (const Error&) {
      std::string shapes;
      for (size_t j = 0; j < s.advanced.size(); ++j)
        shapes += (j ? ", " : "") + shape_str(s.advanced[j].second.sizes());
      throw_error(ErrorKind::Index, "shape mismatch: indexing tensors could not be broadcast together with shapes " + shapes);
    }
  }
  bool adjacent = true;
  for (size_t k = 1; k < s.advanced.size(); ++k)
    adjacent = adjacent && s.advanced[k].first == s.advanced[k - 1].first + 1;
  // Several indices on the same dim (x[[0], [0]] after None tricks) are not adjacent either.
  if (adjacent) {
    p.src = s.view;
    p.first = s.advanced[0].first;
  } else {
    DimVector order;
    for (const auto& [d, t] : s.advanced) order.push_back(d);
    for (int64_t d = 0; d < s.view.dim(); ++d)
      if (std::find(order.begin(), order.end(), d) == order.end()) order.push_back(d);
    p.src = permute(s.view, order);
    p.first = 0;
  }
  for (const auto& [d, t] : s.advanced) p.indices.push_back(expand(t, shape));
  int64_t nidx = static_cast<int64_t>(p.indices.size());
  for (int64_t d = 0; d < p.first; ++d) p.result_shape.push_back(p.src.sizes()[d]);
  for (int64_t v : shape) p.result_shape.push_back(v);
  for (int64_t d = p.first + nidx; d < p.src.dim(); ++d) p.result_shape.push_back(p.src.sizes()[d]);
  return p;
}

void check_index_dtype(const Tensor& index, const char* op) {
  TS_CHECK(index.dtype() == DType::Int64, op, "(): Expected dtype int64 for index");
}

// gather/scatter: same rank, and index no larger than `other` outside `dim`.
void check_gather_shapes(const Tensor& x, int64_t dim, const Tensor& index, const Tensor* src) {
  TS_CHECK(index.dim() == x.dim() || (index.dim() <= 1 && x.dim() <= 1),
           "Index tensor must have the same number of dimensions as input tensor");
  for (int64_t d = 0; d < index.dim(); ++d) {
    if (d == dim) continue;
    TS_CHECK(index.sizes()[d] <= x.sizes()[d], "Size does not match at dimension ", d, " expected index ",
             shape_str(index.sizes()), " to be smaller than self ", shape_str(x.sizes()), " apart from dimension ",
             dim);
    if (src) {
      TS_CHECK(index.sizes()[d] <= src->sizes()[d], "Size does not match at dimension ", d, " expected index ",
               shape_str(index.sizes()), " to be smaller than src ", shape_str(src->sizes()),
               " apart from dimension ", dim);
    }
  }
}

}  // namespace

Tensor index(const Tensor& x, const std::vector<TensorIndex>& indices) {
  check_device_available(x.device());
  Sliced s = apply_basic(x, indices);
  if (s.advanced.empty()) return s.view.is_same(x) ? alias(x) : s.view;
  AdvancedPlan p = plan_advanced(s);
  Tensor out = empty(p.result_shape, TensorOptions(x.dtype()));
  cpu::index(out, p.src, p.first, p.indices);
  return out;
}

void index_put_(const Tensor& x, const std::vector<TensorIndex>& indices, const Tensor& value) {
  check_device_available(x.device());
  Tensor v = to(value, x.dtype());
  // x[mask] = scalar with a full-size mask is a masked fill.
  if (indices.size() == 1 && indices[0].kind() == TensorIndex::Kind::Tensor && v.dim() == 0 &&
      indices[0].tensor().dtype() == DType::Bool && indices[0].tensor().dim() > 0 &&
      indices[0].tensor().sizes() == x.sizes()) {
    masked_fill_(x, indices[0].tensor(), v);
    return;
  }
  Sliced s = apply_basic(x, indices);
  if (s.advanced.empty()) {
    copy_(s.view, v);
    return;
  }
  AdvancedPlan p = plan_advanced(s);
  assert_no_internal_overlap(x);
  Tensor values = expand(input_safe_for(v, x), p.result_shape);
  cpu::index_put(p.src, p.first, p.indices, values, /*accumulate=*/false);
  x.bump_version();
}

void index_put_(const Tensor& x, const std::vector<TensorIndex>& indices, const Scalar& value) {
  index_put_(x, indices, scalar_tensor(value, TensorOptions(x.dtype())));
}

const Tensor& index_put_(const Tensor& x, const std::vector<Tensor>& indices, const Tensor& values,
                         bool accumulate) {
  TS_CHECK_INDEX(static_cast<int64_t>(indices.size()) <= x.dim(), "too many indices for tensor of dimension ",
                 x.dim());
  index_put_(x, std::vector<TensorIndex>(indices.begin(), indices.end()), values, accumulate);
  return x;
}

void index_put_(const Tensor& x, const std::vector<TensorIndex>& indices, const Tensor& values, bool accumulate) {
  if (!accumulate) return index_put_(x, indices, values);
  Sliced s = apply_basic(x, indices);
  if (s.advanced.empty()) {
    add_(s.view, values);
    return;
  }
  AdvancedPlan p = plan_advanced(s);
  assert_no_internal_overlap(x);
  Tensor v = expand(to(input_safe_for(values, x), x.dtype()), p.result_shape);
  cpu::index_put(p.src, p.first, p.indices, v, /*accumulate=*/true);
  x.bump_version();
}

Tensor gather(const Tensor& x, int64_t dim, const Tensor& index) {
  dim = wrap_dim(dim, x.dim());
  check_index_dtype(index, "gather");
  check_gather_shapes(x, dim, index, nullptr);
  Tensor out = empty(index.sizes(), TensorOptions(x.dtype()));
  cpu::gather(out, x, dim, index);
  return out;
}

static const Tensor& scatter_impl(const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src,
                                  bool accumulate) {
  dim = wrap_dim(dim, x.dim());
  check_index_dtype(index, accumulate ? "scatter_add" : "scatter");
  TS_CHECK(src.dtype() == x.dtype(), accumulate ? "scatter_add" : "scatter",
           "(): Expected self.dtype to be equal to src.dtype");
  check_gather_shapes(x, dim, index, src.dim() == 0 ? nullptr : &src);
  assert_no_internal_overlap(x);
  Tensor source = src.dim() == 0 ? expand(src, index.sizes()) : input_safe_for(src, x);
  cpu::scatter(x, dim, index, source, accumulate);
  x.bump_version();
  return x;
}

const Tensor& scatter_(const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src) {
  return scatter_impl(x, dim, index, src, false);
}
const Tensor& scatter_(const Tensor& x, int64_t dim, const Tensor& index, const Scalar& value) {
  return scatter_impl(x, dim, index, scalar_tensor(value, TensorOptions(x.dtype())), false);
}
const Tensor& scatter_add_(const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src) {
  return scatter_impl(x, dim, index, src, true);
}
Tensor scatter(const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src) {
  Tensor out = clone(x);
  scatter_(out, dim, index, src);
  return out;
}
Tensor scatter(const Tensor& x, int64_t dim, const Tensor& index, const Scalar& value) {
  Tensor out = clone(x);
  scatter_(out, dim, index, value);
  return out;
}
Tensor scatter_add(const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src) {
  Tensor out = clone(x);
  scatter_add_(out, dim, index, src);
  return out;
}

Tensor index_select(const Tensor& x, int64_t dim, const Tensor& index) {
  dim = wrap_dim(dim, x.dim());
  TS_CHECK_INDEX(index.dim() <= 1, "index_select(): Index is supposed to be a vector");
  TS_CHECK(is_integral(index.dtype(), false), "index_select(): Expected dtype int32 or int64 for index");
  DimVector shape(x.sizes());
  if (x.dim() > 0) shape[dim] = index.numel();
  Tensor out = empty(shape, TensorOptions(x.dtype()));
  cpu::index_select(out, x, dim, index);
  return out;
}

Tensor one_hot(const Tensor& x, int64_t num_classes) {
  TS_CHECK(x.dtype() == DType::Int64, "one_hot is only applicable to index tensor.");
  if (x.numel() == 0) {
    TS_CHECK(num_classes > 0, "Can not infer total number of classes from empty tensor.");
  } else {
    TS_CHECK(min(x).item().to_int() >= 0, "Class values must be non-negative.");
    int64_t top = max(x).item().to_int();
    if (num_classes == -1) num_classes = top + 1;
    else TS_CHECK(top < num_classes, "Class values must be smaller than num_classes.");
  }
  DimVector shape(x.sizes());
  shape.push_back(num_classes);
  Tensor out = zeros(shape, TensorOptions(DType::Int64));
  cpu::scatter(out, x.dim(), unsqueeze(x, -1), expand(scalar_tensor(1), unsqueeze(x, -1).sizes()), false);
  return out;
}

}  // namespace tscript::rt
