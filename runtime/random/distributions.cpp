// uniform_, normal_, random_ and randperm, drawn as PyTorch 1.13's CPU kernels draw them.
//
// PyTorch's kernels run as its AVX2 build (the one every x86-64 machine of the last decade
// dispatches to), compiled by GCC with -ffp-contract=fast: a multiply feeding an add
// became one FMA. Where that changes the rounding we call std::fma explicitly, and this
// file must not be contracted any further by our own compiler.
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include "runtime/random/distributions.h"

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "runtime/random/boxmuller.h"
#include "runtime/random/dtype_traits.h"

namespace tscript::random {

using detail::from_double;
using detail::from_float;
using detail::from_int64;
using detail::is_floating_v;

namespace {

// 2.0f * c10::pi<double>: 2*pi in double.
constexpr double kTwoPi = 2.0 * 3.14159265358979323846;

template <typename... Args>
[[noreturn]] void fail(Args&&... args) {
  std::ostringstream msg;
  (msg << ... << args);
  throw std::invalid_argument(msg.str());
}

// Float-to-int64 conversion as x86's cvttsd2si does it: out-of-range values (which are
// undefined behaviour in C++) give INT64_MIN, as they do inside PyTorch.
int64_t to_int64_like_x86(double v) {
  if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0)) {
    return std::numeric_limits<int64_t>::min();
  }
  return static_cast<int64_t>(v);
}

template <typename T>
double as_double(T v) {
  if constexpr (std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>) return detail::to_float(v);
  else return static_cast<double>(v);
}

// Index of the highest set bit of |v| (0 for v == 0), without overflowing on INT64_MIN.
int highest_bit(int64_t v) {
  uint64_t magnitude = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  int n = 0;
  while (magnitude >>= 1) ++n;
  return n;
}

int64_t wrapping_add(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}

// PyTorch's update_from/update_to (native/DistributionTemplates.h): nudge an int64 bound
// inwards to the nearest value that stays inside [from, to) once cast to scalar_t.
// (Written without PyTorch's signed overflow, which can even hang it for from = INT64_MAX.)
template <typename T>
int64_t update_from(int64_t from) {
  const int64_t from_plus_1 = to_int64_like_x86(as_double(from_int64<T>(wrapping_add(from, 1))));
  if (from_plus_1 < from) {
    const int shift = highest_bit(wrapping_add(from, 1)) - detail::digits<T>() + 1;
    if (shift >= 0 && shift < 63) from = wrapping_add(from_plus_1, int64_t{1} << shift);
  }
  return from;
}

template <typename T>
int64_t update_to(int64_t to) {
  const int64_t to_minus_1 = to_int64_like_x86(as_double(from_int64<T>(wrapping_add(to, -1))));
  if (to_minus_1 >= to) {
    const int shift = highest_bit(wrapping_add(to, -1)) - detail::digits<T>() + 1;
    if (shift >= 0 && shift < 63) to = wrapping_add(to_minus_1, -(int64_t{1} << shift));
  }
  return to;
}

template <typename T>
void check_from_to_in_range(int64_t from, int64_t to_inc) {
  const char* dtype = detail::typemeta_name<T>();
  if constexpr (is_floating_v<T>) {
    const double lo = detail::lowest_value<T>(), hi = detail::max_value<T>();
    const double f = static_cast<double>(from), t = static_cast<double>(to_inc);
    if (!(f >= lo && f <= hi)) fail("from is out of bounds for ", dtype);
    if (!(t >= lo && t <= hi)) fail("to - 1 is out of bounds for ", dtype);
    // (PyTorch also warns when a bound exceeds 2^digits; there is no warning channel here.)
  } else {
    const int64_t lo = static_cast<int64_t>(std::numeric_limits<T>::lowest());
    const int64_t hi = static_cast<int64_t>(std::numeric_limits<T>::max());
    if (!(from >= lo && from <= hi)) fail("from is out of bounds for ", dtype);
    if (!(to_inc >= lo && to_inc <= hi)) fail("to - 1 is out of bounds for ", dtype);
  }
}

template <typename T>
constexpr bool draws_64_bits_for_large_ranges() {
  return std::is_same_v<T, int64_t> || std::is_same_v<T, double> || std::is_same_v<T, float> ||
         std::is_same_v<T, BFloat16>;
}

// normal_fill: all n uniforms first, then Box-Muller over blocks of 16; a tail that is
// not a multiple of 16 is redone by drawing 16 fresh uniforms into the last 16 slots
// (overwriting normals already produced there) and transforming those.
template <typename T, typename Unit, typename Fill16>
void normal_fill(Generator& gen, T* data, int64_t n, Unit unit, Fill16 fill16) {
  for (int64_t i = 0; i < n; ++i) data[i] = unit(gen);
  for (int64_t i = 0; i + 16 <= n; i += 16) fill16(data + i);
  if (n % 16 != 0) {
    T* tail = data + n - 16;
    for (int i = 0; i < 16; ++i) tail[i] = unit(gen);
    fill16(tail);
  }
}

