// Gradient checks for C++ tests, as torch.autograd.gradcheck / gradgradcheck do them:
// the analytical Jacobian (one autograd.grad per output element, seeded one-hot)
// against central differences of the function itself.
//
// Inputs that require grad must be float64 leaves whose elements have their own
// storage (transposed or strided views are fine, expanded ones are not): each one
// is perturbed in place. Outputs that are not floating (indices) are ignored.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "runtime/tensor/tensor.h"

namespace tscript::ag {

using GradcheckFn = std::function<std::vector<rt::Tensor>(const std::vector<rt::Tensor>&)>;

struct GradcheckOptions {
  double eps = 1e-6;   // central-difference step
  double atol = 1e-5;  // |analytical - numerical| <= atol + rtol * |numerical|
  double rtol = 1e-3;
  size_t max_reported = 4;  // mismatches listed in the message
};

// Empty when the Jacobians agree and every gradient comes back in its input's
// shape and dtype; otherwise a message naming the output, input, elements and
// both values, e.g. "output 0 [1] w.r.t. input 0 [1, 2]: numerical 0.5, analytical 0.25".
std::string gradcheck(const GradcheckFn& fn, const std::vector<rt::Tensor>& inputs,
                      const GradcheckOptions& options = {});

// gradcheck of the first derivative: the function (inputs, v) -> autograd.grad(fn(inputs),
// inputs, grad_outputs=v, create_graph=True), with fixed grad_outputs v that require
// grad too (so the backward formulas are checked in both their arguments).
std::string gradgradcheck(const GradcheckFn& fn, const std::vector<rt::Tensor>& inputs,
                          const GradcheckOptions& options = {});

}  // namespace tscript::ag
