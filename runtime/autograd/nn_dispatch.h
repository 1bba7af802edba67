// Element-type dispatch of the fused nn kernels (fn_loss.cpp, fn_norm.cpp), which
// exist for float32 and float64 only.
#pragma once

#include "runtime/autograd/functions.h"

namespace tscript::ag::nn_detail {

// PyTorch's message for a dtype its kernel has no instance of.
inline void check_floating(const Tensor& t, const char* op) {
  TS_CHECK(t.dtype() == DType::Float32 || t.dtype() == DType::Float64, "\"", op, "\" not implemented for '",
           rt::scalar_type_name(t.dtype()), "'");
}

// f.template operator()<T>() with T = double for float64 and float otherwise
// (callers have run check_floating).
template <class F>
decltype(auto) dispatch_floating(DType dtype, F&& f) {
  if (dtype == DType::Float64) return f.template operator()<double>();
  return f.template operator()<float>();
}

}  // namespace tscript::ag::nn_detail
