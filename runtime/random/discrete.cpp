// bernoulli_, dropout's noise, exponential_/geometric_/log_normal_/cauchy_ and
// multinomial, drawn as PyTorch 1.13's CPU kernels draw them (see distributions.cpp for
// why this file is not FMA-contracted and where std::fma stands for a fused operation).
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <sstream>
#include <string>
#include <vector>

#include "runtime/random/distributions.h"
#include "runtime/random/dtype_traits.h"

namespace tscript::random {

using detail::from_double;
using detail::is_floating_v;

namespace {

[[noreturn]] void fail(const std::string& msg) { throw std::invalid_argument(msg); }

template <typename T>
std::string with_value(const char* text, T value) {
  std::ostringstream s;
  s << text << value;
  return s.str();
}

// static_cast<scalar_t>(double) without C++'s undefined behaviour for out-of-range
// integers: x86's cvttsd2si result (the integer indefinite value), then truncation.
template <typename T>
T cast_from_double(double v) {
  if constexpr (is_floating_v<T> || std::is_same_v<T, bool>) {
    return from_double<T>(v);
  } else if constexpr (sizeof(T) == 8) {
    if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0)) {
      return std::numeric_limits<int64_t>::min();
    }
    return static_cast<T>(v);
  } else {
    if (!(v > -2147483649.0 && v < 2147483648.0)) return static_cast<T>(INT32_MIN);
    return static_cast<T>(static_cast<int32_t>(v));
  }
}

// exponential_distribution<double> on the CPU: -1/lambda * log(1 - u).
double exponential_sample(Generator& gen, double lambd) {
  return (-1.0 / lambd) * std::log(1.0 - detail::unit_double(gen));
}

// argmax along a row: the first maximal value, NaN counting as the maximum.
template <typename T>
int64_t argmax(const T* row, int64_t n) {
  int64_t best = 0;
  for (int64_t j = 1; j < n; ++j) {
    if (std::isnan(row[best])) break;
    if (std::isnan(row[j]) || row[j] > row[best]) best = j;
  }
  return best;
}

// topk(largest=True, sorted=True) indices exactly as PyTorch's CPU topk_impl_loop picks
// them, ties included: (value, index) pairs as (double, int64) ordered NaN-first, then
// std::partial_sort when k * 64 <= n, else std::nth_element and a sort of the first
// k - 1. (Same libstdc++ algorithms, so equal values come out in the same order.)
template <typename T>
void topk_indices(const T* row, int64_t n, int64_t k, int64_t* out) {
  using elem_t = std::pair<double, int64_t>;
  std::vector<elem_t> queue(static_cast<size_t>(n));
  for (int64_t j = 0; j < n; ++j) queue[j] = {static_cast<double>(row[j]), j};
  auto before = [](const elem_t& x, const elem_t& y) {
    return (std::isnan(x.first) && !std::isnan(y.first)) || (x.first > y.first);
  };
  if (k * 64 <= n) {
    std::partial_sort(queue.begin(), queue.begin() + k, queue.end(), before);
  } else {
    std::nth_element(queue.begin(), queue.begin() + k - 1, queue.end(), before);
    std::sort(queue.begin(), queue.begin() + k - 1, before);
  }
  for (int64_t j = 0; j < k; ++j) out[j] = queue[j].second;
}

}  // namespace

// ---------------------------------------------------------------- bernoulli
template <typename T>
void bernoulli(Generator& gen, T* out, int64_t n, double p) {
  if (!(p >= 0 && p <= 1)) fail(with_value("bernoulli_ expects p to be in [0, 1], but got p=", p));
  for (int64_t i = 0; i < n; ++i) out[i] = from_double<T>(detail::unit_double(gen) < p ? 1.0 : 0.0);
}

template <typename T, typename P>
void bernoulli(Generator& gen, T* out, int64_t n, const P* p) {
  constexpr const char* kBadP =
      "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message "
      "be improved?  If so, please report an enhancement request to PyTorch.)";
  for (int64_t i = 0; i < n; ++i) {
    if constexpr (std::is_same_v<P, double>) {
      if (!(p[i] >= 0 && p[i] <= 1)) fail(kBadP);
      out[i] = from_double<T>(detail::unit_double(gen) < p[i] ? 1.0 : 0.0);
    } else {
      float pf;
      if constexpr (std::is_same_v<P, float>) pf = p[i];
      else pf = detail::to_float(p[i]);
      if (!(pf >= 0 && pf <= 1)) fail(kBadP);
      out[i] = from_double<T>(detail::unit_float<float>(gen) < pf ? 1.0 : 0.0);
    }
  }
}

template <typename T>
void dropout_noise(Generator& gen, T* noise, int64_t n, double p) {
  bernoulli(gen, noise, n, 1 - p);
  // noise.div_(1 - p): the Python float becomes a T scalar, then a true division.
  const T keep = static_cast<T>(1 - p);
  for (int64_t i = 0; i < n; ++i) noise[i] = noise[i] / keep;
}

// ---------------------------------------------------------------- continuous extras
template <typename T>
void exponential(Generator& gen, T* out, int64_t n, double lambd) {
  if (!(lambd >= 0.0)) fail(with_value("exponential_ expects lambda >= 0.0, but found lambda=", lambd));
  for (int64_t i = 0; i < n; ++i) out[i] = cast_from_double<T>(exponential_sample(gen, lambd));
}

template <typename T>
void geometric(Generator& gen, T* out, int64_t n, double p) {
  if (!(0 < p && p < 1)) fail(with_value("geometric_ expects p to be in (0, 1), but got p=", p));
  for (int64_t i = 0; i < n; ++i) {
    const double u = detail::unit_double(gen);
    out[i] = cast_from_double<T>(std::ceil(std::log(u) / std::log(1.0 - p)));
  }
}

