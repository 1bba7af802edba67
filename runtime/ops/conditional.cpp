#include "runtime/ops/conditional.h"

#include "backends/cpu/kernels.h"
#include "runtime/ops/binary.h"
#include "runtime/ops/copy.h"
#include "runtime/ops/creation.h"
#include "runtime/ops/index.h"
#include "runtime/ops/view.h"
#include "runtime/tensor/error.h"
#include "runtime/tensor/overlap.h"
#include "runtime/tensor/shape_util.h"
#include "runtime/tensor/type_promotion.h"

namespace tscript::rt {

Tensor where(const Tensor& cond, const Tensor& a, const Tensor& b) {
  TS_CHECK(cond.dtype() == DType::Bool, "where expected condition to be a boolean tensor, but got a tensor with dtype ",
           scalar_type_name(cond.dtype()));
  DType dtype = result_type(a, b);
  DimVector shape = broadcast_shapes(broadcast_shapes(cond.sizes(), a.sizes()), b.sizes());
  Tensor out = empty(shape, TensorOptions(dtype));
  cpu::where(out, expand(cond, shape), expand(to(a, dtype), shape), expand(to(b, dtype), shape));
  return out;
}

std::vector<Tensor> where(const Tensor& cond) {
  Tensor nz = nonzero(cond);
  std::vector<Tensor> out;
  for (int64_t d = 0; d < cond.dim(); ++d) out.push_back(contiguous(select(nz, 1, d)));
  return out;
}

Tensor nonzero(const Tensor& x) { return cpu::nonzero(x); }

Tensor clamp(const Tensor& x, const Tensor& min, const Tensor& max) {
  TS_CHECK(min.defined() || max.defined(), "torch.clamp: At least one of 'min' or 'max' must not be None");
  ResultTypeState state;
  state.add(x);
  state.add(min);
  state.add(max);
  DType dtype = state.result();
  DimVector shape(x.sizes());
  if (min.defined()) shape = broadcast_shapes(shape, min.sizes());
  if (max.defined()) shape = broadcast_shapes(shape, max.sizes());
  Tensor out = empty(shape, TensorOptions(dtype));
  auto prep = [&](const Tensor& t) { return t.defined() ? expand(to(t, dtype), shape) : Tensor(); };
  cpu::clamp(out, prep(x), prep(min), prep(max));
  return out;
}

Tensor clamp(const Tensor& x, const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  return clamp(x, min ? wrap_scalar(*min) : Tensor(), max ? wrap_scalar(*max) : Tensor());
}

const Tensor& clamp_(const Tensor& x, const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  Tensor lo = min ? wrap_scalar(*min) : Tensor(), hi = max ? wrap_scalar(*max) : Tensor();
  TS_CHECK(min || max, "torch.clamp: At least one of 'min' or 'max' must not be None");
  ResultTypeState state;
  state.add(x);
  state.add(lo);
  state.add(hi);
  DType dtype = state.result();
  TS_CHECK(can_cast(dtype, x.dtype()), "result type ", scalar_type_name(dtype),
           " can't be cast to the desired output type ", scalar_type_name(x.dtype()));
  assert_no_internal_overlap(x);
  auto prep = [&](const Tensor& t) { return t.defined() ? expand(to(t, x.dtype()), x.sizes()) : Tensor(); };
  if (dtype == x.dtype()) cpu::clamp(x, x, prep(lo), prep(hi));
  else cpu::copy(x, clamp(x, lo, hi));
  x.bump_version();
  return x;
}

static void check_mask(const Tensor& mask) {
  TS_CHECK(mask.dtype() == DType::Bool, "masked_fill_ only supports boolean masks, but got mask with dtype ",
           dtype_name(mask.dtype()));
}

const Tensor& masked_fill_(const Tensor& x, const Tensor& mask, const Tensor& value) {
  TS_CHECK(value.dim() == 0, "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ",
           value.dim(), " dimension(s).");
  check_mask(mask);
  DimVector shape = broadcast_shapes(x.sizes(), mask.sizes());
  TS_CHECK(shape.ref() == x.sizes(), "output with shape ", shape_str(x.sizes()),
           " doesn't match the broadcast shape ", shape_str(shape));
  assert_no_internal_overlap(x);
  Tensor m = input_safe_for(mask, x);
  cpu::where(x, expand(m, shape), expand(to(value, x.dtype()), shape), x);
  x.bump_version();
  return x;
}

const Tensor& masked_fill_(const Tensor& x, const Tensor& mask, const Scalar& value) {
  return masked_fill_(x, mask, scalar_tensor(value, TensorOptions(x.dtype())));
}

Tensor masked_fill(const Tensor& x, const Tensor& mask, const Tensor& value) {
  check_mask(mask);
  DimVector shape = broadcast_shapes(x.sizes(), mask.sizes());
  Tensor out = empty(shape, TensorOptions(x.dtype()));
  cpu::copy(out, expand(x, shape));
  masked_fill_(out, mask, value);
  return out;
}

Tensor masked_fill(const Tensor& x, const Tensor& mask, const Scalar& value) {
  return masked_fill(x, mask, scalar_tensor(value, TensorOptions(x.dtype())));
}

Tensor masked_select(const Tensor& x, const Tensor& mask) {
  check_mask(mask);
  DimVector shape = broadcast_shapes(x.sizes(), mask.sizes());
  return index(expand(x, shape), {TensorIndex(expand(mask, shape))});
}

Tensor lerp(const Tensor& x, const Tensor& end, const Scalar& weight) {
  return add(x, mul(sub(end, x), wrap_scalar(weight)));
}

// PyTorch's kernels compute self + value * t1 * t2 (and value * t1 / t2) left to
// right, rounding after each step; the same order gives the same float32 results.
const Tensor& addcmul_(const Tensor& x, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  return add_(x, mul(mul(t1, value), t2));
}
const Tensor& addcdiv_(const Tensor& x, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  return add_(x, div(mul(t1, value), t2));
}
Tensor addcmul(const Tensor& x, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  return add(x, mul(mul(t1, value), t2));
}
Tensor addcdiv(const Tensor& x, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  return add(x, div(mul(t1, value), t2));
}

}  // namespace tscript::rt
