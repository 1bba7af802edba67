// torch.result_type: the dtype an op computes in, from its operands.
//
// Operands fall in three tiers: tensors with dims, 0-d tensors, and wrapped
// numbers (Python scalars). A lower tier only changes the result when it is of
// a higher category (bool < integral < floating) than the tiers above it;
// a floating Python number then contributes the default dtype (float32).
#pragma once

#include <initializer_list>

#include "runtime/tensor/tensor.h"

namespace tscript::rt {

class ResultTypeState {
 public:
  void add(const Tensor& t);
  void add(const Scalar& s);  // a Python number
  DType result() const;

 private:
  std::optional<DType> dim_, zero_dim_, wrapped_;
};

DType result_type(const Tensor& a, const Tensor& b);
DType result_type(const Tensor& a, const Scalar& b);
DType result_type(std::initializer_list<Tensor> tensors);

}  // namespace tscript::rt
