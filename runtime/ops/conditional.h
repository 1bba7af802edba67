// Selection by condition and bounds: where, clamp, masked_fill, and the fused
// multiply-add family optimizers use (lerp, addcmul, addcdiv).
#pragma once

#include <optional>

#include "runtime/tensor/tensor.h"

namespace tscript::rt {

// cond ? a : b with broadcasting; cond must be bool. Python numbers: wrap_scalar().
Tensor where(const Tensor& cond, const Tensor& a, const Tensor& b);
// torch.where(cond) == nonzero(cond, as_tuple=True).
std::vector<Tensor> where(const Tensor& cond);
// [n, ndim] int64 coordinates of the non-zero elements.
Tensor nonzero(const Tensor& x);

// At least one bound must be given. Bounds take part in type promotion.
Tensor clamp(const Tensor& x, const std::optional<Scalar>& min, const std::optional<Scalar>& max = std::nullopt);
Tensor clamp(const Tensor& x, const Tensor& min, const Tensor& max);  // either may be undefined
const Tensor& clamp_(const Tensor& x, const std::optional<Scalar>& min,
                     const std::optional<Scalar>& max = std::nullopt);

// x with value where mask is true (mask broadcasts to x; value converted to x's dtype).
Tensor masked_fill(const Tensor& x, const Tensor& mask, const Scalar& value);
Tensor masked_fill(const Tensor& x, const Tensor& mask, const Tensor& value);  // value: 0-d
const Tensor& masked_fill_(const Tensor& x, const Tensor& mask, const Scalar& value);
const Tensor& masked_fill_(const Tensor& x, const Tensor& mask, const Tensor& value);
// The elements of x where mask is true, as a 1-D tensor.
Tensor masked_select(const Tensor& x, const Tensor& mask);

// x + weight * (end - x)
Tensor lerp(const Tensor& x, const Tensor& end, const Scalar& weight);
// x + value * t1 * t2, x + value * t1 / t2 (in place: the optimizer building blocks)
const Tensor& addcmul_(const Tensor& x, const Tensor& t1, const Tensor& t2, const Scalar& value = 1);
const Tensor& addcdiv_(const Tensor& x, const Tensor& t1, const Tensor& t2, const Scalar& value = 1);
Tensor addcmul(const Tensor& x, const Tensor& t1, const Tensor& t2, const Scalar& value = 1);
Tensor addcdiv(const Tensor& x, const Tensor& t1, const Tensor& t2, const Scalar& value = 1);

}  // namespace tscript::rt
