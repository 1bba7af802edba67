// Joining and splitting: cat, stack, split, chunk, repeat, flip, tile.
#pragma once

#include <vector>

#include "runtime/tensor/tensor.h"

namespace tscript::rt {

// Tensors are promoted to a common dtype; 1-D empty tensors are skipped (legacy rule).
Tensor cat(const std::vector<Tensor>& tensors, int64_t dim = 0);
Tensor stack(const std::vector<Tensor>& tensors, int64_t dim = 0);
// Views of size split_size along dim (the last may be smaller).
std::vector<Tensor> split(const Tensor& x, int64_t split_size, int64_t dim = 0);
std::vector<Tensor> split_with_sizes(const Tensor& x, IntArrayRef sizes, int64_t dim = 0);
std::vector<Tensor> chunk(const Tensor& x, int64_t chunks, int64_t dim = 0);
Tensor repeat(const Tensor& x, IntArrayRef repeats);
Tensor tile(const Tensor& x, IntArrayRef reps);
Tensor flip(const Tensor& x, IntArrayRef dims);

}  // namespace tscript::rt
