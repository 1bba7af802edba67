// Indexing: Python subscripts (basic and advanced), their assignment, and the
// explicit index ops (gather, scatter, index_select, one_hot, ...).
#pragma once

#include <optional>
#include <vector>

#include "runtime/tensor/tensor.h"

namespace tscript::rt {

// One element of a subscript: x[0], x[1:5:2], x[None], x[...], x[True], x[t].
struct Slice {
  std::optional<int64_t> start, stop, step;
};

class TensorIndex {
 public:
  enum class Kind { None, Ellipsis, Integer, Boolean, Slice, Tensor };

  static TensorIndex none() { return TensorIndex(Kind::None); }
  static TensorIndex ellipsis() { return TensorIndex(Kind::Ellipsis); }
  static TensorIndex boolean(bool value) {
    TensorIndex i(Kind::Boolean);
    i.integer_ = value;
    return i;
  }
  TensorIndex(int64_t value) : kind_(Kind::Integer), integer_(value) {}  // NOLINT
  TensorIndex(int value) : TensorIndex(static_cast<int64_t>(value)) {}   // NOLINT
  TensorIndex(Slice s) : kind_(Kind::Slice), slice_(s) {}                // NOLINT
  TensorIndex(Tensor t) : kind_(Kind::Tensor), tensor_(std::move(t)) {}  // NOLINT

  Kind kind() const { return kind_; }
  int64_t integer() const { return integer_; }
  bool boolean_value() const { return integer_ != 0; }
  const Slice& slice() const { return slice_; }
  const Tensor& tensor() const { return tensor_; }

 private:
  explicit TensorIndex(Kind k) : kind_(k) {}
  Kind kind_;
  int64_t integer_ = 0;
  Slice slice_;
  Tensor tensor_;
};

// x[indices]: a view when every index is basic (ints, slices, None, ...),
// otherwise a new tensor (advanced indexing with PyTorch's rules, including
// moving the indexed dims to the front when advanced indices are separated).
Tensor index(const Tensor& x, const std::vector<TensorIndex>& indices);
// x[indices] = value (value broadcast to the indexed shape, converted to x's dtype).
void index_put_(const Tensor& x, const std::vector<TensorIndex>& indices, const Tensor& value);
void index_put_(const Tensor& x, const std::vector<TensorIndex>& indices, const Scalar& value);
// With accumulate, values at repeated indices add up (x[indices] += value).
void index_put_(const Tensor& x, const std::vector<TensorIndex>& indices, const Tensor& value, bool accumulate);
// torch.index_put_(x, (t1, t2, ...), values, accumulate): only tensor indices.
const Tensor& index_put_(const Tensor& x, const std::vector<Tensor>& indices, const Tensor& values,
                         bool accumulate = false);

Tensor gather(const Tensor& x, int64_t dim, const Tensor& index);
// x.scatter_(dim, index, src): x[index[i][j]][j] = src[i][j] (for dim 0).
const Tensor& scatter_(const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src);
const Tensor& scatter_(const Tensor& x, int64_t dim, const Tensor& index, const Scalar& value);
const Tensor& scatter_add_(const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src);
Tensor scatter(const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src);
Tensor scatter(const Tensor& x, int64_t dim, const Tensor& index, const Scalar& value);
Tensor scatter_add(const Tensor& x, int64_t dim, const Tensor& index, const Tensor& src);
Tensor index_select(const Tensor& x, int64_t dim, const Tensor& index);
// num_classes = -1: one more than the largest value.
Tensor one_hot(const Tensor& x, int64_t num_classes = -1);

}  // namespace tscript::rt
