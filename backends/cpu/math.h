// Scalar math shared by the CPU kernels: integer arithmetic that wraps instead
// of overflowing (signed overflow is undefined behaviour in C++), and the
// Python-style division helpers PyTorch uses.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace tscript::rt::cpu {

template <class T>
inline T wrapping_add(T a, T b) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
    return static_cast<T>(static_cast<std::make_unsigned_t<T>>(a) + static_cast<std::make_unsigned_t<T>>(b));
  else return a + b;
}
template <class T>
inline T wrapping_sub(T a, T b) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
    return static_cast<T>(static_cast<std::make_unsigned_t<T>>(a) - static_cast<std::make_unsigned_t<T>>(b));
  else return a - b;
}
template <class T>
inline T wrapping_mul(T a, T b) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    // Multiply in a type at least as wide as unsigned int so no promotion to
    // (signed) int can overflow.
    using U = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, std::make_unsigned_t<T>>;
    return static_cast<T>(static_cast<U>(static_cast<std::make_unsigned_t<T>>(a)) *
                          static_cast<U>(static_cast<std::make_unsigned_t<T>>(b)));
  } else {
    return a * b;
  }
}
template <class T>
inline T wrapping_neg(T a) {
  return wrapping_sub(T(0), a);
}

// Python floor division / modulo for integers (b != 0 is checked by the caller).
template <class T>
inline T int_floor_div(T a, T b) {
  if (std::is_signed_v<T> && b == T(-1)) return wrapping_neg(a);
  T q = static_cast<T>(a / b);
  if ((a % b != 0) && ((a < 0) != (b < 0))) q = static_cast<T>(q - 1);
  return q;
}
template <class T>
inline T int_trunc_div(T a, T b) {
  if (std::is_signed_v<T> && b == T(-1)) return wrapping_neg(a);
  return static_cast<T>(a / b);
}
template <class T>
inline T int_remainder(T a, T b) {
  if (std::is_signed_v<T> && b == T(-1)) return 0;
  T r = static_cast<T>(a % b);
  if (r != 0 && ((r < 0) != (b < 0))) r = static_cast<T>(r + b);
  return r;
}
template <class T>
inline T int_fmod(T a, T b) {
  if (std::is_signed_v<T> && b == T(-1)) return 0;
  return static_cast<T>(a % b);
}

// PyTorch's div_floor for floats (matches Python's // on floats).
template <class T>
inline T float_floor_div(T a, T b) {
  if (b == 0) return a / b;
  T mod = std::fmod(a, b);
  T div = (a - mod) / b;
  if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
  if (div == 0) return std::copysign(T(0), a / b);
  T floordiv = std::floor(div);
  if (div - floordiv > T(0.5)) floordiv += 1;
  return floordiv;
}
template <class T>
inline T float_remainder(T a, T b) {
  T mod = std::fmod(a, b);
  if (mod != 0 && (b < 0) != (mod < 0)) mod += b;
  return mod;
}

// Integer power by squaring; negative exponents give 0 except for bases 1, -1.
template <class T>
inline T int_pow(T base, T exp) {
  if constexpr (std::is_signed_v<T>) {
    if (exp < 0) {
      if (base == 1) return 1;
      if (base == -1) return (exp % 2 == 0) ? 1 : -1;
      return 0;
    }
  }
  T result = 1;
  while (exp) {
    if (exp & 1) result = wrapping_mul(result, base);
    exp = static_cast<T>(exp >> 1);
    base = wrapping_mul(base, base);
  }
  return result;
}

}  // namespace tscript::rt::cpu
