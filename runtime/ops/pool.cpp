#include "runtime/ops/pool.h"

#include "backends/cpu/kernels.h"
#include "runtime/ops/copy.h"
#include "runtime/ops/creation.h"
#include "runtime/ops/reduce.h"
#include "runtime/ops/view.h"
#include "runtime/tensor/error.h"

namespace tscript::rt {
namespace {

struct PoolSpec {
  cpu::Window2d window;
  int64_t out_h, out_w;
};

int64_t pick(IntArrayRef v, size_t i) { return v.size() == 1 ? v[0] : v[i]; }

// Integer division rounding toward negative infinity.
int64_t div_floor(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// ATen's pooling_output_shape (Pool.h).
int64_t pooling_output_shape(int64_t in, int64_t kernel, int64_t pad, int64_t stride, int64_t dilation, bool ceil) {
  TS_CHECK(stride != 0, "stride should not be zero");
  TS_CHECK(pad >= 0, "pad must be non-negative, but got pad: ", pad);
  TS_CHECK(pad <= kernel / 2, "pad should be at most half of kernel size, but got pad=", pad,
           " and kernel_size=", kernel);
  int64_t out = div_floor(in + 2 * pad - dilation * (kernel - 1) - 1 + (ceil ? stride - 1 : 0), stride) + 1;
  // ceil_mode: the last window must start inside the input or its left padding.
  if (ceil && (out - 1) * stride >= in + pad) --out;
  return out;
}

// ATen's pool2d_shape_check, after the output size is known.
void pool2d_shape_check(const Tensor& input, const cpu::Window2d& w, int64_t out_h, int64_t out_w) {
  TS_CHECK(w.kernel[0] > 0 && w.kernel[1] > 0, "kernel size should be greater than zero, but got kH: ", w.kernel[0],
           " kW: ", w.kernel[1]);
  TS_CHECK(w.stride[0] > 0 && w.stride[1] > 0, "stride should be greater than zero, but got dH: ", w.stride[0],
           " dW: ", w.stride[1]);
  TS_CHECK(w.dilation[0] > 0 && w.dilation[1] > 0,
           "dilation should be greater than zero, but got dilationH: ", w.dilation[0], " dilationW: ", w.dilation[1]);
  const int64_t ndim = input.dim();
  const bool valid_dims = input.sizes()[1] != 0 && input.sizes()[2] != 0;
  TS_CHECK((ndim == 3 && input.sizes()[0] != 0 && valid_dims) || (ndim == 4 && valid_dims && input.sizes()[3] != 0),
           "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:",
           shape_str(input.sizes()));
  TS_CHECK(w.kernel[1] / 2 >= w.padding[1] && w.kernel[0] / 2 >= w.padding[0],
           "pad should be smaller than or equal to half of kernel size, but got padW = ", w.padding[1],
           ", padH = ", w.padding[0], ", kW = ", w.kernel[1], ", kH = ", w.kernel[0]);
  TS_CHECK(out_h >= 1 && out_w >= 1, "Given input size: (", input.size(-3), "x", input.size(-2), "x", input.size(-1),
           "). Calculated output size: (", input.size(-3), "x", out_h, "x", out_w, "). Output size is too small");
}

// The window and output size of max_pool2d / avg_pool2d (their meta functions).
PoolSpec pool_spec(const char* name, const Tensor& input, IntArrayRef kernel, IntArrayRef stride, IntArrayRef padding,
                   IntArrayRef dilation, bool ceil_mode) {
  const bool is_max = std::string_view(name) == "max_pool2d";
  check_device_available(input.device());
  TS_CHECK(kernel.size() == 1 || kernel.size() == 2, name,
           ": kernel_size must either be a single int, or a tuple of two ints");
  TS_CHECK(stride.size() <= 2, name, ": stride must either be omitted, a single int, or a tuple of two ints");
  // PyTorch's max_pool2d message really says "must be either be".
  TS_CHECK(padding.size() == 1 || padding.size() == 2, name,
           is_max ? ": padding must be either be a single int, or a tuple of two ints"
                  : ": padding must either be a single int, or a tuple of two ints");
  TS_CHECK(dilation.size() == 1 || dilation.size() == 2, name,
           ": dilation must be either a single int, or a tuple of two ints");
  PoolSpec spec{};
  cpu::Window2d& w = spec.window;
  for (size_t i = 0; i < 2; ++i) {
    w.kernel[i] = pick(kernel, i);
    w.stride[i] = stride.empty() ? w.kernel[i] : pick(stride, i);
    w.padding[i] = pick(padding, i);
    w.dilation[i] = pick(dilation, i);
  }
  if (is_max)
    TS_CHECK(input.dim() == 3 || input.dim() == 4, "non-empty 3D or 4D (batch mode) tensor expected for input");
  (void)input.size(-3);  // avg_pool2d reads the plane count first: IndexError for a 2-d input
  const int64_t in_h = input.size(-2), in_w = input.size(-1);
  spec.out_h = pooling_output_shape(in_h, w.kernel[0], w.padding[0], w.stride[0], w.dilation[0], ceil_mode);
  spec.out_w = pooling_output_shape(in_w, w.kernel[1], w.padding[1], w.stride[1], w.dilation[1], ceil_mode);
  pool2d_shape_check(input, w, spec.out_h, spec.out_w);
  return spec;
}

void check_dtype(const Tensor& input, const char* name, bool allow_long) {
  const DType d = input.dtype();
  TS_CHECK(d == DType::Float32 || d == DType::Float64 || d == DType::BFloat16 || (allow_long && d == DType::Int64),
           "\"", name, "\" not implemented for '", scalar_type_name(d), "'");
}

// The input's planes as one contiguous [P, H, W] tensor.
Tensor planes_of(const Tensor& t) {
  const int64_t h = t.size(-2), w = t.size(-1);
  return reshape(contiguous(t), {t.dim() == 4 ? t.sizes()[0] * t.sizes()[1] : t.sizes()[0], h, w});
}

// A tensor shaped like `input` with the last two dims replaced, and its [P, OH, OW] view.
Tensor pooled_like(const Tensor& input, int64_t out_h, int64_t out_w, DType dtype) {
  DimVector sizes(input.sizes());
  sizes[sizes.size() - 2] = out_h;
  sizes[sizes.size() - 1] = out_w;
  return empty(sizes, TensorOptions(dtype));
}
Tensor planes_view(const Tensor& t) { return view(t, {-1, t.size(-2), t.size(-1)}); }

// Backward outputs: grad_output must have the forward output's shape.
void check_grad_shape(const Tensor& grad_output, const Tensor& expected_like, const char* name) {
  TS_CHECK(grad_output.sizes() == expected_like.sizes(), name, ": expected grad_output of size ",
           shape_str(expected_like.sizes()), ", but got ", shape_str(grad_output.sizes()));
}

int64_t divisor_of(std::optional<int64_t> divisor_override) {
  TS_CHECK(!divisor_override || *divisor_override != 0, "divisor must be not zero");
  return divisor_override.value_or(0);
}

}  // namespace

PoolWithIndices max_pool2d_with_indices(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride,
                                        IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) {
  const PoolSpec spec = pool_spec("max_pool2d", input, kernel_size, stride, padding, dilation, ceil_mode);
  check_dtype(input, "max_pool2d", false);
  PoolWithIndices r{pooled_like(input, spec.out_h, spec.out_w, input.dtype()),
                    pooled_like(input, spec.out_h, spec.out_w, DType::Int64)};
  if (r.output.numel() > 0)
    cpu::max_pool2d(planes_view(r.output), planes_view(r.indices), planes_of(input), spec.window);
  return r;
}

Tensor max_pool2d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding,
                  IntArrayRef dilation, bool ceil_mode) {
  return max_pool2d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode).output;
}

