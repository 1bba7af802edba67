// Binary elementwise ops with broadcasting and PyTorch's type promotion.
//
// Operands are Tensors; pass a Python number as wrap_scalar(value) (see
// creation.h) so it takes part in promotion as a scalar — the Scalar overloads
// below do that for C++ callers. In-place forms (`add_`) write into their first
// argument, which must be able to hold the result type.
#pragma once

#include <optional>
#include <string>

#include "runtime/ops/kinds.h"
#include "runtime/tensor/tensor.h"

namespace tscript::rt {

// X(function name, BinaryOp)
#define TS_BINARY_OPS(X)                                                                                   \
  X(mul, Mul) X(true_divide, Div) X(floor_divide, DivFloor) X(remainder, Remainder) X(fmod, Fmod)         \
  X(pow, Pow) X(maximum, Maximum) X(minimum, Minimum) X(fmax, Fmax) X(fmin, Fmin) X(atan2, Atan2)         \
  X(bitwise_and, BitwiseAnd) X(bitwise_or, BitwiseOr) X(bitwise_xor, BitwiseXor)                          \
  X(bitwise_left_shift, LeftShift) X(bitwise_right_shift, RightShift) X(logical_and, LogicalAnd)          \
  X(logical_or, LogicalOr) X(logical_xor, LogicalXor) X(eq, Eq) X(ne, Ne) X(lt, Lt) X(le, Le) X(gt, Gt)   \
  X(ge, Ge)

#define TS_DECLARE_BINARY(name, kind)                              \
  Tensor name(const Tensor& a, const Tensor& b);                   \
  Tensor name(const Tensor& a, const Scalar& b);                   \
  const Tensor& name##_(const Tensor& self, const Tensor& other); \
  const Tensor& name##_(const Tensor& self, const Scalar& other);
TS_BINARY_OPS(TS_DECLARE_BINARY)
#undef TS_DECLARE_BINARY

// a + alpha * b, a - alpha * b
Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
Tensor add(const Tensor& a, const Scalar& b, const Scalar& alpha = 1);
Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
Tensor sub(const Tensor& a, const Scalar& b, const Scalar& alpha = 1);
const Tensor& add_(const Tensor& self, const Tensor& other, const Scalar& alpha = 1);
const Tensor& add_(const Tensor& self, const Scalar& other, const Scalar& alpha = 1);
const Tensor& sub_(const Tensor& self, const Tensor& other, const Scalar& alpha = 1);
const Tensor& sub_(const Tensor& self, const Scalar& other, const Scalar& alpha = 1);

// rounding_mode: none (true division), "trunc" or "floor".
Tensor div(const Tensor& a, const Tensor& b, std::optional<std::string> rounding_mode = std::nullopt);
Tensor div(const Tensor& a, const Scalar& b, std::optional<std::string> rounding_mode = std::nullopt);
const Tensor& div_(const Tensor& self, const Tensor& other, std::optional<std::string> rounding_mode = std::nullopt);
const Tensor& div_(const Tensor& self, const Scalar& other, std::optional<std::string> rounding_mode = std::nullopt);

// The generic forms.
Tensor binary(BinaryOp op, const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
const Tensor& binary_(BinaryOp op, const Tensor& self, const Tensor& other, const Scalar& alpha = 1);
// The dtype `op` computes in for these operands (after the checks).
DType binary_compute_dtype(BinaryOp op, const Tensor& a, const Tensor& b);

}  // namespace tscript::rt
