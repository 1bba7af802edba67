#include "runtime/ops/unary.h"

#include <cmath>

#include "backends/cpu/kernels.h"
#include "runtime/ops/binary.h"
#include "runtime/ops/copy.h"
#include "runtime/ops/creation.h"
#include "runtime/tensor/error.h"
#include "runtime/tensor/overlap.h"

namespace tscript::rt {
namespace {

bool is_floating_function(UnaryOp op) { return op >= UnaryOp::Exp; }

[[noreturn]] void not_implemented(const char* kernel, DType dtype) {
  TS_ERROR("\"", kernel, "\" not implemented for '", scalar_type_name(dtype), "'");
}

// Checks the input dtype and returns the dtype the op computes (and returns) in.
DType unary_result_dtype(UnaryOp op, DType in) {
  if (is_floating_function(op)) return is_floating(in) ? in : default_dtype();
  switch (op) {
    case UnaryOp::Neg:
      TS_CHECK(in != DType::Bool,
               "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a "
               "mask, use the `~` or `logical_not()` operator instead.");
      return in;
    case UnaryOp::Abs:
      if (in == DType::Bool) not_implemented("abs_cpu", in);
      return in;
    case UnaryOp::Relu:
      TS_CHECK(in != DType::Bool, "Boolean inputs not supported for relu");
      return in;
    case UnaryOp::Floor:
    case UnaryOp::Ceil:
    case UnaryOp::Round:
    case UnaryOp::Trunc:
      if (in == DType::Bool) {
        const char* names[] = {"floor_vml_cpu", "ceil_vml_cpu", "round_vml_cpu", "trunc_vml_cpu"};
        not_implemented(names[static_cast<int>(op) - static_cast<int>(UnaryOp::Floor)], in);
      }
      return in;
    case UnaryOp::Frac:
      if (!is_floating(in)) not_implemented("frac_cpu", in);
      return in;
    case UnaryOp::BitwiseNot:
      if (is_floating(in)) not_implemented("bitwise_not_cpu", in);
      return in;
    case UnaryOp::Square: return in == DType::Bool ? DType::Int64 : in;
    default: return in;
  }
}

}  // namespace

Tensor unary(UnaryOp op, const Tensor& x) {
  check_device_available(x.device());
  DType dtype = unary_result_dtype(op, x.dtype());
  Tensor out = empty(x.sizes(), TensorOptions(dtype));
  cpu::unary(op, out, to(x, dtype));
  return out;
}

const Tensor& unary_(UnaryOp op, const Tensor& x) {
  DType dtype = unary_result_dtype(op, x.dtype());
  TS_CHECK(can_cast(dtype, x.dtype()), "result type ", scalar_type_name(dtype),
           " can't be cast to the desired output type ", scalar_type_name(x.dtype()));
  assert_no_internal_overlap(x);
  if (dtype == x.dtype()) cpu::unary(op, x, x);
  else cpu::copy(x, unary(op, x));
  x.bump_version();
  return x;
}

#define TS_DEFINE_UNARY(name, kind)                                              \
  Tensor name(const Tensor& x) { return unary(UnaryOp::kind, x); }              \
  const Tensor& name##_(const Tensor& x) { return unary_(UnaryOp::kind, x); }
TS_UNARY_OPS(TS_DEFINE_UNARY)
#undef TS_DEFINE_UNARY

Tensor gelu(const Tensor& x, const std::string& approximate) {
  TS_CHECK(approximate == "none" || approximate == "tanh", "approximate argument must be either none or tanh.");
  return unary(approximate == "tanh" ? UnaryOp::GeluTanh : UnaryOp::Gelu, x);
}

Tensor leaky_relu(const Tensor& x, const Scalar& negative_slope) {
  Tensor out = empty_like(x);
  cpu::leaky_relu(out, x, negative_slope);
  return out;
}

const Tensor& leaky_relu_(const Tensor& x, const Scalar& negative_slope) {
  assert_no_internal_overlap(x);
  cpu::leaky_relu(x, x, negative_slope);
  x.bump_version();
  return x;
}

Tensor round(const Tensor& x, int64_t decimals) {
  if (decimals == 0) return round(x);
  TS_CHECK(is_floating(x.dtype()), "round_cpu with decimals not implemented for '", scalar_type_name(x.dtype()),
           "'");
  double scale = std::pow(10.0, static_cast<double>(std::abs(decimals)));
  if (decimals > 0) return div(round(mul(x, wrap_scalar(scale))), wrap_scalar(scale));
  return mul(round(div(x, wrap_scalar(scale))), wrap_scalar(scale));
}

Tensor predicate(PredicateOp op, const Tensor& x) {
  check_device_available(x.device());
  Tensor out = empty(x.sizes(), TensorOptions(DType::Bool));
  cpu::predicate(op, out, x);
  return out;
}

Tensor logical_not(const Tensor& x) { return predicate(PredicateOp::LogicalNot, x); }
Tensor isnan(const Tensor& x) { return predicate(PredicateOp::IsNan, x); }
Tensor isinf(const Tensor& x) { return predicate(PredicateOp::IsInf, x); }
Tensor isposinf(const Tensor& x) { return predicate(PredicateOp::IsPosInf, x); }
Tensor isneginf(const Tensor& x) { return predicate(PredicateOp::IsNegInf, x); }
Tensor isfinite(const Tensor& x) { return predicate(PredicateOp::IsFinite, x); }
Tensor signbit(const Tensor& x) { return predicate(PredicateOp::SignBit, x); }

}  // namespace tscript::rt
