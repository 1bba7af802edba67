// Memory-overlap analysis for ops that write into existing tensors, with
// PyTorch's "unsupported operation" errors.
#pragma once

#include "runtime/tensor/tensor.h"

namespace tscript::rt {

enum class Overlap { No, Full, Partial, TooHard };

// Every element at a distinct address, and the elements fill one block.
bool is_non_overlapping_and_dense(const Tensor& t);
// Yes (No) when some elements do (do not) share an address; TooHard otherwise.
Overlap internal_overlap(const Tensor& t);
// How the memory of a and b relates (Full: same elements in the same order).
Overlap overlap(const Tensor& a, const Tensor& b);

// "unsupported operation: more than one element of the written-to tensor ..."
void assert_no_internal_overlap(const Tensor& t);
// "unsupported operation: some elements of the input tensor and the written-to ..."
void assert_no_partial_overlap(const Tensor& out, const Tensor& in);
// Checks `in` against output `out` as PyTorch does; where PyTorch would let a
// hard-to-analyse overlap through, returns a copy of `in` so the result is the
// one a pure function would give.
Tensor input_safe_for(const Tensor& in, const Tensor& out);

}  // namespace tscript::rt
