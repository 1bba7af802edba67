// where, clamp, masked_fill/select, lerp, addcmul, addcdiv with their derivatives.
#include "runtime/autograd/record.h"

namespace tscript::ag {

namespace {
Tensor zero_of(const Tensor& g) { return scalar_like(0, g); }
bool uses_scale(const Scalar& v) { return v.to_double() != 1; }
Tensor scaled(const Tensor& t, const Scalar& v) { return uses_scale(v) ? ag::mul(t, scalar_like(v, t)) : t; }
}  // namespace

Tensor where(const Tensor& cond, const Tensor& a, const Tensor& b) {
  Tensor out = rt::where(cond, a, b);
  if (!any_requires_grad(a, b)) return out;
  return record("WhereBackward0", {a, b}, out, [c = SavedTensor(cond, false)](FunctionNode& self, Grads& g) {
    Tensor cond = c.unpack(&self);
    return Grads{needs(self, 0) ? ag::where(cond, g[0], zero_of(g[0])) : Tensor(),
                 needs(self, 1) ? ag::where(cond, zero_of(g[0]), g[0]) : Tensor()};
  });
}

std::vector<Tensor> where(const Tensor& cond) { return rt::where(cond); }

Tensor clamp(const Tensor& x, const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  Tensor out = rt::clamp(x, min, max);
  if (!any_requires_grad(x)) return out;
  return record("ClampBackward1", {x}, out, [sx = SavedTensor(x, false), min, max](FunctionNode& self, Grads& g) {
    Tensor x = sx.unpack(&self);
    Tensor keep;
    if (min) keep = rt::ge(x, scalar_like(*min, x));
    if (max) {
      Tensor below = rt::le(x, scalar_like(*max, x));
      keep = keep.defined() ? rt::logical_and(keep, below) : below;
    }
    return Grads{keep.defined() ? ag::where(keep, g[0], zero_of(g[0])) : g[0]};
  });
}

Tensor clamp(const Tensor& x, const Tensor& min, const Tensor& max) {
  Tensor out = rt::clamp(x, min, max);
  if (!any_requires_grad(x, min, max)) return out;
  return record("ClampBackward0", {x, min, max}, out,
                [sx = SavedTensor(x, false), smin = SavedTensor(min, false), smax = SavedTensor(max, false)](
                    FunctionNode& self, Grads& g) {
                  Tensor x = sx.unpack(&self), lo = smin.unpack(&self), hi = smax.unpack(&self);
                  Tensor z = zero_of(g[0]);
                  Tensor above_lo = lo.defined() ? rt::ge(x, lo) : Tensor();
                  Tensor below_hi = hi.defined() ? rt::le(x, hi) : Tensor();
                  Tensor keep = above_lo.defined() && below_hi.defined() ? rt::logical_and(above_lo, below_hi)
                                : above_lo.defined()                      ? above_lo
                                                                          : below_hi;
                  // Where min > max the result is max (PyTorch's clamp_backward_min_max).
                  Tensor to_lo = lo.defined() ? rt::logical_not(above_lo) : Tensor();
                  Tensor to_hi = hi.defined() ? rt::logical_not(below_hi) : Tensor();
                  if (lo.defined() && hi.defined()) {
                    to_lo = rt::logical_and(to_lo, rt::lt(lo, hi));
                    to_hi = rt::logical_or(to_hi, rt::lt(hi, lo));
                  }
                  Grads r(3);
                  r[0] = keep.defined() ? ag::where(keep, g[0], z) : g[0];
                  if (lo.defined() && needs(self, 1)) r[1] = ag::where(to_lo, g[0], z);
                  if (hi.defined() && needs(self, 2)) r[2] = ag::where(to_hi, g[0], z);
                  return r;
                });
}

const Tensor& clamp_(const Tensor& x, const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  if (!any_requires_grad(x)) return rt::clamp_(x, min, max);
  return inplace_via(x, [&](const Tensor& old) { return ag::clamp(old, min, max); });
}

Tensor masked_fill(const Tensor& x, const Tensor& mask, const Scalar& value) {
  Tensor out = rt::masked_fill(x, mask, value);
  if (!any_requires_grad(x)) return out;
  return record("MaskedFillBackward0", {x}, out, [m = SavedTensor(mask, false)](FunctionNode& self, Grads& g) {
    return Grads{ag::masked_fill(g[0], m.unpack(&self), 0)};
  });
}

Tensor masked_fill(const Tensor& x, const Tensor& mask, const Tensor& value) {
  Tensor out = rt::masked_fill(x, mask, value);
  if (!any_requires_grad(x, value)) return out;
  return record("MaskedFillBackward1", {x, value}, out, [m = SavedTensor(mask, false)](FunctionNode& self, Grads& g) {
    Tensor mask = m.unpack(&self);
    Grads r{ag::masked_fill(g[0], mask, 0), Tensor()};
    if (needs(self, 1)) r[1] = ag::sum(ag::where(mask, g[0], zero_of(g[0])));
    return r;
  });
}

const Tensor& masked_fill_(const Tensor& x, const Tensor& mask, const Scalar& value) {
  if (!any_requires_grad(x)) return rt::masked_fill_(x, mask, value);
  return inplace_via(x, [&](const Tensor& old) { return ag::masked_fill(old, mask, value); });
}

const Tensor& masked_fill_(const Tensor& x, const Tensor& mask, const Tensor& value) {
  if (!any_requires_grad(x, value)) return rt::masked_fill_(x, mask, value);
  return inplace_via(x, [&](const Tensor& old) { return ag::masked_fill(old, mask, value); });
}

Tensor masked_select(const Tensor& x, const Tensor& mask) {
  Tensor out = rt::masked_select(x, mask);
  if (!any_requires_grad(x)) return out;
  return record("MaskedSelectBackward0", {x}, out,
                [m = SavedTensor(mask, false), sizes = TensorMeta::of(x)](FunctionNode& self, Grads& g) {
                  Tensor mask = m.unpack(&self);
                  rt::DimVector shape = rt::broadcast_shapes(sizes.sizes, mask.sizes());
                  Tensor full = rt::zeros(shape, g[0].dtype());
                  return Grads{ag::index_put_(full, std::vector<Tensor>{rt::expand(mask, shape)}, g[0], true)};
                });
}

Tensor lerp(const Tensor& x, const Tensor& end, const Scalar& weight) {
  Tensor out = rt::lerp(x, end, weight);
  if (!any_requires_grad(x, end)) return out;
  return record("LerpBackward0", {x, end}, out, [weight](FunctionNode&, Grads& g) {
    return Grads{ag::mul(g[0], scalar_like(1 - weight.to_double(), g[0])), ag::mul(g[0], scalar_like(weight, g[0]))};
  });
}

Tensor addcmul(const Tensor& x, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  Tensor out = rt::addcmul(x, t1, t2, value);
  if (!any_requires_grad(x, t1, t2)) return out;
  return record("AddcmulBackward0", {x, t1, t2}, out,
                [s1 = SavedTensor(t1, false), s2 = SavedTensor(t2, false), value](FunctionNode& self, Grads& g) {
                  Tensor a = s1.unpack(&self), b = s2.unpack(&self);
                  return Grads{g[0], needs(self, 1) ? ag::mul(g[0], scaled(b, value)) : Tensor(),
                               needs(self, 2) ? ag::mul(g[0], scaled(a, value)) : Tensor()};
                });
}

Tensor addcdiv(const Tensor& x, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  Tensor out = rt::addcdiv(x, t1, t2, value);
  if (!any_requires_grad(x, t1, t2)) return out;
  return record("AddcdivBackward0", {x, t1, t2}, out,
                [s1 = SavedTensor(t1, false), s2 = SavedTensor(t2, false), value](FunctionNode& self, Grads& g) {
                  Tensor a = s1.unpack(&self), b = s2.unpack(&self);
                  Grads r{g[0], Tensor(), Tensor()};
                  if (needs(self, 1)) r[1] = ag::div(scaled(g[0], value), b);
                  if (needs(self, 2)) r[2] = ag::mul(ag::neg(scaled(g[0], value)), ag::div(a, ag::mul(b, b)));
                  return r;
                });
}

const Tensor& addcmul_(const Tensor& x, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  if (!any_requires_grad(x, t1, t2)) return rt::addcmul_(x, t1, t2, value);
  return inplace_via(x, [&](const Tensor& old) { return ag::addcmul(old, t1, t2, value); });
}

const Tensor& addcdiv_(const Tensor& x, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  if (!any_requires_grad(x, t1, t2)) return rt::addcdiv_(x, t1, t2, value);
  return inplace_via(x, [&](const Tensor& old) { return ag::addcdiv(old, t1, t2, value); });
}

}  // namespace tscript::ag
