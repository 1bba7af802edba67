// Element types, named and promoted exactly as PyTorch's ScalarType.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "runtime/tensor/half.h"

namespace tscript::rt {

enum class DType : uint8_t {
  Bool,
  UInt8,
  Int8,
  Int16,
  Int32,
  Int64,
  Float16,
  BFloat16,
  Float32,
  Float64,
};
inline constexpr int kNumDTypes = 10;

size_t itemsize(DType dtype);
// "float32", "int64", ... (what follows "torch." in repr).
const char* dtype_name(DType dtype);
// "torch.float32" — how `print(t.dtype)` shows it.
std::string dtype_repr(DType dtype);
// PyTorch's internal names used in error messages: "Float", "Long", "Bool", ...
const char* scalar_type_name(DType dtype);
// Accepts every torch attribute name: "float32", "float", "double", "half", "long", "int", ...
std::optional<DType> dtype_from_name(std::string_view name);

constexpr bool is_floating(DType d) {
  return d == DType::Float16 || d == DType::BFloat16 || d == DType::Float32 || d == DType::Float64;
}
constexpr bool is_integral(DType d, bool include_bool) {
  return (include_bool && d == DType::Bool) ||
         (d >= DType::UInt8 && d <= DType::Int64);
}
constexpr bool is_signed(DType d) { return d != DType::Bool && d != DType::UInt8; }

// The smallest type both can be represented in (torch.promote_types).
DType promote_types(DType a, DType b);
// torch.can_cast: no float -> integral, no non-bool -> bool.
bool can_cast(DType from, DType to);

// torch.get_default_dtype() / set_default_dtype (float32 or float64).
DType default_dtype();
void set_default_dtype(DType dtype);

// C++ type <-> DType.
template <class T> struct dtype_of;
template <> struct dtype_of<bool> { static constexpr DType value = DType::Bool; };
template <> struct dtype_of<uint8_t> { static constexpr DType value = DType::UInt8; };
template <> struct dtype_of<int8_t> { static constexpr DType value = DType::Int8; };
template <> struct dtype_of<int16_t> { static constexpr DType value = DType::Int16; };
template <> struct dtype_of<int32_t> { static constexpr DType value = DType::Int32; };
template <> struct dtype_of<int64_t> { static constexpr DType value = DType::Int64; };
template <> struct dtype_of<Half> { static constexpr DType value = DType::Float16; };
template <> struct dtype_of<BFloat16> { static constexpr DType value = DType::BFloat16; };
template <> struct dtype_of<float> { static constexpr DType value = DType::Float32; };
template <> struct dtype_of<double> { static constexpr DType value = DType::Float64; };
template <class T> inline constexpr DType dtype_of_v = dtype_of<T>::value;

// Type used for arithmetic on T: float for the 16-bit floats, T otherwise.
template <class T> struct opmath { using type = T; };
template <> struct opmath<Half> { using type = float; };
template <> struct opmath<BFloat16> { using type = float; };
template <class T> using opmath_t = typename opmath<T>::type;

template <class T>
inline constexpr bool is_floating_v = std::is_floating_point_v<T> || std::is_same_v<T, Half> ||
                                      std::is_same_v<T, BFloat16>;

// Calls f.template operator()<T>() with T the C++ type of `dtype`.
// Usage: dispatch_all(dt, [&]<class T>() { ... });
template <class F>
decltype(auto) dispatch_all(DType dtype, F&& f) {
  switch (dtype) {
    case DType::Bool: return f.template operator()<bool>();
    case DType::UInt8: return f.template operator()<uint8_t>();
    case DType::Int8: return f.template operator()<int8_t>();
    case DType::Int16: return f.template operator()<int16_t>();
    case DType::Int32: return f.template operator()<int32_t>();
    case DType::Int64: return f.template operator()<int64_t>();
    case DType::Float16: return f.template operator()<Half>();
    case DType::BFloat16: return f.template operator()<BFloat16>();
    case DType::Float32: return f.template operator()<float>();
    case DType::Float64: return f.template operator()<double>();
  }
  return f.template operator()<float>();
}

}  // namespace tscript::rt
