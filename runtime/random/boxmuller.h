// The 16-wide Box-Muller transform of PyTorch's CPU normal_fill (internal to
// runtime/random; distributions.cpp is the user).
#pragma once

#include <cstdint>

namespace tscript::random::detail {

// PyTorch's normal_fill_16_AVX2 (ATen/native/cpu/DistributionTemplates.h), used for
// float32 tensors of >= 16 elements on every x86-64 CPU with AVX2 (and on AVX-512 ones,
// where PyTorch deliberately dispatches normal_ to the AVX2 kernel). It computes log and
// sincos with avx_mathfun.h's Cephes approximations, not libm, and GCC fused some of
// their multiply-adds into FMAs when PyTorch was built. This is a scalar, portable
// re-implementation of exactly those float operations: data[0..8) hold u1 candidates,
// data[8..16) u2, both uniform in [0, 1); they are replaced by normal samples.
void normal_fill_16_avx2(float* data, float mean, float std);

// avx_mathfun's log256_ps / sincos256_ps for one lane (exposed for the tests, which check
// them exhaustively against the values PyTorch computes).
float cephes_logf(float x);
void cephes_sincosf(float x, float* s, float* c);

// PyTorch's generic normal_fill_16<double>: libm log/sin/cos in double.
void normal_fill_16(double* data, double mean, double std);

}  // namespace tscript::random::detail
