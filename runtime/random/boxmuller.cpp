// Bit-exact scalar emulation of PyTorch's vectorised Box-Muller (see boxmuller.h).
//
// Every operation below is one IEEE float operation of the AVX2 code as GCC 12 compiled it
// (-O2 -mavx2 -mfma, GCC's default -ffp-contract=fast for C++): where GCC fused a multiply
// and an add into one FMA instruction we call std::fma, everywhere else the product and
// the sum are rounded separately. So this file itself must not be contracted.
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include "runtime/random/boxmuller.h"

#include <bit>
#include <cmath>
#include <cstdint>

namespace tscript::random::detail {

namespace {
constexpr float f32(uint32_t bits) { return std::bit_cast<float>(bits); }
constexpr uint32_t u32(float v) { return std::bit_cast<uint32_t>(v); }

// avx_mathfun.h constants, as the exact floats the compiler stored (the header writes
// them as double literals converted to float).
constexpr uint32_t kMinNormPos = 0x00800000, kInvMantMask = 0x807fffff;
constexpr float kHalf = f32(0x3f000000), kSqrtHF = f32(0x3f3504f3);
constexpr float kLogP[9] = {f32(0x3d9021bb), f32(0xbdebd1b8), f32(0x3def251a),
                            f32(0xbdfe5d4f), f32(0x3e11e9bf), f32(0xbe2aae50),
                            f32(0x3e4cceac), f32(0xbe7ffffc), f32(0x3eaaaaaa)};
constexpr float kLogQ1 = f32(0xb95e8083), kLogQ2 = f32(0x3f318000);
constexpr float kFourOverPi = f32(0x3fa2f983);
constexpr float kMinusDP1 = f32(0xbf490000), kMinusDP2 = f32(0xb97da000),
                kMinusDP3 = f32(0xb3222169);
constexpr float kCosP0 = f32(0x37ccf5ce), kCosP1 = f32(0xbab6061a), kCosP2 = f32(0x3d2aaaa5);
constexpr float kSinP0 = f32(0xb94ca1f9), kSinP1 = f32(0x3c08839e), kSinP2 = f32(0xbe2aaaa3);
// _mm256_set1_ps(2.0f * c10::pi<double>): 2*pi in double, rounded to float.
constexpr float kTwoPi = static_cast<float>(2.0 * 3.14159265358979323846);

// _mm256_cvttps2dq: truncation, 0x80000000 for NaN or out-of-range lanes.
inline int32_t cvtt(float v) {
  if (!(v > -2147483648.0f && v < 2147483648.0f)) return INT32_MIN;
  return static_cast<int32_t>(v);
}
// On x86-64 the Box-Muller loop is also compiled for CPUs with FMA (picked at load time),
// where std::fma is one instruction instead of a libm call; same results, ~4x faster.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
#define TSCRIPT_FMA_CLONES __attribute__((target_clones("fma", "default")))
#else
#define TSCRIPT_FMA_CLONES
#endif

// The lanes are force-inlined so that the FMA clone gets FMA instructions in them too.
#define TSCRIPT_LANE inline __attribute__((always_inline))

TSCRIPT_LANE float log_lane(float x) {
  const bool invalid = x <= 0.0f;            // _CMP_LE_OS: false for NaN
  x = x > f32(kMinNormPos) ? x : f32(kMinNormPos);  // _mm256_max_ps(x, min_norm_pos)
  int32_t exponent = static_cast<int32_t>(u32(x) >> 23);
  x = f32((u32(x) & kInvMantMask) | u32(kHalf));  // mantissa scaled into [0.5, 1)
  exponent -= 0x7f;
  float e = static_cast<float>(exponent) + 1.0f;
  const bool below = x < kSqrtHF;
  const float tmp = below ? x : 0.0f;
  x = x - 1.0f;
  e = e - (below ? 1.0f : 0.0f);
  x = x + tmp;
  const float z = x * x;
  float y = kLogP[0];
  for (int i = 1; i < 9; ++i) y = std::fma(y, x, kLogP[i]);  // fused by GCC
  y = y * x;
  y = std::fma(y, z, e * kLogQ1);
  y = std::fma(-z, kHalf, y);
  x = x + y;
  x = std::fma(e, kLogQ2, x);
  return invalid ? f32(0xffffffff) : x;  // or-ing the all-ones mask gives a NaN
}

TSCRIPT_LANE void sincos_lane(float x, float* s, float* c) {
  uint32_t sign_sin = u32(x) & 0x80000000u;
  x = f32(u32(x) & 0x7fffffffu);
  int32_t j = cvtt(x * kFourOverPi);
  j = static_cast<int32_t>((static_cast<uint32_t>(j) + 1u) & ~1u);  // j = (j + 1) & ~1
  const float y0 = static_cast<float>(j);
  const uint32_t swap_sign_sin = (static_cast<uint32_t>(j) & 4u) << 29;
  const bool poly_mask = (j & 2) == 0;  // true: sine from the sine polynomial
  // Extended precision modular arithmetic x = ((x - y*DP1) - y*DP2) - y*DP3, fused.
  x = std::fma(y0, kMinusDP1, x);
  x = std::fma(y0, kMinusDP2, x);
  x = std::fma(y0, kMinusDP3, x);
  const uint32_t sign_cos = (~(static_cast<uint32_t>(j) - 2u) & 4u) << 29;
  sign_sin ^= swap_sign_sin;

  const float z = x * x;
  float yc = std::fma(kCosP0, z, kCosP1);
  yc = std::fma(yc, z, kCosP2);
  yc = z * yc;
  yc = std::fma(yc, z, -(z * kHalf));  // vfmsub: yc*z - z*0.5
  yc = yc + 1.0f;

  float ys = std::fma(kSinP0, z, kSinP1);
  ys = std::fma(ys, z, kSinP2);
  ys = z * ys;
  ys = std::fma(x, ys, x);

  // Select with and/andnot masks, then recombine exactly as the vector code does.
  const float ysin2 = poly_mask ? ys : 0.0f;
  const float ysin1 = poly_mask ? 0.0f : yc;
  const float y2 = ys - ysin2;
  const float y1 = yc - ysin1;
  *s = f32(u32(ysin1 + ysin2) ^ sign_sin);
  *c = f32(u32(y1 + y2) ^ sign_cos);
}

}  // namespace

float cephes_logf(float x) { return log_lane(x); }
void cephes_sincosf(float x, float* s, float* c) { sincos_lane(x, s, c); }

TSCRIPT_FMA_CLONES void normal_fill_16_avx2(float* data, float mean, float std) {
  for (int j = 0; j < 8; ++j) {
    const float u1 = 1.0f - data[j];
    const float u2 = data[j + 8];
    const float radius = std::sqrt(-2.0f * log_lane(u1));
    const float theta = kTwoPi * u2;
    float sin_theta, cos_theta;
    sincos_lane(theta, &sin_theta, &cos_theta);
    const float n1 = radius * cos_theta;
    const float n2 = radius * sin_theta;
    data[j] = std::fma(n1, std, mean);  // _mm256_fmadd_ps in the source
    data[j + 8] = std::fma(n2, std, mean);
  }
}

void normal_fill_16(double* data, double mean, double std) {
  constexpr double kTwoPiD = 2.0 * 3.14159265358979323846;  // 2.0f * c10::pi<double>
  for (int j = 0; j < 8; ++j) {
    const double u1 = 1.0 - data[j];  // [0, 1) -> (0, 1] for log
    const double u2 = data[j + 8];
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double theta = kTwoPiD * u2;
    // radius * cos(theta) * std + mean, with the last multiply-add fused by GCC.
    data[j] = std::fma(radius * std::cos(theta), std, mean);
    data[j + 8] = std::fma(radius * std::sin(theta), std, mean);
  }
}

}  // namespace tscript::random::detail