Tensor max_pool2d_backward(const Tensor& grad_output, const Tensor& input, const Tensor& indices) {
  TS_CHECK(input.dim() == 3 || input.dim() == 4, "non-empty 3D or 4D (batch mode) tensor expected for input");
  check_grad_shape(grad_output, indices, "max_pool2d_backward");
  TS_CHECK(indices.dtype() == DType::Int64 && grad_output.dtype() == input.dtype(),
           "max_pool2d_backward: expected int64 indices and grad_output of the input's dtype");
  TS_CHECK(grad_output.size(-3) == input.size(-3) && (input.dim() == 3 || grad_output.size(0) == input.size(0)),
           "max_pool2d_backward: grad_output of size ", shape_str(grad_output.sizes()), " does not fit input of size ",
           shape_str(input.sizes()));
  check_dtype(input, "max_pool2d_with_indices_backward", false);
  Tensor grad_input = empty(input.sizes(), TensorOptions(input.dtype()));
  if (input.numel() == 0) return grad_input;
  cpu::max_pool2d_backward(planes_view(grad_input), planes_of(grad_output), planes_of(indices));
  return grad_input;
}

Tensor avg_pool2d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding, bool ceil_mode,
                  bool count_include_pad, std::optional<int64_t> divisor_override) {
  check_device_available(input.device());
  TS_CHECK(kernel_size.size() == 1 || kernel_size.size() == 2,
           "avg_pool2d: kernel_size must either be a single int, or a tuple of two ints");
  TS_CHECK(stride.size() <= 2, "avg_pool2d: stride must either be omitted, a single int, or a tuple of two ints");
  TS_CHECK(padding.size() == 1 || padding.size() == 2,
           "avg_pool2d: padding must either be a single int, or a tuple of two ints");
  const int64_t divisor = divisor_of(divisor_override);
  const PoolSpec spec = pool_spec("avg_pool2d", input, kernel_size, stride, padding, 1, ceil_mode);
  check_dtype(input, "avg_pool2d", true);
  Tensor out = pooled_like(input, spec.out_h, spec.out_w, input.dtype());
  if (out.numel() > 0) cpu::avg_pool2d(planes_view(out), planes_of(input), spec.window, count_include_pad, divisor);
  return out;
}

