// Copies and dtype conversion.
#pragma once

#include "runtime/tensor/tensor.h"

namespace tscript::rt {

// dst[...] = src (broadcast to dst's shape, converted to dst's dtype). Bumps
// dst's version. Returns dst.
const Tensor& copy_(const Tensor& dst, const Tensor& src);
// A new contiguous tensor with the same values.
Tensor clone(const Tensor& t);
// t itself when already contiguous, else a contiguous copy.
Tensor contiguous(const Tensor& t);
// t converted to dtype; t itself when the dtype matches and !copy.
Tensor to(const Tensor& t, DType dtype, bool copy = false);
// Device transfer (only cpu exists: returns t, or a copy when copy is set).
Tensor to(const Tensor& t, Device device, std::optional<DType> dtype = std::nullopt, bool copy = false);

}  // namespace tscript::rt
