// Copies, dtype/device conversions and fills with their derivatives.
#include "runtime/autograd/record.h"

namespace tscript::ag {

Tensor clone(const Tensor& t) {
  Tensor out = rt::clone(t);
  if (!any_requires_grad(t)) return out;
  return record("CloneBackward0", {t}, out, [](FunctionNode&, Grads& g) { return Grads{g[0]}; });
}

Tensor contiguous(const Tensor& t) { return t.is_contiguous() ? t : ag::clone(t); }

namespace {
Tensor to_copy(const Tensor& t, Tensor out) {
  if (out.is_same(t) || !any_requires_grad(t)) return out;
  return record("ToCopyBackward0", {t}, out, [dtype = t.dtype()](FunctionNode&, Grads& g) {
    return Grads{ag::to(g[0], dtype)};
  });
}
}  // namespace

Tensor to(const Tensor& t, DType dtype, bool copy) { return to_copy(t, rt::to(t, dtype, copy)); }

Tensor to(const Tensor& t, Device device, std::optional<DType> dtype, bool copy) {
  return to_copy(t, rt::to(t, device, dtype, copy));
}

const Tensor& copy_(const Tensor& dst, const Tensor& src) {
  if (!any_requires_grad(dst, src)) return rt::copy_(dst, src);
  check_inplace(dst);
  if (Tensor base = view_base_of(dst); base.defined()) {
    rt::copy_(dst, src);
    copy_slices(base, dst, ag::expand(ag::to(src, dst.dtype()), dst.sizes()));
    return dst;
  }
  auto node = make_node("CopyBackwards", {dst, src});
  node->set_backward([](FunctionNode& self, Grads& g) {
    return Grads{needs(self, 0) ? rt::zeros_like(g[0]) : Tensor(), g[0]};
  });
  rt::copy_(dst, src);
  set_history(dst, node);
  return dst;
}

namespace {
// The tensor's new value no longer depends on its old one: zero gradient.
const Tensor& overwrite(const Tensor& t, const char* name, const Tensor& value) {
  if (!any_requires_grad(t)) return rt::copy_(t, value);
  check_inplace(t);
  if (Tensor base = view_base_of(t); base.defined()) {
    rt::copy_(t, value);
    copy_slices(base, t, rt::expand(value, t.sizes()));
    return t;
  }
  auto node = make_node(name, {t});
  node->set_backward([](FunctionNode&, Grads& g) { return Grads{rt::zeros_like(g[0])}; });
  rt::copy_(t, value);
  set_history(t, node);
  return t;
}
}  // namespace

const Tensor& zero_(const Tensor& t) {
  return overwrite(t, "ZeroBackward0", rt::scalar_tensor(0, rt::TensorOptions(t.dtype())));
}

const Tensor& fill_(const Tensor& t, const Scalar& value) {
  return overwrite(t, "FillBackward0", rt::scalar_tensor(value, rt::TensorOptions(t.dtype())));
}

}  // namespace tscript::ag
