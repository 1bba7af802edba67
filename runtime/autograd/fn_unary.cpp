// Unary elementwise ops and activations with their derivatives (PyTorch's formulas
// from derivatives.yaml, in its operation order, so float results agree).
#include <cmath>

#include "runtime/autograd/record.h"

namespace tscript::ag {

namespace {

using Op = UnaryOp;

struct UnaryInfo {
  const char* node;  // null: not differentiable (integer-only ops)
  bool uses_input;
  bool uses_result;
};

UnaryInfo info(Op op) {
  switch (op) {
    case Op::Neg: return {"NegBackward0", false, false};
    case Op::Abs: return {"AbsBackward0", true, false};
    case Op::Sign: return {"SignBackward0", false, false};
    case Op::Square: return {"PowBackward0", true, false};
    case Op::Floor: return {"FloorBackward0", false, false};
    case Op::Ceil: return {"CeilBackward0", false, false};
    case Op::Round: return {"RoundBackward0", false, false};
    case Op::Trunc: return {"TruncBackward0", false, false};
    case Op::Frac: return {"FracBackward0", false, false};
    case Op::Relu: return {"ReluBackward0", false, true};
    case Op::BitwiseNot: return {nullptr, false, false};
    case Op::Exp: return {"ExpBackward0", false, true};
    case Op::Exp2: return {"Exp2Backward0", false, true};
    case Op::Expm1: return {"Expm1Backward0", false, true};
    case Op::Log: return {"LogBackward0", true, false};
    case Op::Log2: return {"Log2Backward0", true, false};
    case Op::Log10: return {"Log10Backward0", true, false};
    case Op::Log1p: return {"Log1PBackward0", true, false};
    case Op::Sqrt: return {"SqrtBackward0", false, true};
    case Op::Rsqrt: return {"RsqrtBackward0", false, true};
    case Op::Reciprocal: return {"ReciprocalBackward0", false, true};
    case Op::Sin: return {"SinBackward0", true, false};
    case Op::Cos: return {"CosBackward0", true, false};
    case Op::Tan: return {"TanBackward0", false, true};
    case Op::Asin: return {"AsinBackward0", true, false};
    case Op::Acos: return {"AcosBackward0", true, false};
    case Op::Atan: return {"AtanBackward0", true, false};
    case Op::Sinh: return {"SinhBackward0", true, false};
    case Op::Cosh: return {"CoshBackward0", true, false};
    case Op::Tanh: return {"TanhBackward0", false, true};
    case Op::Sigmoid: return {"SigmoidBackward0", false, true};
    case Op::Erf: return {"ErfBackward0", true, false};
    case Op::Erfc: return {"ErfcBackward0", true, false};
    case Op::Gelu: case Op::GeluTanh: return {"GeluBackward0", true, false};
    case Op::Silu: return {"SiluBackward0", true, false};
    case Op::Softplus: return {"SoftplusBackward0", true, false};
    case Op::Mish: return {"MishBackward0", true, false};
    case Op::LogSigmoid: return {"LogSigmoidBackward0", true, false};
  }
  return {nullptr, false, false};
}

Tensor num(double v, const Tensor& like) { return scalar_like(v, like); }

// 1 - t, as PyTorch's kernels compute it.
Tensor one_minus(const Tensor& t) { return ag::rsub(t, 1); }

Tensor gelu_grad(const Tensor& g, const Tensor& x, bool tanh_approx) {
  if (!tanh_approx) {
    // cdf + x * pdf
    Tensor cdf = ag::mul(ag::add(ag::erf(ag::mul(x, num(M_SQRT1_2, x))), num(1, x)), num(0.5, x));
    Tensor pdf = ag::mul(ag::exp(ag::mul(ag::mul(x, x), num(-0.5, x))), num(0.5 * M_2_SQRTPI * M_SQRT1_2, x));
    return ag::mul(g, ag::add(cdf, ag::mul(x, pdf)));
  }
  const double beta = M_SQRT2 * M_2_SQRTPI * 0.5, kappa = 0.044715;
  Tensor x_sq = ag::mul(x, x);
  Tensor inner = ag::mul(ag::add(x, ag::mul(ag::mul(x_sq, x), num(kappa, x))), num(beta, x));
  Tensor th = ag::tanh(inner);
  Tensor left = ag::mul(x, num(0.5, x));
  Tensor left_d = ag::mul(ag::add(th, num(1, x)), num(0.5, x));
  Tensor inner_d = ag::mul(ag::add(ag::mul(x_sq, num(3 * kappa, x)), num(1, x)), num(beta, x));
  Tensor right_d = ag::mul(ag::mul(left, one_minus(ag::mul(th, th))), inner_d);
  return ag::mul(g, ag::add(left_d, right_d));
}

Tensor unary_grad(Op op, const Tensor& g, const Tensor& x, const Tensor& y) {
  switch (op) {
    case Op::Neg: return ag::neg(g);
    case Op::Abs: return ag::mul(g, ag::sign(x));
    case Op::Sign: case Op::Floor: case Op::Ceil: case Op::Round: case Op::Trunc: return rt::zeros_like(g);
    case Op::Square: return ag::mul(g, ag::mul(x, num(2, x)));
    case Op::Frac: return g;
    case Op::Relu: return ag::where(rt::le(y, num(0, y)), num(0, g), g);
    case Op::Exp: return ag::mul(g, y);
    case Op::Exp2: return ag::mul(g, ag::mul(y, num(M_LN2, y)));
    case Op::Expm1: return ag::mul(g, ag::add(y, num(1, y)));
    case Op::Log: return ag::div(g, x);
    case Op::Log2: return ag::div(g, ag::mul(x, num(M_LN2, x)));
    case Op::Log10: return ag::div(g, ag::mul(x, num(M_LN10, x)));
    case Op::Log1p: return ag::div(g, ag::add(x, num(1, x)));
    case Op::Sqrt: return ag::div(g, ag::mul(y, num(2, y)));
    case Op::Rsqrt: return ag::mul(ag::mul(g, num(-0.5, g)), ag::pow(y, num(3, y)));
    case Op::Reciprocal: return ag::mul(ag::neg(g), ag::mul(y, y));
    case Op::Sin: return ag::mul(g, ag::cos(x));
    case Op::Cos: return ag::mul(g, ag::neg(ag::sin(x)));
    case Op::Tan: return ag::mul(g, ag::add(ag::pow(y, num(2, y)), num(1, y)));
    case Op::Asin: return ag::mul(g, ag::rsqrt(ag::add(ag::mul(ag::neg(x), x), num(1, x))));
    case Op::Acos: return ag::mul(g, ag::neg(ag::rsqrt(ag::add(ag::mul(ag::neg(x), x), num(1, x)))));
    case Op::Atan: return ag::div(g, ag::add(ag::mul(x, x), num(1, x)));
    case Op::Sinh: return ag::mul(g, ag::cosh(x));
    case Op::Cosh: return ag::mul(g, ag::sinh(x));
    case Op::Tanh: return ag::mul(g, one_minus(ag::mul(y, y)));
    case Op::Sigmoid: return ag::mul(ag::mul(g, one_minus(y)), y);
    case Op::Erf: return ag::mul(ag::mul(ag::exp(ag::neg(ag::mul(x, x))), num(M_2_SQRTPI, x)), g);
    case Op::Erfc: return ag::mul(ag::mul(ag::exp(ag::neg(ag::mul(x, x))), num(-M_2_SQRTPI, x)), g);
    case Op::Gelu: return gelu_grad(g, x, false);
    case Op::GeluTanh: return gelu_grad(g, x, true);
    case Op::Silu: {
      Tensor s = ag::sigmoid(x);
      return ag::mul(ag::mul(g, s), ag::add(ag::mul(x, one_minus(s)), num(1, x)));
    }
    case Op::Softplus: {
      Tensor z = ag::exp(x);
      return ag::where(rt::gt(x, num(20, x)), g, ag::div(ag::mul(g, z), ag::add(z, num(1, z))));
    }
    case Op::Mish: {
      Tensor s = ag::sigmoid(x), ts = ag::tanh(ag::softplus(x));
      return ag::mul(g, ag::add(ts, ag::mul(ag::mul(x, s), one_minus(ag::mul(ts, ts)))));
    }
    case Op::LogSigmoid: return ag::mul(g, ag::sigmoid(ag::neg(x)));
    case Op::BitwiseNot: break;
  }
  return Tensor();
}

// Attaches op's node to y = op(x) when x requires grad.
const Tensor& attach(Op op, const Tensor& x, const Tensor& y) {
  UnaryInfo i = info(op);
  if (!i.node || !any_requires_grad(x)) return y;
  auto node = make_node(i.node, {x});
  set_history(y, node);
  node->set_backward([op, sx = SavedTensor(i.uses_input ? x : Tensor(), false),
                      sy = SavedTensor(i.uses_result ? y : Tensor(), true)](FunctionNode& self, Grads& g) {
    return Grads{unary_grad(op, g[0], sx.unpack(&self), sy.unpack(&self))};
  });
  return y;
}

}  // namespace

Tensor unary(UnaryOp op, const Tensor& x) { return attach(op, x, rt::unary(op, x)); }

#define TS_AG_DEFINE_UNARY(name, kind)                                                     \
  Tensor name(const Tensor& x) { return attach(Op::kind, x, rt::name(x)); }               \
  const Tensor& name##_(const Tensor& x) {                                                 \
    if (!any_requires_grad(x)) return rt::name##_(x);                                      \
    return inplace_via(x, [](const Tensor& old) { return ag::name(old); });               \
  }
