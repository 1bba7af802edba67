// Developer check: compares the scalar SLEEF ports in backends/cpu/sleef_float.h
// with the system libsleef.so.3 that PyTorch links, over a strided sweep of all
// float32 bit patterns. Not part of the build (needs AVX2 and libsleef):
//   g++ -std=c++20 -O2 -mavx2 -mfma -ffp-contract=off -I. \
//       tests/numerics/check_sleef_port.cpp /lib/x86_64-linux-gnu/libsleef.so.3
//   ./a.out [stride]
#include <immintrin.h>

#include <initializer_list>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "backends/cpu/sleef_float.h"

extern "C" {
#define DECL(n) __m256 Sleef_##n(__m256);
DECL(expf8_u10) DECL(logf8_u10) DECL(log2f8_u10) DECL(log10f8_u10) DECL(log1pf8_u10) DECL(expm1f8_u10)
DECL(sinf8_u10) DECL(cosf8_u10) DECL(tanf8_u10) DECL(tanhf8_u10) DECL(sinhf8_u10) DECL(coshf8_u10)
DECL(atanf8_u10) DECL(erff8_u10) DECL(asinf8_u10) DECL(acosf8_u10) DECL(erfcf8_u15)
__m256 Sleef_powf8_u10(__m256, __m256);
}

namespace s = tscript::rt::cpu::sleef;

static bool same(float a, float b) {
  uint32_t x, y;
  memcpy(&x, &a, 4), memcpy(&y, &b, 4);
  return x == y || (a != a && b != b);
}

template <class Vec, class Port>
static void sweep(const char* name, Vec vec, Port port, uint64_t stride, bool trig) {
  uint64_t bad = 0, total = 0;
  for (int pass = 0; pass < (trig ? 2 : 1); ++pass) {
    for (uint64_t base = 0; base < (1ull << 32); base += 8 * stride) {
      alignas(32) float in[8], out[8];
      for (int k = 0; k < 8; ++k) {
        uint32_t b = static_cast<uint32_t>(base + k * stride + pass * 3);
        memcpy(&in[k], &b, 4);
      }
      if (pass == 1) in[7] = 1000.0f;  // forces the wide reduction for the vector
      _mm256_store_ps(out, vec(_mm256_load_ps(in)));
      bool wide = false;
      for (float v : in) wide = wide || s::trig_lane_is_wide(v);
      for (int k = 0; k < 8; ++k) {
        float mine = port(in[k], wide);
        ++total;
        if (!same(mine, out[k]) && bad++ < 5)
          printf("  %s(%a) sleef %a port %a wide=%d\n", name, in[k], out[k], mine, wide);
      }
    }
  }
  printf("%-6s %llu / %llu differ\n", name, (unsigned long long)bad, (unsigned long long)total);
}

int main(int argc, char** argv) {
  uint64_t stride = argc > 1 ? strtoull(argv[1], nullptr, 10) : 97;
  const char* only = argc > 2 ? argv[2] : nullptr;
#define RUN(n, vfn, expr, trig) \
  if (!only || !strcmp(only, #n)) sweep(#n, vfn, [](float x, bool wide) { (void)wide; return expr; }, stride, trig);
  RUN(exp, Sleef_expf8_u10, s::exp(x), false)
  RUN(log, Sleef_logf8_u10, s::log(x), false)
  RUN(log2, Sleef_log2f8_u10, s::log2(x), false)
  RUN(log10, Sleef_log10f8_u10, s::log10(x), false)
  RUN(log1p, Sleef_log1pf8_u10, s::log1p(x), false)
  RUN(expm1, Sleef_expm1f8_u10, s::expm1(x), false)
  RUN(tanh, Sleef_tanhf8_u10, s::tanh(x), false)
  RUN(sinh, Sleef_sinhf8_u10, s::sinh(x), false)
  RUN(cosh, Sleef_coshf8_u10, s::cosh(x), false)
  RUN(atan, Sleef_atanf8_u10, s::atan(x), false)
  RUN(asin, Sleef_asinf8_u10, s::asin(x), false)
  RUN(acos, Sleef_acosf8_u10, s::acos(x), false)
  RUN(erfc, Sleef_erfcf8_u15, s::erfc(x), false)
  RUN(erf, Sleef_erff8_u10, s::erf(x), false)
  RUN(sin, Sleef_sinf8_u10, s::sin(x, wide), true)
  RUN(cos, Sleef_cosf8_u10, s::cos(x, wide), true)
  RUN(tan, Sleef_tanf8_u10, s::tan(x, wide), true)
  for (float e : {2.5f, -1.5f, 0.3f, 7.0f, -3.0f, 1.0f / 3.0f}) {
    char nm[32];
    snprintf(nm, sizeof nm, "pow%g", e);
    static float E;
    E = e;
    if (!only || !strcmp(only, "pow"))
      sweep(nm, [](__m256 v) { return Sleef_powf8_u10(v, _mm256_set1_ps(E)); },
            [](float x, bool) { return s::pow(x, E); }, stride, false);
  }
}
