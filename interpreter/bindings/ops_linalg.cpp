// Matrix products: matmul mm bmm mv dot outer addmm baddbmm einsum.
#include "interpreter/bindings/arg_parser.h"
#include "runtime/autograd/functions.h"
#include "interpreter/builtins/builtins_internal.h"

namespace tscript::bindings {

namespace {

const OpDef kLinalgOps[] = {
    {"matmul(Tensor self, Tensor other)", [](Args& a) { return wrap(ag::matmul(a.tensor(0), a.tensor(1))); }},
    {"mm(Tensor self, Tensor mat2)", [](Args& a) { return wrap(ag::mm(a.tensor(0), a.tensor(1))); }},
    {"bmm(Tensor self, Tensor mat2)", [](Args& a) { return wrap(ag::bmm(a.tensor(0), a.tensor(1))); }},
    {"mv(Tensor self, Tensor vec)", [](Args& a) { return wrap(ag::mv(a.tensor(0), a.tensor(1))); }},
    {"dot(Tensor self, Tensor tensor)", [](Args& a) { return wrap(ag::dot(a.tensor(0), a.tensor(1))); }},
    {"outer(Tensor self, Tensor vec2)", [](Args& a) { return wrap(ag::outer(a.tensor(0), a.tensor(1))); }},
    {"ger(Tensor self, Tensor vec2)", [](Args& a) { return wrap(ag::outer(a.tensor(0), a.tensor(1))); }},
    {"addmm(Tensor self, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1)",
     [](Args& a) { return wrap(ag::addmm(a.tensor(0), a.tensor(1), a.tensor(2), a.scalar(3), a.scalar(4))); }},
    {"baddbmm(Tensor self, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1)",
     [](Args& a) { return wrap(ag::baddbmm(a.tensor(0), a.tensor(1), a.tensor(2), a.scalar(3), a.scalar(4))); }},
    // einsum("ij,jk->ik", a, b) and einsum("ij,jk->ik", [a, b]).
    {"einsum(str equation, Tensor[]... tensors)",
     [](Args& a) { return wrap(ag::einsum(a.string(0), a.tensors(1))); }, kFunction},
};

}  // namespace

std::span<const OpDef> linalg_ops() { return kLinalgOps; }

}  // namespace tscript::bindings
