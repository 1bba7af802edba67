// Binary elementwise ops with their derivatives. Gradients come out in the
// broadcast shape; the engine sums them down to each operand's shape.
#include "runtime/autograd/record.h"

namespace tscript::ag {

namespace {

using Op = BinaryOp;

const char* node_name(Op op, const Tensor& b) {
  switch (op) {
    case Op::Add: return "AddBackward0";
    case Op::Sub: return "SubBackward0";
    case Op::Mul: return "MulBackward0";
    case Op::Div: case Op::DivTrunc: case Op::DivFloor: return "DivBackward0";
    case Op::Remainder: return "RemainderBackward0";
    case Op::Fmod: return "FmodBackward0";
    // A Python number exponent is pow(Tensor, Scalar): PowBackward0.
    case Op::Pow: return b.impl()->is_wrapped_number() ? "PowBackward0" : "PowBackward1";
    case Op::Maximum: return "MaximumBackward0";
    case Op::Minimum: return "MinimumBackward0";
    case Op::Fmax: return "FmaxBackward0";
    case Op::Fmin: return "FminBackward0";
    case Op::Atan2: return "Atan2Backward0";
    default: return nullptr;  // bitwise, logical, comparisons: no derivative
  }
}

bool uses_a(Op op) { return op != Op::Add && op != Op::Sub; }
bool uses_b(Op op) { return op != Op::Add && op != Op::Sub; }

// PyTorch's pow_backward (self) and pow_backward_exponent.
Tensor pow_grad_self(const Tensor& g, const Tensor& a, const Tensor& b) {
  Tensor r = ag::mul(g, ag::mul(b, ag::pow(a, ag::sub(b, scalar_like(1, b)))));
  return ag::where(rt::eq(b, scalar_like(0, b)), scalar_like(0, r), r);
}
Tensor pow_grad_exponent(const Tensor& g, const Tensor& a, const Tensor& b, const Tensor& result) {
  Tensor zero_base = rt::logical_and(rt::eq(a, scalar_like(0, a)), rt::ge(b, scalar_like(0, b)));
  return ag::mul(g, ag::where(zero_base, scalar_like(0, result), ag::mul(result, ag::log(a))));
}

// max/min: the gradient goes to the larger (smaller) operand, split evenly on ties.
Tensor extremum_grad(const Tensor& g, const Tensor& a, const Tensor& b, bool for_a, bool is_max) {
  Tensor halved = ag::where(rt::eq(a, b), ag::div(g, scalar_like(2, g)), g);
  Tensor lose = is_max == for_a ? rt::lt(a, b) : rt::gt(a, b);
  return ag::masked_fill(halved, lose, 0);
}

// fmax/fmin (PyTorch's formula): the whole gradient goes to self where it wins or
// ties, or where other is NaN (the NaN never reaches the result); to other elsewhere.
Tensor nan_extremum_grad(const Tensor& g, const Tensor& a, const Tensor& b, bool for_a, bool is_max) {
  Tensor to_self = rt::logical_or(is_max ? rt::ge(a, b) : rt::le(a, b), rt::isnan(b));
  return ag::masked_fill(g, for_a ? rt::logical_not(to_self) : to_self, 0);
}

Grads binary_grads(Op op, const FunctionNode& self, const Tensor& g, const Tensor& a, const Tensor& b,
                   const Tensor& result, const Scalar& alpha) {
  bool na = needs(self, 0), nb = needs(self, 1);
  Tensor ga, gb;
  auto times_alpha = [&](const Tensor& t) {
    return alpha.to_double() == 1 ? t : ag::mul(t, scalar_like(alpha, t));
  };
  switch (op) {
    case Op::Add:
      ga = g;
      if (nb) gb = times_alpha(g);
      break;
    case Op::Sub:
      ga = g;
      if (nb) gb = times_alpha(ag::neg(g));
      break;
    case Op::Mul:
      if (na) ga = ag::mul(g, b);
      if (nb) gb = ag::mul(g, a);
      break;
    case Op::Div:
      if (na) ga = ag::div(g, b);
      if (nb) gb = ag::mul(ag::neg(g), ag::div(ag::div(a, b), b));
      break;
    case Op::DivTrunc: case Op::DivFloor:
      if (na) ga = rt::zeros_like(g);
      if (nb) gb = rt::zeros_like(g);
      break;
    case Op::Remainder:
      ga = g;
      if (nb) gb = ag::mul(ag::neg(g), rt::floor_divide(a, b));
      break;
    case Op::Fmod:
      ga = g;
      if (nb) gb = ag::mul(ag::neg(g), rt::trunc(rt::div(a, b)));
      break;
    case Op::Pow:
      if (na) ga = pow_grad_self(g, a, b);
      if (nb) gb = pow_grad_exponent(g, a, b, result);
      break;
    case Op::Maximum: case Op::Minimum:
      if (na) ga = extremum_grad(g, a, b, true, op == Op::Maximum);
      if (nb) gb = extremum_grad(g, a, b, false, op == Op::Maximum);
      break;
    case Op::Fmax: case Op::Fmin:
      if (na) ga = nan_extremum_grad(g, a, b, true, op == Op::Fmax);
      if (nb) gb = nan_extremum_grad(g, a, b, false, op == Op::Fmax);
      break;
    case Op::Atan2: {
      Tensor recip = ag::reciprocal(ag::add(ag::mul(a, a), ag::mul(b, b)));
      if (na) ga = ag::mul(ag::mul(g, b), recip);
      if (nb) gb = ag::mul(ag::mul(g, ag::neg(a)), recip);
      break;
    }
    default: break;
  }
  return {na ? ga : Tensor(), nb ? gb : Tensor()};
}

const Tensor& attach(Op op, const Tensor& a, const Tensor& b, const Tensor& out, const Scalar& alpha = 1) {
  const char* name = node_name(op, b);
  if (!name || !any_requires_grad(a, b) || !is_floating(out.dtype())) return out;
  auto node = make_node(name, {a, b});
  set_history(out, node);
  bool save_a = uses_a(op) && requires_grad(b), save_b = uses_b(op) && requires_grad(a);
  if (op == Op::Pow || op == Op::Maximum || op == Op::Minimum || op == Op::Fmax || op == Op::Fmin ||
      op == Op::Atan2 || op == Op::Div)
    save_a = save_b = true;
  node->set_backward([op, alpha, sa = SavedTensor(save_a ? a : Tensor(), false),
                      sb = SavedTensor(save_b ? b : Tensor(), false),
                      so = SavedTensor(op == Op::Pow && requires_grad(b) ? out : Tensor(), true)](
                         FunctionNode& self, Grads& g) {
    return binary_grads(op, self, g[0], sa.unpack(&self), sb.unpack(&self), so.unpack(&self), alpha);
  });
  return out;
}

Tensor wrap(const Scalar& s) { return rt::wrap_scalar(s); }

}  // namespace

Tensor binary(BinaryOp op, const Tensor& a, const Tensor& b, const Scalar& alpha) {
  return attach(op, a, b, rt::binary(op, a, b, alpha), alpha);
}

#define TS_AG_DEFINE_BINARY(name, kind)                                                                   \
  Tensor name(const Tensor& a, const Tensor& b) { return attach(Op::kind, a, b, rt::name(a, b)); }       \
  Tensor name(const Tensor& a, const Scalar& b) { return ag::name(a, wrap(b)); }                         \
  const Tensor& name##_(const Tensor& self, const Tensor& other) {                                       \
    if (!any_requires_grad(self, other)) return rt::name##_(self, other);                                \
    return inplace_via(self, [&](const Tensor& old) { return ag::name(old, other); });                   \
  }                                                                                                       \
  const Tensor& name##_(const Tensor& self, const Scalar& other) { return ag::name##_(self, wrap(other)); }
