// Shared helpers of the test_random_*.cpp files: they compare what runtime/random draws
// with numbers PyTorch 1.13.1 (CPU, AVX2 kernels) printed for the same calls.
//
// Large expected outputs are stored as the FNV-1a hash of their raw little-endian bytes
// plus their first values (exact hex-float literals, for readable failures). The numbers
// were produced with, e.g.:
//   torch.manual_seed(seed); t = torch.empty(n).normal_(mean, std)
//   fnv1a(t.numpy().tobytes()), [x.hex() for x in t[:4].tolist()]
#pragma once

#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <type_traits>
#include <vector>

#include "runtime/random/distributions.h"
#include "runtime/random/generator.h"

namespace tscript_random_test {

using namespace tscript::random;

inline constexpr double kInf = std::numeric_limits<double>::infinity();
// Markers of the random_ tables: "to = None" and "random_() without arguments".
inline constexpr int64_t kNoTo = INT64_MAX - 1;
inline constexpr int64_t kDefault = INT64_MAX - 2;

// A plain array (std::vector<bool> has no data()).
template <typename T>
struct Buffer {
  explicit Buffer(int64_t n) : n_(n), p_(new T[static_cast<size_t>(n > 0 ? n : 1)]()) {}
  T* data() { return p_.get(); }
  const T* data() const { return p_.get(); }
  T& operator[](int64_t i) { return p_[i]; }
  const T& operator[](int64_t i) const { return p_[i]; }
  int64_t size() const { return n_; }

 private:
  int64_t n_;
  std::unique_ptr<T[]> p_;
};

inline uint64_t fnv1a(const void* data, size_t bytes) {
  uint64_t h = 0xcbf29ce484222325ull;
  const auto* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < bytes; ++i) {
    h ^= p[i];
    h *= 0x100000001b3ull;
  }
  return h;
}

// The comparable bit pattern of one element (floats compare bit for bit).
template <typename T>
uint64_t bits_of(T v) {
  if constexpr (std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>) return v.bits;
  else if constexpr (std::is_same_v<T, float>) return std::bit_cast<uint32_t>(v);
  else if constexpr (std::is_same_v<T, double>) return std::bit_cast<uint64_t>(v);
  else return static_cast<uint64_t>(v);
}

// Heads of Half/BFloat16 outputs are given as raw uint16_t patterns.
template <typename T>
using head_t = std::conditional_t<std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>,
                                  uint16_t, T>;

template <typename T, typename Head>
void check_same(const T* v, int64_t n, uint64_t expected_fnv, const Head* head, size_t k,
                uint64_t seed) {
  INFO("seed " << seed << ", n " << n);
  for (size_t i = 0; i < k && static_cast<int64_t>(i) < n; ++i) {
    INFO("element " << i);
    CHECK(bits_of(v[i]) == bits_of(static_cast<head_t<T>>(head[i])));
  }
  CHECK(fnv1a(v, sizeof(T) * static_cast<size_t>(n)) == expected_fnv);
}

template <typename T, size_t K>
void check_same(const std::vector<T>& v, uint64_t fnv, const head_t<T> (&head)[K], uint64_t seed) {
  check_same(v.data(), static_cast<int64_t>(v.size()), fnv, head, K, seed);
}
template <typename T, size_t K>
void check_same(const Buffer<T>& v, uint64_t fnv, const head_t<T> (&head)[K], uint64_t seed) {
  check_same(v.data(), v.size(), fnv, head, K, seed);
}
template <typename T>
void check_same(const Buffer<T>& v, uint64_t fnv, std::initializer_list<head_t<T>> head,
                uint64_t seed) {
  check_same(v.data(), v.size(), fnv, head.begin(), head.size(), seed);
}

// One sampler call on a fresh generator: SAME_AS_TORCH(type, seed, n, call, fnv, head...)
// where `call` fills `v` (a Buffer<type> of n elements) from `g`.
#define SAME_AS_TORCH(T, SEED, N, CALL, FNV, ...) \
  do {                                            \
    Generator g(SEED);                            \
    Buffer<T> v(N);                               \
    CALL;                                         \
    check_same<T>(v, FNV, {__VA_ARGS__}, SEED);   \
  } while (0)

// Probabilities 0, .25, .5, .75, 1, 0, .25, ... (exact in every float type).
template <typename T>
std::vector<T> quarters(int64_t n) {
  std::vector<T> p(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) p[i] = static_cast<T>((i % 5) / 4.0);
  return p;
}

}  // namespace tscript_random_test
