// 2-d convolution as im2col + GEMM (PyTorch's slow_conv2d path), and its two
// gradients: col2im of W^T x grad_out for the input, grad_out x im2col(input)^T
// summed over the batch for the weight. The GEMMs go through cpu::bmm with the
// groups as its batch, so every dtype bmm handles works (OpenBLAS for float and
// double). Samples of a batch run in parallel when one sample's GEMM is small
// enough that BLAS alone would not use the cores well.
#include "backends/cpu/kernels.h"
#include "backends/cpu/parallel.h"
#include "runtime/ops/creation.h"
#include "runtime/ops/view.h"

namespace tscript::rt::cpu {
namespace {

// Sizes shared by the three kernels, per sample and per group.
struct ConvDims {
  int64_t batch, channels, height, width;  // input
  int64_t out_channels, out_h, out_w;      // output
  int64_t groups;
  int64_t rows;  // (channels / groups) * KH * KW: one group's im2col rows
  int64_t cols;  // out_h * out_w
  ConvDims(const Tensor& input, const Tensor& out, const Window2d& w, int64_t g)
      : batch(input.sizes()[0]),
        channels(input.sizes()[1]),
        height(input.sizes()[2]),
        width(input.sizes()[3]),
        out_channels(out.sizes()[1]),
        out_h(out.sizes()[2]),
        out_w(out.sizes()[3]),
        groups(g),
        rows(channels / g * w.kernel[0] * w.kernel[1]),
        cols(out_h * out_w) {}
  int64_t sample_flops() const { return out_channels * rows * cols; }
};

// A kernel of one tap with no stride or padding reads the input as it is.
bool is_pointwise(const Window2d& w) {
  return w.kernel[0] == 1 && w.kernel[1] == 1 && w.stride[0] == 1 && w.stride[1] == 1 && w.padding[0] == 0 &&
         w.padding[1] == 0;
}

// Batch samples per parallel chunk: whole samples, and only when the per-sample
// GEMM is small (one sample's work below kGrainSize multiply-adds).
int64_t batch_grain(const ConvDims& d) {
  const int64_t flops = std::max<int64_t>(d.sample_flops(), 1);
  return std::max<int64_t>(1, kGrainSize / flops);
}

// col[(c * KH + kh) * KW + kw][oh * OW + ow] = in[c][oh*sh - ph + kh*dh][ow*sw - pw + kw*dw],
// zero where that falls in the padding.
template <class T>
void im2col(const T* in, T* col, const ConvDims& d, const Window2d& w) {
  const int64_t KH = w.kernel[0], KW = w.kernel[1];
  for (int64_t c = 0; c < d.channels; ++c)
    for (int64_t kh = 0; kh < KH; ++kh)
      for (int64_t kw = 0; kw < KW; ++kw) {
        T* row = col + ((c * KH + kh) * KW + kw) * d.cols;
        for (int64_t oh = 0; oh < d.out_h; ++oh) {
          const int64_t ih = oh * w.stride[0] - w.padding[0] + kh * w.dilation[0];
          T* dst = row + oh * d.out_w;
          if (ih < 0 || ih >= d.height) {
            std::fill(dst, dst + d.out_w, T(0));
            continue;
          }
          const T* src = in + (c * d.height + ih) * d.width;
          for (int64_t ow = 0; ow < d.out_w; ++ow) {
            const int64_t iw = ow * w.stride[1] - w.padding[1] + kw * w.dilation[1];
            dst[ow] = iw >= 0 && iw < d.width ? src[iw] : T(0);
          }
        }
      }
}

// The adjoint of im2col: every column entry is added back to the input element it
// was read from (overlapping windows accumulate). `in` must be zeroed first.
template <class T>
void col2im(const T* col, T* in, const ConvDims& d, const Window2d& w) {
  const int64_t KH = w.kernel[0], KW = w.kernel[1];
  for (int64_t c = 0; c < d.channels; ++c)
    for (int64_t kh = 0; kh < KH; ++kh)
      for (int64_t kw = 0; kw < KW; ++kw) {
        const T* row = col + ((c * KH + kh) * KW + kw) * d.cols;
        for (int64_t oh = 0; oh < d.out_h; ++oh) {
          const int64_t ih = oh * w.stride[0] - w.padding[0] + kh * w.dilation[0];
          if (ih < 0 || ih >= d.height) continue;
          const T* src = row + oh * d.out_w;
          T* dst = in + (c * d.height + ih) * d.width;
          for (int64_t ow = 0; ow < d.out_w; ++ow) {
            const int64_t iw = ow * w.stride[1] - w.padding[1] + kw * w.dilation[1];
            if (iw >= 0 && iw < d.width) dst[iw] = static_cast<T>(dst[iw] + src[ow]);
          }
        }
      }
}

// Sample n's im2col matrix as [groups, rows, cols]: the input itself for a
// pointwise kernel, else written into `buffer`.
Tensor sample_columns(const Tensor& input, int64_t n, const Tensor& buffer, const ConvDims& d, const Window2d& w) {
  if (is_pointwise(w)) return view(select(input, 0, n), {d.groups, d.rows, d.cols});
  dispatch_all(input.dtype(),
               [&]<class T>() { im2col<T>(input.data<T>() + n * input.strides()[0], buffer.data<T>(), d, w); });
  return buffer;
}

// [groups, channels-per-group, cols] view of sample n of an output-shaped tensor.
Tensor sample_planes(const Tensor& t, int64_t n, const ConvDims& d) {
  return view(select(t, 0, n), {d.groups, t.sizes()[1] / d.groups, d.cols});
}

}  // namespace

void conv2d(const Tensor& out, const Tensor& input, const Tensor& weight, const Tensor& bias, const Window2d& w,
            int64_t groups) {
  if (out.numel() == 0) return;
  const ConvDims d(input, out, w, groups);
  // out = bias, then out += W x columns (as slow_conv2d: bias first, GEMM with beta 1).
  if (bias.defined())
    copy(out, expand(view(bias, {1, d.out_channels, 1, 1}), out.sizes()));
  else
    fill(out, 0);
  const Tensor w3 = view(weight, {groups, d.out_channels / groups, d.rows});
  parallel_for(0, d.batch, batch_grain(d), [&](int64_t begin, int64_t end) {
    Tensor buffer = is_pointwise(w) ? Tensor() : empty({groups, d.rows, d.cols}, TensorOptions(input.dtype()));
    for (int64_t n = begin; n < end; ++n)
      bmm(sample_planes(out, n, d), w3, sample_columns(input, n, buffer, d, w), 1, 1);
  });
}

void conv2d_grad_input(const Tensor& grad_input, const Tensor& grad_out, const Tensor& weight, const Window2d& w,
                       int64_t groups) {
  fill(grad_input, 0);
  if (grad_out.numel() == 0 || grad_input.numel() == 0) return;
  const ConvDims d(grad_input, grad_out, w, groups);
  const Tensor w3t = transpose(view(weight, {groups, d.out_channels / groups, d.rows}), 1, 2);
  parallel_for(0, d.batch, batch_grain(d), [&](int64_t begin, int64_t end) {
    Tensor columns = empty({groups, d.rows, d.cols}, TensorOptions(grad_input.dtype()));
    for (int64_t n = begin; n < end; ++n) {
      if (is_pointwise(w)) {  // col2im is the identity: write straight into grad_input
        bmm(view(select(grad_input, 0, n), {groups, d.rows, d.cols}), w3t, sample_planes(grad_out, n, d));
        continue;
      }
      bmm(columns, w3t, sample_planes(grad_out, n, d));
      dispatch_all(grad_input.dtype(), [&]<class T>() {
        col2im<T>(columns.data<T>(), grad_input.data<T>() + n * grad_input.strides()[0], d, w);
      });
    }
  });
}

void conv2d_grad_weight(const Tensor& grad_weight, const Tensor& grad_out, const Tensor& input, const Window2d& w,
                        int64_t groups) {
  fill(grad_weight, 0);
  if (grad_out.numel() == 0 || grad_weight.numel() == 0) return;
  const ConvDims d(input, grad_out, w, groups);
  // Each parallel chunk sums its samples into its own partial (indexed by its first
  // sample); the partials are added in order, so the result depends only on the
  // thread count.
  std::vector<Tensor> partial(static_cast<size_t>(d.batch));
  parallel_for(0, d.batch, batch_grain(d), [&](int64_t begin, int64_t end) {
    Tensor acc = zeros({groups, d.out_channels / groups, d.rows}, TensorOptions(input.dtype()));
    Tensor buffer = is_pointwise(w) ? Tensor() : empty({groups, d.rows, d.cols}, TensorOptions(input.dtype()));
    for (int64_t n = begin; n < end; ++n)
      bmm(acc, sample_planes(grad_out, n, d), transpose(sample_columns(input, n, buffer, d, w), 1, 2), 1, 1);
    partial[static_cast<size_t>(begin)] = acc;
  });
  const Tensor gw3 = view(grad_weight, {groups, d.out_channels / groups, d.rows});
  for (const Tensor& p : partial)
    if (p.defined()) binary(BinaryOp::Add, gw3, gw3, p);
}

}  // namespace tscript::rt::cpu
