// Indexing (get and set), gather/scatter, index_select, sort/topk values with
// their derivatives.
#include "runtime/autograd/record.h"

namespace tscript::ag {

namespace {

using Kind = TensorIndex::Kind;

bool has_advanced(const std::vector<TensorIndex>& indices) {
  for (auto& i : indices)
    if (i.kind() == Kind::Tensor || i.kind() == Kind::Boolean) return true;
  return false;
}

// PyTorch records x[...] by its last basic step (x[0] is a select, x[1:] a slice)
// or as one advanced-indexing node.
const char* getitem_name(const std::vector<TensorIndex>& indices) {
  if (has_advanced(indices)) return "IndexBackward0";
  for (auto it = indices.rbegin(); it != indices.rend(); ++it) {
    if (it->kind() == Kind::Integer) return "SelectBackward0";
    if (it->kind() == Kind::Slice) return "SliceBackward0";
    if (it->kind() == Kind::None) return "UnsqueezeBackward0";
  }
  return "AliasBackward0";
}

// g scattered back into zeros of `sizes` at `indices` (repeated indices add up).
Tensor index_grad(const Tensor& g, const rt::DimVector& sizes, const std::vector<TensorIndex>& indices) {
  Tensor gi = rt::zeros(sizes, g.dtype());
  rt::index_put_(gi, indices, g, /*accumulate=*/true);
  return gi;
}

// The indices that select along `dim` only: full slices before it.
std::vector<TensorIndex> along(int64_t dim, const Tensor& index) {
  std::vector<TensorIndex> r(static_cast<size_t>(dim), TensorIndex(rt::Slice{}));
  r.emplace_back(index);
  return r;
}

ValuesIndices selecting(const char* name, const Tensor& x, int64_t dim, ValuesIndices out) {
  if (!any_requires_grad(x)) return out;
  int64_t d = x.dim() == 0 ? 0 : rt::wrap_dim(dim, x.dim());
  record(name, {x}, out.values,
         [d, sizes = rt::DimVector(x.sizes()), idx = SavedTensor(out.indices, false)](FunctionNode& self, Grads& g) {
           if (sizes.empty()) return Grads{g[0]};
           return Grads{ag::scatter(rt::zeros(sizes, g[0].dtype()), d, idx.unpack(&self), g[0])};
         });
  return out;
}

}  // namespace

Tensor index(const Tensor& x, const std::vector<TensorIndex>& indices) {
  Tensor out = rt::index(x, indices);
  bool advanced = has_advanced(indices);
  if (!advanced && GradMode::is_enabled()) mark_view(out, x);
  if (!any_requires_grad(x)) return out;
  return record(getitem_name(indices), {x}, out,
                [indices, advanced, sizes = rt::DimVector(x.sizes())](FunctionNode&, Grads& g) {
                  if (advanced) return Grads{index_grad(g[0], sizes, indices)};
                  Tensor gi = rt::zeros(sizes, g[0].dtype());
                  rt::copy_(rt::index(gi, indices), g[0]);
                  return Grads{gi};
                });
}

void index_put_(const Tensor& x, const std::vector<TensorIndex>& indices, const Tensor& value) {
  if (!any_requires_grad(x, value)) return rt::index_put_(x, indices, value);
  if (view_base_of(x).defined()) {  // x[...] = v on a view: the base's history changes too
    inplace_via(x, [&](const Tensor& old) {
      Tensor c = ag::clone(old);
      ag::index_put_(c, indices, value);
      return c;
    });
    return;
  }
  check_inplace(x);
  auto node = make_node(has_advanced(indices) ? "IndexPutBackward0" : "CopySlices", {x, value});
  node->set_backward([indices](FunctionNode& self, Grads& g) {
    Grads r(2);
    if (needs(self, 0)) {
      r[0] = rt::clone(g[0]);
      rt::index_put_(r[0], indices, rt::Scalar(0));
    }
    if (needs(self, 1)) r[1] = ag::index(g[0], indices);
    return r;
  });
  rt::index_put_(x, indices, value);
  set_history(x, node);
}

void index_put_(const Tensor& x, const std::vector<TensorIndex>& indices, const Scalar& value) {
  if (!any_requires_grad(x)) return rt::index_put_(x, indices, value);
  ag::index_put_(x, indices, rt::scalar_tensor(value, rt::TensorOptions(x.dtype())));
}

const Tensor& index_put_(const Tensor& x, const std::vector<Tensor>& indices, const Tensor& values, bool accumulate) {
  if (!any_requires_grad(x, values)) return rt::index_put_(x, indices, values, accumulate);
  if (view_base_of(x).defined()) {
    return inplace_via(x, [&](const Tensor& old) {
      Tensor c = ag::clone(old);
      ag::index_put_(c, indices, values, accumulate);
      return c;
    });
  }
  check_inplace(x);
  std::vector<TensorIndex> idx(indices.begin(), indices.end());
  auto node = make_node("IndexPutBackward0", {x, values});
  node->set_backward([idx, accumulate](FunctionNode& self, Grads& g) {
    Grads r(2);
    if (needs(self, 0)) {
      r[0] = g[0];
      if (!accumulate) {
        r[0] = rt::clone(g[0]);
        rt::index_put_(r[0], idx, rt::Scalar(0));
      }
    }
    if (needs(self, 1)) r[1] = ag::index(g[0], idx);
    return r;
  });
  rt::index_put_(x, indices, values, accumulate);
  set_history(x, node);
  return x;
}

Tensor gather(const Tensor& x, int64_t dim, const Tensor& index) {
  Tensor out = rt::gather(x, dim, index);
  if (!any_requires_grad(x)) return out;
  int64_t d = rt::wrap_dim(dim, x.dim());
  return record("GatherBackward0", {x}, out,
                [d, sizes = rt::DimVector(x.sizes()), idx = SavedTensor(index, false)](FunctionNode& self, Grads& g) {
                  return Grads{ag::scatter_add(rt::zeros(sizes, g[0].dtype()), d, idx.unpack(&self), g[0])};
                });
}

Tensor scatter(const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src) {
  Tensor out = rt::scatter(x, dim, index, src);
  if (!any_requires_grad(x, src)) return out;
  int64_t d = rt::wrap_dim(dim, x.dim());
  return record("ScatterBackward0", {x, src}, out, [d, idx = SavedTensor(index, false)](FunctionNode& self, Grads& g) {
    Tensor index = idx.unpack(&self);
    Grads r(2);
    if (needs(self, 0)) r[0] = ag::scatter(g[0], d, index, rt::Scalar(0));
    if (needs(self, 1)) r[1] = ag::gather(g[0], d, index);
    return r;
  });
}

Tensor scatter(const Tensor& x, int64_t dim, const Tensor& index, const Scalar& value) {
  Tensor out = rt::scatter(x, dim, index, value);
  if (!any_requires_grad(x)) return out;
  int64_t d = rt::wrap_dim(dim, x.dim());
  return record("ScatterBackward1", {x}, out, [d, idx = SavedTensor(index, false)](FunctionNode& self, Grads& g) {
    return Grads{ag::scatter(g[0], d, idx.unpack(&self), rt::Scalar(0))};
  });
}

Tensor scatter_add(const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src) {
  Tensor out = rt::scatter_add(x, dim, index, src);
  if (!any_requires_grad(x, src)) return out;
  int64_t d = rt::wrap_dim(dim, x.dim());
  return record("ScatterAddBackward0", {x, src}, out,
                [d, idx = SavedTensor(index, false)](FunctionNode& self, Grads& g) {
                  Grads r(2);
                  r[0] = g[0];
                  if (needs(self, 1)) r[1] = ag::gather(g[0], d, idx.unpack(&self));
                  return r;
                });
}

Tensor index_select(const Tensor& x, int64_t dim, const Tensor& index) {
  Tensor out = rt::index_select(x, dim, index);
  if (!any_requires_grad(x)) return out;
  int64_t d = x.dim() == 0 ? 0 : rt::wrap_dim(dim, x.dim());
  return record("IndexSelectBackward0", {x}, out,
                [d, sizes = rt::DimVector(x.sizes()), idx = SavedTensor(index, false)](FunctionNode& self, Grads& g) {
                  if (sizes.empty()) return Grads{ag::reshape(g[0], sizes)};
                  return Grads{index_grad(g[0], sizes, along(d, ag::reshape(idx.unpack(&self), std::vector<int64_t>{-1})))};
                });
}

ValuesIndices sort(const Tensor& x, int64_t dim, bool descending, bool stable) {
  return selecting("SortBackward0", x, dim, rt::sort(x, dim, descending, stable));
}

ValuesIndices topk(const Tensor& x, int64_t k, int64_t dim, bool largest, bool sorted) {
  return selecting("TopkBackward0", x, dim, rt::topk(x, k, dim, largest, sorted));
}

}  // namespace tscript::ag