// normal_fill_16<Half>: c10's Half arithmetic rounds to half after Half-valued
// operations, while libm calls and mixed Half*float products run in float (and GCC fused
// the final multiply-add).
inline void normal_fill_16_16bit(Half* data, Half mean, Half std) {
  const float mean_f = detail::to_float(mean), std_f = detail::to_float(std);
  for (int j = 0; j < 8; ++j) {
    const float u1 = detail::to_float(from_float<Half>(1.0f - detail::to_float(data[j])));
    const float u2 = detail::to_float(data[j + 8]);
    const float radius = detail::to_float(from_float<Half>(std::sqrt(-2.0f * std::log(u1))));
    // 2.0f * c10::pi<double> * u2 is computed in double, then stored as a Half.
    const float theta = detail::to_float(from_double<Half>(kTwoPi * static_cast<double>(u2)));
    data[j] = from_float<Half>(std::fma(radius * std::cos(theta), std_f, mean_f));
    data[j + 8] = from_float<Half>(std::fma(radius * std::sin(theta), std_f, mean_f));
  }
}

// normal_fill_16<BFloat16>: c10 overloads std::log/sqrt/cos/sin for BFloat16 to return
// BFloat16, and BFloat16 * BFloat16 is a BFloat16, so every step is rounded to bfloat16
// (no fused operations).
inline void normal_fill_16_16bit(BFloat16* data, BFloat16 mean, BFloat16 std) {
  auto bf = [](float v) { return detail::to_float(from_float<BFloat16>(v)); };
  const float mean_f = detail::to_float(mean), std_f = detail::to_float(std);
  for (int j = 0; j < 8; ++j) {
    const float u1 = bf(1.0f - detail::to_float(data[j]));
    const float u2 = detail::to_float(data[j + 8]);
    const float radius = bf(std::sqrt(bf(-2.0f * bf(std::log(u1)))));
    const float theta = detail::to_float(from_double<BFloat16>(kTwoPi * static_cast<double>(u2)));
    data[j] = from_float<BFloat16>(bf(bf(radius * bf(std::cos(theta))) * std_f) + mean_f);
    data[j + 8] = from_float<BFloat16>(bf(bf(radius * bf(std::sin(theta))) * std_f) + mean_f);
  }
}

template <typename T>
void normal_16bit(Generator& gen, T* out, int64_t n, double mean, double std, bool contiguous) {
  if (!(std >= 0.0)) fail("normal expects std >= 0.0, but found std ", std);
  if (n >= 16 && contiguous) {
    const T mean_t = from_double<T>(mean), std_t = from_double<T>(std);
    normal_fill(
        gen, out, n, [](Generator& g) { return from_float<T>(detail::unit_float<T>(g)); },
        [&](T* block) { normal_fill_16_16bit(block, mean_t, std_t); });
  } else {
    for (int64_t i = 0; i < n; ++i) out[i] = from_double<T>(normal_sample(gen, mean, std));
  }
}

template <typename T>
void uniform_16bit(Generator& gen, T* out, int64_t n, double from, double to) {
  const T from_t = from_double<T>(from), to_t = from_double<T>(to);
  const float from_f = detail::to_float(from_t);
  // to - from is a 16-bit subtraction (rounded to T); x * range + from runs in float.
  const float range_f = detail::to_float(from_float<T>(detail::to_float(to_t) - from_f));
  for (int64_t i = 0; i < n; ++i) {
    out[i] = from_float<T>(std::fma(detail::unit_float<T>(gen), range_f, from_f));
  }
}

}  // namespace

// ---------------------------------------------------------------- uniform
template <typename T>
void check_uniform_args(double from, double to) {
  const double lo = detail::lowest_value<T>(), hi = detail::max_value<T>();
  const char* dtype = detail::typemeta_name<T>();
  if (!(from >= lo && from <= hi)) fail("from is out of bounds for ", dtype);
  if (!(to >= lo && to <= hi)) fail("to is out of bounds for ", dtype);
  if (!(from <= to)) {
    fail("uniform_ expects to return a [from, to) range, but found from=", from, " > to=", to);
  }
  if (!((to - from) <= hi)) {
    fail("uniform_ expects to-from <= std::numeric_limits<", detail::scalar_type_name<T>(),
         ">::max(), but found to=", to, " and from=", from,
         " which result in to-from to exceed the limit");
  }
}

void uniform(Generator& gen, float* out, int64_t n, double from, double to) {
  const float from_f = static_cast<float>(from), to_f = static_cast<float>(to);
  const float range = to_f - from_f;
  for (int64_t i = 0; i < n; ++i) out[i] = std::fma(detail::unit_float<float>(gen), range, from_f);
}

