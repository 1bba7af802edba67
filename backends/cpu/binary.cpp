// Binary elementwise kernels: a functor per BinaryOp, dispatched per dtype.
#include <cmath>

#include "backends/cpu/kernels.h"
#include "backends/cpu/loops.h"
#include "backends/cpu/math.h"
#include "runtime/tensor/error.h"

namespace tscript::rt::cpu {
namespace {

[[noreturn]] void not_implemented(const char* name, DType dtype) {
  TS_ERROR("\"", name, "_cpu\" not implemented for '", scalar_type_name(dtype), "'");
}

// Comparisons and logical ops: any T, bool out.
template <class T>
bool run_predicate(BinaryOp op, const StridedPlan& plan) {
  using C = opmath_t<T>;
  auto run = [&](auto f) { elementwise<bool, T, T>(plan, f); };
  switch (op) {
    case BinaryOp::Eq: run([](C a, C b) { return a == b; }); return true;
    case BinaryOp::Ne: run([](C a, C b) { return a != b; }); return true;
    case BinaryOp::Lt: run([](C a, C b) { return a < b; }); return true;
    case BinaryOp::Le: run([](C a, C b) { return a <= b; }); return true;
    case BinaryOp::Gt: run([](C a, C b) { return a > b; }); return true;
    case BinaryOp::Ge: run([](C a, C b) { return a >= b; }); return true;
    case BinaryOp::LogicalAnd: run([](C a, C b) { return (a != C(0)) && (b != C(0)); }); return true;
    case BinaryOp::LogicalOr: run([](C a, C b) { return (a != C(0)) || (b != C(0)); }); return true;
    case BinaryOp::LogicalXor: run([](C a, C b) { return (a != C(0)) != (b != C(0)); }); return true;
    default: return false;
  }
}

// a * b + c rounded once, as PyTorch's vectorised fmadd. Without FMA instructions in
// the build, float goes through double (the product is exact there; the one extra
// rounding differs from fmaf only at exact float midpoints) instead of libm's slow
// out-of-line fmaf.
template <class C>
inline C fused_mul_add(C a, C b, C c) {
#ifdef __FMA__
  return std::fma(a, b, c);
#else
  if constexpr (std::is_same_v<C, float>) return static_cast<float>(static_cast<double>(a) * b + c);
  else return std::fma(a, b, c);
#endif
}

// out = a + alpha * b over float32 with one rounding (PyTorch's vectorised fmadd). The
// baseline build has no FMA instructions; where the CPU has them, contiguous runs use a
// copy of the loop compiled for AVX2+FMA, chosen at run time.
#if defined(__x86_64__) && !defined(__FMA__)
__attribute__((target("avx2,fma"))) void axpy_fma(float* out, const float* a, const float* b, float alpha,
                                                  int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = __builtin_fmaf(b[i], alpha, a[i]);
}
bool cpu_has_fma() {
  static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return has;
}
#endif

void axpy_float(const StridedPlan& plan, float alpha) {
  for_each_run(plan, [alpha](char** p, const int64_t* s, int64_t n) {
#if defined(__x86_64__) && !defined(__FMA__)
    if (s[0] == 4 && s[1] == 4 && s[2] == 4 && cpu_has_fma())
      return axpy_fma(reinterpret_cast<float*>(p[0]), reinterpret_cast<const float*>(p[1]),
                      reinterpret_cast<const float*>(p[2]), alpha, n);
#endif
    for (int64_t i = 0; i < n; ++i) {
      float x = *reinterpret_cast<const float*>(p[1] + i * s[1]), y = *reinterpret_cast<const float*>(p[2] + i * s[2]);
      *reinterpret_cast<float*>(p[0] + i * s[0]) = fused_mul_add(y, alpha, x);
    }
  });
}

template <class T>
void run_floating(BinaryOp op, const StridedPlan& plan, const Scalar& alpha) {
  using C = opmath_t<T>;
  auto run = [&](auto f) { elementwise<T, T, T>(plan, f); };
  const C al = static_cast<C>(alpha.to_double());
  switch (op) {
    case BinaryOp::Add:
      // One rounding, as PyTorch's kernels compute a + alpha * b (fmadd).
      if (al == C(1)) return run([](C a, C b) { return a + b; });
      if constexpr (std::is_same_v<T, float>) return axpy_float(plan, al);
      return run([al](C a, C b) { return fused_mul_add(b, al, a); });
    case BinaryOp::Sub:
      if (al == C(1)) return run([](C a, C b) { return a - b; });
      if constexpr (std::is_same_v<T, float>) return axpy_float(plan, -al);
      return run([al](C a, C b) { return fused_mul_add(b, -al, a); });
    case BinaryOp::Mul: return run([](C a, C b) { return a * b; });
    case BinaryOp::Div: return run([](C a, C b) { return a / b; });
    case BinaryOp::DivTrunc: return run([](C a, C b) { return std::trunc(a / b); });
    case BinaryOp::DivFloor: return run([](C a, C b) { return float_floor_div(a, b); });
    case BinaryOp::Remainder: return run([](C a, C b) { return float_remainder(a, b); });
    case BinaryOp::Fmod: return run([](C a, C b) { return std::fmod(a, b); });
    case BinaryOp::Pow: return run([](C a, C b) { return std::pow(a, b); });
    case BinaryOp::Maximum: return run([](C a, C b) { return (std::isnan(a) || a > b) ? a : b; });
    case BinaryOp::Minimum: return run([](C a, C b) { return (std::isnan(a) || a < b) ? a : b; });
    case BinaryOp::Fmax: return run([](C a, C b) { return std::fmax(a, b); });
    case BinaryOp::Fmin: return run([](C a, C b) { return std::fmin(a, b); });
    case BinaryOp::Atan2: return run([](C a, C b) { return std::atan2(a, b); });
    case BinaryOp::BitwiseAnd: not_implemented("bitwise_and", dtype_of_v<T>);
    case BinaryOp::BitwiseOr: not_implemented("bitwise_or", dtype_of_v<T>);
    case BinaryOp::BitwiseXor: not_implemented("bitwise_xor", dtype_of_v<T>);
    case BinaryOp::LeftShift: not_implemented("lshift", dtype_of_v<T>);
    case BinaryOp::RightShift: not_implemented("rshift", dtype_of_v<T>);
    default: break;
  }
  TS_ERROR("internal: binary op not defined for floating types");
}

template <class T>
void run_integral(BinaryOp op, const StridedPlan& plan, const Scalar& alpha) {
  auto run = [&](auto f) { elementwise<T, T, T>(plan, f); };
  const T al = alpha.to<T>();
  constexpr int bits = 8 * sizeof(T);
  auto check_zero = [](T b) {
    if (b == 0) TS_ERROR("ZeroDivisionError");
  };
  switch (op) {
    case BinaryOp::Add:
      if (al == 1) return run([](T a, T b) { return wrapping_add(a, b); });
      return run([al](T a, T b) { return wrapping_add(a, wrapping_mul(al, b)); });
    case BinaryOp::Sub:
      if (al == 1) return run([](T a, T b) { return wrapping_sub(a, b); });
      return run([al](T a, T b) { return wrapping_sub(a, wrapping_mul(al, b)); });
    case BinaryOp::Mul: return run([](T a, T b) { return wrapping_mul(a, b); });
    case BinaryOp::DivTrunc:
      return run([&](T a, T b) {
        check_zero(b);
        return int_trunc_div(a, b);
      });
    case BinaryOp::DivFloor:
      return run([&](T a, T b) {
        check_zero(b);
        return int_floor_div(a, b);
      });
    case BinaryOp::Remainder:
      return run([&](T a, T b) {
        check_zero(b);
        return int_remainder(a, b);
      });
    case BinaryOp::Fmod:
      return run([&](T a, T b) {
        check_zero(b);
        return int_fmod(a, b);
      });
    case BinaryOp::Pow: return run([](T a, T b) { return int_pow(a, b); });
    case BinaryOp::Maximum:
    case BinaryOp::Fmax: return run([](T a, T b) { return a > b ? a : b; });
    case BinaryOp::Minimum:
    case BinaryOp::Fmin: return run([](T a, T b) { return a < b ? a : b; });
    case BinaryOp::BitwiseAnd: return run([](T a, T b) { return static_cast<T>(a & b); });
    case BinaryOp::BitwiseOr: return run([](T a, T b) { return static_cast<T>(a | b); });
    case BinaryOp::BitwiseXor: return run([](T a, T b) { return static_cast<T>(a ^ b); });
    case BinaryOp::LeftShift:
      return run([](T a, T b) {
        using U = std::make_unsigned_t<T>;
        if (b < 0 || b >= bits) return T(0);
        return static_cast<T>(static_cast<U>(a) << b);
      });
    case BinaryOp::RightShift:
      return run([](T a, T b) {
        if (b < 0 || b >= bits) return static_cast<T>(std::is_signed_v<T> ? (a >> (bits - 1)) : 0);
        return static_cast<T>(a >> b);
      });
    case BinaryOp::Div:
    case BinaryOp::Atan2: break;  // the op casts to float first
    default: break;
  }
  TS_ERROR("internal: binary op not defined for integral types");
}

void run_bool(BinaryOp op, const StridedPlan& plan, const Scalar& alpha) {
  auto run = [&](auto f) { elementwise<bool, bool, bool>(plan, f); };
  const bool al = alpha.to_bool();
  switch (op) {
    case BinaryOp::Add: return run([al](bool a, bool b) { return a || (al && b); });
    case BinaryOp::Mul:
    case BinaryOp::Minimum:
    case BinaryOp::Fmin:
    case BinaryOp::BitwiseAnd: return run([](bool a, bool b) { return a && b; });
    case BinaryOp::Maximum:
    case BinaryOp::Fmax:
    case BinaryOp::BitwiseOr: return run([](bool a, bool b) { return a || b; });
    case BinaryOp::BitwiseXor: return run([](bool a, bool b) { return a != b; });
    case BinaryOp::Pow: return run([](bool a, bool b) { return a || !b; });
    case BinaryOp::DivTrunc: not_implemented("div_trunc", DType::Bool);
    case BinaryOp::DivFloor: not_implemented("div_floor", DType::Bool);
    case BinaryOp::Remainder: not_implemented("remainder", DType::Bool);
    case BinaryOp::Fmod: not_implemented("fmod", DType::Bool);
    case BinaryOp::LeftShift: not_implemented("lshift", DType::Bool);
    case BinaryOp::RightShift: not_implemented("rshift", DType::Bool);
    default: break;
  }
  TS_ERROR("internal: binary op not defined for bool");
}

}  // namespace

void binary(BinaryOp op, const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha) {
  if (out.numel() == 0) return;
  StridedPlan plan = make_plan({out, a, b});
  dispatch_all(a.dtype(), [&]<class T>() {
    if (writes_bool(op)) {
      run_predicate<T>(op, plan);
      return;
    }
    if constexpr (is_floating_v<T>) run_floating<T>(op, plan, alpha);
    else if constexpr (std::is_same_v<T, bool>) run_bool(op, plan, alpha);
    else run_integral<T>(op, plan, alpha);
  });
}

void where(const Tensor& out, const Tensor& cond, const Tensor& a, const Tensor& b) {
  if (out.numel() == 0) return;
  StridedPlan plan = make_plan({out, cond, a, b});
  dispatch_all(out.dtype(), [&]<class T>() {
    for_each_run(plan, [](char** p, const int64_t* s, int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        bool c = *reinterpret_cast<const bool*>(p[1] + i * s[1]);
        *reinterpret_cast<T*>(p[0] + i * s[0]) = *reinterpret_cast<const T*>(c ? p[2] + i * s[2] : p[3] + i * s[3]);
      }
    });
  });
}

