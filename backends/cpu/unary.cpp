// Unary elementwise kernels: one functor per UnaryOp / PredicateOp, one driver.
#include <algorithm>
#include <bit>
#include <cmath>

#include "backends/cpu/kernels.h"
#include "backends/cpu/loops.h"
#include "backends/cpu/math.h"
#include "backends/cpu/sleef_float.h"
#include "runtime/tensor/error.h"

namespace tscript::rt::cpu {
namespace {

// ---- float32 kernels that reproduce PyTorch 1.13's CPU results bit for bit.
// PyTorch evaluates these through Vectorized<float> (SLEEF, see sleef_float.h)
// and, for ops built on cpu_kernel_vec, a scalar std:: formula for the tail of
// each run; the drivers below walk runs the same way.

// Ops PyTorch runs through vml::v<op> (every element takes the vector code).
template <class F>
void float_vml(const StridedPlan& plan, const F& f) {
  elementwise<float, float>(plan, f);
}

// vml sin/cos/tan: SLEEF picks the argument reduction per 8-lane vector, and
// vml::map forms vectors from the start of each run (zero-padded tail).
template <class F>
void float_vml_trig(const StridedPlan& plan, const F& f) {
  for_each_run(plan, [&](char** p, const int64_t* s, int64_t n) {
    for (int64_t g = 0; g < n; g += 8) {
      const int64_t m = std::min<int64_t>(8, n - g);
      bool wide = false;
      for (int64_t k = 0; k < m; ++k) wide = wide || sleef::trig_lane_is_wide(*reinterpret_cast<const float*>(p[1] + (g + k) * s[1]));
      for (int64_t k = 0; k < m; ++k) {
        float x = *reinterpret_cast<const float*>(p[1] + (g + k) * s[1]);
        *reinterpret_cast<float*>(p[0] + (g + k) * s[0]) = f(x, wide);
      }
    }
  });
}

// ATen's cpu_kernel_vec (Loops.h vectorized_loop): in a contiguous run, or one
// whose input is a broadcast scalar, the leading multiple of 2*8 elements gets
// the vector formula and the remainder the scalar one; other runs are scalar.
template <class V, class S>
void float_vec_scalar_tail(const StridedPlan& plan, const V& vec, const S& scalar) {
  for_each_run(plan, [&](char** p, const int64_t* s, int64_t n) {
    const bool vectorised = s[0] == int64_t{sizeof(float)} && (s[1] == int64_t{sizeof(float)} || s[1] == 0);
    const int64_t nvec = vectorised ? n / 16 * 16 : 0;
    auto at = [&](int64_t i) { return *reinterpret_cast<const float*>(p[1] + i * s[1]); };
    auto put = [&](int64_t i, float v) { *reinterpret_cast<float*>(p[0] + i * s[0]) = v; };
    for (int64_t i = 0; i < nvec; ++i) put(i, vec(at(i)));
    for (int64_t i = nvec; i < n; ++i) put(i, scalar(at(i)));
  });
}

// ATen's log_sigmoid_cpu_kernel: min(x, 0) - log1p(exp(-|x|)) with
// vec::minimum (NaN-propagating) and SLEEF, every element through the vector code.
inline float torch_vec_log_sigmoid(float x) {
  const float m = std::isnan(x) ? std::bit_cast<float>(0xffffffffu) : std::min(x, 0.0f);
  return m - sleef::log1p(sleef::exp(-std::fabs(x)));
}

// Returns true when the op was handled by a bit-exact float32 kernel.
bool run_float_exact(UnaryOp op, const StridedPlan& plan) {
  using namespace sleef;
  auto libm_sigmoid = [](float x) { return 1.0f / (1.0f + std::exp(-x)); };
  switch (op) {
    case UnaryOp::Exp: float_vml(plan, [](float x) { return sleef::exp(x); }); return true;
    case UnaryOp::Expm1: float_vml(plan, [](float x) { return sleef::expm1(x); }); return true;
    case UnaryOp::Log: float_vml(plan, [](float x) { return sleef::log(x); }); return true;
    case UnaryOp::Log2: float_vml(plan, [](float x) { return sleef::log2(x); }); return true;
    case UnaryOp::Log10: float_vml(plan, [](float x) { return sleef::log10(x); }); return true;
    case UnaryOp::Log1p: float_vml(plan, [](float x) { return sleef::log1p(x); }); return true;
    case UnaryOp::Tanh: float_vml(plan, [](float x) { return sleef::tanh(x); }); return true;
    case UnaryOp::Atan: float_vml(plan, [](float x) { return sleef::atan(x); }); return true;
    case UnaryOp::Asin: float_vml(plan, [](float x) { return sleef::asin(x); }); return true;
    case UnaryOp::Acos: float_vml(plan, [](float x) { return sleef::acos(x); }); return true;
    case UnaryOp::Erf: float_vml(plan, [](float x) { return sleef::erf(x); }); return true;
    case UnaryOp::Erfc: float_vml(plan, [](float x) { return sleef::erfc(x); }); return true;
    case UnaryOp::Sin: float_vml_trig(plan, [](float x, bool w) { return sleef::sin(x, w); }); return true;
    case UnaryOp::Cos: float_vml_trig(plan, [](float x, bool w) { return sleef::cos(x, w); }); return true;
    case UnaryOp::Tan: float_vml_trig(plan, [](float x, bool w) { return sleef::tan(x, w); }); return true;
    case UnaryOp::Sinh:
      float_vec_scalar_tail(plan, [](float x) { return sleef::sinh(x); }, [](float x) { return std::sinh(x); });
      return true;
    case UnaryOp::Cosh:
      float_vec_scalar_tail(plan, [](float x) { return sleef::cosh(x); }, [](float x) { return std::cosh(x); });
      return true;
    case UnaryOp::Sigmoid:
      float_vec_scalar_tail(plan, [](float x) { return 1.0f / (sleef::exp(0.0f - x) + 1.0f); }, libm_sigmoid);
      return true;
    case UnaryOp::Silu:
      float_vec_scalar_tail(
          plan, [](float x) { return x / (1.0f + sleef::exp(-x)); }, [](float x) { return x / (1.0f + std::exp(-x)); });
      return true;
    case UnaryOp::Softplus:  // beta = 1, threshold = 20
      float_vec_scalar_tail(
          plan, [](float x) { return x > 20.0f ? x : sleef::log1p(sleef::exp(x)); },
          [](float x) { return x > 20.0f ? x : std::log1p(std::exp(x)); });
      return true;
    case UnaryOp::Mish:
      float_vec_scalar_tail(
          plan, [](float x) { return x * sleef::tanh(sleef::log1p(sleef::exp(x))); },
          [](float x) { return x * std::tanh(std::log1p(std::exp(x))); });
      return true;
    case UnaryOp::Gelu: {
      const float alpha = static_cast<float>(M_SQRT1_2);
      float_vec_scalar_tail(
          plan, [alpha](float x) { return x * 0.5f * (1.0f + sleef::erf(x * alpha)); },
          [alpha](float x) { return 0.5f * x * (1.0f + std::erf(x * alpha)); });
      return true;
    }
    case UnaryOp::GeluTanh: {
      const float beta = static_cast<float>(M_SQRT2 * M_2_SQRTPI * 0.5), kappa = 0.044715f;
      float_vec_scalar_tail(
          plan,
          [=](float x) { return 0.5f * x * (1.0f + sleef::tanh(beta * (x + kappa * (x * x * x)))); },
          [=](float x) { return 0.5f * x * (1.0f + std::tanh(beta * (x + kappa * (x * x * x)))); });
      return true;
    }
    case UnaryOp::LogSigmoid: float_vml(plan, [](float x) { return torch_vec_log_sigmoid(x); }); return true;
    default: return false;
  }
}

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
  if constexpr (std::is_same_v<T, float>) {
    if (run_float_exact(op, plan)) return;
  }
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
