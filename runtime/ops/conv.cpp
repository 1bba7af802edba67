#include "runtime/ops/conv.h"

#include <algorithm>
#include <string>

#include "backends/cpu/kernels.h"
#include "runtime/ops/copy.h"
#include "runtime/ops/creation.h"
#include "runtime/ops/reduce.h"
#include "runtime/ops/view.h"
#include "runtime/tensor/error.h"

namespace tscript::rt {
namespace {

// A convolution's per-spatial-dim settings after PyTorch's checks. Padding is split
// into before/after so that padding="same" with an even kernel can pad one more row
// at the end (PyTorch pads the input by that row first).
struct ConvSpec {
  DimVector stride, pad_before, pad_after, dilation;
  int64_t groups = 1;
};

// C++ type names, as PyTorch's "Input type (float) and bias type (double)" prints them.
const char* cpp_type_name(DType d) {
  switch (d) {
    case DType::Bool:
      return "bool";
    case DType::UInt8:
      return "unsigned char";
    case DType::Int8:
      return "signed char";
    case DType::Int16:
      return "short int";
    case DType::Int32:
      return "int";
    case DType::Int64:
      return "long int";
    case DType::Float16:
      return "c10::Half";
    case DType::BFloat16:
      return "c10::BFloat16";
    case DType::Float32:
      return "float";
    case DType::Float64:
      return "double";
  }
  return "unknown";
}

// What the parser does for an `int[2]` argument: one int stands for every dim.
DimVector per_dim(IntArrayRef values, int64_t dims) {
  if (values.size() == 1) return DimVector(static_cast<size_t>(dims), values[0]);
  return DimVector(values);
}

// _convolution's expand_param_if_needed: a list must have one value per spatial dim of the weight.
DimVector expand_param(IntArrayRef values, const char* name, int64_t dims) {
  if (values.size() == 1) return DimVector(static_cast<size_t>(dims), values[0]);
  TS_CHECK(static_cast<int64_t>(values.size()) == dims, "expected ", name,
           " to be a single integer value or a list of ", dims, " values to match the convolution dimensions, but got ",
           name, "=", shape_str(values));
  return DimVector(values);
}

// [C, ...] becomes [1, C, ...]; the second result says whether the input was batched.
std::pair<Tensor, bool> batchify(const Tensor& input, int64_t spatial, const char* name) {
  const bool batched = input.dim() == spatial + 2;
  TS_CHECK(batched || input.dim() == spatial + 1, "Expected ", spatial + 1, "D (unbatched) or ", spatial + 2,
           "D (batched) input to ", name, ", but got input of size: ", shape_str(input.sizes()));
  return {batched ? input : unsqueeze(input, 0), batched};
}

// ATen's _convolution checks (check_shape_forward and friends), in PyTorch's order, on a
// batched input. pad_after is empty for symmetric padding.
ConvSpec check_conv(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
                    IntArrayRef pad_before, IntArrayRef pad_after, IntArrayRef dilation, int64_t groups) {
  for (const Tensor* t : {&input, &weight, &bias})
    if (t->defined()) check_device_available(t->device());
  TS_CHECK(groups > 0, "non-positive groups is not supported");
  const int64_t k = weight.dim(), dims = k - 2;
  TS_CHECK(dims > 0, "weight should have at least three dimensions");
  ConvSpec spec;
  spec.groups = groups;
  spec.stride = expand_param(stride, "stride", dims);
  spec.pad_before = expand_param(pad_before, "padding", dims);
  spec.pad_after = pad_after.empty() ? spec.pad_before : DimVector(pad_after);
  spec.dilation = expand_param(dilation, "dilation", dims);
  TS_CHECK(!bias.defined() || bias.dtype() == input.dtype(), "Input type (", cpp_type_name(input.dtype()),
           ") and bias type (", cpp_type_name(bias.dtype()), ") should be the same");

  for (int64_t i = 0; i < dims; ++i)
    TS_CHECK(spec.pad_before[i] >= 0 && spec.pad_after[i] >= 0, "negative padding is not supported");
  for (int64_t s : spec.stride) TS_CHECK(s > 0, "non-positive stride is not supported");
  for (int64_t d : spec.dilation)
    TS_CHECK(d > 0, "dilation should be greater than zero, but got ", shape_str(spec.dilation));
  const IntArrayRef ws = weight.sizes();
  TS_CHECK(input.dim() == k, "Expected ", k, "-dimensional input for ", k, "-dimensional weight ", shape_str(ws),
           ", but got ", input.dim(), "-dimensional input of size ", shape_str(input.sizes()), " instead");
  TS_CHECK(ws[0] >= groups, "Given groups=", groups, ", expected weight to be at least ", groups,
           " at dimension 0, but got weight of size ", shape_str(ws), " instead");
  // PyTorch's message really has the doubled brackets.
  TS_CHECK(ws[0] % groups == 0, "Given groups=", groups, ", expected weight to be divisible by ", groups,
           " at dimension 0, but got weight of size [", shape_str(ws), "] instead");
  TS_CHECK(input.sizes()[1] == ws[1] * groups, "Given groups=", groups, ", weight of size ", shape_str(ws),
           ", expected input", shape_str(input.sizes()), " to have ", ws[1] * groups, " channels, but got ",
           input.sizes()[1], " channels instead");
  TS_CHECK(!bias.defined() || (bias.dim() == 1 && bias.sizes()[0] == ws[0]), "Given weight of size ", shape_str(ws),
           ", expected bias to be 1-dimensional with ", ws[0], " elements, but got bias of size ",
           shape_str(bias.sizes()), " instead");
  bool fits = true;
  std::string padded, kernel;
  for (int64_t i = 0; i < dims; ++i) {
    const int64_t p = input.sizes()[2 + i] + spec.pad_before[i] + spec.pad_after[i];
    const int64_t kd = spec.dilation[i] * (ws[2 + i] - 1) + 1;
    fits = fits && p >= kd;
    padded += (i ? " x " : "") + std::to_string(p);
    kernel += (i ? " x " : "") + std::to_string(kd);
  }
  TS_CHECK(fits, "Calculated padded input size per channel: (", padded, "). Kernel size: (", kernel,
           "). Kernel size can't be greater than actual input size");

  // Dtypes last: PyTorch checks them in the kernel.
  TS_CHECK(weight.dtype() == input.dtype(), "expected scalar type ", scalar_type_name(input.dtype()), " but found ",
           scalar_type_name(weight.dtype()));
  TS_CHECK(input.dtype() != DType::Bool && input.dtype() != DType::Float16, "\"slow_conv2d_cpu\" not implemented for '",
           scalar_type_name(input.dtype()), "'");
  return spec;
}

// [N, C, L] / [O, C, K] as [N, C, 1, L] / [O, C, 1, K]; 4-d tensors as they are.
Tensor as_2d(const Tensor& t) { return t.dim() == 3 ? unsqueeze(t, 2) : t; }

cpu::Window2d window(const ConvSpec& spec, const Tensor& weight4) {
  const bool one_d = spec.stride.size() == 1;  // the height dim is the added size-1 one
  cpu::Window2d w{};
  for (int i = 0; i < 2; ++i) {
    const size_t at = one_d ? 0 : static_cast<size_t>(i);
    const bool unit = one_d && i == 0;
    w.kernel[i] = weight4.sizes()[2 + i];
    w.stride[i] = unit ? 1 : spec.stride[at];
    w.padding[i] = unit ? 0 : spec.pad_before[at];
    w.dilation[i] = unit ? 1 : spec.dilation[at];
  }
  return w;
}

// The checked convolution of a batched input: output sizes, then the 2-d kernel.
Tensor run_conv(const Tensor& input, const Tensor& weight, const Tensor& bias, const ConvSpec& spec) {
  DimVector out_sizes{input.sizes()[0], weight.sizes()[0]};
  for (size_t i = 0; i < spec.stride.size(); ++i) {
    const int64_t span = spec.dilation[i] * (weight.sizes()[2 + i] - 1) + 1;
    out_sizes.push_back((input.sizes()[2 + i] + spec.pad_before[i] + spec.pad_after[i] - span) / spec.stride[i] + 1);
  }
  const Tensor weight4 = contiguous(as_2d(weight));
  Tensor out = empty(out_sizes, TensorOptions(input.dtype()));
  cpu::conv2d(as_2d(out), contiguous(as_2d(input)), weight4, bias.defined() ? contiguous(bias) : Tensor(),
              window(spec, weight4), spec.groups);
  return out;
}

// conv1d / conv2d with integer padding.
Tensor conv_nd(int64_t spatial, const char* name, const Tensor& input, const Tensor& weight, const Tensor& bias,
               IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, int64_t groups) {
  auto [x, batched] = batchify(input, spatial, name);
  const DimVector s = per_dim(stride, spatial), p = per_dim(padding, spatial), d = per_dim(dilation, spatial);
  Tensor out = run_conv(x, weight, bias, check_conv(x, weight, bias, s, p, {}, d, groups));
  return batched ? out : squeeze(out, 0);
}

// conv1d / conv2d with padding "valid" or "same" (ATen's _convolution_mode).
Tensor conv_nd(int64_t spatial, const char* name, const Tensor& input, const Tensor& weight, const Tensor& bias,
               IntArrayRef stride, PaddingMode padding, IntArrayRef dilation, int64_t groups) {
  auto [x, batched] = batchify(input, spatial, name);
  const int64_t no_padding = 0;
  if (padding == PaddingMode::Valid)
    return conv_nd(spatial, name, input, weight, bias, stride, no_padding, dilation, groups);
  const DimVector s = per_dim(stride, spatial), d = per_dim(dilation, spatial);
  const DimVector before = conv_padding(padding, weight, s, d);
  DimVector after;
  for (size_t i = 0; i < before.size(); ++i)
    after.push_back(d[d.size() == 1 ? 0 : i] * (weight.sizes()[2 + i] - 1) - before[i]);
  Tensor out = run_conv(x, weight, bias, check_conv(x, weight, bias, s, before, after, d, groups));
  return batched ? out : squeeze(out, 0);
}

}  // namespace

PaddingMode padding_mode(std::string_view padding) {
  if (padding == "valid") return PaddingMode::Valid;
  TS_CHECK(padding == "same", "Invalid padding string: '", padding, "'");
  return PaddingMode::Same;
}

DimVector conv_padding(PaddingMode padding, const Tensor& weight, IntArrayRef stride, IntArrayRef dilation) {
  const int64_t dims = weight.dim() - 2;
  if (padding == PaddingMode::Valid) return DimVector(static_cast<size_t>(std::max<int64_t>(dims, 0)), 0);
  TS_CHECK(dims > 0, "weight should have at least three dimensions");
  TS_CHECK(static_cast<int64_t>(stride.size()) == dims || stride.size() == 1, "stride cannot broadcast to ", dims,
           " dimensions");
  TS_CHECK(static_cast<int64_t>(dilation.size()) == dims || dilation.size() == 1, "dilation cannot broadcast to ", dims,
           " dimensions");
  for (int64_t s : stride) TS_CHECK(s == 1, "padding='same' is not supported for strided convolutions");
  DimVector before;
  for (int64_t i = 0; i < dims; ++i) {
    const int64_t total = dilation[dilation.size() == 1 ? 0 : static_cast<size_t>(i)] * (weight.sizes()[2 + i] - 1);
    before.push_back(total / 2);
  }
  return before;
}

Tensor conv2d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride, IntArrayRef padding,
              IntArrayRef dilation, int64_t groups) {
  return conv_nd(2, "conv2d", input, weight, bias, stride, padding, dilation, groups);
}