void clamp(const Tensor& out, const Tensor& in, const Tensor& lo, const Tensor& hi) {
  if (out.numel() == 0) return;
  dispatch_all(out.dtype(), [&]<class T>() {
    using C = opmath_t<T>;
    if constexpr (std::is_same_v<T, bool>) {
      TS_ERROR("\"clamp_cpu\" not implemented for 'Bool'");
    } else {
      // NaN in the input propagates; a NaN bound gives NaN too (as PyTorch).
      auto lower = [](C x, C l) {
        if constexpr (is_floating_v<T>) {
          if (std::isnan(x) || std::isnan(l)) return x + l;
        }
        return x < l ? l : x;
      };
      auto upper = [](C x, C h) {
        if constexpr (is_floating_v<T>) {
          if (std::isnan(x) || std::isnan(h)) return x + h;
        }
        return x > h ? h : x;
      };
      if (lo.defined() && hi.defined())
        elementwise<T, T, T, T>(make_plan({out, in, lo, hi}),
                                [&](C x, C l, C h) { return upper(lower(x, l), h); });
      else if (lo.defined())
        elementwise<T, T, T>(make_plan({out, in, lo}), [&](C x, C l) { return lower(x, l); });
      else
        elementwise<T, T, T>(make_plan({out, in, hi}), [&](C x, C h) { return upper(x, h); });
    }
  });
}

}  // namespace tscript::rt::cpu
