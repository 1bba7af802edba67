// The CPU kernel table: every data loop the ops in runtime/ops dispatch to.
//
// Contract for all kernels: the op has already validated arguments, chosen
// dtypes and allocated outputs. Elementwise kernels take operands of identical
// sizes (broadcast inputs are expanded views with zero strides); outputs never
// overlap inputs except element-for-element (same address, same strides).
#pragma once

#include <bitset>
#include <cstdint>
#include <vector>

#include "runtime/ops/kinds.h"
#include "runtime/tensor/shape_util.h"
#include "runtime/tensor/tensor.h"

namespace tscript::rt::cpu {

// ---- fill, copy, creation (fill_copy.cpp) ----
void fill(const Tensor& out, const Scalar& value);
// dst[i] = convert(src[i]); any dtypes, same sizes.
void copy(const Tensor& dst, const Tensor& src);
// out[i] = start + i * step, in out's dtype (computed in double or int64).
void arange(const Tensor& out, const Scalar& start, const Scalar& step);
// PyTorch's two-sided linspace: the first half from start, the second from end.
void linspace(const Tensor& out, const Scalar& start, const Scalar& end);

// ---- elementwise (unary.cpp, binary.cpp, ternary.cpp) ----
void unary(UnaryOp op, const Tensor& out, const Tensor& in);
void predicate(PredicateOp op, const Tensor& out, const Tensor& in);
// a and b share a dtype; out has it too, or bool for comparisons/logical ops.
// alpha scales b for Add/Sub.
void binary(BinaryOp op, const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
// out = cond ? a : b (cond bool; a, b, out share a dtype).
void where(const Tensor& out, const Tensor& cond, const Tensor& a, const Tensor& b);
// out = min(max(in, lo), hi); lo or hi may be undefined. NaN propagates.
void clamp(const Tensor& out, const Tensor& in, const Tensor& lo, const Tensor& hi);
// out = in > 0 ? in : in * slope
void leaky_relu(const Tensor& out, const Tensor& in, const Scalar& slope);

// ---- reductions (reduce.cpp) ----
// `out` has in's rank with size 1 in each reduced dim (keepdim layout).
// Float sums follow PyTorch's own summation order (sum.cpp); Prod and the
// norms accumulate in double, integers in int64. `p` is the norm order.
void reduce(ReduceOp op, const Tensor& out, const Tensor& in, double p = 2.0);
// The float Sum of reduce(): bit-identical to PyTorch's CPU sum.
void sum_floating(const Tensor& out, const Tensor& in);
// var (and mean) over the reduced dims, two-pass in double. mean may be undefined.
void var_mean(const Tensor& var, const Tensor& mean, const Tensor& in, double correction, bool take_sqrt);
// Along one dim: values (may be undefined) and int64 indices of the max/min,
// first occurrence wins, NaN counts as the extreme.
void arg_reduce(bool is_max, const Tensor& values, const Tensor& indices, const Tensor& in, int64_t dim);
// Along one dim: out = cumulative sum / product.
void cumulative(bool is_prod, const Tensor& out, const Tensor& in, int64_t dim);
// Along one dim, numerically stable (max subtracted).
void softmax(const Tensor& out, const Tensor& in, int64_t dim, bool log);

// ---- sorting (sort.cpp) ----
// Sort along dim (std::sort, or std::stable_sort when stable, as PyTorch);
// NaN sorts greater than every number.
void sort(const Tensor& values, const Tensor& indices, const Tensor& in, int64_t dim, bool descending,
          bool stable);
// The k largest (or smallest) along dim, in sorted order.
void topk(const Tensor& values, const Tensor& indices, const Tensor& in, int64_t k, int64_t dim, bool largest);

// ---- indexing (index.cpp) ----
// Indices are int64 and already bounds-checked unless noted.
void gather(const Tensor& out, const Tensor& in, int64_t dim, const Tensor& index);
// self[index[i]][j] (dim 0 shown) = src[i][j]; accumulate adds. Checks bounds.
void scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src, bool accumulate);
void index_select(const Tensor& out, const Tensor& in, int64_t dim, const Tensor& index);
// Advanced indexing over dims [first, first + indices.size()) of `in`, where
// all index tensors are broadcast to one shape B: out has in's sizes with those
// dims replaced by B. Checks bounds (IndexError).
void index(const Tensor& out, const Tensor& in, int64_t first, const std::vector<Tensor>& indices);
// The inverse: self[..., idx..., ...] = values (already broadcast to the
// indexed shape); accumulate adds (duplicates add up).
void index_put(const Tensor& self, int64_t first, const std::vector<Tensor>& indices, const Tensor& values,
               bool accumulate);
// Positions of the true elements of a bool tensor, as an [n, ndim] int64 tensor.
Tensor nonzero(const Tensor& in);

// ---- linear algebra (matmul.cpp) ----
// out[b] = beta * out[b] + alpha * a[b] @ b[b] for 3-D operands [B, n, k] x
// [B, k, m]; any strides (transposes go to BLAS as transposes when possible).
void bmm(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha = 1, const Scalar& beta = 0);
// The same with one plain sequential sum per output (ATen's kernel for small
// bmm/baddbmm problems, where k * n * m < 400).
void bmm_naive(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha = 1,
               const Scalar& beta = 0);
// out[n] = mat[n, k] @ vec[k] (BLAS gemv for float/double, as torch.mv).
void gemv(const Tensor& out, const Tensor& mat, const Tensor& vec);
// out (0-d) = a . b (BLAS dot for float/double, as torch.dot).
void dot(const Tensor& out, const Tensor& a, const Tensor& b);

// ---- convolution (conv.cpp) and pooling (pool.cpp) ----
// A 2-d sliding window, per spatial dim (h, w): extent, step, leading (top/left)
// padding, and spacing of its taps. Trailing padding is implied by the output
// size, which the kernels read from their output (or grad_output) tensor, so an
// asymmetric padding="same" needs nothing special.
struct Window2d {
  int64_t kernel[2], stride[2], padding[2], dilation[2];
};
// out [N, O, OH, OW] = bias [O] + input [N, C, H, W] (*) weight [O, C/groups, KH, KW],
// by im2col + GEMM; bias may be undefined. input and weight contiguous; any dtype
// cpu::bmm supports.
void conv2d(const Tensor& out, const Tensor& input, const Tensor& weight, const Tensor& bias, const Window2d& w,
            int64_t groups);
// grad_input [N, C, H, W] = the transpose of conv2d applied to grad_out (GEMM + col2im).
void conv2d_grad_input(const Tensor& grad_input, const Tensor& grad_out, const Tensor& weight, const Window2d& w,
                       int64_t groups);
// grad_weight [O, C/groups, KH, KW] = sum over the batch of grad_out x im2col(input)^T.
void conv2d_grad_weight(const Tensor& grad_weight, const Tensor& grad_out, const Tensor& input, const Window2d& w,
                        int64_t groups);
// Pooling over contiguous planes: input [P, H, W], out [P, OH, OW]. Float, double,
// bfloat16 (average pooling also int64, with integer division).
// indices: int64 flat positions h * W + w of each maximum in its input plane.
void max_pool2d(const Tensor& out, const Tensor& indices, const Tensor& input, const Window2d& w);
// grad_input (zeroed here) [P, H, W]: grad_out [P, OH, OW] added at the indices.
void max_pool2d_backward(const Tensor& grad_input, const Tensor& grad_out, const Tensor& indices);
// divisor_override 0: none (divide by the window's size, padding counted or not).
void avg_pool2d(const Tensor& out, const Tensor& input, const Window2d& w, bool count_include_pad,
                int64_t divisor_override);
void avg_pool2d_backward(const Tensor& grad_input, const Tensor& grad_out, const Window2d& w, bool count_include_pad,
                         int64_t divisor_override);
// PyTorch's adaptive windows: rows [floor(i * H / OH), ceil((i + 1) * H / OH)).
void adaptive_avg_pool2d(const Tensor& out, const Tensor& input);
void adaptive_avg_pool2d_backward(const Tensor& grad_input, const Tensor& grad_out);

}  // namespace tscript::rt::cpu
