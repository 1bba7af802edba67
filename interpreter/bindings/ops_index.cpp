// Explicit index ops: gather scatter scatter_add index_select index_put one_hot take.
// (Python subscripts t[...] are in tensor_index.cpp.)
#include "interpreter/bindings/arg_parser.h"
#include "runtime/autograd/functions.h"
#include "interpreter/builtins/builtins_internal.h"

namespace tscript::bindings {

namespace {

const OpDef kIndexOps[] = {
    {"gather(Tensor self, int dim, Tensor index, *, bool sparse_grad=False)",
     [](Args& a) { return wrap(ag::gather(a.tensor(0), a.int64(1), a.tensor(2))); }},
    {"scatter(Tensor self, int dim, Tensor index, Tensor src)",
     [](Args& a) { return wrap(ag::scatter(a.tensor(0), a.int64(1), a.tensor(2), a.tensor(3))); }},
    {"scatter(Tensor self, int dim, Tensor index, Scalar value)",
     [](Args& a) { return wrap(ag::scatter(a.tensor(0), a.int64(1), a.tensor(2), a.scalar(3))); }},
    {"scatter_(Tensor self, int dim, Tensor index, Tensor src)",
     [](Args& a) { return a.ret(ag::scatter_(a.tensor(0), a.int64(1), a.tensor(2), a.tensor(3))); }, kMethod},
    {"scatter_(Tensor self, int dim, Tensor index, Scalar value)",
     [](Args& a) { return a.ret(ag::scatter_(a.tensor(0), a.int64(1), a.tensor(2), a.scalar(3))); }, kMethod},
    {"scatter_add(Tensor self, int dim, Tensor index, Tensor src)",
     [](Args& a) { return wrap(ag::scatter_add(a.tensor(0), a.int64(1), a.tensor(2), a.tensor(3))); }},
    {"scatter_add_(Tensor self, int dim, Tensor index, Tensor src)",
     [](Args& a) { return a.ret(ag::scatter_add_(a.tensor(0), a.int64(1), a.tensor(2), a.tensor(3))); }, kMethod},
    {"index_select(Tensor self, int dim, Tensor index)",
     [](Args& a) { return wrap(ag::index_select(a.tensor(0), a.int64(1), a.tensor(2))); }},
    {"index_put_(Tensor self, Tensor[] indices, Tensor values, bool accumulate=False)",
     [](Args& a) { return a.ret(ag::index_put_(a.tensor(0), a.tensors(1), a.tensor(2), a.boolean(3))); }},
    {"index_put(Tensor self, Tensor[] indices, Tensor values, bool accumulate=False)",
     [](Args& a) {
       rt::Tensor out = ag::clone(a.tensor(0));
       ag::index_put_(out, a.tensors(1), a.tensor(2), a.boolean(3));
       return wrap(out);
     }},
    {"take(Tensor self, Tensor index)",
     [](Args& a) { return wrap(ag::index(ag::reshape(a.tensor(0), {-1}), {rt::TensorIndex(a.tensor(1))})); }},
    // F.one_hot lives in torch.nn.functional (the stdlib), which calls this.
    {"one_hot(Tensor self, int num_classes=-1)", [](Args& a) { return wrap(ag::one_hot(a.tensor(0), a.int64(1))); },
     kFunction},
};

}  // namespace

std::span<const OpDef> index_ops() { return kIndexOps; }

}  // namespace tscript::bindings
