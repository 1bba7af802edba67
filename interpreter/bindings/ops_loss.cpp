// The fused nn ops behind torch.nn.functional's losses and normalisations:
// mse_loss smooth_l1_loss nll_loss_nd binary_cross_entropy
// binary_cross_entropy_with_logits batch_norm layer_norm group_norm embedding elu.
// Signatures are ATen's (reduction as at::Reduction: 0 none, 1 mean, 2 sum);
// PyTorch keeps some of them in torch._C._nn, here they all sit on torch.
#include "interpreter/bindings/arg_parser.h"
#include "interpreter/builtins/builtins_internal.h"
#include "runtime/autograd/nn_functions.h"

namespace tscript::bindings {

namespace {

ag::LossReduction reduction_arg(Args& a, int i) {
  switch (a.int64(i)) {
    case 0: return ag::LossReduction::None;
    case 1: return ag::LossReduction::Mean;
    case 2: return ag::LossReduction::Sum;
    default: rt::throw_error(rt::ErrorKind::Value, std::to_string(a.int64(i)) + " is not a valid value for reduction");
  }
}

const OpDef kLossOps[] = {
    {"mse_loss(Tensor input, Tensor target, int reduction=1)",
     [](Args& a) { return wrap(ag::mse_loss(a.tensor(0), a.tensor(1), reduction_arg(a, 2))); }, kFunction},
    {"smooth_l1_loss(Tensor input, Tensor target, int reduction=1, float beta=1.0)",
     [](Args& a) { return wrap(ag::smooth_l1_loss(a.tensor(0), a.tensor(1), reduction_arg(a, 2), a.float64(3))); },
     kFunction},
    {"nll_loss_nd(Tensor input, Tensor target, Tensor? weight=None, int reduction=1, int ignore_index=-100)",
     [](Args& a) {
       return wrap(ag::nll_loss(a.tensor(0), a.tensor(1), a.tensor_or_none(2), reduction_arg(a, 3), a.int64(4)));
     },
     kFunction},
    {"binary_cross_entropy(Tensor input, Tensor target, Tensor? weight=None, int reduction=1)",
     [](Args& a) {
       return wrap(ag::binary_cross_entropy(a.tensor(0), a.tensor(1), a.tensor_or_none(2), reduction_arg(a, 3)));
     },
     kFunction},
    {"binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight=None, Tensor? pos_weight=None, "
     "int reduction=1)",
     [](Args& a) {
       return wrap(ag::binary_cross_entropy_with_logits(a.tensor(0), a.tensor(1), a.tensor_or_none(2),
                                                        a.tensor_or_none(3), reduction_arg(a, 4)));
     },
     kFunction},
    {"batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, "
     "bool training, float momentum, float eps, bool cudnn_enabled=True)",
     [](Args& a) {
       return wrap(ag::batch_norm(a.tensor(0), a.tensor_or_none(1), a.tensor_or_none(2), a.tensor_or_none(3),
                                  a.tensor_or_none(4), a.boolean(5), a.float64(6), a.float64(7)));
     },
     kFunction},
    {"layer_norm(Tensor input, int[] normalized_shape, Tensor? weight=None, Tensor? bias=None, float eps=1e-05, "
     "bool cudnn_enable=True)",
     [](Args& a) {
       return wrap(ag::layer_norm(a.tensor(0), a.ints(1), a.tensor_or_none(2), a.tensor_or_none(3), a.float64(4)));
     },
     kFunction},
    {"group_norm(Tensor input, int num_groups, Tensor? weight=None, Tensor? bias=None, float eps=1e-05, "
     "bool cudnn_enabled=True)",
     [](Args& a) {
       return wrap(ag::group_norm(a.tensor(0), a.int64(1), a.tensor_or_none(2), a.tensor_or_none(3), a.float64(4)));
     },
     kFunction},
    // padding_idx: a negative value means none (F.embedding has already wrapped it).
    {"embedding(Tensor weight, Tensor indices, int padding_idx=-1, bool scale_grad_by_freq=False, bool sparse=False)",
     [](Args& a) {
       int64_t pad = a.int64(2);
       return wrap(ag::embedding(a.tensor(0), a.tensor(1), pad < 0 ? std::nullopt : std::optional<int64_t>(pad),
                                 a.boolean(3)));
     },
     kFunction},
    {"elu(Tensor input, float alpha=1.0)", [](Args& a) { return wrap(ag::elu(a.tensor(0), a.float64(1))); },
     kFunction},
};

}  // namespace

std::span<const OpDef> loss_ops() { return kLossOps; }

}  // namespace tscript::bindings