void uniform(Generator& gen, double* out, int64_t n, double from, double to) {
  const double range = to - from;
  for (int64_t i = 0; i < n; ++i) out[i] = std::fma(detail::unit_double(gen), range, from);
}

void uniform(Generator& gen, Half* out, int64_t n, double from, double to) {
  uniform_16bit(gen, out, n, from, to);
}
void uniform(Generator& gen, BFloat16* out, int64_t n, double from, double to) {
  uniform_16bit(gen, out, n, from, to);
}

// ---------------------------------------------------------------- normal
double normal_sample(Generator& gen, double mean, double std) {
  if (gen.next_double_normal_sample) {
    const double cached = *gen.next_double_normal_sample;
    gen.next_double_normal_sample.reset();
    return std::fma(cached, std, mean);
  }
  const double u1 = detail::unit_double(gen);
  const double u2 = detail::unit_double(gen);
  const double r = std::sqrt(-2.0 * std::log(1.0 - u2));
  const double theta = kTwoPi * u1;
  gen.next_double_normal_sample = r * std::sin(theta);
  return std::fma(r * std::cos(theta), std, mean);
}

void normal(Generator& gen, float* out, int64_t n, double mean, double std, bool contiguous) {
  if (!(std >= 0.0)) fail("normal expects std >= 0.0, but found std ", std);
  if (n >= 16 && contiguous) {
    const float mean_f = static_cast<float>(mean), std_f = static_cast<float>(std);
    normal_fill(gen, out, n, detail::unit_float<float>,
                [&](float* block) { detail::normal_fill_16_avx2(block, mean_f, std_f); });
  } else {
    for (int64_t i = 0; i < n; ++i) out[i] = static_cast<float>(normal_sample(gen, mean, std));
  }
}

void normal(Generator& gen, double* out, int64_t n, double mean, double std, bool contiguous) {
  if (!(std >= 0.0)) fail("normal expects std >= 0.0, but found std ", std);
  if (n >= 16 && contiguous) {
    normal_fill(gen, out, n, detail::unit_double,
                [&](double* block) { detail::normal_fill_16(block, mean, std); });
  } else {
    for (int64_t i = 0; i < n; ++i) out[i] = normal_sample(gen, mean, std);
  }
}

void normal(Generator& gen, Half* out, int64_t n, double mean, double std, bool contiguous) {
  normal_16bit(gen, out, n, mean, std, contiguous);
}
void normal(Generator& gen, BFloat16* out, int64_t n, double mean, double std, bool contiguous) {
  normal_16bit(gen, out, n, mean, std, contiguous);
}

// ---------------------------------------------------------------- integers
template <typename T>
RandomRange random_range(int64_t from, std::optional<int64_t> to_opt) {
  RandomRange r;
  if (to_opt) {
    int64_t to = *to_opt;
    if (!(from < to)) {
      fail("random_ expects 'from' to be less than 'to', but got from=", from, " >= to=", to);
    }
    if constexpr (is_floating_v<T>) {
      from = update_from<T>(from);
      to = update_to<T>(to);
      if (!(from < to)) {
        fail("random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, "
             "but got from=", from, " >= to=", to);
      }
    }
    check_from_to_in_range<T>(from, to - 1);
    r.range = static_cast<uint64_t>(to) - static_cast<uint64_t>(from);
    r.base = from;
  } else if (from != std::numeric_limits<int64_t>::lowest()) {
    int64_t to_inc = 0;
    if constexpr (is_floating_v<T>) {
      to_inc = int64_t{1} << detail::digits<T>();
      from = update_from<T>(from);
      if (!(from < to_inc)) {
        fail("random_ expects 'from' casted to dtype to be less than or equal to 'to_inc' "
             "casted to dtype, but got from=", from, " > to_inc=", to_inc);
      }
    } else if constexpr (std::is_same_v<T, bool>) {
      to_inc = 1;
    } else {
      to_inc = static_cast<int64_t>(std::numeric_limits<T>::max());
    }
    check_from_to_in_range<T>(from, to_inc);
    r.range = static_cast<uint64_t>(to_inc) - static_cast<uint64_t>(from) + 1;
    r.base = from;
  } else {
    if constexpr (!draws_64_bits_for_large_ranges<T>()) {
      fail("random_full_64_bits_range_kernel_cpu handles only int64, double, float and bfloat16");
    }
    r.full_64_bits = true;
  }
  return r;
}

