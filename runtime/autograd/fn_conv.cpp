// Convolution and pooling with their derivatives (the backward kernels live beside
// the forward ones in runtime/ops/conv.cpp and pool.cpp).
#include "runtime/autograd/conv_functions.h"
#include "runtime/autograd/record.h"

namespace tscript::ag {

namespace {

rt::DimVector dims(IntArrayRef v) { return rt::DimVector(v); }

// conv1d's gradients: conv2d_backward on height-1 views, squeezed back.
rt::ConvGrads conv1d_backward(const Tensor& g, const Tensor& input, const Tensor& weight, const rt::DimVector& stride,
                              const rt::DimVector& padding, const rt::DimVector& dilation, int64_t groups,
                              std::array<bool, 3> mask) {
  int64_t h = input.dim() - 1;  // the length dim: a height-1 dim goes before it
  rt::ConvGrads r = rt::conv2d_backward(rt::unsqueeze(g, h), rt::unsqueeze(input, h), rt::unsqueeze(weight, 2),
                                        rt::DimVector{1, stride[0]}, rt::DimVector{0, padding[0]},
                                        rt::DimVector{1, dilation[0]}, groups, mask);
  if (r.grad_input.defined()) r.grad_input = rt::squeeze(r.grad_input, h);
  if (r.grad_weight.defined()) r.grad_weight = rt::squeeze(r.grad_weight, 2);
  return r;
}

Tensor record_conv(const Tensor& out, const Tensor& input, const Tensor& weight, const Tensor& bias,
                   IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, int64_t groups, bool one_d) {
  if (!any_requires_grad(input, weight, bias)) return out;
  return record("ConvolutionBackward0", {input, weight, bias}, out,
                [si = SavedTensor(input, false), sw = SavedTensor(weight, false), stride = dims(stride),
                 padding = dims(padding), dilation = dims(dilation), groups, one_d](FunctionNode& self, Grads& g) {
                  std::array<bool, 3> mask{needs(self, 0), needs(self, 1), needs(self, 2)};
                  Tensor in = si.unpack(&self), w = sw.unpack(&self);
                  rt::ConvGrads r = one_d ? conv1d_backward(g[0], in, w, stride, padding, dilation, groups, mask)
                                          : rt::conv2d_backward(g[0], in, w, stride, padding, dilation, groups, mask);
                  return Grads{r.grad_input, r.grad_weight, r.grad_bias};
                });
}

}  // namespace

Tensor conv2d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride, IntArrayRef padding,
              IntArrayRef dilation, int64_t groups) {
  return record_conv(rt::conv2d(input, weight, bias, stride, padding, dilation, groups), input, weight, bias, stride,
                     padding, dilation, groups, false);
}

Tensor conv2d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride, PaddingMode padding,
              IntArrayRef dilation, int64_t groups) {
  Tensor out = rt::conv2d(input, weight, bias, stride, padding, dilation, groups);
  return record_conv(out, input, weight, bias, stride, rt::conv_padding(padding, weight, stride, dilation), dilation,
                     groups, false);
}

Tensor conv1d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride, IntArrayRef padding,
              IntArrayRef dilation, int64_t groups) {
  return record_conv(rt::conv1d(input, weight, bias, stride, padding, dilation, groups), input, weight, bias, stride,
                     padding, dilation, groups, true);
}

Tensor conv1d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride, PaddingMode padding,
              IntArrayRef dilation, int64_t groups) {
  Tensor out = rt::conv1d(input, weight, bias, stride, padding, dilation, groups);
  // The padding of the equivalent height-1 conv2d, width part only.
  rt::DimVector pad2 = rt::conv_padding(padding, rt::unsqueeze(weight, 2), rt::DimVector{1, stride[0]},
                                        rt::DimVector{1, dilation[0]});
  return record_conv(out, input, weight, bias, stride, rt::DimVector{pad2[1]}, dilation, groups, true);
}

PoolWithIndices max_pool2d_with_indices(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride,
                                        IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) {
  PoolWithIndices r = rt::max_pool2d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode);
  if (!any_requires_grad(input)) return r;
  record("MaxPool2DWithIndicesBackward0", {input}, r.output,
         [si = SavedTensor(input, false), idx = SavedTensor(r.indices, false)](FunctionNode& self, Grads& g) {
           return Grads{rt::max_pool2d_backward(g[0], si.unpack(&self), idx.unpack(&self))};
         });
  return r;
}

Tensor max_pool2d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding,
                  IntArrayRef dilation, bool ceil_mode) {
  if (!any_requires_grad(input)) return rt::max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode);
  return ag::max_pool2d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode).output;
}

Tensor avg_pool2d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding,
                  bool ceil_mode, bool count_include_pad, std::optional<int64_t> divisor_override) {
  Tensor out = rt::avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override);
  if (!any_requires_grad(input)) return out;
  return record("AvgPool2DBackward0", {input}, out,
                [si = SavedTensor(input, false), k = dims(kernel_size), s = dims(stride), p = dims(padding), ceil_mode,
                 count_include_pad, divisor_override](FunctionNode& self, Grads& g) {
                  return Grads{rt::avg_pool2d_backward(g[0], si.unpack(&self), k, s, p, ceil_mode, count_include_pad,
                                                       divisor_override)};
                });
}

Tensor adaptive_avg_pool2d(const Tensor& input, IntArrayRef output_size) {
  // PyTorch computes a 1x1 output as a mean (MeanBackward1).
  if (any_requires_grad(input) && output_size.size() == 2 && output_size[0] == 1 && output_size[1] == 1 &&
      input.dim() >= 3)
    return ag::mean(input, std::vector<int64_t>{-2, -1}, true);
  Tensor out = rt::adaptive_avg_pool2d(input, output_size);
  if (!any_requires_grad(input)) return out;
  return record("AdaptiveAvgPool2DBackward0", {input}, out, [si = SavedTensor(input, false)](FunctionNode& self, Grads& g) {
    return Grads{rt::adaptive_avg_pool2d_backward(g[0], si.unpack(&self))};
  });
}

}  // namespace tscript::ag
