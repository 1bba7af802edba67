// Unary elementwise kernels: one functor per UnaryOp / PredicateOp, one driver.
#include <cmath>

#include "backends/cpu/kernels.h"
#include "backends/cpu/loops.h"
#include "backends/cpu/math.h"
#include "runtime/tensor/error.h"

namespace tscript::rt::cpu {
namespace {

template <class C>
inline C sigmoid(C x) {
  return C(1) / (C(1) + std::exp(-x));
}
template <class C>
inline C softplus(C x) {  // beta = 1, threshold = 20 (nn.Softplus defaults)
  return x > C(20) ? x : std::log1p(std::exp(x));
}

// Ops defined for every floating type (C is the opmath type: float or double).
template <class T>
void run_floating(UnaryOp op, const StridedPlan& plan) {
  using C = opmath_t<T>;
  auto run = [&](auto f) { elementwise<T, T>(plan, f); };
  switch (op) {
    case UnaryOp::Neg: return run([](C x) { return -x; });
    case UnaryOp::Abs: return run([](C x) { return std::abs(x); });
    case UnaryOp::Sign: return run([](C x) { return static_cast<C>((C(0) < x) - (x < C(0))); });
    case UnaryOp::Square: return run([](C x) { return x * x; });
    case UnaryOp::Floor: return run([](C x) { return std::floor(x); });
    case UnaryOp::Ceil: return run([](C x) { return std::ceil(x); });
    case UnaryOp::Round: return run([](C x) { return std::nearbyint(x); });  // half to even
    case UnaryOp::Trunc: return run([](C x) { return std::trunc(x); });
    case UnaryOp::Frac: return run([](C x) { return x - std::trunc(x); });
    case UnaryOp::Relu: return run([](C x) { return std::isnan(x) ? x : (x > C(0) ? x : C(0)); });
    case UnaryOp::Exp: return run([](C x) { return std::exp(x); });
    case UnaryOp::Exp2: return run([](C x) { return std::exp2(x); });
    case UnaryOp::Expm1: return run([](C x) { return std::expm1(x); });
    case UnaryOp::Log: return run([](C x) { return std::log(x); });
    case UnaryOp::Log2: return run([](C x) { return std::log2(x); });
    case UnaryOp::Log10: return run([](C x) { return std::log10(x); });
    case UnaryOp::Log1p: return run([](C x) { return std::log1p(x); });
    case UnaryOp::Sqrt: return run([](C x) { return std::sqrt(x); });
    case UnaryOp::Rsqrt: return run([](C x) { return C(1) / std::sqrt(x); });
    case UnaryOp::Reciprocal: return run([](C x) { return C(1) / x; });
    case UnaryOp::Sin: return run([](C x) { return std::sin(x); });
    case UnaryOp::Cos: return run([](C x) { return std::cos(x); });
    case UnaryOp::Tan: return run([](C x) { return std::tan(x); });
    case UnaryOp::Asin: return run([](C x) { return std::asin(x); });
    case UnaryOp::Acos: return run([](C x) { return std::acos(x); });
    case UnaryOp::Atan: return run([](C x) { return std::atan(x); });
    case UnaryOp::Sinh: return run([](C x) { return std::sinh(x); });
    case UnaryOp::Cosh: return run([](C x) { return std::cosh(x); });
    case UnaryOp::Tanh: return run([](C x) { return std::tanh(x); });
    case UnaryOp::Sigmoid: return run([](C x) { return sigmoid(x); });
    case UnaryOp::Erf: return run([](C x) { return std::erf(x); });
    case UnaryOp::Erfc: return run([](C x) { return std::erfc(x); });
    case UnaryOp::Gelu:
      return run([](C x) { return x * C(0.5) * (C(1) + std::erf(x * C(M_SQRT1_2))); });
    case UnaryOp::GeluTanh:
      return run([](C x) {
        const C k = C(M_SQRT2 * M_2_SQRTPI * 0.5);
        return C(0.5) * x * (C(1) + std::tanh(k * (x + C(0.044715) * x * x * x)));
      });
    case UnaryOp::Silu: return run([](C x) { return x / (C(1) + std::exp(-x)); });
    case UnaryOp::Softplus: return run([](C x) { return softplus(x); });
    case UnaryOp::Mish: return run([](C x) { return x * std::tanh(softplus(x)); });
    case UnaryOp::LogSigmoid:
      return run([](C x) { return std::min(x, C(0)) - std::log1p(std::exp(-std::abs(x))); });
    case UnaryOp::BitwiseNot: break;
  }
  TS_ERROR("internal: unary op not defined for floating types");
}

template <class T>
void run_integral(UnaryOp op, const StridedPlan& plan) {
  auto run = [&](auto f) { elementwise<T, T>(plan, f); };
  switch (op) {
    case UnaryOp::Neg: return run([](T x) { return wrapping_neg(x); });
    case UnaryOp::Abs:
      if constexpr (std::is_signed_v<T>) return run([](T x) { return x < 0 ? wrapping_neg(x) : x; });
      else return run([](T x) { return x; });
    case UnaryOp::Sign: return run([](T x) { return static_cast<T>((T(0) < x) - (x < T(0))); });
    case UnaryOp::Square: return run([](T x) { return wrapping_mul(x, x); });
    case UnaryOp::Floor:
    case UnaryOp::Ceil:
    case UnaryOp::Round:
    case UnaryOp::Trunc: return run([](T x) { return x; });
    case UnaryOp::Relu: return run([](T x) { return x > 0 ? x : T(0); });
    case UnaryOp::BitwiseNot: return run([](T x) { return static_cast<T>(~x); });
    default: break;
  }
  TS_ERROR("internal: unary op not defined for integral types");
}

void run_bool(UnaryOp op, const StridedPlan& plan) {
  switch (op) {
    case UnaryOp::Sign: return elementwise<bool, bool>(plan, [](bool x) { return x; });
    case UnaryOp::BitwiseNot: return elementwise<bool, bool>(plan, [](bool x) { return !x; });
    default: break;
  }
  TS_ERROR("internal: unary op not defined for bool");
}

}  // namespace

void unary(UnaryOp op, const Tensor& out, const Tensor& in) {
  if (out.numel() == 0) return;
  StridedPlan plan = make_plan({out, in});
  dispatch_all(in.dtype(), [&]<class T>() {
    if constexpr (is_floating_v<T>) run_floating<T>(op, plan);
    else if constexpr (std::is_same_v<T, bool>) run_bool(op, plan);
    else run_integral<T>(op, plan);
  });
}

void predicate(PredicateOp op, const Tensor& out, const Tensor& in) {
  if (out.numel() == 0) return;
  StridedPlan plan = make_plan({out, in});
  dispatch_all(in.dtype(), [&]<class T>() {
    using C = opmath_t<T>;
    auto run = [&](auto f) { elementwise<bool, T>(plan, f); };
    if constexpr (is_floating_v<T>) {
      switch (op) {
        case PredicateOp::LogicalNot: return run([](C x) { return x == C(0); });
        case PredicateOp::IsNan: return run([](C x) { return std::isnan(x); });
        case PredicateOp::IsInf: return run([](C x) { return std::isinf(x); });
        case PredicateOp::IsPosInf: return run([](C x) { return std::isinf(x) && x > 0; });
        case PredicateOp::IsNegInf: return run([](C x) { return std::isinf(x) && x < 0; });
        case PredicateOp::IsFinite: return run([](C x) { return std::isfinite(x); });
        // copysign rather than std::signbit: GCC 12 ICEs vectorising signbit on BFloat16.
        case PredicateOp::SignBit: return run([](C x) { return std::copysign(C(1), x) < C(0); });
      }
    } else {
      switch (op) {
        case PredicateOp::LogicalNot: return run([](C x) { return x == C(0); });
        case PredicateOp::IsNan:
        case PredicateOp::IsInf:
        case PredicateOp::IsPosInf:
        case PredicateOp::IsNegInf: return run([](C) { return false; });
        case PredicateOp::IsFinite: return run([](C) { return true; });
        case PredicateOp::SignBit: return run([](C x) { return x < C(0); });
      }
    }
  });
}

void leaky_relu(const Tensor& out, const Tensor& in, const Scalar& slope) {
  if (out.numel() == 0) return;
  StridedPlan plan = make_plan({out, in});
  dispatch_all(in.dtype(), [&]<class T>() {
    using C = opmath_t<T>;
    if constexpr (is_floating_v<T>) {
      C s = static_cast<C>(slope.to_double());
      elementwise<T, T>(plan, [s](C x) { return x > C(0) ? x : x * s; });
    } else {
      TS_ERROR("\"leaky_relu_cpu\" not implemented for '", scalar_type_name(dtype_of_v<T>), "'");
    }
  });
}

}  // namespace tscript::rt::cpu
