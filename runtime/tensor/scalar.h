// A Python number (bool, int or float) passed to or returned from an op.
// Its kind decides how it takes part in type promotion.
#pragma once

#include <concepts>
#include <cstdint>
#include <string>

#include "runtime/tensor/dtype.h"

namespace tscript::rt {

class Scalar {
 public:
  enum class Kind : uint8_t { Bool, Int, Float };

  Scalar() : Scalar(int64_t{0}) {}
  Scalar(bool v) : kind_(Kind::Bool) { i_ = v; }  // NOLINT: implicit, like a Python number
  template <std::integral I>
    requires(!std::same_as<I, bool>)
  Scalar(I v) : kind_(Kind::Int) {  // NOLINT
    i_ = static_cast<int64_t>(v);
  }
  Scalar(double v) : kind_(Kind::Float) { d_ = v; }  // NOLINT
  Scalar(float v) : kind_(Kind::Float) { d_ = v; }   // NOLINT
  Scalar(Half v) : Scalar(static_cast<float>(v)) {}  // NOLINT
  Scalar(BFloat16 v) : Scalar(static_cast<float>(v)) {}  // NOLINT

  Kind kind() const { return kind_; }
  bool is_bool() const { return kind_ == Kind::Bool; }
  bool is_integral() const { return kind_ == Kind::Int; }  // excludes bool, like PyTorch
  bool is_floating() const { return kind_ == Kind::Float; }

  double to_double() const { return kind_ == Kind::Float ? d_ : static_cast<double>(i_); }
  // Floats truncate toward zero (as a C cast; the caller checks range if needed).
  int64_t to_int() const;
  bool to_bool() const { return kind_ == Kind::Float ? d_ != 0.0 : i_ != 0; }
  template <class T>
  T to() const {
    if constexpr (std::is_same_v<T, bool>) return to_bool();
    else if constexpr (is_floating_v<T>) return static_cast<T>(static_cast<opmath_t<T>>(to_double()));
    else return kind_ == Kind::Float ? static_cast<T>(to_int()) : static_cast<T>(i_);
  }

  // The dtype a tensor built from this number gets: bool, int64 or float64.
  DType dtype() const {
    return kind_ == Kind::Bool ? DType::Bool : kind_ == Kind::Int ? DType::Int64 : DType::Float64;
  }
  // Python's repr of the value: "True", "3", "2.5".
  std::string repr() const;

 private:
  Kind kind_;
  union {
    int64_t i_;
    double d_;
  };
};

}  // namespace tscript::rt
