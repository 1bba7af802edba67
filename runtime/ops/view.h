// View ops: new geometry over the same storage, no data copied (reshape and
// flatten copy only when no view is possible, as in PyTorch).
#pragma once

#include <vector>

#include "runtime/tensor/tensor.h"

namespace tscript::rt {

// A new TensorImpl over the same storage (same geometry): Python's `t.view_as(t)`.
Tensor alias(const Tensor& t);
// Checked against the storage bounds.
Tensor as_strided(const Tensor& t, IntArrayRef sizes, IntArrayRef strides, std::optional<int64_t> offset = {});

// Sizes may contain one -1 (inferred).
Tensor view(const Tensor& t, IntArrayRef sizes);
Tensor view_as(const Tensor& t, const Tensor& other);
Tensor reshape(const Tensor& t, IntArrayRef sizes);
Tensor flatten(const Tensor& t, int64_t start_dim = 0, int64_t end_dim = -1);
Tensor unflatten(const Tensor& t, int64_t dim, IntArrayRef sizes);
Tensor squeeze(const Tensor& t);
Tensor squeeze(const Tensor& t, int64_t dim);
Tensor unsqueeze(const Tensor& t, int64_t dim);
Tensor permute(const Tensor& t, IntArrayRef dims);
Tensor transpose(const Tensor& t, int64_t dim0, int64_t dim1);
Tensor t(const Tensor& t);            // 2-D transpose (<= 2 dims)
Tensor numpy_T(const Tensor& t);      // .T: all dims reversed
Tensor movedim(const Tensor& t, int64_t source, int64_t destination);
// Sizes may contain -1 (keep the existing size); new leading dims allowed.
Tensor expand(const Tensor& t, IntArrayRef sizes);
Tensor expand_as(const Tensor& t, const Tensor& other);
Tensor broadcast_to(const Tensor& t, IntArrayRef sizes);
Tensor narrow(const Tensor& t, int64_t dim, int64_t start, int64_t length);
Tensor select(const Tensor& t, int64_t dim, int64_t index);
// Python slice semantics for start/end (clamped, negative from the end); step > 0.
Tensor slice(const Tensor& t, int64_t dim, std::optional<int64_t> start, std::optional<int64_t> end,
             int64_t step = 1);
Tensor diagonal(const Tensor& t, int64_t offset = 0, int64_t dim1 = 0, int64_t dim2 = 1);
std::vector<Tensor> unbind(const Tensor& t, int64_t dim = 0);

// In-place geometry changes (Python `t.squeeze_()` etc.).
void squeeze_(Tensor& t, std::optional<int64_t> dim = std::nullopt);
void unsqueeze_(Tensor& t, int64_t dim);
void transpose_(Tensor& t, int64_t dim0, int64_t dim1);

// The strides a view of `t` with `sizes` would have, if one exists.
std::optional<DimVector> view_strides(const Tensor& t, IntArrayRef sizes);
// Resolves a -1 in `sizes` against numel (errors as PyTorch).
DimVector infer_size(IntArrayRef sizes, int64_t numel);

}  // namespace tscript::rt
