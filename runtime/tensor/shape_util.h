// Shape arithmetic shared by all ops: dim wrapping, contiguous strides,
// broadcasting, element counts — with PyTorch's error messages.
#pragma once

#include <bitset>
#include <cstdint>

#include "runtime/tensor/dim_vector.h"

namespace tscript::rt {

// Maximum number of dims a reduction/permutation bitmask handles.
inline constexpr int kMaxDims = 64;

// Maps a possibly negative dim into [0, ndim). A 0-d tensor accepts dims -1 and 0
// when wrap_scalar is set (as PyTorch). Throws IndexError
// "Dimension out of range (expected to be in range of [-2, 1], but got 2)".
int64_t wrap_dim(int64_t dim, int64_t ndim, bool wrap_scalar = true);

// Row-major strides for `sizes` (size-0/1 dims get the stride they would have).
DimVector contiguous_strides(IntArrayRef sizes);
bool compute_is_contiguous(IntArrayRef sizes, IntArrayRef strides);

// Number of elements; throws on a negative size or int64 overflow.
int64_t checked_numel(IntArrayRef sizes);

// Broadcast two shapes. Throws "The size of tensor a (3) must match the size of
// tensor b (4) at non-singleton dimension 0".
DimVector broadcast_shapes(IntArrayRef a, IntArrayRef b);

// Set of dims (wrapped) from a list, rejecting repeats ("dim 0 appears multiple
// times in the list of dims"). An empty list means every dim.
std::bitset<kMaxDims> dim_mask(IntArrayRef dims, int64_t ndim);

}  // namespace tscript::rt