TS_BINARY_OPS(TS_AG_DEFINE_BINARY)
#undef TS_AG_DEFINE_BINARY

Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha) {
  return attach(Op::Add, a, b, rt::add(a, b, alpha), alpha);
}
Tensor add(const Tensor& a, const Scalar& b, const Scalar& alpha) { return ag::add(a, wrap(b), alpha); }
Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha) {
  return attach(Op::Sub, a, b, rt::sub(a, b, alpha), alpha);
}
Tensor sub(const Tensor& a, const Scalar& b, const Scalar& alpha) { return ag::sub(a, wrap(b), alpha); }

Tensor rsub(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  Tensor out = rt::sub(wrap(other), self, alpha);
  if (!any_requires_grad(self)) return out;
  return record("RsubBackward1", {self}, out, [alpha](FunctionNode&, Grads& g) {
    Tensor r = ag::neg(g[0]);
    return Grads{alpha.to_double() == 1 ? r : ag::mul(r, scalar_like(alpha, r))};
  });
}

const Tensor& add_(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  if (!any_requires_grad(self, other)) return rt::add_(self, other, alpha);
  return inplace_via(self, [&](const Tensor& old) { return ag::add(old, other, alpha); });
}
const Tensor& add_(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  return ag::add_(self, wrap(other), alpha);
}
const Tensor& sub_(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  if (!any_requires_grad(self, other)) return rt::sub_(self, other, alpha);
  return inplace_via(self, [&](const Tensor& old) { return ag::sub(old, other, alpha); });
}
const Tensor& sub_(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  return ag::sub_(self, wrap(other), alpha);
}

Tensor div(const Tensor& a, const Tensor& b, std::optional<std::string> rounding_mode) {
  Tensor out = rt::div(a, b, rounding_mode);
  Op op = !rounding_mode ? Op::Div : *rounding_mode == "floor" ? Op::DivFloor : Op::DivTrunc;
  return attach(op, a, b, out);
}
Tensor div(const Tensor& a, const Scalar& b, std::optional<std::string> rounding_mode) {
  return ag::div(a, wrap(b), std::move(rounding_mode));
}
const Tensor& div_(const Tensor& self, const Tensor& other, std::optional<std::string> rounding_mode) {
  if (!any_requires_grad(self, other)) return rt::div_(self, other, rounding_mode);
  return inplace_via(self, [&](const Tensor& old) { return ag::div(old, other, rounding_mode); });
}
const Tensor& div_(const Tensor& self, const Scalar& other, std::optional<std::string> rounding_mode) {
  return ag::div_(self, wrap(other), std::move(rounding_mode));
}

}  // namespace tscript::ag
