// Shared by the convolution and pooling tests: deterministic inputs that PyTorch can
// rebuild (sin of a scaled arange, in float64), and a central-difference gradient check.
#pragma once

#include <functional>

#include "test_helpers.h"

namespace tscript::rt::test {

// sin(arange(numel) * scale + offset) in float64, shaped; torch builds the same with
// torch.sin(torch.arange(n, dtype=torch.float64) * scale + offset).reshape(shape).
inline Tensor sin_data(IntArrayRef sizes, double scale = 1.0, double offset = 0.0) {
  const int64_t n = checked_numel(sizes);
  return reshape(sin(add(mul(arange(n, DType::Float64), wrap_scalar(scale)), wrap_scalar(offset))), sizes);
}

// The scalar loss sum(out * weights): its gradient with respect to `out` is `weights`,
// so a backward function fed `weights` as grad_output must give dLoss/dInput.
inline double weighted_sum(const Tensor& out, const Tensor& weights) {
  return sum(mul(out, weights)).item().to_double();
}

// Compares `analytic` (row-major over x's elements) with central differences of
// loss() as each element of x (float64, contiguous, perturbed in place) moves by +-h.
inline void check_gradient(const Tensor& x, const std::function<double()>& loss, const Tensor& analytic,
                           double h = 1e-6) {
  REQUIRE(x.dtype() == DType::Float64);
  REQUIRE(x.is_contiguous());
  REQUIRE(analytic.sizes() == x.sizes());
  double* p = x.data<double>();
  for (int64_t i = 0; i < x.numel(); ++i) {
    const double saved = p[i];
    p[i] = saved + h;
    const double up = loss();
    p[i] = saved - h;
    const double down = loss();
    p[i] = saved;
    const double numeric = (up - down) / (2 * h);
    INFO("element " << i << ": numeric " << numeric << ", analytic " << analytic.double_at(i));
    CHECK(std::abs(numeric - analytic.double_at(i)) <= 1e-6 + 1e-6 * std::abs(numeric));
  }
}

}  // namespace tscript::rt::test
