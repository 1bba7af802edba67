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
  auto* m = get_meta(base);
  meta(view).view_base = m && m->view_base.defined() ? m->view_base : base;
}

void check_inplace(const Tensor& self) {
  if (!GradMode::is_enabled()) return;
  TS_CHECK(!(requires_grad(self) && is_leaf(self)),
           "a leaf Variable that requires grad is being used in an in-place operation.");
  auto* m = get_meta(self);
  if (m && m->view_base.defined() && requires_grad(m->view_base))
    rt::throw_error(rt::ErrorKind::NotImplemented,
                    "in-place modification of a view of a tensor that requires grad is not supported yet; "
                    "use an out-of-place op or clone() the view first");
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
  if (auto& fn = grad_fn(result)) set_history(self, fn, output_nr(result));
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
