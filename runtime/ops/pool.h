// 2-d pooling (max, average, adaptive average) and the gradients of each.
//
// Inputs are [N, C, H, W] or unbatched [C, H, W]. Window arguments take one value
// (for both dims) or two; an empty stride means stride = kernel_size. Output sizes,
// window bounds, indices and error messages are PyTorch 1.13's (including ceil_mode's
// rule that the last window must start inside the input or its left padding).
// Max and adaptive pooling compute float, double and bfloat16; average pooling also int64.
#pragma once

#include <optional>

#include "runtime/tensor/tensor.h"

namespace tscript::rt {

struct PoolWithIndices {
  Tensor output;
  Tensor indices;  // int64, output's shape: flat index h * W + w into the input plane
};

PoolWithIndices max_pool2d_with_indices(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride = {},
                                        IntArrayRef padding = 0, IntArrayRef dilation = 1, bool ceil_mode = false);
Tensor max_pool2d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride = {}, IntArrayRef padding = 0,
                  IntArrayRef dilation = 1, bool ceil_mode = false);
// dL/d(input) of max_pool2d_with_indices, given grad_output = dL/d(output) and the
// forward's indices: each grad_output element is added at its maximum's position.
Tensor max_pool2d_backward(const Tensor& grad_output, const Tensor& input, const Tensor& indices);

Tensor avg_pool2d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride = {}, IntArrayRef padding = 0,
                  bool ceil_mode = false, bool count_include_pad = true,
                  std::optional<int64_t> divisor_override = std::nullopt);
// dL/d(input) of avg_pool2d (same arguments as the forward): each grad_output element
// divided by its window's divisor, added over the window's in-bounds cells.
Tensor avg_pool2d_backward(const Tensor& grad_output, const Tensor& input, IntArrayRef kernel_size,
                           IntArrayRef stride = {}, IntArrayRef padding = 0, bool ceil_mode = false,
                           bool count_include_pad = true, std::optional<int64_t> divisor_override = std::nullopt);

// output_size: (OH, OW). A 1x1 output is input.mean((-1, -2), keepdim=True), as PyTorch.
Tensor adaptive_avg_pool2d(const Tensor& input, IntArrayRef output_size);
// dL/d(input) of adaptive_avg_pool2d: each grad_output element divided by its window's
// size, added over the window (the output size is read from grad_output).
Tensor adaptive_avg_pool2d_backward(const Tensor& grad_output, const Tensor& input);

}  // namespace tscript::rt
