// Neural-network kernels exposed on torch: conv1d conv2d max_pool2d
// max_pool2d_with_indices avg_pool2d adaptive_avg_pool2d. torch.nn.functional
// (stdlib) builds F.conv2d, F.max_pool2d, ... on these names; PyTorch keeps
// avg_pool2d and adaptive_avg_pool2d in torch._C._nn, here they sit on torch.
#include "interpreter/bindings/arg_parser.h"
#include "interpreter/builtins/builtins_internal.h"
#include "runtime/autograd/conv_functions.h"
#include "runtime/ops/conv.h"
#include "runtime/ops/pool.h"

namespace tscript::bindings {

namespace {

// A stride given as None or () means "the kernel size".
rt::DimVector stride_arg(Args& a, int i) { return a.ints_or_none(i).value_or(rt::DimVector()); }

const OpDef kNnOps[] = {
    // padding: ints, or "same" / "valid" (the second overload).
    {"conv2d(Tensor input, Tensor weight, Tensor? bias=None, int[] stride=1, int[] padding=0, int[] dilation=1, "
     "int groups=1)",
     [](Args& a) {
       return wrap(
           ag::conv2d(a.tensor(0), a.tensor(1), a.tensor_or_none(2), a.ints(3), a.ints(4), a.ints(5), a.int64(6)));
     },
     kFunction},
    {"conv2d(Tensor input, Tensor weight, Tensor? bias=None, int[] stride=1, str padding='valid', int[] dilation=1, "
     "int groups=1)",
     [](Args& a) {
       return wrap(ag::conv2d(a.tensor(0), a.tensor(1), a.tensor_or_none(2), a.ints(3), rt::padding_mode(a.string(4)),
                              a.ints(5), a.int64(6)));
     },
     kFunction},
    {"conv1d(Tensor input, Tensor weight, Tensor? bias=None, int[] stride=1, int[] padding=0, int[] dilation=1, "
     "int groups=1)",
     [](Args& a) {
       return wrap(
           ag::conv1d(a.tensor(0), a.tensor(1), a.tensor_or_none(2), a.ints(3), a.ints(4), a.ints(5), a.int64(6)));
     },
     kFunction},
    {"conv1d(Tensor input, Tensor weight, Tensor? bias=None, int[] stride=1, str padding='valid', int[] dilation=1, "
     "int groups=1)",
     [](Args& a) {
       return wrap(ag::conv1d(a.tensor(0), a.tensor(1), a.tensor_or_none(2), a.ints(3), rt::padding_mode(a.string(4)),
                              a.ints(5), a.int64(6)));
     },
     kFunction},
    {"max_pool2d(Tensor input, int[] kernel_size, int[]? stride=None, int[] padding=0, int[] dilation=1, "
     "bool ceil_mode=False)",
     [](Args& a) {
       return wrap(ag::max_pool2d(a.tensor(0), a.ints(1), stride_arg(a, 2), a.ints(3), a.ints(4), a.boolean(5)));
     },
     kFunction},
    // (output, indices) as a plain tuple, what F.max_pool2d(..., return_indices=True) returns.
    {"max_pool2d_with_indices(Tensor input, int[] kernel_size, int[]? stride=None, int[] padding=0, "
     "int[] dilation=1, bool ceil_mode=False)",
     [](Args& a) {
       rt::PoolWithIndices r =
           ag::max_pool2d_with_indices(a.tensor(0), a.ints(1), stride_arg(a, 2), a.ints(3), a.ints(4), a.boolean(5));
       return Value::steal(new Tuple({wrap(r.output), wrap(r.indices)}));
     },
     kFunction},
    {"avg_pool2d(Tensor input, int[] kernel_size, int[]? stride=None, int[] padding=0, bool ceil_mode=False, "
     "bool count_include_pad=True, int? divisor_override=None)",
     [](Args& a) {
       return wrap(ag::avg_pool2d(a.tensor(0), a.ints(1), stride_arg(a, 2), a.ints(3), a.boolean(4), a.boolean(5),
                                  a.int_or_none(6)));
     },
     kFunction},
    {"adaptive_avg_pool2d(Tensor input, int[] output_size)",
     [](Args& a) {
       // An int means (n, n), as PyTorch's int[2]; a list keeps its length (and must have two).
       rt::DimVector size = a.ints(1);
       if (a[1].is_int()) size.push_back(size[0]);
       return wrap(ag::adaptive_avg_pool2d(a.tensor(0), size));
     },
     kFunction},
};

}  // namespace

std::span<const OpDef> nn_ops() { return kNnOps; }

}  // namespace tscript::bindings
