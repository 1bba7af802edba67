#include "runtime/ops/binary.h"

#include "backends/cpu/kernels.h"
#include "runtime/ops/copy.h"
#include "runtime/ops/creation.h"
#include "runtime/ops/view.h"
#include "runtime/tensor/error.h"
#include "runtime/tensor/overlap.h"
#include "runtime/tensor/shape_util.h"
#include "runtime/tensor/type_promotion.h"

namespace tscript::rt {
namespace {

void check_operands(BinaryOp op, const Tensor& a, const Tensor& b, const Scalar& alpha, DType common) {
  check_device_available(a.device());
  check_device_available(b.device());
  if (op == BinaryOp::Sub) {
    TS_CHECK(a.dtype() != DType::Bool || b.dtype() != DType::Bool,
             "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
             "`logical_xor()` operator instead.");
    TS_CHECK(a.dtype() != DType::Bool && b.dtype() != DType::Bool,
             "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert "
             "a mask, use the `~` or `logical_not()` operator instead.");
  }
  if (op == BinaryOp::Add || op == BinaryOp::Sub) {
    TS_CHECK(common == DType::Bool || !alpha.is_bool(), "Boolean alpha only supported for Boolean results.");
    TS_CHECK(is_floating(common) || !alpha.is_floating(),
             "For integral input tensors, argument alpha must not be a floating point number.");
  }
  if (op == BinaryOp::Pow && is_integral(a.dtype(), true) && b.impl()->is_wrapped_number() &&
      is_integral(b.dtype(), false)) {
    TS_CHECK(b.item().to_int() >= 0, "Integers to negative integer powers are not allowed.");
  }
}

void check_rounding_mode(const std::optional<std::string>& mode) {
  TS_CHECK(!mode || *mode == "trunc" || *mode == "floor",
           "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '", *mode, "'");
}

BinaryOp div_kind(const std::optional<std::string>& mode) {
  check_rounding_mode(mode);
  if (!mode) return BinaryOp::Div;
  return *mode == "trunc" ? BinaryOp::DivTrunc : BinaryOp::DivFloor;
}

}  // namespace

DType binary_compute_dtype(BinaryOp op, const Tensor& a, const Tensor& b) {
  DType common = result_type(a, b);
  // True division and atan2 of integers happen in the default float dtype.
  if ((op == BinaryOp::Div || op == BinaryOp::Atan2) && !is_floating(common)) return default_dtype();
  return common;
}

Tensor binary(BinaryOp op, const Tensor& a, const Tensor& b, const Scalar& alpha) {
  DType compute = binary_compute_dtype(op, a, b);
  check_operands(op, a, b, alpha, result_type(a, b));
  DimVector shape = broadcast_shapes(a.sizes(), b.sizes());
  Tensor out = empty(shape, TensorOptions(writes_bool(op) ? DType::Bool : compute));
  cpu::binary(op, out, expand(to(a, compute), shape), expand(to(b, compute), shape), alpha);
  return out;
}

const Tensor& binary_(BinaryOp op, const Tensor& self, const Tensor& other, const Scalar& alpha) {
  DType compute = binary_compute_dtype(op, self, other);
  check_operands(op, self, other, alpha, result_type(self, other));
  DType result = writes_bool(op) ? DType::Bool : compute;
  TS_CHECK(can_cast(result, self.dtype()), "result type ", scalar_type_name(result),
           " can't be cast to the desired output type ", scalar_type_name(self.dtype()));
  DimVector shape = broadcast_shapes(self.sizes(), other.sizes());
  TS_CHECK(shape.ref() == self.sizes(), "output with shape ", shape_str(self.sizes()),
           " doesn't match the broadcast shape ", shape_str(shape));
  assert_no_internal_overlap(self);
  Tensor rhs = input_safe_for(other, self);
  if (result == self.dtype() && compute == self.dtype()) {
    cpu::binary(op, self, self, expand(to(rhs, compute), shape), alpha);
  } else {
    cpu::copy(self, binary(op, self, rhs, alpha));
  }
  self.bump_version();
  return self;
}

#define TS_DEFINE_BINARY(name, kind)                                                                          \
  Tensor name(const Tensor& a, const Tensor& b) { return binary(BinaryOp::kind, a, b); }                      \
  Tensor name(const Tensor& a, const Scalar& b) { return binary(BinaryOp::kind, a, wrap_scalar(b)); }         \
  const Tensor& name##_(const Tensor& self, const Tensor& other) { return binary_(BinaryOp::kind, self, other); } \
  const Tensor& name##_(const Tensor& self, const Scalar& other) {                                           \
    return binary_(BinaryOp::kind, self, wrap_scalar(other));                                                 \
  }
TS_BINARY_OPS(TS_DEFINE_BINARY)
#undef TS_DEFINE_BINARY

Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha) { return binary(BinaryOp::Add, a, b, alpha); }
Tensor add(const Tensor& a, const Scalar& b, const Scalar& alpha) {
  return binary(BinaryOp::Add, a, wrap_scalar(b), alpha);
}
Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha) { return binary(BinaryOp::Sub, a, b, alpha); }
Tensor sub(const Tensor& a, const Scalar& b, const Scalar& alpha) {
  return binary(BinaryOp::Sub, a, wrap_scalar(b), alpha);
}
const Tensor& add_(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  return binary_(BinaryOp::Add, self, other, alpha);
}
const Tensor& add_(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  return binary_(BinaryOp::Add, self, wrap_scalar(other), alpha);
}
const Tensor& sub_(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  return binary_(BinaryOp::Sub, self, other, alpha);
}
const Tensor& sub_(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  return binary_(BinaryOp::Sub, self, wrap_scalar(other), alpha);
}

Tensor div(const Tensor& a, const Tensor& b, std::optional<std::string> mode) {
  return binary(div_kind(mode), a, b);
}
Tensor div(const Tensor& a, const Scalar& b, std::optional<std::string> mode) {
  return binary(div_kind(mode), a, wrap_scalar(b));
}
const Tensor& div_(const Tensor& self, const Tensor& other, std::optional<std::string> mode) {
  return binary_(div_kind(mode), self, other);
}
const Tensor& div_(const Tensor& self, const Scalar& other, std::optional<std::string> mode) {
  return binary_(div_kind(mode), self, wrap_scalar(other));
}

}  // namespace tscript::rt
