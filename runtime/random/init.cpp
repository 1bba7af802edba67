// nn.init support: trunc_normal_ (uniform_ + erfinv_ + affine + clamp, as PyTorch's
// Python does it), PyTorch's erfinv, and the kaiming_uniform_ bound.
//
// calc_erfinv runs inside PyTorch's AVX2 kernels, where GCC fused its polynomial
// multiply-adds into FMAs; std::fma reproduces exactly those, so this file must not be
// contracted by our compiler.
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include <cmath>
#include <limits>

#include "runtime/random/distributions.h"

namespace tscript::random {

namespace {

// at::calc_erfinv (ATen/native/Math.h): a rational first guess, then two Newton steps.
template <typename T>
T calc_erfinv(T y) {
  constexpr T a[4] = {T(0.886226899), T(-1.645349621), T(0.914624893), T(-0.140543331)};
  constexpr T b[4] = {T(-2.118377725), T(1.442710462), T(-0.329097515), T(0.012229801)};
  constexpr T c[4] = {T(-1.970840454), T(-1.624906493), T(3.429567803), T(1.641345311)};
  constexpr T d[2] = {T(3.543889200), T(1.637067800)};
  const T y_abs = std::abs(y);
  if (y_abs > T(1)) return std::numeric_limits<T>::quiet_NaN();
  if (y_abs == T(1)) return std::copysign(std::numeric_limits<T>::infinity(), y);
  T x;
  if (y_abs <= static_cast<T>(0.7)) {
    const T z = y * y;
    const T num = std::fma(std::fma(std::fma(a[3], z, a[2]), z, a[1]), z, a[0]);
    const T dem = std::fma(std::fma(std::fma(std::fma(b[3], z, b[2]), z, b[1]), z, b[0]), z, T(1));
    x = y * num / dem;
  } else {
    // (1 - |y|) / 2 was compiled as a multiplication by 0.5 (the same value).
    const T z = std::sqrt(-std::log((T(1) - y_abs) * T(0.5)));
    const T num = std::fma(std::fma(std::fma(c[3], z, c[2]), z, c[1]), z, c[0]);
    const T dem = std::fma(std::fma(d[1], z, d[0]), z, T(1));
    x = std::copysign(num, y) / dem;
  }
  const T two_over_sqrt_pi = T(2) / static_cast<T>(std::sqrt(3.14159265358979323846));
  x = x - (std::erf(x) - y) / (two_over_sqrt_pi * std::exp(-x * x));
  x = x - (std::erf(x) - y) / (two_over_sqrt_pi * std::exp(-x * x));
  return x;
}

double norm_cdf(double x) { return (1.0 + std::erf(x / std::sqrt(2.0))) / 2.0; }

// The element-wise steps of trunc_normal_ after uniform_, each rounded to T: mul_ and
// add_ take the Python float converted to T, clamp_ likewise.
template <typename T>
void trunc_normal_finish(T* out, int64_t n, double mean, double std, double a, double b) {
  const T scale = static_cast<T>(std * std::sqrt(2.0));
  const T shift = static_cast<T>(mean);
  const T lo = static_cast<T>(a), hi = static_cast<T>(b);
  for (int64_t i = 0; i < n; ++i) {
    T v = calc_erfinv(out[i]);
    v = v * scale;
    v = v + shift;
    // clamp(min=a, max=b): NaN stays NaN.
    if (!std::isnan(v)) v = std::min(std::max(v, lo), hi);
    out[i] = v;
  }
}

}  // namespace

float erfinv(float y) { return calc_erfinv(y); }
double erfinv(double y) { return calc_erfinv(y); }

void trunc_normal(Generator& gen, float* out, int64_t n, double mean, double std, double a,
                  double b) {
  const double l = norm_cdf((a - mean) / std);
  const double u = norm_cdf((b - mean) / std);
  uniform(gen, out, n, 2 * l - 1, 2 * u - 1);
  trunc_normal_finish(out, n, mean, std, a, b);
}

void trunc_normal(Generator& gen, double* out, int64_t n, double mean, double std, double a,
                  double b) {
  const double l = norm_cdf((a - mean) / std);
  const double u = norm_cdf((b - mean) / std);
  uniform(gen, out, n, 2 * l - 1, 2 * u - 1);
  trunc_normal_finish(out, n, mean, std, a, b);
}

double kaiming_uniform_bound_from_gain(int64_t fan, double gain) {
  const double std = gain / std::sqrt(static_cast<double>(fan));
  return std::sqrt(3.0) * std;
}

double kaiming_uniform_bound(int64_t fan, double a) {
  // calculate_gain('leaky_relu', a)
  return kaiming_uniform_bound_from_gain(fan, std::sqrt(2.0 / (1 + a * a)));
}

}  // namespace tscript::random
