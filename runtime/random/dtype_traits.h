// Per-dtype facts the samplers need: PyTorch's conversions into each element type, the
// mantissa width PyTorch's transformations use, and the names its error messages print.
// Internal to runtime/random.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "runtime/random/distributions.h"

namespace tscript::random::detail {

// c10::detail::fp16_ieee_from_fp32_value: float -> IEEE half, round to nearest even.
inline uint16_t half_bits_from_float(float f) {
  const float scale_to_inf = 0x1.0p+112f;
  const float scale_to_zero = 0x1.0p-110f;
  float base = (std::fabs(f) * scale_to_inf) * scale_to_zero;
  const uint32_t w = std::bit_cast<uint32_t>(f);
  const uint32_t shl1_w = w + w;
  const uint32_t sign = w & 0x80000000u;
  uint32_t bias = shl1_w & 0xFF000000u;
  if (bias < 0x71000000u) bias = 0x71000000u;
  base = std::bit_cast<float>((bias >> 1) + 0x07800000u) + base;
  const uint32_t bits = std::bit_cast<uint32_t>(base);
  const uint32_t exp_bits = (bits >> 13) & 0x00007C00u;
  const uint32_t mantissa_bits = bits & 0x00000FFFu;
  const uint32_t nonsign = exp_bits + mantissa_bits;
  return static_cast<uint16_t>((sign >> 16) | (shl1_w > 0xFF000000u ? 0x7E00u : nonsign));
}

// c10::detail::fp16_ieee_to_fp32_value.
inline float half_bits_to_float(uint16_t h) {
  const uint32_t w = static_cast<uint32_t>(h) << 16;
  const uint32_t sign = w & 0x80000000u;
  const uint32_t two_w = w + w;
  const uint32_t exp_offset = 0xE0u << 23;
  const float exp_scale = 0x1.0p-112f;
  const float normalized = std::bit_cast<float>((two_w >> 4) + exp_offset) * exp_scale;
  const uint32_t magic_mask = 126u << 23;
  const float magic_bias = 0.5f;
  const float denormalized = std::bit_cast<float>((two_w >> 17) | magic_mask) - magic_bias;
  const uint32_t denormalized_cutoff = 1u << 27;
  const uint32_t result = sign | (two_w < denormalized_cutoff ? std::bit_cast<uint32_t>(denormalized)
                                                              : std::bit_cast<uint32_t>(normalized));
  return std::bit_cast<float>(result);
}

// c10::detail::round_to_nearest_even: float -> bfloat16.
inline uint16_t bf16_bits_from_float(float f) {
  if (std::isnan(f)) return 0x7FC0;
  const uint32_t u = std::bit_cast<uint32_t>(f);
  const uint32_t rounding_bias = ((u >> 16) & 1u) + 0x7FFFu;
  return static_cast<uint16_t>((u + rounding_bias) >> 16);
}
inline float bf16_bits_to_float(uint16_t b) {
  return std::bit_cast<float>(static_cast<uint32_t>(b) << 16);
}

template <typename T>
inline constexpr bool is_floating_v = std::is_floating_point_v<T> || std::is_same_v<T, Half> ||
                                      std::is_same_v<T, BFloat16>;

// std::numeric_limits<scalar_t>::digits as PyTorch's transformations use it.
template <typename T>
constexpr int digits() {
  if constexpr (std::is_same_v<T, Half>) return 11;
  else if constexpr (std::is_same_v<T, BFloat16>) return 8;
  else return std::numeric_limits<T>::digits;
}

inline float to_float(Half h) { return half_bits_to_float(h.bits); }
inline float to_float(BFloat16 b) { return bf16_bits_to_float(b.bits); }

// static_cast<scalar_t>(float): the 16-bit types have a float constructor only.
template <typename T>
T from_float(float v) {
  if constexpr (std::is_same_v<T, Half>) return Half{half_bits_from_float(v)};
  else if constexpr (std::is_same_v<T, BFloat16>) return BFloat16{bf16_bits_from_float(v)};
  else return static_cast<T>(v);
}
// static_cast<scalar_t>(double): for the 16-bit types through float (two roundings).
template <typename T>
T from_double(double v) {
  if constexpr (std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>) {
    return from_float<T>(static_cast<float>(v));
  } else {
    return static_cast<T>(v);
  }
}
// static_cast<scalar_t>(int64_t).
template <typename T>
T from_int64(int64_t v) {
  if constexpr (std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>) {
    return from_float<T>(static_cast<float>(v));
  } else {
    return static_cast<T>(v);
  }
}

// The dtype as PyTorch's random_ bound checks print it (caffe2::TypeMeta names).
template <typename T>
constexpr const char* typemeta_name() {
  if constexpr (std::is_same_v<T, bool>) return "bool";
  else if constexpr (std::is_same_v<T, uint8_t>) return "unsigned char";
  else if constexpr (std::is_same_v<T, int8_t>) return "signed char";
  else if constexpr (std::is_same_v<T, int16_t>) return "short int";
  else if constexpr (std::is_same_v<T, int32_t>) return "int";
  else if constexpr (std::is_same_v<T, int64_t>) return "long int";
  else if constexpr (std::is_same_v<T, float>) return "float";
  else if constexpr (std::is_same_v<T, double>) return "double";
  else if constexpr (std::is_same_v<T, Half>) return "c10::Half";
  else return "c10::BFloat16";
}

// c10::toString(ScalarType).
template <typename T>
constexpr const char* scalar_type_name() {
  if constexpr (std::is_same_v<T, bool>) return "Bool";
  else if constexpr (std::is_same_v<T, uint8_t>) return "Byte";
  else if constexpr (std::is_same_v<T, int8_t>) return "Char";
  else if constexpr (std::is_same_v<T, int16_t>) return "Short";
  else if constexpr (std::is_same_v<T, int32_t>) return "Int";
  else if constexpr (std::is_same_v<T, int64_t>) return "Long";
  else if constexpr (std::is_same_v<T, float>) return "Float";
  else if constexpr (std::is_same_v<T, double>) return "Double";
  else if constexpr (std::is_same_v<T, Half>) return "Half";
  else return "BFloat16";
}

// numeric_limits<scalar_t>::lowest()/max() as doubles (the bounds of uniform_/random_).
template <typename T>
constexpr double lowest_value() {
  if constexpr (std::is_same_v<T, Half>) return -65504.0;
  else if constexpr (std::is_same_v<T, BFloat16>) return -0x1.fep127;
  else return static_cast<double>(std::numeric_limits<T>::lowest());
}
template <typename T>
constexpr double max_value() {
  if constexpr (std::is_same_v<T, Half>) return 65504.0;
  else if constexpr (std::is_same_v<T, BFloat16>) return 0x1.fep127;
  else return static_cast<double>(std::numeric_limits<T>::max());
}

// uniform_real_distribution<T>(0, 1): the low digits<T>() bits of one 32-bit draw, scaled
// by 2^-digits (exact in float). Used for float, Half and BFloat16.
template <typename T>
float unit_float(Generator& gen) {
  constexpr uint32_t mask = (uint32_t{1} << digits<T>()) - 1;
  constexpr float scale = 1.0f / static_cast<float>(uint32_t{1} << digits<T>());
  return static_cast<float>(gen.random() & mask) * scale;
}
// uniform_real_distribution<double>(0, 1): the low 53 bits of a 64-bit draw.
inline double unit_double(Generator& gen) {
  constexpr uint64_t mask = (uint64_t{1} << 53) - 1;
  return static_cast<double>(gen.random64() & mask) * 0x1.0p-53;
}

}  // namespace tscript::random::detail
