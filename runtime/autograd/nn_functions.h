// The fused neural-network ops of torch.nn.functional: losses (fn_loss.cpp),
// normalisations, embedding and elu (fn_norm.cpp).
//
// Each is one node named as PyTorch 1.13 names it (MseLossBackward0,
// NativeBatchNormBackward0, ...). Forwards repeat the arithmetic of PyTorch's CPU
// kernels in the same order, so float32 results print the same digits; backwards
// are built from differentiable ops following PyTorch's backward formulas, so a
// create_graph backward records through them.
#pragma once

#include <optional>

#include "runtime/autograd/functions.h"

namespace tscript::ag {

// at::Reduction: how a loss folds its elementwise terms.
enum class LossReduction { None, Mean, Sum };

// ---- losses (fn_loss.cpp) ----
// input and target broadcast against each other first, as F.mse_loss does.
Tensor mse_loss(const Tensor& input, const Tensor& target, LossReduction reduction = LossReduction::Mean);
Tensor smooth_l1_loss(const Tensor& input, const Tensor& target, LossReduction reduction = LossReduction::Mean,
                      double beta = 1.0);
// at::nll_loss_nd: input (C), (N, C) or (N, C, d1, ...); weight may be undefined.
Tensor nll_loss(const Tensor& input, const Tensor& target, const Tensor& weight = {},
                LossReduction reduction = LossReduction::Mean, int64_t ignore_index = -100);
Tensor binary_cross_entropy(const Tensor& input, const Tensor& target, const Tensor& weight = {},
                            LossReduction reduction = LossReduction::Mean);
Tensor binary_cross_entropy_with_logits(const Tensor& input, const Tensor& target, const Tensor& weight = {},
                                        const Tensor& pos_weight = {},
                                        LossReduction reduction = LossReduction::Mean);

// ---- normalisation, embedding, elu (fn_norm.cpp) ----
// Training updates running_mean / running_var in place (when defined) with the
// batch mean and the unbiased batch variance; eval normalises with them.
Tensor batch_norm(const Tensor& input, const Tensor& weight, const Tensor& bias, const Tensor& running_mean,
                  const Tensor& running_var, bool training, double momentum, double eps);
Tensor layer_norm(const Tensor& input, IntArrayRef normalized_shape, const Tensor& weight, const Tensor& bias,
                  double eps);
Tensor group_norm(const Tensor& input, int64_t num_groups, const Tensor& weight, const Tensor& bias, double eps);
// Rows of `weight` picked by `indices`; padding_idx (or nullopt) gets no gradient.
Tensor embedding(const Tensor& weight, const Tensor& indices, std::optional<int64_t> padding_idx = std::nullopt,
                 bool scale_grad_by_freq = false);
Tensor elu(const Tensor& x, double alpha = 1.0);

}  // namespace tscript::ag
