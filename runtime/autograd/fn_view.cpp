// View ops with their derivatives: each gradient is the inverse reshaping of the
// incoming one (or, for select/slice/diagonal, the gradient written into zeros).
#include <numeric>

#include "runtime/autograd/record.h"

namespace tscript::ag {

namespace {

using ViewBackward = std::function<Tensor(const Tensor& g)>;

Tensor view_op(const char* name, const Tensor& x, const Tensor& out, ViewBackward back) {
  if (GradMode::is_enabled()) mark_view(out, x);
  if (!any_requires_grad(x)) return out;
  return record(name, {x}, out, [back = std::move(back)](FunctionNode&, Grads& g) { return Grads{back(g[0])}; });
}

rt::DimVector sizes_of(const Tensor& x) { return rt::DimVector(x.sizes()); }

// The gradient of a view that picks part of x: g written into zeros of x's shape.
ViewBackward embed(const Tensor& x, std::function<Tensor(const Tensor&)> view_of) {
  return [sizes = sizes_of(x), view_of = std::move(view_of)](const Tensor& g) {
    Tensor gi = rt::zeros(sizes, g.dtype());
    rt::copy_(view_of(gi), g);
    return gi;
  };
}

ViewBackward reshape_back(const Tensor& x) {
  return [sizes = sizes_of(x)](const Tensor& g) { return ag::reshape(g, sizes); };
}

}  // namespace

Tensor alias(const Tensor& t) { return view_op("AliasBackward0", t, rt::alias(t), [](const Tensor& g) { return g; }); }

namespace {
struct Strided {
  rt::DimVector sizes, strides;
  int64_t offset;
  // Storage index of every element (int64, shaped like the view), and one past the last.
  Tensor positions() const {
    Tensor pos = rt::full(sizes, rt::Scalar(offset), rt::TensorOptions(DType::Int64));
    for (size_t d = 0; d < sizes.size(); ++d) {
      rt::DimVector shape(sizes.size(), 1);
      shape[d] = sizes[d];
      Tensor step = rt::mul(rt::arange(sizes[d]), rt::Scalar(strides[d]));
      pos = rt::add(pos, rt::view(step, shape));
    }
    return pos;
  }
  int64_t end() const {
    int64_t last = offset;
    for (size_t d = 0; d < sizes.size(); ++d) {
      if (sizes[d] == 0) return offset;
      last += (sizes[d] - 1) * strides[d];
    }
    return last + 1;
  }
};
}  // namespace

Tensor as_strided(const Tensor& t, IntArrayRef sizes, IntArrayRef strides, std::optional<int64_t> offset) {
  Tensor out = rt::as_strided(t, sizes, strides, offset);
  if (!any_requires_grad(t)) return out;
  // The gradient of each storage element is the sum over the output elements that read
  // it; each input element then takes its storage element's sum.
  Strided in{rt::DimVector(t.sizes()), rt::DimVector(t.strides()), t.storage_offset()};
  Strided view{rt::DimVector(sizes), rt::DimVector(strides), offset.value_or(t.storage_offset())};
  return view_op("AsStridedBackward0", t, out, [in, view](const Tensor& g) {
    Tensor buffer = rt::zeros({std::max(in.end(), view.end())}, g.dtype());
    rt::index_put_(buffer, std::vector<Tensor>{rt::reshape(view.positions(), {-1})}, rt::reshape(g, {-1}), true);
    return rt::index(buffer, {TensorIndex(in.positions())});
  });
}

Tensor view(const Tensor& t, IntArrayRef sizes) { return view_op("ViewBackward0", t, rt::view(t, sizes), reshape_back(t)); }
Tensor unsafe_view(const Tensor& t, IntArrayRef sizes) {
  return view_op("UnsafeViewBackward0", t, rt::view(t, sizes), reshape_back(t));
}

Tensor view_as(const Tensor& t, const Tensor& other) { return ag::view(t, other.sizes()); }

Tensor reshape(const Tensor& t, IntArrayRef sizes) {
  Tensor out = rt::reshape(t, sizes);
  bool is_view = out.storage().get() == t.storage().get();
  return view_op(is_view ? "ReshapeAliasBackward0" : "UnsafeViewBackward0", t, out, reshape_back(t));
}

Tensor flatten(const Tensor& t, int64_t start_dim, int64_t end_dim) {
  Tensor out = rt::flatten(t, start_dim, end_dim);
  if (out.is_same(t)) return out;
  bool is_view = out.storage().get() == t.storage().get();
  return view_op(is_view ? "ReshapeAliasBackward0" : "UnsafeViewBackward0", t, out, reshape_back(t));
}

Tensor unflatten(const Tensor& t, int64_t dim, IntArrayRef sizes) {
  return view_op("ViewBackward0", t, rt::unflatten(t, dim, sizes), reshape_back(t));
}

Tensor squeeze(const Tensor& t) { return view_op("SqueezeBackward0", t, rt::squeeze(t), reshape_back(t)); }
Tensor squeeze(const Tensor& t, int64_t dim) {
  return view_op("SqueezeBackward1", t, rt::squeeze(t, dim), reshape_back(t));
}

Tensor unsqueeze(const Tensor& t, int64_t dim) {
  int64_t d = rt::wrap_dim(dim, t.dim() + 1);
  return view_op("UnsqueezeBackward0", t, rt::unsqueeze(t, dim), [d](const Tensor& g) { return ag::squeeze(g, d); });
}

Tensor permute(const Tensor& t, IntArrayRef dims) {
  std::vector<int64_t> inverse(dims.size());
  for (size_t i = 0; i < dims.size(); ++i) inverse[rt::wrap_dim(dims[i], t.dim())] = static_cast<int64_t>(i);
  return view_op("PermuteBackward0", t, rt::permute(t, dims),
                 [inverse](const Tensor& g) { return ag::permute(g, inverse); });
}

Tensor transpose(const Tensor& t, int64_t dim0, int64_t dim1) {
  return view_op("TransposeBackward0", t, rt::transpose(t, dim0, dim1),
                 [dim0, dim1](const Tensor& g) { return ag::transpose(g, dim0, dim1); });
}

Tensor t(const Tensor& x) { return view_op("TBackward0", x, rt::t(x), [](const Tensor& g) { return ag::t(g); }); }

Tensor numpy_T(const Tensor& x) {
  std::vector<int64_t> dims(x.dim());
  std::iota(dims.rbegin(), dims.rend(), 0);
  return ag::permute(x, dims);
}

Tensor movedim(const Tensor& t, int64_t source, int64_t destination) {
  int64_t n = t.dim(), s = rt::wrap_dim(source, n), d = rt::wrap_dim(destination, n);
  std::vector<int64_t> rest, dims;
  for (int64_t i = 0; i < n; ++i)
    if (i != s) rest.push_back(i);
  for (int64_t i = 0, r = 0; i < n; ++i) dims.push_back(i == d ? s : rest[r++]);
  return ag::permute(t, dims);
}

Tensor expand(const Tensor& t, IntArrayRef sizes) {
  return view_op("ExpandBackward0", t, rt::expand(t, sizes),
                 [s = sizes_of(t)](const Tensor& g) { return ag::sum_to(g, s); });
}
Tensor expand_as(const Tensor& t, const Tensor& other) { return ag::expand(t, other.sizes()); }
Tensor broadcast_to(const Tensor& t, IntArrayRef sizes) { return ag::expand(t, sizes); }

Tensor narrow(const Tensor& t, int64_t dim, int64_t start, int64_t length) {
  return view_op("SliceBackward0", t, rt::narrow(t, dim, start, length),
                 embed(t, [=](const Tensor& z) { return rt::narrow(z, dim, start, length); }));
}

Tensor select(const Tensor& t, int64_t dim, int64_t index) {
  return view_op("SelectBackward0", t, rt::select(t, dim, index),
                 embed(t, [=](const Tensor& z) { return rt::select(z, dim, index); }));
}

Tensor slice(const Tensor& t, int64_t dim, std::optional<int64_t> start, std::optional<int64_t> end, int64_t step) {
  return view_op("SliceBackward0", t, rt::slice(t, dim, start, end, step),
                 embed(t, [=](const Tensor& z) { return rt::slice(z, dim, start, end, step); }));
}

Tensor diagonal(const Tensor& t, int64_t offset, int64_t dim1, int64_t dim2) {
  return view_op("DiagonalBackward0", t, rt::diagonal(t, offset, dim1, dim2),
                 embed(t, [=](const Tensor& z) { return rt::diagonal(z, offset, dim1, dim2); }));
}

std::vector<Tensor> unbind(const Tensor& t, int64_t dim) {
  std::vector<Tensor> outs = rt::unbind(t, dim);
  if (GradMode::is_enabled())
    for (auto& o : outs) mark_view(o, t);
  if (!any_requires_grad(t)) return outs;
  int64_t d = rt::wrap_dim(dim, t.dim());
  auto node = make_node("UnbindBackward0", {t});
  node->set_backward([d](FunctionNode&, Grads& g) { return Grads{ag::stack(g, d)}; });
  for (size_t i = 0; i < outs.size(); ++i) set_history(outs[i], node, static_cast<uint32_t>(i));
  return outs;
}

namespace {
// In-place geometry change of a tensor with history: a node for the change
// whose input is the tensor as it was.
void geometry_(Tensor& t, const char* name, const std::function<void(Tensor&)>& change, ViewBackward back) {
  if (!any_requires_grad(t)) return change(t);
  check_inplace(t);
  auto node = make_node(name, {t});
  node->set_backward([back = std::move(back)](FunctionNode&, Grads& g) { return Grads{back(g[0])}; });
  change(t);
  set_history(t, node);
}
}  // namespace

void squeeze_(Tensor& t, std::optional<int64_t> dim) {
  geometry_(t, dim ? "SqueezeBackward1" : "SqueezeBackward0", [&](Tensor& x) { rt::squeeze_(x, dim); },
            reshape_back(t));
}

void unsqueeze_(Tensor& t, int64_t dim) {
  int64_t d = rt::wrap_dim(dim, t.dim() + 1);
  geometry_(t, "UnsqueezeBackward0", [&](Tensor& x) { rt::unsqueeze_(x, dim); },
            [d](const Tensor& g) { return ag::squeeze(g, d); });
}

void transpose_(Tensor& t, int64_t dim0, int64_t dim1) {
  geometry_(t, "TransposeBackward0", [&](Tensor& x) { rt::transpose_(x, dim0, dim1); },
            [dim0, dim1](const Tensor& g) { return ag::transpose(g, dim0, dim1); });
}

}  // namespace tscript::ag