TS_UNARY_OPS(TS_AG_DEFINE_UNARY)
#undef TS_AG_DEFINE_UNARY

Tensor round(const Tensor& x, int64_t decimals) { return attach(Op::Round, x, rt::round(x, decimals)); }

Tensor gelu(const Tensor& x, const std::string& approximate) {
  return attach(approximate == "tanh" ? Op::GeluTanh : Op::Gelu, x, rt::gelu(x, approximate));
}

Tensor leaky_relu(const Tensor& x, const Scalar& negative_slope) {
  Tensor y = rt::leaky_relu(x, negative_slope);
  if (!any_requires_grad(x)) return y;
  return record("LeakyReluBackward0", {x}, y, [sx = SavedTensor(x, false), negative_slope](FunctionNode& self, Grads& g) {
    Tensor x = sx.unpack(&self);
    return Grads{ag::where(rt::gt(x, scalar_like(0, x)), g[0], ag::mul(g[0], scalar_like(negative_slope, g[0])))};
  });
}

const Tensor& leaky_relu_(const Tensor& x, const Scalar& negative_slope) {
  if (!any_requires_grad(x)) return rt::leaky_relu_(x, negative_slope);
  return inplace_via(x, [&](const Tensor& old) { return ag::leaky_relu(old, negative_slope); });
}

}  // namespace tscript::ag
