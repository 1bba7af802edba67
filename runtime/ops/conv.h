// Convolutions (torch.conv1d / torch.conv2d) and the gradient of conv2d.
//
// Inputs are batched [N, C, (H,) W] or unbatched [C, (H,) W] as in PyTorch; weight is
// [O, C / groups, (KH,) KW]; bias [O] or undefined. stride / padding / dilation take
// one value (used for every spatial dim) or one per spatial dim. Argument errors carry
// PyTorch's messages ("Given groups=1, weight of size [8, 3, 3, 3], expected
// input[1, 4, 5, 5] to have 3 channels, but got 4 channels instead"). Float, double,
// bfloat16 and the integer types compute; bool and half raise as on PyTorch's CPU.
#pragma once

#include <array>
#include <string_view>

#include "runtime/tensor/tensor.h"

namespace tscript::rt {

Tensor conv2d(const Tensor& input, const Tensor& weight, const Tensor& bias = {}, IntArrayRef stride = 1,
              IntArrayRef padding = 0, IntArrayRef dilation = 1, int64_t groups = 1);
// PyTorch's string paddings: "valid" (none) and "same" (output size = input size;
// stride must be 1; an odd total padding puts the extra row/column at the bottom/right).
enum class PaddingMode { Valid, Same };
// "valid" / "same"; anything else raises "Invalid padding string: 'foo'".
PaddingMode padding_mode(std::string_view padding);

Tensor conv2d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride, PaddingMode padding,
              IntArrayRef dilation = 1, int64_t groups = 1);
// conv2d over a height-1 view: the same checks, with 1-d sizes in the messages.
Tensor conv1d(const Tensor& input, const Tensor& weight, const Tensor& bias = {}, IntArrayRef stride = 1,
              IntArrayRef padding = 0, IntArrayRef dilation = 1, int64_t groups = 1);
Tensor conv1d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride, PaddingMode padding,
              IntArrayRef dilation = 1, int64_t groups = 1);

// The top/left padding that a padding mode stands for, one per spatial dim of
// `weight` (what conv2d_backward needs to differentiate a string-padded conv).
DimVector conv_padding(PaddingMode padding, const Tensor& weight, IntArrayRef stride, IntArrayRef dilation);

struct ConvGrads {
  Tensor grad_input;   // input's shape; undefined unless output_mask[0]
  Tensor grad_weight;  // weight's shape; undefined unless output_mask[1]
  Tensor grad_bias;    // [O]; undefined unless output_mask[2]
};

// The gradients of out = conv2d(input, weight, bias, stride, padding, dilation, groups)
// given grad_output = dL/d(out) (out's shape; any strides):
//   grad_input  = dL/d(input)  = col2im(W^T x grad_output)
//   grad_weight = dL/d(weight) = sum over the batch of grad_output x im2col(input)^T
//   grad_bias   = dL/d(bias)   = grad_output summed over batch and spatial dims
// input may be batched (4-d) or unbatched (3-d, then grad_output is too). `padding` is
// the top/left padding (ints, as given to conv2d, or conv_padding(...) for a string
// padding); the output size is read from grad_output.
ConvGrads conv2d_backward(const Tensor& grad_output, const Tensor& input, const Tensor& weight, IntArrayRef stride,
                          IntArrayRef padding, IntArrayRef dilation, int64_t groups,
                          std::array<bool, 3> output_mask = {true, true, true});

}  // namespace tscript::rt
