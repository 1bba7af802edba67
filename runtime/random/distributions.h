// Buffer-level samplers that draw from a Generator exactly as PyTorch's CPU kernels do
// (ATen/native/cpu/DistributionTemplates.h, DistributionsHelper.h, TransformationHelper.h
// of PyTorch 1.13), so a seeded tscript script prints PyTorch's numbers.
//
// Every function fills `n` elements of a contiguous buffer in order. PyTorch fills a
// tensor in TensorIterator order: index order for a contiguous tensor, memory order
// (dimensions sorted by stride) for a strided one, e.g. a transposed tensor is filled
// along its storage. So for a non-contiguous destination draw n values into a temporary
// and scatter them in memory order; normal() must then be told contiguous = false, as
// PyTorch takes the 16-wide Box-Muller path only for contiguous tensors.
//
// The functions do not lock: a caller that shares a generator across threads holds
// gen.mutex() around a call, as PyTorch does per op.
//
// Half and BFloat16 below are one-member structs over the raw 16-bit pattern; pass a
// tensor's 2-byte storage reinterpreted as Half* / BFloat16*.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>

#include "runtime/random/generator.h"

namespace tscript::random {

// Tags for the 16-bit float types, whose buffers are raw uint16_t bit patterns.
struct Half { uint16_t bits; };
struct BFloat16 { uint16_t bits; };

// ---------------------------------------------------------------- uniform / normal
// torch.rand / rand_like / Tensor.uniform_(from, to) / nn.init.uniform_.
// PyTorch's checks (from <= to, both in the dtype's range) are check_uniform_args.
void uniform(Generator& gen, float* out, int64_t n, double from = 0.0, double to = 1.0);
void uniform(Generator& gen, double* out, int64_t n, double from = 0.0, double to = 1.0);
void uniform(Generator& gen, Half* out, int64_t n, double from = 0.0, double to = 1.0);
void uniform(Generator& gen, BFloat16* out, int64_t n, double from = 0.0, double to = 1.0);
template <typename T>
void check_uniform_args(double from, double to);  // throws std::invalid_argument

// torch.randn / randn_like / Tensor.normal_(mean, std) / torch.normal(mean, std, size).
// n >= 16 and contiguous: PyTorch's normal_fill (16-wide Box-Muller; for float32 the AVX2
// kernel with its own log/sincos approximations, reproduced exactly in boxmuller.cpp).
// Otherwise one scalar Box-Muller draw per element (normal_sample below).
// Throws std::invalid_argument if std < 0 ("normal expects std >= 0.0, ...").
void normal(Generator& gen, float* out, int64_t n, double mean = 0.0, double std = 1.0,
            bool contiguous = true);
void normal(Generator& gen, double* out, int64_t n, double mean = 0.0, double std = 1.0,
            bool contiguous = true);
void normal(Generator& gen, Half* out, int64_t n, double mean = 0.0, double std = 1.0,
            bool contiguous = true);
void normal(Generator& gen, BFloat16* out, int64_t n, double mean = 0.0, double std = 1.0,
            bool contiguous = true);
// at::normal_distribution<double>: one scalar draw, using and refilling the generator's
// cached second sample. This is also what log_normal_ builds on.
double normal_sample(Generator& gen, double mean = 0.0, double std = 1.0);

// ---------------------------------------------------------------- integers
// What Tensor.random_(from, to) / torch.randint(low, high) draw with. Computed from the
// user's arguments by random_range<T>(), which also applies PyTorch's checks and
// adjustments (update_from/update_to for floating dtypes).
struct RandomRange {
  bool full_64_bits = false;  // from == INT64_MIN and to == None: all 2^64 values
  uint64_t range = 0;         // otherwise values are base + (draw % range)
  int64_t base = 0;
};
// T: bool, uint8_t, int8_t, int16_t, int32_t, int64_t, float, double, Half, BFloat16.
// `to` absent means "up to the dtype's maximum, inclusive" (random_(from, None)).
// Throws std::invalid_argument with PyTorch's messages.
template <typename T>
RandomRange random_range(int64_t from, std::optional<int64_t> to);

// torch.randint(low, high, size, dtype) == empty(size, dtype).random_(low, high).
template <typename T>
void random_from_to(Generator& gen, T* out, int64_t n, const RandomRange& r);
// Tensor.random_() with no arguments: [0, 2^digits] for floats, [0, max] for integers.
template <typename T>
void random_default(Generator& gen, T* out, int64_t n);

// torch.randperm(n) (any dtype PyTorch allows; int64 by default). 1.13's CPU algorithm:
// identity, then for i < n-1 swap i with i + random() % (n - i).
template <typename T>
void randperm(Generator& gen, T* out, int64_t n);

// ---------------------------------------------------------------- bernoulli & co.
// Tensor.bernoulli_(p) / torch.bernoulli(x, p) with a scalar p in [0, 1]: one 53-bit
// uniform per element, 1 if u < p. (PyTorch builds with MKL on Intel CPUs use an MKL
// stream here instead; the reference build, Debian's 1.13 without MKL, and AMD CPUs use
// this generator path.)
template <typename T>
void bernoulli(Generator& gen, T* out, int64_t n, double p);
// torch.bernoulli(p) / Tensor.bernoulli_(p_tensor): p[i] (already broadcast to n
// elements) gives element i. float/half probabilities use a 24-bit float uniform,
// double ones a 53-bit double uniform (bernoulli_distribution<float|double>).
template <typename T, typename P>
void bernoulli(Generator& gen, T* out, int64_t n, const P* p);

// F.dropout / nn.Dropout in training mode with 0 < p < 1: PyTorch draws
// noise = empty_like(x).bernoulli_(1 - p); noise.div_(1 - p); and returns x * noise.
// This fills `noise` (the dtype of x). p == 0, p == 1, eval mode or an empty input draw
// nothing in PyTorch (p == 1 multiplies by zero), so callers must not call this then.
template <typename T>
void dropout_noise(Generator& gen, T* noise, int64_t n, double p);

// exponential_/geometric_/log_normal_/cauchy_ compute in double (one 53-bit uniform, or
// one normal_sample, per element) and cast to T. Each throws PyTorch's argument errors.
// Tensor.exponential_(lambd): -1/lambd * log(1 - u).
template <typename T>
void exponential(Generator& gen, T* out, int64_t n, double lambd = 1.0);
// Tensor.geometric_(p): ceil(log(u) / log(1 - p)).
template <typename T>
void geometric(Generator& gen, T* out, int64_t n, double p);
// Tensor.log_normal_(mean, std): exp(normal_sample(mean, std)).
template <typename T>
void log_normal(Generator& gen, T* out, int64_t n, double mean = 1.0, double std = 2.0);
// Tensor.cauchy_(median, sigma): median + sigma * tan(pi * (u - 0.5)).
template <typename T>
void cauchy(Generator& gen, T* out, int64_t n, double median = 0.0, double sigma = 1.0);

// torch.multinomial(probs, n_sample, replacement) for probs of shape [n_dist, n_cat]
// (n_dist = 1 for a 1-d input), row-major and contiguous; out is [n_dist, n_sample].
// Without replacement PyTorch draws q ~ Exp(1) for every probability (row-major) and
// takes argmax / top-k of p / q (ties ordered as PyTorch's topk orders them); with
// replacement (also for n_sample == 1 in 1.13) it draws one 53-bit uniform per sample and
// binary-searches the normalised cumulative sums.
// T: float or double. Throws std::invalid_argument with PyTorch's messages.
template <typename T>
void multinomial(Generator& gen, const T* probs, int64_t n_dist, int64_t n_categories,
                 int64_t n_sample, bool replacement, int64_t* out);

// ---------------------------------------------------------------- nn.init helpers
// nn.init.trunc_normal_(t, mean, std, a, b) as PyTorch's Python does it:
// uniform_(2l-1, 2u-1), erfinv_, mul_(std*sqrt(2)), add_(mean), clamp_(a, b) where l, u
// are the normal CDF at the bounds, each step rounded to the tensor's dtype.
void trunc_normal(Generator& gen, float* out, int64_t n, double mean = 0.0, double std = 1.0,
                  double a = -2.0, double b = 2.0);
void trunc_normal(Generator& gen, double* out, int64_t n, double mean = 0.0,
                  double std = 1.0, double a = -2.0, double b = 2.0);
// at::calc_erfinv (ATen/native/Math.h), which Tensor.erfinv_ uses on the CPU.
float erfinv(float y);
double erfinv(double y);

// The bound of nn.init.kaiming_uniform_: gain / sqrt(fan) * sqrt(3), with gain from
// calculate_gain('leaky_relu', a) = sqrt(2 / (1 + a^2)) (a = sqrt(5) for nn.Linear and
// nn.Conv*, giving 1/sqrt(fan_in)). Other nonlinearities: pass their gain to
// kaiming_uniform_bound_from_gain.
double kaiming_uniform_bound(int64_t fan, double a = 0.0);
double kaiming_uniform_bound_from_gain(int64_t fan, double gain);

}  // namespace tscript::random
