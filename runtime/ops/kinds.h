// The catalogue of elementwise and reduction primitives. Ops in runtime/ops
// name a kind; every back end implements each kind with the same meaning
// (backends/cpu/kernels.h is the CPU's kernel table).
#pragma once

#include <cstdint>

namespace tscript::rt {

// out = f(in), out has in's dtype (the op casts ints to float first for the
// floating functions).
enum class UnaryOp : uint8_t {
  Neg, Abs, Sign, Square, Floor, Ceil, Round, Trunc, Frac, Relu, BitwiseNot,
  Exp, Exp2, Expm1, Log, Log2, Log10, Log1p, Sqrt, Rsqrt, Reciprocal,
  Sin, Cos, Tan, Asin, Acos, Atan, Sinh, Cosh, Tanh, Sigmoid, Erf, Erfc,
  Gelu, GeluTanh, Silu, Softplus, Mish, LogSigmoid,
};

// out (bool) = f(in).
enum class PredicateOp : uint8_t { LogicalNot, IsNan, IsInf, IsPosInf, IsNegInf, IsFinite, SignBit };

// out = f(a, b): a, b share one dtype; comparisons and logical ops write bool.
enum class BinaryOp : uint8_t {
  Add, Sub, Mul, Div, DivTrunc, DivFloor, Remainder, Fmod, Pow, Maximum, Minimum, Fmax, Fmin, Atan2,
  BitwiseAnd, BitwiseOr, BitwiseXor, LeftShift, RightShift,
  LogicalAnd, LogicalOr, LogicalXor,
  Eq, Ne, Lt, Le, Gt, Ge,
};

constexpr bool writes_bool(BinaryOp op) { return op >= BinaryOp::LogicalAnd; }

// Reductions with one value per output element.
enum class ReduceOp : uint8_t { Sum, Prod, Max, Min, All, Any, NormP, Norm0, NormInf, NormNegInf };

}  // namespace tscript::rt
