// Unary elementwise ops. Each has a functional form and an in-place `name_`
// form (which keeps the tensor's dtype and so rejects e.g. exp_ on ints with
// "result type Float can't be cast to the desired output type Long").
#pragma once

#include "runtime/ops/kinds.h"
#include "runtime/tensor/tensor.h"

namespace tscript::rt {

// X(function name, UnaryOp). Floating functions (exp ... silu) compute in the
// default float dtype for integer and bool inputs.
#define TS_UNARY_OPS(X)                                                                                  \
  X(neg, Neg) X(abs, Abs) X(sign, Sign) X(square, Square) X(floor, Floor) X(ceil, Ceil) X(round, Round) \
  X(trunc, Trunc) X(frac, Frac) X(relu, Relu) X(bitwise_not, BitwiseNot) X(exp, Exp) X(exp2, Exp2)      \
  X(expm1, Expm1) X(log, Log) X(log2, Log2) X(log10, Log10) X(log1p, Log1p) X(sqrt, Sqrt)              \
  X(rsqrt, Rsqrt) X(reciprocal, Reciprocal) X(sin, Sin) X(cos, Cos) X(tan, Tan) X(asin, Asin)          \
  X(acos, Acos) X(atan, Atan) X(sinh, Sinh) X(cosh, Cosh) X(tanh, Tanh) X(sigmoid, Sigmoid) X(erf, Erf) \
  X(erfc, Erfc) X(silu, Silu) X(mish, Mish) X(softplus, Softplus) X(log_sigmoid, LogSigmoid)

#define TS_DECLARE_UNARY(name, kind) \
  Tensor name(const Tensor& x);      \
  const Tensor& name##_(const Tensor& x);
TS_UNARY_OPS(TS_DECLARE_UNARY)
#undef TS_DECLARE_UNARY

// The generic forms the tables above forward to.
Tensor unary(UnaryOp op, const Tensor& x);
const Tensor& unary_(UnaryOp op, const Tensor& x);

// approximate: "none" or "tanh" (F.gelu).
Tensor gelu(const Tensor& x, const std::string& approximate = "none");
Tensor leaky_relu(const Tensor& x, const Scalar& negative_slope = 0.01);
const Tensor& leaky_relu_(const Tensor& x, const Scalar& negative_slope = 0.01);
// round(x, decimals): round(x * 10^d) / 10^d, half to even.
Tensor round(const Tensor& x, int64_t decimals);

// Predicates: bool results.
Tensor logical_not(const Tensor& x);
Tensor isnan(const Tensor& x);
Tensor isinf(const Tensor& x);
Tensor isposinf(const Tensor& x);
Tensor isneginf(const Tensor& x);
Tensor isfinite(const Tensor& x);
Tensor signbit(const Tensor& x);
Tensor predicate(PredicateOp op, const Tensor& x);

}  // namespace tscript::rt
