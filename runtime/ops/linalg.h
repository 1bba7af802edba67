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
// einsum over another set of primitive ops (the autograd layer passes its own, so
// einsum's graph is made of the ops it reduces to, as in PyTorch).
struct EinsumOps {
  Tensor (*sum)(const Tensor&, IntArrayRef dims);
  Tensor (*reshape)(const Tensor&, IntArrayRef sizes);
  Tensor (*expand)(const Tensor&, IntArrayRef sizes);
  Tensor (*permute)(const Tensor&, IntArrayRef dims);
  Tensor (*bmm)(const Tensor&, const Tensor&);
  Tensor (*diagonal)(const Tensor&, int64_t offset, int64_t dim1, int64_t dim2);
  Tensor (*movedim)(const Tensor&, int64_t source, int64_t destination);
};
Tensor einsum(const std::string& equation, const std::vector<Tensor>& operands, const EinsumOps& ops);

}  // namespace tscript::rt
