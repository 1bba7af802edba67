#include "runtime/autograd/record.h"

namespace tscript::ag {

std::string shape_string(IntArrayRef s) {
  std::string r = "[";
  for (size_t i = 0; i < s.size(); ++i) r += (i ? ", " : "") + std::to_string(s[i]);
  return r + "]";
}

IntrusivePtr<FunctionNode> make_node(std::string name, const std::vector<Tensor>& inputs) {
  auto node = IntrusivePtr<FunctionNode>::make(std::move(name));
  connect_inputs(*node, inputs);
  return node;
}

void mark_view(const Tensor& view, const Tensor& base) {
  if (view.storage().get() != base.storage().get() || view.is_same(base)) return;  // a copy, not a view
  auto* m = get_meta(base);
  auto& vm = meta(view);
  vm.view_base = m && m->view_base.defined() ? m->view_base : base;
  vm.view_version = view.version();
}

Tensor view_base_of(const Tensor& t) {
  auto* m = get_meta(t);
  return m ? m->view_base : Tensor();
}

namespace {

struct Geometry {
  rt::DimVector sizes, strides;
  int64_t offset;
  static Geometry of(const Tensor& t) { return {rt::DimVector(t.sizes()), rt::DimVector(t.strides()), t.storage_offset()}; }
};

// A base-shaped gradient laid out in memory like the base, and the view's elements in it.
Tensor laid_out(const Tensor& g, const Geometry& base) {
  Tensor laid = rt::empty_strided(base.sizes, base.strides, rt::TensorOptions(g.dtype()));
  rt::copy_(laid, g);
  return laid;
}
Tensor region(const Tensor& laid, const Geometry& base, const Geometry& view) {
  return rt::as_strided(laid, view.sizes, view.strides, laid.storage_offset() + view.offset - base.offset);
}

}  // namespace

void regenerate_view_history(const Tensor& view, AutogradMeta& m) {
  Geometry gb = Geometry::of(m.view_base), gv = Geometry::of(view);
  auto node = make_node("AsStridedBackward0", {m.view_base});
  node->set_backward([gb, gv](FunctionNode&, Grads& g) {
    Tensor laid = laid_out(rt::zeros(gb.sizes, g[0].dtype()), gb);
    rt::copy_(region(laid, gb, gv), g[0]);
    return Grads{laid};
  });
  m.view_version = view.version();
  set_history(view, node);
}

void copy_slices(const Tensor& base, const Tensor& view, const Tensor& value) {
  Geometry gb = Geometry::of(base), gv = Geometry::of(view);
  auto node = make_node("CopySlices", {base, value});
  node->set_backward([gb, gv](FunctionNode& self, Grads& g) {
    Grads r(2);
    Tensor laid = laid_out(g[0], gb);
    if (needs(self, 1)) r[1] = rt::clone(region(laid, gb, gv));
    if (needs(self, 0)) {
      rt::copy_(region(laid, gb, gv), rt::scalar_tensor(0, rt::TensorOptions(laid.dtype())));
      r[0] = laid;
    }
    return r;
  });
  set_history(base, node);
}

void check_inplace(const Tensor& self) {
  if (!GradMode::is_enabled()) return;
  TS_CHECK(!(requires_grad(self) && is_leaf(self) && !view_base_of(self).defined()),
           "a leaf Variable that requires grad is being used in an in-place operation.");
  Tensor base = view_base_of(self);
  TS_CHECK(!(base.defined() && requires_grad(base) && is_leaf(base)),
           "a view of a leaf Variable that requires grad is being used in an in-place operation.");
}

const Tensor& inplace_via(const Tensor& self, const std::function<Tensor(const Tensor&)>& out_of_place) {
  check_inplace(self);
  // The old value, carrying self's history, for formulas that need it.
  Tensor old = rt::clone(self);
  if (requires_grad(self)) set_history(old, grad_fn(self), output_nr(self));
  Tensor result = out_of_place(old);
  TS_CHECK(result.sizes() == self.sizes(), "output with shape ", shape_string(self.sizes()),
           " doesn't match the broadcast shape ", shape_string(result.sizes()));
  rt::copy_(self, result);
  if (Tensor base = view_base_of(self); base.defined()) {
    copy_slices(base, self, result);
  } else if (auto& fn = grad_fn(result)) {
    set_history(self, fn, output_nr(result));
  }
  return self;
}

Tensor scalar_like(const Scalar& value, const Tensor& like) {
  return rt::scalar_tensor(value, rt::TensorOptions(like.dtype()));
}

Tensor sum_to(const Tensor& g, IntArrayRef sizes) {
  if (g.sizes() == sizes) return g;
  int64_t lead = g.dim() - static_cast<int64_t>(sizes.size());
  std::vector<int64_t> dims;
  for (int64_t i = 0; i < g.dim(); ++i)
    if (i < lead || (sizes[i - lead] == 1 && g.size(i) != 1)) dims.push_back(i);
  Tensor r = dims.empty() ? g : ag::sum(g, dims, /*keepdim=*/true);
  return r.sizes() == sizes ? r : ag::view(r, sizes);
}

}  // namespace tscript::ag
