// Sorting: sort, argsort, topk. NaN sorts above every number; ties follow
// PyTorch's CPU kernels exactly (std::sort unless stable).
#pragma once

#include "runtime/ops/reduce.h"

namespace tscript::rt {

ValuesIndices sort(const Tensor& x, int64_t dim = -1, bool descending = false, bool stable = false);
Tensor argsort(const Tensor& x, int64_t dim = -1, bool descending = false, bool stable = false);
ValuesIndices topk(const Tensor& x, int64_t k, int64_t dim = -1, bool largest = true, bool sorted = true);

}  // namespace tscript::rt
