// Helpers shared by the runtime tests: build tensors from literal values and
// compare them with values computed by PyTorch (pasted into the tests).
#pragma once

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "runtime/ops/ops.h"

namespace tscript::rt::test {

inline Tensor tensor_f(std::vector<double> values, IntArrayRef sizes, DType dtype = DType::Float32) {
  return from_data(values.data(), DType::Float64, sizes, TensorOptions(dtype));
}
inline Tensor tensor_f(std::vector<double> values, DType dtype = DType::Float32) {
  int64_t n = static_cast<int64_t>(values.size());
  return tensor_f(std::move(values), {n}, dtype);
}
inline Tensor tensor_i(std::vector<int64_t> values, IntArrayRef sizes, DType dtype = DType::Int64) {
  return from_data(values.data(), DType::Int64, sizes, TensorOptions(dtype));
}
inline Tensor tensor_i(std::vector<int64_t> values, DType dtype = DType::Int64) {
  int64_t n = static_cast<int64_t>(values.size());
  return tensor_i(std::move(values), {n}, dtype);
}
inline Tensor tensor_b(std::vector<int> values) {
  std::vector<uint8_t> bytes(values.begin(), values.end());
  int64_t n = static_cast<int64_t>(values.size());
  return from_data(bytes.data(), DType::Bool, {n});
}

inline std::vector<double> values(const Tensor& t) {
  std::vector<double> out;
  for (int64_t i = 0; i < t.numel(); ++i) out.push_back(t.double_at(i));
  return out;
}

// Element-wise comparison with a relative tolerance; NaNs must match NaNs.
inline bool close(const Tensor& t, const std::vector<double>& expected, double rtol = 1e-5, double atol = 1e-7) {
  if (t.numel() != static_cast<int64_t>(expected.size())) return false;
  for (int64_t i = 0; i < t.numel(); ++i) {
    double a = t.double_at(i), b = expected[static_cast<size_t>(i)];
    if (std::isnan(a) || std::isnan(b)) {
      if (std::isnan(a) != std::isnan(b)) return false;
      continue;
    }
    if (std::isinf(a) || std::isinf(b)) {
      if (a != b) return false;
      continue;
    }
    if (std::abs(a - b) > atol + rtol * std::abs(b)) return false;
  }
  return true;
}

inline std::vector<int64_t> shape(const Tensor& t) { return t.sizes().vec(); }

}  // namespace tscript::rt::test

// CHECK_THROWS_WITH plus the error kind.
#define CHECK_ERROR(expr, kind_, message)                                   \
  do {                                                                      \
    try {                                                                   \
      (void)(expr);                                                         \
      FAIL("expected an error: " << (message));                             \
    } catch (const ::tscript::rt::Error& e) {                               \
      CHECK(e.kind() == (kind_));                                           \
      CHECK(std::string(e.what()) == (message));                            \
    }                                                                       \
  } while (0)