Tensor avg_pool2d_backward(const Tensor& grad_output, const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride,
                           IntArrayRef padding, bool ceil_mode, bool count_include_pad,
                           std::optional<int64_t> divisor_override) {
  const int64_t divisor = divisor_of(divisor_override);
  const PoolSpec spec = pool_spec("avg_pool2d", input, kernel_size, stride, padding, 1, ceil_mode);
  check_grad_shape(grad_output, pooled_like(input, spec.out_h, spec.out_w, input.dtype()), "avg_pool2d_backward");
  TS_CHECK(grad_output.dtype() == input.dtype(), "avg_pool2d_backward: expected grad_output of type ",
           scalar_type_name(input.dtype()), ", but got ", scalar_type_name(grad_output.dtype()));
  check_dtype(input, "avg_pool2d_backward_out_frame", true);
  Tensor grad_input = empty(input.sizes(), TensorOptions(input.dtype()));
  if (input.numel() == 0) return grad_input;
  cpu::avg_pool2d_backward(planes_view(grad_input), planes_of(grad_output), spec.window, count_include_pad, divisor);
  return grad_input;
}

Tensor adaptive_avg_pool2d(const Tensor& input, IntArrayRef output_size) {
  check_device_available(input.device());
  TS_CHECK(output_size.size() == 2, "adaptive_avg_pool2d: output_size must be 2");
  TS_CHECK(output_size[0] >= 0 && output_size[1] >= 0,
           "adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {",
           output_size[0], ", ", output_size[1], "}");
  // PyTorch computes a 1x1 output as a mean (its own summation order, and no shape checks).
  if (output_size[0] == 1 && output_size[1] == 1) return mean(input, {-1, -2}, true);
  const int64_t ndim = input.dim();
  TS_CHECK(ndim == 3 || ndim == 4, "adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got ",
           shape_str(input.sizes()));
  for (int64_t i : {-2, -1})
    TS_CHECK(input.size(i) > 0,
             "adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has "
             "sizes ",
             shape_str(input.sizes()), " with dimension ", i + ndim, " being empty");
  check_dtype(input, "adaptive_avg_pool2d", false);
  Tensor out = pooled_like(input, output_size[0], output_size[1], input.dtype());
  if (out.numel() > 0) cpu::adaptive_avg_pool2d(planes_view(out), planes_of(input));
  return out;
}

Tensor adaptive_avg_pool2d_backward(const Tensor& grad_output, const Tensor& input) {
  TS_CHECK((input.dim() == 3 || input.dim() == 4) && grad_output.dim() == input.dim() &&
               grad_output.sizes().slice(0, input.dim() - 2) == input.sizes().slice(0, input.dim() - 2) &&
               grad_output.dtype() == input.dtype(),
           "adaptive_avg_pool2d_backward: grad_output of size ", shape_str(grad_output.sizes()),
           " does not fit input of size ", shape_str(input.sizes()));
  check_dtype(input, "adaptive_avg_pool2d_backward_cpu", false);
  Tensor grad_input = empty(input.sizes(), TensorOptions(input.dtype()));
  if (input.numel() == 0) return grad_input;
  if (grad_output.numel() == 0) {
    cpu::fill(grad_input, 0);
    return grad_input;
  }
  cpu::adaptive_avg_pool2d_backward(planes_view(grad_input), planes_of(grad_output));
  return grad_input;
}

}  // namespace tscript::rt