template <typename T>
void random_from_to(Generator& gen, T* out, int64_t n, const RandomRange& r) {
  if (r.full_64_bits) {
    if constexpr (!draws_64_bits_for_large_ranges<T>()) {
      fail("random_full_64_bits_range_kernel_cpu handles only int64, double, float and bfloat16");
    } else {
      for (int64_t i = 0; i < n; ++i) {
        out[i] = from_int64<T>(static_cast<int64_t>(gen.random64()));
      }
    }
    return;
  }
  if (r.range == 0) fail("random_from_to: empty range");
  // uniform_int_from_to_distribution: 64-bit draws only for ranges >= 2^32 of the types
  // that can hold them; the result is (draw % range + base) in uint64, cast via int64.
  const bool wide = draws_64_bits_for_large_ranges<T>() && r.range >= (uint64_t{1} << 32);
  const uint64_t base = static_cast<uint64_t>(r.base);
  for (int64_t i = 0; i < n; ++i) {
    const uint64_t draw = wide ? gen.random64() : gen.random();
    out[i] = from_int64<T>(static_cast<int64_t>(draw % r.range + base));
  }
}

template <typename T>
void random_default(Generator& gen, T* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    if constexpr (std::is_same_v<T, bool>) {
      out[i] = (gen.random() & 1) != 0;
    } else if constexpr (std::is_same_v<T, int64_t>) {
      out[i] = static_cast<int64_t>(gen.random64() % (uint64_t{1} << 63));
    } else if constexpr (std::is_same_v<T, double>) {
      out[i] = static_cast<double>(gen.random64() % ((uint64_t{1} << 53) + 1));
    } else if constexpr (is_floating_v<T>) {  // float, Half, BFloat16: 32-bit draws
      const uint64_t v = gen.random() % ((uint64_t{1} << detail::digits<T>()) + 1);
      out[i] = from_float<T>(static_cast<float>(v));
    } else {
      const uint64_t v = gen.random() % (static_cast<uint64_t>(std::numeric_limits<T>::max()) + 1);
      out[i] = static_cast<T>(v);
    }
  }
}

// ---------------------------------------------------------------- randperm
template <typename T>
void randperm(Generator& gen, T* out, int64_t n) {
  if (n < 0) fail("n must be non-negative, got", n);
  // check_supported_max_int_with_precision: n - 1 must fit, floats must count exactly.
  if constexpr (std::is_same_v<T, Half>) {
    if (n > (int64_t{1} << 11) + 1) fail("n cannot be greater than 2049 for Half type.");
  } else if constexpr (std::is_same_v<T, float>) {
    if (n > (int64_t{1} << 24) + 1) fail("n cannot be greater than 2^24+1 for Float type.");
  } else if constexpr (std::is_same_v<T, double>) {
    if (n > (int64_t{1} << 53) + 1) fail("n cannot be greater than 2^53+1 for Double type.");
  } else if constexpr (!is_floating_v<T>) {
    const int64_t last = n > 0 ? n - 1 : n;
    if (last > static_cast<int64_t>(std::numeric_limits<T>::max())) {
      fail("value cannot be converted to type ", std::is_same_v<T, bool> ? "bool" :
           std::is_same_v<T, uint8_t> ? "uint8_t" : std::is_same_v<T, int8_t> ? "int8_t" :
           std::is_same_v<T, int16_t> ? "int16_t" : std::is_same_v<T, int32_t> ? "int32_t" :
           "int64_t", " without overflow");
    }
  }
  for (int64_t i = 0; i < n; ++i) out[i] = from_int64<T>(i);
  for (int64_t i = 0; i < n - 1; ++i) {
    const int64_t z = static_cast<int64_t>(gen.random() % static_cast<uint64_t>(n - i));
    std::swap(out[i], out[z + i]);
  }
}

#define TSCRIPT_RANDOM_INT_TYPES(X) \
  X(bool) X(uint8_t) X(int8_t) X(int16_t) X(int32_t) X(int64_t)
#define TSCRIPT_RANDOM_FLOAT_TYPES(X) X(float) X(double) X(Half) X(BFloat16)

#define TSCRIPT_INSTANTIATE(T)                                                           \
  template RandomRange random_range<T>(int64_t, std::optional<int64_t>);                 \
  template void random_from_to<T>(Generator&, T*, int64_t, const RandomRange&);          \
  template void random_default<T>(Generator&, T*, int64_t);                              \
  template void randperm<T>(Generator&, T*, int64_t);
TSCRIPT_RANDOM_INT_TYPES(TSCRIPT_INSTANTIATE)
TSCRIPT_RANDOM_FLOAT_TYPES(TSCRIPT_INSTANTIATE)
#undef TSCRIPT_INSTANTIATE
#define TSCRIPT_INSTANTIATE(T) template void check_uniform_args<T>(double, double);
TSCRIPT_RANDOM_FLOAT_TYPES(TSCRIPT_INSTANTIATE)
#undef TSCRIPT_INSTANTIATE

}  // namespace tscript::random