template <typename T>
void log_normal(Generator& gen, T* out, int64_t n, double mean, double std) {
  if (!(std > 0.0)) fail(with_value("log_normal_ expects std > 0.0, but found std=", std));
  for (int64_t i = 0; i < n; ++i) out[i] = cast_from_double<T>(std::exp(normal_sample(gen, mean, std)));
}

template <typename T>
void cauchy(Generator& gen, T* out, int64_t n, double median, double sigma) {
  for (int64_t i = 0; i < n; ++i) {
    const double u = detail::unit_double(gen);
    const double t = std::tan(3.14159265358979323846 * (u - 0.5));
    out[i] = cast_from_double<T>(std::fma(sigma, t, median));
  }
}

// ---------------------------------------------------------------- multinomial
template <typename T>
void multinomial(Generator& gen, const T* probs, int64_t n_dist, int64_t n_categories,
                 int64_t n_sample, bool replacement, int64_t* out) {
  if (n_sample <= 0) fail("cannot sample n_sample <= 0 samples");
  if (!replacement && n_sample > n_categories) {
    fail("cannot sample n_sample > prob_dist.size(-1) samples without replacement");
  }
  if (n_categories > (int64_t{1} << 24)) fail("number of categories cannot exceed 2^24");
  if (n_dist * n_sample == 0) return;
  const int64_t total = n_dist * n_categories;

  if (!replacement) {
    // Gumbel-max in exponential form: argmax / top-k of p / q with q ~ Exp(1).
    // (PyTorch 2.x also sends n_sample == 1 with replacement here; 1.13 does not.)
    for (int64_t i = 0; i < total; ++i) {
      if (!(probs[i] < std::numeric_limits<T>::infinity() && probs[i] >= 0)) {
        fail("probability tensor contains either `inf`, `nan` or element < 0");
      }
    }
    for (int64_t r = 0; r < n_dist; ++r) {
      const T* row = probs + r * n_categories;
      if (std::all_of(row, row + n_categories, [](T v) { return v == 0; })) {
        fail("invalid multinomial distribution (sum of probabilities <= 0)");
      }
    }
    std::vector<T> q(static_cast<size_t>(total));
    exponential(gen, q.data(), total, 1.0);
    for (int64_t i = 0; i < total; ++i) q[i] = probs[i] / q[i];
    for (int64_t r = 0; r < n_dist; ++r) {
      const T* row = q.data() + r * n_categories;
      int64_t* dst = out + r * n_sample;
      if (n_sample == 1) {
        dst[0] = argmax(row, n_categories);
      } else {
        topk_indices(row, n_categories, n_sample, dst);
      }
    }
    return;
  }

  // With replacement: normalised cumulative sums in T, one 53-bit uniform per sample,
  // binary search for the first bucket whose cumulative value is >= u.
  std::vector<T> cum(static_cast<size_t>(n_categories));
  for (int64_t r = 0; r < n_dist; ++r) {
    const T* row = probs + r * n_categories;
    T sum = 0;
    for (int64_t j = 0; j < n_categories; ++j) {
      const T v = row[j];
      if (!(v >= 0)) fail("invalid multinomial distribution (encountering probability entry < 0)");
      if (!std::isfinite(v)) {
        fail("invalid multinomial distribution (encountering probability entry = infinity or NaN)");
      }
      sum += v;
      cum[j] = sum;
    }
    if (!(sum > 0)) fail("invalid multinomial distribution (sum of probabilities <= 0)");
    for (int64_t j = 0; j < n_categories; ++j) cum[j] /= sum;
    for (int64_t s = 0; s < n_sample; ++s) {
      const double u = detail::unit_double(gen);
      cum[n_categories - 1] = 1;
      int64_t left = 0, right = n_categories;
      while (right - left > 0) {
        const int64_t mid = left + (right - left) / 2;
        if (static_cast<double>(cum[mid]) < u) left = mid + 1;
        else right = mid;
      }
      out[r * n_sample + s] = left;
    }
  }
}

// ---------------------------------------------------------------- instantiations
#define TSCRIPT_ALL_TYPES(X) \
  X(bool) X(uint8_t) X(int8_t) X(int16_t) X(int32_t) X(int64_t) X(float) X(double) X(Half) X(BFloat16)

#define TSCRIPT_INSTANTIATE(T)                                                           \
  template void bernoulli<T>(Generator&, T*, int64_t, double);                           \
  template void bernoulli<T, float>(Generator&, T*, int64_t, const float*);              \
  template void bernoulli<T, double>(Generator&, T*, int64_t, const double*);            \
  template void bernoulli<T, BFloat16>(Generator&, T*, int64_t, const BFloat16*);        \
  template void bernoulli<T, Half>(Generator&, T*, int64_t, const Half*);                \
  template void exponential<T>(Generator&, T*, int64_t, double);                         \
  template void geometric<T>(Generator&, T*, int64_t, double);                           \
  template void log_normal<T>(Generator&, T*, int64_t, double, double);                  \
  template void cauchy<T>(Generator&, T*, int64_t, double, double);
TSCRIPT_ALL_TYPES(TSCRIPT_INSTANTIATE)
#undef TSCRIPT_INSTANTIATE

template void dropout_noise<float>(Generator&, float*, int64_t, double);
template void dropout_noise<double>(Generator&, double*, int64_t, double);
template void multinomial<float>(Generator&, const float*, int64_t, int64_t, int64_t, bool, int64_t*);
template void multinomial<double>(Generator&, const double*, int64_t, int64_t, int64_t, bool, int64_t*);

}  // namespace tscript::random
