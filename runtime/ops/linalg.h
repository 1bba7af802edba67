// Matrix products (OpenBLAS for float/double) and einsum.
// Operands must share a dtype, as in PyTorch ("expected scalar type Float but found Double").
#pragma once

#include <string>
#include <vector>

#include "runtime/tensor/tensor.h"

namespace tscript::rt {

// torch.matmul: dot, mv, mm, or batched with broadcast batch dims.
Tensor matmul(const Tensor& a, const Tensor& b);
Tensor mm(const Tensor& a, const Tensor& b);
Tensor bmm(const Tensor& a, const Tensor& b);
Tensor mv(const Tensor& a, const Tensor& v);
Tensor dot(const Tensor& a, const Tensor& b);
Tensor outer(const Tensor& a, const Tensor& b);
// beta * input + alpha * (a @ b); input broadcasts to the result.
Tensor addmm(const Tensor& input, const Tensor& a, const Tensor& b, const Scalar& beta = 1,
             const Scalar& alpha = 1);
Tensor baddbmm(const Tensor& input, const Tensor& a, const Tensor& b, const Scalar& beta = 1,
               const Scalar& alpha = 1);
// "ij,jk->ik", with "..." and implicit outputs; contractions run as bmm.
Tensor einsum(const std::string& equation, const std::vector<Tensor>& operands);

}  // namespace tscript::rt
