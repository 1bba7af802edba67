// The differentiable API: the runtime's ops (runtime/ops) with history recording.
//
// Each function here runs the rt:: op and, when grad mode is on and an input
// requires grad, attaches a Node named as PyTorch names it. Ops without a
// derivative (comparisons, argmax, creation, ...) are not redeclared: the using-
// directive makes `ag::eq` the plain `rt::eq`, so callers can use `ag::` for every
// op. A name declared here hides all rt:: overloads of that name, so each
// overload a caller needs is listed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runtime/autograd/meta.h"
#include "runtime/ops/ops.h"

namespace tscript::ag {

using namespace rt;  // NOLINT: everything not redefined below is the rt:: op

// ---- pointwise (fn_pointwise.cpp, fn_binary.cpp) ----
#define TS_AG_DECLARE_UNARY(name, kind) \
  Tensor name(const Tensor& x);         \
  const Tensor& name##_(const Tensor& x);
TS_UNARY_OPS(TS_AG_DECLARE_UNARY)
#undef TS_AG_DECLARE_UNARY
Tensor unary(UnaryOp op, const Tensor& x);
Tensor round(const Tensor& x, int64_t decimals);
Tensor gelu(const Tensor& x, const std::string& approximate = "none");
Tensor leaky_relu(const Tensor& x, const Scalar& negative_slope = 0.01);
const Tensor& leaky_relu_(const Tensor& x, const Scalar& negative_slope = 0.01);

#define TS_AG_DECLARE_BINARY(name, kind)                           \
  Tensor name(const Tensor& a, const Tensor& b);                   \
  Tensor name(const Tensor& a, const Scalar& b);                   \
  const Tensor& name##_(const Tensor& self, const Tensor& other); \
  const Tensor& name##_(const Tensor& self, const Scalar& other);
TS_BINARY_OPS(TS_AG_DECLARE_BINARY)
#undef TS_AG_DECLARE_BINARY
Tensor binary(BinaryOp op, const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
Tensor add(const Tensor& a, const Scalar& b, const Scalar& alpha = 1);
Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
Tensor sub(const Tensor& a, const Scalar& b, const Scalar& alpha = 1);
// other - self (Tensor.__rsub__ with a number: RsubBackward1).
Tensor rsub(const Tensor& self, const Scalar& other, const Scalar& alpha = 1);
const Tensor& add_(const Tensor& self, const Tensor& other, const Scalar& alpha = 1);
const Tensor& add_(const Tensor& self, const Scalar& other, const Scalar& alpha = 1);
const Tensor& sub_(const Tensor& self, const Tensor& other, const Scalar& alpha = 1);
const Tensor& sub_(const Tensor& self, const Scalar& other, const Scalar& alpha = 1);
Tensor div(const Tensor& a, const Tensor& b, std::optional<std::string> rounding_mode = std::nullopt);
Tensor div(const Tensor& a, const Scalar& b, std::optional<std::string> rounding_mode = std::nullopt);
const Tensor& div_(const Tensor& self, const Tensor& other, std::optional<std::string> rounding_mode = std::nullopt);
const Tensor& div_(const Tensor& self, const Scalar& other, std::optional<std::string> rounding_mode = std::nullopt);

// ---- conditional (fn_conditional.cpp) ----
Tensor where(const Tensor& cond, const Tensor& a, const Tensor& b);
std::vector<Tensor> where(const Tensor& cond);
Tensor clamp(const Tensor& x, const std::optional<Scalar>& min, const std::optional<Scalar>& max = std::nullopt);
Tensor clamp(const Tensor& x, const Tensor& min, const Tensor& max);
const Tensor& clamp_(const Tensor& x, const std::optional<Scalar>& min, const std::optional<Scalar>& max = std::nullopt);
Tensor masked_fill(const Tensor& x, const Tensor& mask, const Scalar& value);
Tensor masked_fill(const Tensor& x, const Tensor& mask, const Tensor& value);
const Tensor& masked_fill_(const Tensor& x, const Tensor& mask, const Scalar& value);
const Tensor& masked_fill_(const Tensor& x, const Tensor& mask, const Tensor& value);
Tensor masked_select(const Tensor& x, const Tensor& mask);
Tensor lerp(const Tensor& x, const Tensor& end, const Scalar& weight);
Tensor addcmul(const Tensor& x, const Tensor& t1, const Tensor& t2, const Scalar& value = 1);
Tensor addcdiv(const Tensor& x, const Tensor& t1, const Tensor& t2, const Scalar& value = 1);
const Tensor& addcmul_(const Tensor& x, const Tensor& t1, const Tensor& t2, const Scalar& value = 1);
const Tensor& addcdiv_(const Tensor& x, const Tensor& t1, const Tensor& t2, const Scalar& value = 1);

// ---- reductions (fn_reduce.cpp) ----
Tensor sum(const Tensor& x, std::optional<DType> dtype = std::nullopt);
Tensor sum(const Tensor& x, IntArrayRef dims, bool keepdim = false, std::optional<DType> dtype = std::nullopt);
Tensor prod(const Tensor& x, std::optional<DType> dtype = std::nullopt);
Tensor prod(const Tensor& x, int64_t dim, bool keepdim = false, std::optional<DType> dtype = std::nullopt);
Tensor mean(const Tensor& x, std::optional<DType> dtype = std::nullopt);
Tensor mean(const Tensor& x, IntArrayRef dims, bool keepdim = false, std::optional<DType> dtype = std::nullopt);
Tensor max(const Tensor& x);
Tensor min(const Tensor& x);
ValuesIndices max(const Tensor& x, int64_t dim, bool keepdim = false);
ValuesIndices min(const Tensor& x, int64_t dim, bool keepdim = false);
Tensor amax(const Tensor& x, IntArrayRef dims = {}, bool keepdim = false);
Tensor amin(const Tensor& x, IntArrayRef dims = {}, bool keepdim = false);
Tensor var(const Tensor& x, IntArrayRef dims = {}, double correction = 1, bool keepdim = false);
Tensor std_dev(const Tensor& x, IntArrayRef dims = {}, double correction = 1, bool keepdim = false);
std::pair<Tensor, Tensor> var_mean(const Tensor& x, IntArrayRef dims = {}, double correction = 1,
                                   bool keepdim = false);
std::pair<Tensor, Tensor> std_mean(const Tensor& x, IntArrayRef dims = {}, double correction = 1,
                                   bool keepdim = false);
Tensor norm(const Tensor& x, double p = 2, IntArrayRef dims = {}, bool keepdim = false);
Tensor logsumexp(const Tensor& x, IntArrayRef dims, bool keepdim = false);
Tensor cumsum(const Tensor& x, int64_t dim, std::optional<DType> dtype = std::nullopt);
Tensor cumprod(const Tensor& x, int64_t dim, std::optional<DType> dtype = std::nullopt);
Tensor softmax(const Tensor& x, int64_t dim, std::optional<DType> dtype = std::nullopt);
Tensor log_softmax(const Tensor& x, int64_t dim, std::optional<DType> dtype = std::nullopt);

// ---- views and joins (fn_view.cpp, fn_join.cpp) ----
Tensor alias(const Tensor& t);
Tensor as_strided(const Tensor& t, IntArrayRef sizes, IntArrayRef strides, std::optional<int64_t> offset = {});
Tensor view(const Tensor& t, IntArrayRef sizes);
Tensor view_as(const Tensor& t, const Tensor& other);
Tensor reshape(const Tensor& t, IntArrayRef sizes);
Tensor flatten(const Tensor& t, int64_t start_dim = 0, int64_t end_dim = -1);
Tensor unflatten(const Tensor& t, int64_t dim, IntArrayRef sizes);
Tensor squeeze(const Tensor& t);
Tensor squeeze(const Tensor& t, int64_t dim);
Tensor unsqueeze(const Tensor& t, int64_t dim);
Tensor permute(const Tensor& t, IntArrayRef dims);
Tensor transpose(const Tensor& t, int64_t dim0, int64_t dim1);
Tensor t(const Tensor& t);
Tensor numpy_T(const Tensor& t);
Tensor movedim(const Tensor& t, int64_t source, int64_t destination);
Tensor expand(const Tensor& t, IntArrayRef sizes);
Tensor expand_as(const Tensor& t, const Tensor& other);
Tensor broadcast_to(const Tensor& t, IntArrayRef sizes);
Tensor narrow(const Tensor& t, int64_t dim, int64_t start, int64_t length);
Tensor select(const Tensor& t, int64_t dim, int64_t index);
Tensor slice(const Tensor& t, int64_t dim, std::optional<int64_t> start, std::optional<int64_t> end,
             int64_t step = 1);
Tensor diagonal(const Tensor& t, int64_t offset = 0, int64_t dim1 = 0, int64_t dim2 = 1);
std::vector<Tensor> unbind(const Tensor& t, int64_t dim = 0);
void squeeze_(Tensor& t, std::optional<int64_t> dim = std::nullopt);
void unsqueeze_(Tensor& t, int64_t dim);
void transpose_(Tensor& t, int64_t dim0, int64_t dim1);

Tensor cat(const std::vector<Tensor>& tensors, int64_t dim = 0);
Tensor stack(const std::vector<Tensor>& tensors, int64_t dim = 0);
std::vector<Tensor> split(const Tensor& x, int64_t split_size, int64_t dim = 0);
std::vector<Tensor> split_with_sizes(const Tensor& x, IntArrayRef sizes, int64_t dim = 0);
std::vector<Tensor> chunk(const Tensor& x, int64_t chunks, int64_t dim = 0);
Tensor repeat(const Tensor& x, IntArrayRef repeats);
Tensor tile(const Tensor& x, IntArrayRef reps);
Tensor flip(const Tensor& x, IntArrayRef dims);

// ---- linear algebra (fn_linalg.cpp) ----
Tensor matmul(const Tensor& a, const Tensor& b);
Tensor mm(const Tensor& a, const Tensor& b);
Tensor bmm(const Tensor& a, const Tensor& b);
Tensor mv(const Tensor& a, const Tensor& v);
Tensor dot(const Tensor& a, const Tensor& b);
Tensor outer(const Tensor& a, const Tensor& b);
Tensor addmm(const Tensor& input, const Tensor& a, const Tensor& b, const Scalar& beta = 1, const Scalar& alpha = 1);
Tensor baddbmm(const Tensor& input, const Tensor& a, const Tensor& b, const Scalar& beta = 1,
               const Scalar& alpha = 1);
Tensor einsum(const std::string& equation, const std::vector<Tensor>& operands);
// F.linear: input @ weight.T + bias, as PyTorch records it (AddmmBackward0 for 2-d input).
Tensor linear(const Tensor& input, const Tensor& weight, const Tensor& bias);

// ---- indexing (fn_index.cpp) ----
Tensor index(const Tensor& x, const std::vector<TensorIndex>& indices);
void index_put_(const Tensor& x, const std::vector<TensorIndex>& indices, const Tensor& value);
void index_put_(const Tensor& x, const std::vector<TensorIndex>& indices, const Scalar& value);
const Tensor& index_put_(const Tensor& x, const std::vector<Tensor>& indices, const Tensor& values,
                         bool accumulate = false);
Tensor gather(const Tensor& x, int64_t dim, const Tensor& index);
Tensor scatter(const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src);
Tensor scatter(const Tensor& x, int64_t dim, const Tensor& index, const Scalar& value);
Tensor scatter_add(const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src);
Tensor index_select(const Tensor& x, int64_t dim, const Tensor& index);
ValuesIndices sort(const Tensor& x, int64_t dim = -1, bool descending = false, bool stable = false);
ValuesIndices topk(const Tensor& x, int64_t k, int64_t dim = -1, bool largest = true, bool sorted = true);

// ---- copies and conversions (fn_copy.cpp) ----
const Tensor& copy_(const Tensor& dst, const Tensor& src);
Tensor clone(const Tensor& t);
Tensor contiguous(const Tensor& t);
Tensor to(const Tensor& t, DType dtype, bool copy = false);
Tensor to(const Tensor& t, Device device, std::optional<DType> dtype = std::nullopt, bool copy = false);
// zero_() / fill_(): in place, so they check the autograd rules too.
const Tensor& zero_(const Tensor& t);
const Tensor& fill_(const Tensor& t, const Scalar& value);

// Sums a broadcast gradient down to `sizes` (recorded when grad mode is on).
Tensor sum_to(const Tensor& g, IntArrayRef sizes);

}  // namespace tscript::ag
