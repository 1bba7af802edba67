// Autograd objects as script values (autograd.cpp).
#pragma once

#include <span>

#include "interpreter/bindings/arg_parser.h"
#include "runtime/autograd/node.h"

namespace tscript::bindings {

// t.grad_fn: a new object of the node's own type (None for a leaf).
Value node_value(const rt::IntrusivePtr<ag::Node>& node);
// t.grad (None until a backward reaches the leaf).
Value grad_value(const rt::Tensor& t);

std::span<const OpDef> tensor_autograd_ops();  // Tensor.backward, register_hook, retain_grad; torch.linear
std::span<const OpDef> autograd_module_ops();  // torch.autograd.grad, backward, gradcheck

}  // namespace tscript::bindings
