// Tensor creation: empty, zeros, ones, full, eye, arange, linspace, *_like,
// and tensors built from host data.
#pragma once

#include <functional>
#include <optional>

#include "runtime/tensor/tensor.h"

namespace tscript::rt {

struct TensorOptions {
  std::optional<DType> dtype;  // unset: the op's default (usually the default dtype)
  Device device = kCPU;
  bool requires_grad = false;

  TensorOptions() = default;
  TensorOptions(DType d) : dtype(d) {}  // NOLINT: `zeros({2}, DType::Int64)` reads well
  TensorOptions& with_dtype(DType d) {
    dtype = d;
    return *this;
  }
  TensorOptions& with_device(Device d) {
    device = d;
    return *this;
  }
};

// Uninitialised memory (from the caching allocator).
Tensor empty(IntArrayRef sizes, TensorOptions options = {});
Tensor empty_strided(IntArrayRef sizes, IntArrayRef strides, TensorOptions options = {});
Tensor zeros(IntArrayRef sizes, TensorOptions options = {});
Tensor ones(IntArrayRef sizes, TensorOptions options = {});
// dtype defaults to the fill value's: bool, int64, or the default float dtype.
Tensor full(IntArrayRef sizes, const Scalar& value, TensorOptions options = {});
Tensor eye(int64_t n, std::optional<int64_t> m = std::nullopt, TensorOptions options = {});
// dtype: int64 when start/end/step are all integers, else the default dtype.
Tensor arange(const Scalar& end, TensorOptions options = {});
Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step = 1, TensorOptions options = {});
Tensor linspace(const Scalar& start, const Scalar& end, int64_t steps, TensorOptions options = {});

// *_like: same sizes; dtype/device from `like` unless options say otherwise.
Tensor empty_like(const Tensor& like, TensorOptions options = {});
Tensor zeros_like(const Tensor& like, TensorOptions options = {});
Tensor ones_like(const Tensor& like, TensorOptions options = {});
Tensor full_like(const Tensor& like, const Scalar& value, TensorOptions options = {});

// A 0-d tensor holding `value`, as torch.tensor(value): dtype defaults to
// bool, int64 or the default float dtype.
Tensor scalar_tensor(const Scalar& value, TensorOptions options = {});
// The 0-d "wrapped number" an op makes of a Python number (bool/int64/float64,
// flagged so type promotion treats it as a scalar).
Tensor wrap_scalar(const Scalar& value);

// Copies `count` elements of type `src_dtype` from `data` into a new tensor
// of the given sizes (numel must equal count), converting to options.dtype
// (default: src_dtype). This is how torch.tensor(nested list) ends up.
Tensor from_data(const void* data, DType src_dtype, IntArrayRef sizes, TensorOptions options = {});
// Zero-copy: a tensor over memory owned by the caller; `deleter` (may be
// empty) runs when the last view is gone. Strides default to contiguous.
Tensor from_blob(void* data, IntArrayRef sizes, DType dtype, std::function<void(void*)> deleter = {},
                 std::optional<IntArrayRef> strides = std::nullopt);

}  // namespace tscript::rt
