// Scalar float32 ports of the SLEEF 3.5 routines PyTorch 1.13's CPU kernels
// call through Vectorized<float> (Sleef_<fn>f8_u10 / erfcf8_u15, AVX2 build
// with FMA). Each function follows the AVX2 code path of SLEEF's
// src/libm/sleefsimdsp.c operation for operation (vmla = fused multiply-add,
// double-float helpers from df.h in their FMA form), so results are bit-
// identical to what PyTorch prints on x86-64. Verified against the system
// libsleef.so.3 with tests/numerics/check_sleef_port.cpp.
//
// Build note: these rely on a*b+c NOT being contracted into an fma by the
// compiler (SLEEF itself is built with -ffp-contract=off); only std::fma
// calls fuse.
//
// Three trig routines choose their argument reduction per 8-lane vector, not
// per element: when any lane is >= 125 in magnitude (or NaN/inf) the whole
// vector takes the Payne-Hanek path. Callers pass that group decision as
// `wide` (see trig_group_is_wide).
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "backends/cpu/sleef_rempi_table.h"

namespace tscript::rt::cpu::sleef {

namespace detail {

inline constexpr float kInf = std::numeric_limits<float>::infinity();
inline constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
inline constexpr float kFltMin = std::numeric_limits<float>::min();
inline constexpr float kTwo64 = 18446744073709551616.0f;  // rescales denormals
inline constexpr float kRLn2 = 1.442695040888963407359924681001892137426645954152985934135449406931f;
inline constexpr float kL2U = 0.693145751953125f;
inline constexpr float kL2L = 1.428606765330187045e-06f;
inline constexpr float kPiA2 = 3.1414794921875f;
inline constexpr float kPiB2 = 0.00011315941810607910156f;
inline constexpr float kPiC2 = 1.9841872589410058936e-09f;

inline uint32_t bits(float f) { return std::bit_cast<uint32_t>(f); }
inline float from_bits(uint32_t u) { return std::bit_cast<float>(u); }
inline float mla(float x, float y, float z) { return std::fma(x, y, z); }
inline float rint(float x) { return std::nearbyint(x); }
// cvtps2dq / cvttps2dq: out-of-range and NaN give INT_MIN instead of UB.
inline int32_t rint_i(float x) {
  float r = std::nearbyint(x);
  return (r >= -2147483648.0f && r < 2147483648.0f) ? static_cast<int32_t>(r) : INT32_MIN;
}
inline int32_t trunc_i(float x) {
  return (x > -2147483904.0f && x < 2147483648.0f) ? static_cast<int32_t>(x) : INT32_MIN;
}
inline bool is_neg_zero(float d) { return bits(d) == 0x80000000u; }
inline float mulsign(float x, float y) { return from_bits(bits(x) ^ (bits(y) & 0x80000000u)); }
inline float negate_if(bool o, float x) { return from_bits(bits(x) ^ (o ? 0x80000000u : 0u)); }
inline float all_ones_if(bool o, float x) { return o ? from_bits(0xffffffffu) : x; }  // NaN
inline float zero_if(bool o, float x) { return o ? 0.0f : x; }

inline float pow2i(int32_t q) { return from_bits(static_cast<uint32_t>(q + 0x7f) << 23); }
inline float ldexp2(float d, int32_t e) { return d * pow2i(e >> 1) * pow2i(e - (e >> 1)); }
inline float ldexp3(float d, int32_t q) { return from_bits(bits(d) + (static_cast<uint32_t>(q) << 23)); }
inline int32_t ilogb2k(float d) { return static_cast<int32_t>((bits(d) >> 23) & 0xff) - 0x7f; }
inline float ldexpk(float x, int32_t q) {  // vldexp_vf_vf_vi2
  int32_t m = q >> 31;
  m = static_cast<int32_t>(static_cast<uint32_t>(((m + q) >> 6) - m) << 4);
  q = q - static_cast<int32_t>(static_cast<uint32_t>(m) << 2);
  m += 0x7f;
  m = m > 0 ? m : 0;
  m = m > 0xff ? 0xff : m;
  float u = from_bits(static_cast<uint32_t>(m) << 23);
  x = x * u * u * u * u;
  return x * from_bits(static_cast<uint32_t>(q + 0x7f) << 23);
}

// Double-float arithmetic (SLEEF df.h, FMA variants): value = x + y.
struct F2 {
  float x, y;
};
inline F2 sel(bool o, F2 a, F2 b) { return o ? a : b; }
inline F2 neg(F2 a) { return {-a.x, -a.y}; }
inline F2 normalize(F2 t) {
  float s = t.x + t.y;
  return {s, t.x - s + t.y};
}
inline F2 scale(F2 d, float s) { return {d.x * s, d.y * s}; }
inline F2 add(float x, float y) {  // requires |x| >= |y|
  float r = x + y;
  return {r, x - r + y};
}
inline F2 add(F2 x, float y) {
  float r = x.x + y;
  return {r, x.x - r + y + x.y};
}
inline F2 add(float x, F2 y) {
  float r = x + y.x;
  return {r, x - r + y.x + y.y};
}
inline F2 add(F2 x, F2 y) {
  float r = x.x + y.x;
  return {r, x.x - r + y.x + x.y + y.y};
}
inline F2 add2(float x, float y) {  // any magnitudes
  float r = x + y, v = r - x;
  return {r, (x - (r - v)) + (y - v)};
}
inline F2 add2(float x, F2 y) {
  float r = x + y.x, v = r - x;
  return {r, (x - (r - v)) + (y.x - v) + y.y};
}
inline F2 add2(F2 x, float y) {
  float r = x.x + y, v = r - x.x;
  return {r, (x.x - (r - v)) + (y - v) + x.y};
}
inline F2 add2(F2 x, F2 y) {
  float r = x.x + y.x, v = r - x.x;
  return {r, (x.x - (r - v)) + (y.x - v) + (x.y + y.y)};
}
inline F2 sub(F2 x, float y) {
  float r = x.x - y;
  return {r, x.x - r - y + x.y};
}
inline F2 sub(F2 x, F2 y) {
  float r = x.x - y.x;
  return {r, x.x - r - y.x + x.y - y.y};
}
inline F2 mul(float x, float y) {
  float r = x * y;
  return {r, mla(x, y, -r)};
}
inline F2 mul(F2 x, float y) {
  float r = x.x * y;
  return {r, mla(x.y, y, mla(x.x, y, -r))};
}
inline F2 mul(F2 x, F2 y) {
  float r = x.x * y.x;
  return {r, mla(x.x, y.y, mla(x.y, y.x, mla(x.x, y.x, -r)))};
}
inline float mul_to_float(F2 x, F2 y) { return mla(x.x, y.x, mla(x.y, y.x, x.x * y.y)); }
inline F2 squ(F2 x) {
  float r = x.x * x.x;
  return {r, mla(x.x + x.x, x.y, mla(x.x, x.x, -r))};
}
inline F2 rec(float d) {
  float q = 1.0f / d;
  return {q, q * mla(-d, q, 1.0f)};
}
inline F2 rec(F2 d) {
  float q = 1.0f / d.x;
  return {q, q * mla(-d.y, q, mla(-d.x, q, 1.0f))};
}
inline F2 div(F2 n, F2 d) {
  float t = 1.0f / d.x;
  float qx = n.x * t;
  float u = mla(t, n.x, -qx);
  float qy = mla(-d.y, t, mla(-d.x, t, 1.0f));
  return {qx, mla(qx, qy, mla(n.y, t, u))};
}
inline F2 sqrt2(float d) {  // dfsqrt_vf2_vf
  float t = std::sqrt(d);
  return scale(mul(add2(d, mul(t, t)), rec(t)), 0.5f);
}
inline F2 from_double(double d) {  // vcast_vf2_d
  float hi = static_cast<float>(d);
  return {hi, static_cast<float>(d - hi)};
}

inline constexpr F2 kLn2{0.69314718246459960938f, -1.904654323148236017e-09f};

// exp of a double-float argument, result as a double-float (expk2f).
inline F2 expk2(F2 d) {
  int32_t q = rint_i((d.x + d.y) * kRLn2);
  float qf = static_cast<float>(q);
  F2 s = add2(d, qf * -kL2U);
  s = add2(s, qf * -kL2L);
  float u = 0.1980960224e-3f;
  u = mla(u, s.x, 0.1394256484e-2f);
  u = mla(u, s.x, 0.8333456703e-2f);
  u = mla(u, s.x, 0.4166637361e-1f);
  F2 t = add2(mul(s, u), 0.166666659414234244790680580464e+0f);
  t = add2(mul(s, t), 0.5f);
  t = add2(s, mul(squ(s), t));
  t = add(1.0f, t);
  bool under = d.x < -104.0f;
  return {zero_if(under, ldexp2(t.x, q)), zero_if(under, ldexp2(t.y, q))};
}

// Splits a non-negative finite d into mantissa m in [0.75, 1.5) and exponent.
struct MantExp {
  float m;
  int32_t e;
};
inline MantExp split_log_arg(float d) {
  bool tiny = d < kFltMin;
  d = tiny ? d * kTwo64 : d;
  int32_t e = ilogb2k(d * (1.0f / 0.75f));
  return {ldexp3(d, -e), tiny ? e - 64 : e};
}
inline float log_special_cases(float d, float r) {
  r = d == kInf ? kInf : r;
  r = (d < 0 || std::isnan(d)) ? kNaN : r;
  return d == 0 ? -kInf : r;
}

// Payne-Hanek reduction (rempif): x mod pi/2 as a double-float plus quadrant.
struct ReducedArg {
  F2 df;
  int32_t q;
};
struct FracQuarter {
  float d;
  int32_t i;
};
inline FracQuarter rempisub(float x) {
  float y = rint(x * 4.0f);
  return {x - y * 0.25f, trunc_i(y - rint(x) * 4.0f)};
}
inline ReducedArg rempi(float a) {
  int32_t ex = ilogb2k(a) - 25;
  int32_t q = ex > 90 - 25 ? -64 : 0;
  a = ldexp3(a, q);
  ex = ex < 0 ? 0 : ex;
  ex = ex > 102 ? 102 : ex;  // only inf/NaN reach 103; SLEEF reads past its table there
  const float* tab = kRempiTable + 4 * ex;
  F2 x = mul(a, tab[0]);
  FracQuarter di = rempisub(x.x);
  q = di.i;
  x = normalize({di.d, x.y});
  x = add2(x, mul(a, tab[1]));
  di = rempisub(x.x);
  q += di.i;
  x = normalize({di.d, x.y});
  x = add2(x, mul(F2{tab[2], tab[3]}, a));
  x = normalize(x);
  x = mul(x, F2{3.1415927410125732422f * 2, -8.7422776573475857731e-08f * 2});
  x = std::fabs(a) < 0.7f ? F2{a, 0.0f} : x;
  return {x, q};
}
static_assert(sizeof(kRempiTable) == 4 * 103 * sizeof(float));

// sin(t) for a reduced argument t, the polynomial tail of sinf_u1/cosf_u1.
inline float trig_poly_sin(F2 t) {
  F2 s = squ(t);
  float u = 2.6083159809786593541503e-06f;
  u = mla(u, s.x, -0.0001981069071916863322258f);
  u = mla(u, s.x, 0.00833307858556509017944336f);
  F2 x = add(1.0f, mul(add(-0.166666597127914428710938f, u * s.x), s));
  return mul_to_float(t, x);
}

}  // namespace detail

// True when the 8-lane vector holding these values takes the Payne-Hanek
// path in Sleef_{sin,cos,tan}f8_u10 (any |x| >= 125, NaN or inf).
inline bool trig_lane_is_wide(float x) { return !(std::fabs(x) < 125.0f); }

inline float exp(float d) {  // xexpf
  using namespace detail;
  int32_t q = rint_i(d * kRLn2);
  float qf = static_cast<float>(q);
  float s = mla(qf, -kL2U, d);
  s = mla(qf, -kL2L, s);
  float u = 0.000198527617612853646278381f;
  u = mla(u, s, 0.00139304355252534151077271f);
  u = mla(u, s, 0.00833336077630519866943359f);
  u = mla(u, s, 0.0416664853692054748535156f);
  u = mla(u, s, 0.166666671633720397949219f);
  u = mla(u, s, 0.5f);
  u = 1.0f + mla(s * s, u, s);
  u = ldexp2(u, q);
  u = zero_if(d < -104.0f, u);
  return 100.0f < d ? kInf : u;
}

inline float log(float d) {  // xlogf_u1
  using namespace detail;
  MantExp me = split_log_arg(d);
  F2 s = mul(kLn2, static_cast<float>(me.e));
  F2 x = div(add2(-1.0f, me.m), add2(1.0f, me.m));
  float x2 = x.x * x.x;
  float t = 0.3027294874e+0f;
  t = mla(t, x2, 0.3996108174e+0f);
  t = mla(t, x2, 0.6666694880e+0f);
  s = add(s, scale(x, 2.0f));
  s = add(s, x2 * x.x * t);
  return log_special_cases(d, s.x + s.y);
}

inline float log2(float d) {  // xlog2f
  using namespace detail;
  MantExp me = split_log_arg(d);
  F2 x = div(add2(-1.0f, me.m), add2(1.0f, me.m));
  float x2 = x.x * x.x;
  float t = 0.4374550283e+0f;
  t = mla(t, x2, 0.5764790177e+0f);
  t = mla(t, x2, 0.9618012905120f);
  F2 s = add2(static_cast<float>(me.e), mul(x, F2{2.8853900432586669922f, 3.2734474483568488616e-08f}));
  s = add2(s, x2 * x.x * t);
  return log_special_cases(d, s.x + s.y);
}

inline float log10(float d) {  // xlog10f
  using namespace detail;
  MantExp me = split_log_arg(d);
  F2 x = div(add2(-1.0f, me.m), add2(1.0f, me.m));
  float x2 = x.x * x.x;
  float t = 0.1314289868e+0f;
  t = mla(t, x2, 0.1735493541e+0f);
  t = mla(t, x2, 0.2895309627e+0f);
  F2 s = mul(F2{0.30103001f, -1.432098889e-08f}, static_cast<float>(me.e));
  s = add(s, mul(x, F2{0.868588984f, -2.170757285e-08f}));
  s = add(s, x2 * x.x * t);
  return log_special_cases(d, s.x + s.y);
}

inline float log1p(float d) {  // xlog1pf
  using namespace detail;
  float dp1 = d + 1.0f;
  bool tiny = dp1 < kFltMin;
  dp1 = tiny ? dp1 * kTwo64 : dp1;
  int32_t e = ilogb2k(dp1 * (1.0f / 0.75f));
  float t = ldexp3(1.0f, -e);
  float m = mla(d, t, t - 1.0f);
  e = tiny ? e - 64 : e;
  F2 s = mul(kLn2, static_cast<float>(e));
  F2 x = div(F2{m, 0.0f}, add(2.0f, m));
  float x2 = x.x * x.x;
  t = 0.3027294874e+0f;
  t = mla(t, x2, 0.3996108174e+0f);
  t = mla(t, x2, 0.6666694880e+0f);
  s = add(s, scale(x, 2.0f));
  s = add(s, x2 * x.x * t);
  float r = s.x + s.y;
  r = d > 1e+38f ? kInf : r;
  r = all_ones_if(-1.0f > d, r);
  r = d == -1.0f ? -kInf : r;
  return is_neg_zero(d) ? -0.0f : r;
}

inline float expm1(float a) {  // xexpm1f
  using namespace detail;
  F2 d = add2(expk2(F2{a, 0.0f}), -1.0f);
  float x = d.x + d.y;
  x = a > 88.72283172607421875f ? kInf : x;
  x = a < -16.635532333438687426013570f ? -1.0f : x;
  return is_neg_zero(a) ? -0.0f : x;
}

inline float sinh(float x) {  // xsinhf
  using namespace detail;
  float y = std::fabs(x);
  F2 d = expk2(F2{y, 0.0f});
  d = sub(d, rec(d));
  y = (d.x + d.y) * 0.5f;
  y = (std::fabs(x) > 89.0f || std::isnan(y)) ? kInf : y;
  return all_ones_if(std::isnan(x), mulsign(y, x));
}

inline float cosh(float x) {  // xcoshf
  using namespace detail;
  float y = std::fabs(x);
  F2 d = expk2(F2{y, 0.0f});
  d = add(d, rec(d));
  y = (d.x + d.y) * 0.5f;
  y = (std::fabs(x) > 89.0f || std::isnan(y)) ? kInf : y;
  return all_ones_if(std::isnan(x), y);
}

inline float tanh(float x) {  // xtanhf
  using namespace detail;
  float y = std::fabs(x);
  F2 d = expk2(F2{y, 0.0f});
  F2 e = rec(d);
  d = div(add(d, neg(e)), add(d, e));
  y = d.x + d.y;
  y = (std::fabs(x) > 8.664339742f || std::isnan(y)) ? 1.0f : y;
  return all_ones_if(std::isnan(x), mulsign(y, x));
}

inline float atan(float d) {  // xatanf_u1 via atan2kf_u1(|d|, 1)
  using namespace detail;
  F2 y{std::fabs(d), 0.0f}, x{1.0f, 0.0f};
  int32_t q = 0;
  bool p = x.x < y.x;
  q = p ? q + 1 : q;
  F2 s = div(p ? neg(x) : y, p ? y : x);
  F2 t = normalize(squ(s));
  float u = -0.00176397908944636583328247f;
  u = mla(u, t.x, 0.0107900900766253471374512f);
  u = mla(u, t.x, -0.0309564601629972457885742f);
  u = mla(u, t.x, 0.0577365085482597351074219f);
  u = mla(u, t.x, -0.0838950723409652709960938f);
  u = mla(u, t.x, 0.109463557600975036621094f);
  u = mla(u, t.x, -0.142626821994781494140625f);
  u = mla(u, t.x, 0.199983194470405578613281f);
  t = mul(t, add(-0.333332866430282592773438f, u * t.x));
  t = mul(s, add(1.0f, t));
  t = add(mul(F2{1.5707963705062866211f, -4.3711388286737928865e-08f}, static_cast<float>(q)), t);
  float r = t.x + t.y;
  r = std::isinf(d) ? 1.570796326794896557998982f : r;
  return mulsign(r, d);
}

namespace detail {
struct AsinCore {  // shared by asinf_u1 / acosf_u1
  bool small;
  F2 x;
  float u;
};
inline AsinCore asin_core(float d) {
  float ad = std::fabs(d);
  bool o = ad < 0.5f;
  float x2 = o ? d * d : (1.0f - ad) * 0.5f;
  F2 x = o ? F2{ad, 0.0f} : sqrt2(x2);
  x = ad == 1.0f ? F2{0.0f, 0.0f} : x;
  float u = +0.4197454825e-1f;
  u = mla(u, x2, +0.2424046025e-1f);
  u = mla(u, x2, +0.4547423869e-1f);
  u = mla(u, x2, +0.7495029271e-1f);
  u = mla(u, x2, +0.1666677296e+0f);
  return {o, x, u * (x2 * x.x)};
}
}  // namespace detail

inline float asin(float d) {  // xasinf_u1
  using namespace detail;
  AsinCore c = asin_core(d);
  F2 y = sub(sub(F2{3.1415927410125732422f / 4, -8.7422776573475857731e-08f / 4}, c.x), c.u);
  float r = c.small ? c.u + c.x.x : (y.x + y.y) * 2.0f;
  return mulsign(r, d);
}

inline float acos(float d) {  // xacosf_u1
  using namespace detail;
  AsinCore c = asin_core(d);
  F2 y = sub(F2{3.1415927410125732422f / 2, -8.7422776573475857731e-08f / 2},
             add(mulsign(c.x.x, d), mulsign(c.u, d)));
  F2 x = add(c.x, c.u);
  y = c.small ? y : scale(x, 2.0f);
  y = (!c.small && d < 0) ? sub(F2{3.1415927410125732422f, -8.7422776573475857731e-08f}, y) : y;
  return y.x + y.y;
}

inline float erfc(float a) {  // xerfcf_u15
  using namespace detail;
  float s = a;
  a = std::fabs(a);
  bool o0 = a < 1.0f, o1 = a < 2.2f, o2 = a < 4.3f, o3 = a < 10.1f;
  auto pick = [&](float c0, float c1, float c2, float c3) { return o0 ? c0 : o1 ? c1 : o2 ? c2 : c3; };
  auto pick2 = [&](double c0, double c1, double c2, double c3) {
    return from_double(o0 ? c0 : o1 ? c1 : o2 ? c2 : c3);
  };
  F2 u = o1 ? F2{a, 0.0f} : div(F2{1.0f, 0.0f}, F2{a, 0.0f});
  float t = pick(-0.8638041618e-4f, -0.6236977242e-5f, -0.3869504035e+0f, +0.1115344167e+1f);
  t = mla(t, u.x, pick(+0.6000166177e-3f, +0.5749821503e-4f, +0.1288077235e+1f, -0.9454904199e+0f));
  t = mla(t, u.x, pick(-0.1665703603e-2f, +0.6002851478e-5f, -0.1816803217e+1f, -0.3667259514e+0f));
  t = mla(t, u.x, pick(+0.1795156277e-3f, -0.2851036377e-2f, +0.1249150872e+1f, +0.7155663371e+0f));
  t = mla(t, u.x, pick(+0.1914106123e-1f, +0.2260518074e-1f, -0.1328857988e+0f, -0.1262947265e-1f));
  F2 d = mul(u, t);
  d = add2(d, pick2(-0.102775359343930288081655368891e+0, -0.105247583459338632253369014063e+0,
                    -0.482365310333045318680618892669e+0, -0.498961546254537647970305302739e+0));
  d = mul(d, u);
  d = add2(d, pick2(-0.636619483208481931303752546439e+0, -0.635609463574589034216723775292e+0,
                    -0.134450203224533979217859332703e-2, -0.471199543422848492080722832666e-4));
  d = mul(d, u);
  d = add2(d, pick2(-0.112837917790537404939545770596e+1, -0.112855987376668622084547028949e+1,
                    -0.572319781150472949561786101080e+0, -0.572364030327966044425932623525e+0));
  F2 x = mul(o1 ? d : F2{-a, 0.0f}, a);
  x = o1 ? x : add2(x, d);
  x = expk2(x);
  x = o1 ? x : mul(x, u);
  float r = o3 ? x.x + x.y : 0.0f;
  r = std::signbit(s) ? 2.0f - r : r;
  return std::isnan(s) ? kNaN : r;
}

inline float sin(float d, bool wide) {  // xsinf_u1
  using namespace detail;
  int32_t q;
  F2 s;
  if (!wide) {
    float u = rint(d * static_cast<float>(M_1_PI));
    q = rint_i(u);
    s = add2(mla(u, -kPiA2, d), u * -kPiB2);
    s = add(s, u * -kPiC2);
  } else {
    ReducedArg r = rempi(d);
    q = ((r.q & 3) * 2 + (r.df.x > 0 ? 2 : 1)) >> 2;
    F2 x{mulsign(3.1415927410125732422f * -0.5f, r.df.x), mulsign(-8.7422776573475857731e-08f * -0.5f, r.df.x)};
    s = normalize((r.q & 1) == 1 ? add2(r.df, x) : r.df);
    s.x = all_ones_if(std::isinf(d) || std::isnan(d), s.x);
  }
  float u = trig_poly_sin(s);
  u = negate_if((q & 1) == 1, u);
  return is_neg_zero(d) ? d : u;
}

inline float cos(float d, bool wide) {  // xcosf_u1
  using namespace detail;
  int32_t q;
  F2 s;
  if (!wide) {
    float dq = mla(rint(mla(d, static_cast<float>(M_1_PI), -0.5f)), 2.0f, 1.0f);
    q = rint_i(dq);
    s = add2(d, dq * (-kPiA2 * 0.5f));
    s = add2(s, dq * (-kPiB2 * 0.5f));
    s = add2(s, dq * (-kPiC2 * 0.5f));
  } else {
    ReducedArg r = rempi(d);
    q = ((r.q & 3) * 2 + (r.df.x > 0 ? 8 : 7)) >> 1;
    float y = r.df.x > 0 ? 0.0f : -1.0f;
    F2 x{mulsign(3.1415927410125732422f * -0.5f, y), mulsign(-8.7422776573475857731e-08f * -0.5f, y)};
    s = normalize((r.q & 1) == 0 ? add2(r.df, x) : r.df);
    s.x = all_ones_if(std::isinf(d) || std::isnan(d), s.x);
  }
  float u = trig_poly_sin(s);
  return negate_if((q & 2) == 0, u);
}

inline float tan(float d, bool wide) {  // xtanf_u1
  using namespace detail;
  int32_t q;
  F2 s;
  if (!wide) {
    float u = rint(d * static_cast<float>(2 * M_1_PI));
    q = rint_i(u);
    s = add2(mla(u, -kPiA2 * 0.5f, d), u * (-kPiB2 * 0.5f));
    s = add(s, u * (-kPiC2 * 0.5f));
  } else {
    ReducedArg r = rempi(d);
    q = r.q;
    bool o = std::isinf(d) || std::isnan(d);
    s = {all_ones_if(o, r.df.x), all_ones_if(o, r.df.y)};
  }
  bool odd = (q & 1) == 1;
  s = {negate_if(odd, s.x), negate_if(odd, s.y)};
  F2 t = s;
  s = normalize(squ(s));
  float u = 0.00446636462584137916564941f;
  u = mla(u, s.x, -8.3920182078145444393158e-05f);
  u = mla(u, s.x, 0.0109639242291450500488281f);
  u = mla(u, s.x, 0.0212360303848981857299805f);
  u = mla(u, s.x, 0.0540687143802642822265625f);
  F2 x = add(0.133325666189193725585938f, u * s.x);
  x = add(1.0f, mul(add(0.33333361148834228515625f, mul(s, x)), s));
  x = mul(t, x);
  x = odd ? rec(x) : x;
  float r = x.x + x.y;
  return is_neg_zero(d) ? d : r;
}

namespace detail {
inline F2 logk(float d) {  // logkf: log(d) as a double-float, for pow
  MantExp me = split_log_arg(d);
  F2 x = div(add2(-1.0f, me.m), add2(1.0f, me.m));
  F2 x2 = squ(x);
  float t = 0.240320354700088500976562f;
  t = mla(t, x2.x, 0.285112679004669189453125f);
  t = mla(t, x2.x, 0.400007992982864379882812f);
  F2 c{0.66666662693023681640625f, 3.69183861259614332084311e-09f};
  F2 s = mul(kLn2, static_cast<float>(me.e));
  s = add(s, scale(x, 2.0f));
  return add(s, mul(mul(x2, x), add2(mul(x2, t), c)));
}
inline float expk(F2 d) {  // expkf
  int32_t q = rint_i((d.x + d.y) * kRLn2);
  float qf = static_cast<float>(q);
  F2 s = add2(d, qf * -kL2U);
  s = normalize(add2(s, qf * -kL2L));
  float u = 0.00136324646882712841033936f;
  u = mla(u, s.x, 0.00836596917361021041870117f);
  u = mla(u, s.x, 0.0416710823774337768554688f);
  u = mla(u, s.x, 0.166665524244308471679688f);
  u = mla(u, s.x, 0.499999850988388061523438f);
  F2 t = add(1.0f, add(s, mul(squ(s), u)));
  return zero_if(d.x < -104.0f, ldexpk(t.x + t.y, q));
}
}  // namespace detail

inline float erf(float a) {  // xerff_u1 (per-lane result does not depend on the vector branch)
  using namespace detail;
  const float x = std::fabs(a), x2 = x * x, x4 = x2 * x2;
  const bool o25 = x <= 2.5f;
  auto c = [o25](float small, float large) { return o25 ? small : large; };
  // SLEEF's POLY6: Estrin's scheme.
  float t = mla(x4, mla(x, c(-0.4360447008e-6f, -0.1130012848e-6f), c(+0.6867515367e-5f, +0.4115272986e-5f)),
                mla(x2, mla(x, c(-0.3045156700e-4f, -0.6928304356e-4f), c(+0.9808536561e-4f, +0.7172692567e-3f)),
                    mla(x, c(+0.2395523916e-3f, -0.5131045356e-2f), c(+0.1459901541e-3f, +0.2708637156e-1f))));
  auto dfmla = [](float m, F2 y, F2 z) { return add(z, mul(y, m)); };
  const F2 c2 = o25 ? F2{0.0092883445322513580322f, -2.7863745897025330755e-11f}
                    : F2{-0.11064319312572479248f, 3.7050452777225283007e-09f};
  const F2 c1 = o25 ? F2{0.042275499552488327026f, 1.3461399289988106057e-09f}
                    : F2{-0.63192230463027954102f, -2.0200432585073177859e-08f};
  const F2 c0 = o25 ? F2{0.070523701608180999756f, -3.6616309318707365163e-09f}
                    : F2{-1.1296638250350952148f, 2.5515120196453259252e-08f};
  F2 t2 = dfmla(x * x, dfmla(x, F2{t, 0.0f}, c2), dfmla(x, c1, c0));  // poly4df
  t2 = mul(t2, x);
  if (o25) {
    F2 s2 = add(1.0f, t2);
    s2 = squ(squ(squ(squ(s2))));
    t2 = rec(s2);
  } else {
    t2 = F2{expk(t2), 0.0f};
  }
  t2 = add2(t2, -1.0f);
  t2 = x < 1e-4f ? mul(F2{-1.1283792257308959961f, 5.8635383422197591097e-08f}, x) : t2;
  float z = -(t2.x + t2.y);
  z = x >= 6.0f ? 1.0f : z;
  z = std::isinf(a) ? 1.0f : z;
  z = a == 0.0f ? 0.0f : z;
  return mulsign(z, a);
}

inline float pow(float x, float y) {  // xpowf
  using namespace detail;
  constexpr float k2p24 = 16777216.0f;
  bool yisint = std::trunc(y) == y || std::fabs(y) > k2p24;
  bool yisodd = (trunc_i(y) & 1) == 1 && yisint && std::fabs(y) < k2p24;
  float result = expk(mul(logk(std::fabs(x)), y));
  result = std::isnan(result) ? kInf : result;
  result *= x > 0 ? 1.0f : (yisint ? (yisodd ? -1.0f : 1.0f) : kNaN);
  float efx = mulsign(std::fabs(x) - 1.0f, y);
  result = std::isinf(y) ? (efx < 0.0f ? 0.0f : (efx == 0.0f ? 1.0f : kInf)) : result;
  result = (std::isinf(x) || x == 0.0f)
               ? mulsign((std::signbit(y) != (x == 0.0f)) ? 0.0f : kInf, yisodd ? x : 1.0f)
               : result;
  result = all_ones_if(std::isnan(x) || std::isnan(y), result);
  return (y == 0.0f || x == 1.0f) ? 1.0f : result;
}

}  // namespace tscript::rt::cpu::sleef