Tensor conv2d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride, PaddingMode padding,
              IntArrayRef dilation, int64_t groups) {
  return conv_nd(2, "conv2d", input, weight, bias, stride, padding, dilation, groups);
}

Tensor conv1d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride, IntArrayRef padding,
              IntArrayRef dilation, int64_t groups) {
  return conv_nd(1, "conv1d", input, weight, bias, stride, padding, dilation, groups);
}

Tensor conv1d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride, PaddingMode padding,
              IntArrayRef dilation, int64_t groups) {
  return conv_nd(1, "conv1d", input, weight, bias, stride, padding, dilation, groups);
}

ConvGrads conv2d_backward(const Tensor& grad_output, const Tensor& input, const Tensor& weight, IntArrayRef stride,
                          IntArrayRef padding, IntArrayRef dilation, int64_t groups, std::array<bool, 3> output_mask) {
  auto [x, batched] = batchify(input, 2, "conv2d_backward");
  TS_CHECK(grad_output.dim() == input.dim(), "conv2d_backward: grad_output has ", grad_output.dim(),
           " dims but input has ", input.dim());
  const Tensor g = batched ? grad_output : unsqueeze(grad_output, 0);
  const DimVector s = per_dim(stride, 2), before = per_dim(padding, 2), d = per_dim(dilation, 2);
  // The trailing padding the output size implies (one more than `before` for an
  // asymmetric padding="same"), so the forward's checks pass for the forward's outputs.
  DimVector after = before;
  if (g.dim() == 4 && weight.dim() == 4 && s.size() == 2 && before.size() == 2 && d.size() == 2)
    for (size_t i = 0; i < 2; ++i) {
      const int64_t span = d[i] * (weight.sizes()[2 + i] - 1) + 1;
      after[i] = std::max(before[i], (g.sizes()[2 + i] - 1) * s[i] + span - x.sizes()[2 + i] - before[i]);
    }
  const ConvSpec spec = check_conv(x, weight, {}, s, before, after, d, groups);
  TS_CHECK(g.sizes()[0] == x.sizes()[0] && g.sizes()[1] == weight.sizes()[0] && g.dtype() == x.dtype(),
           "conv2d_backward: grad_output of size ", shape_str(grad_output.sizes()), " and type ",
           scalar_type_name(grad_output.dtype()), " does not fit input ", shape_str(input.sizes()), " and weight ",
           shape_str(weight.sizes()));
  const Tensor g4 = contiguous(g);
  const cpu::Window2d w = window(spec, weight);
  ConvGrads grads;
  if (output_mask[0]) {
    Tensor gi = empty(x.sizes(), TensorOptions(x.dtype()));
    cpu::conv2d_grad_input(gi, g4, contiguous(weight), w, groups);
    grads.grad_input = batched ? gi : squeeze(gi, 0);
  }
  if (output_mask[1]) {
    grads.grad_weight = empty(weight.sizes(), TensorOptions(weight.dtype()));
    cpu::conv2d_grad_weight(grads.grad_weight, g4, contiguous(x), w, groups);
  }
  if (output_mask[2]) grads.grad_bias = sum(g, {0, 2, 3});
  return grads;
}

}  // namespace tscript::rt
