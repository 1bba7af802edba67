// Reductions (sum, mean, max, var, norm, ...), scans (cumsum) and softmax.
//
// `dims` lists the dims to reduce; an empty list reduces every dim. With
// keepdim the reduced dims stay as size 1.
#pragma once

#include <optional>
#include <utility>

#include "runtime/tensor/tensor.h"

namespace tscript::rt {

// What max(dim) / min(dim) / sort / topk return (a named tuple in Python).
struct ValuesIndices {
  Tensor values;
  Tensor indices;
};

// Integer and bool inputs sum/prod to int64 unless `dtype` says otherwise.
Tensor sum(const Tensor& x, std::optional<DType> dtype = std::nullopt);
Tensor sum(const Tensor& x, IntArrayRef dims, bool keepdim = false, std::optional<DType> dtype = std::nullopt);
Tensor prod(const Tensor& x, std::optional<DType> dtype = std::nullopt);
Tensor prod(const Tensor& x, int64_t dim, bool keepdim = false, std::optional<DType> dtype = std::nullopt);
// Floating inputs only (or an explicit floating dtype), as PyTorch.
Tensor mean(const Tensor& x, std::optional<DType> dtype = std::nullopt);
Tensor mean(const Tensor& x, IntArrayRef dims, bool keepdim = false, std::optional<DType> dtype = std::nullopt);

// Over everything: the largest / smallest element (NaN wins).
Tensor max(const Tensor& x);
Tensor min(const Tensor& x);
// Along one dim: values and the index of the first occurrence.
ValuesIndices max(const Tensor& x, int64_t dim, bool keepdim = false);
ValuesIndices min(const Tensor& x, int64_t dim, bool keepdim = false);
Tensor amax(const Tensor& x, IntArrayRef dims = {}, bool keepdim = false);
Tensor amin(const Tensor& x, IntArrayRef dims = {}, bool keepdim = false);
// No dim: index into the flattened tensor.
Tensor argmax(const Tensor& x, std::optional<int64_t> dim = std::nullopt, bool keepdim = false);
Tensor argmin(const Tensor& x, std::optional<int64_t> dim = std::nullopt, bool keepdim = false);

// correction = 1 is the unbiased estimate (unbiased=True), 0 the biased one.
Tensor var(const Tensor& x, IntArrayRef dims = {}, double correction = 1, bool keepdim = false);
// torch.std (named std_dev so `using namespace` cannot clash with namespace std).
Tensor std_dev(const Tensor& x, IntArrayRef dims = {}, double correction = 1, bool keepdim = false);
// (var, mean) and (std, mean), as torch.var_mean / std_mean.
std::pair<Tensor, Tensor> var_mean(const Tensor& x, IntArrayRef dims = {}, double correction = 1,
                                   bool keepdim = false);
std::pair<Tensor, Tensor> std_mean(const Tensor& x, IntArrayRef dims = {}, double correction = 1,
                                   bool keepdim = false);

// Vector p-norm over dims (p may be +-inf or 0).
Tensor norm(const Tensor& x, double p = 2, IntArrayRef dims = {}, bool keepdim = false);
Tensor logsumexp(const Tensor& x, IntArrayRef dims, bool keepdim = false);

// bool results (uint8 for uint8 inputs, as PyTorch).
Tensor all(const Tensor& x);
Tensor all(const Tensor& x, int64_t dim, bool keepdim = false);
Tensor any(const Tensor& x);
Tensor any(const Tensor& x, int64_t dim, bool keepdim = false);
Tensor count_nonzero(const Tensor& x, IntArrayRef dims = {});

// Scans: integer and bool inputs accumulate into int64 unless `dtype` is given.
Tensor cumsum(const Tensor& x, int64_t dim, std::optional<DType> dtype = std::nullopt);
Tensor cumprod(const Tensor& x, int64_t dim, std::optional<DType> dtype = std::nullopt);

// Numerically stable (the max is subtracted first).
Tensor softmax(const Tensor& x, int64_t dim, std::optional<DType> dtype = std::nullopt);
Tensor log_softmax(const Tensor& x, int64_t dim, std::optional<DType> dtype = std::nullopt);

// torch.equal: same sizes and every element equal.
bool equal(const Tensor& a, const Tensor& b);
// |a - b| <= atol + rtol * |b| elementwise (NaNs equal only if equal_nan).
Tensor isclose(const Tensor& a, const Tensor& b, double rtol = 1e-5, double atol = 1e-8, bool equal_nan = false);
bool allclose(const Tensor& a, const Tensor& b, double rtol = 1e-5, double atol = 1e-8, bool equal_nan = false);

}  // namespace tscript::rt
