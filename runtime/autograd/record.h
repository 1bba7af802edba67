// Helpers the differentiable ops (fn_*.cpp) use to record their nodes.
#pragma once

#include <utility>

#include "runtime/autograd/functions.h"

namespace tscript::ag {

using Backward = FunctionNode::Backward;

// A node named `name` whose next edges lead to `inputs`.
IntrusivePtr<FunctionNode> make_node(std::string name, const std::vector<Tensor>& inputs);

// Records `out` as the only output of a new node; `fn` computes the input grads.
inline const Tensor& record(std::string name, const std::vector<Tensor>& inputs, const Tensor& out, Backward fn) {
  auto node = make_node(std::move(name), inputs);
  node->set_backward(std::move(fn));
  set_history(out, node);
  return out;
}

// Whether input i of the node running backward needs its gradient computed.
inline bool needs(const FunctionNode& self, size_t i) {
  return i < self.next_edges.size() && self.next_edges[i].valid();
}

// A view made in grad mode records its base (see AutogradMeta::view_base).
void mark_view(const Tensor& view, const Tensor& base);
// The tracked base of a view (undefined for a tensor that is not one).
Tensor view_base_of(const Tensor& t);
// The view's grad_fn from its base's current history (AsStridedBackward0).
void regenerate_view_history(const Tensor& view, AutogradMeta& m);
// After `view` (a view of `base`) was overwritten in place with `value`, which carries
// the history of the new values: base's history becomes CopySlices of both.
void copy_slices(const Tensor& base, const Tensor& view, const Tensor& value);

// The autograd rules every in-place op checks before it writes: a leaf that requires
// grad, or a view of one, cannot be modified.
void check_inplace(const Tensor& self);

// In-place op with history: `out_of_place(old_self)` computes the result from a copy
// of self's old value (carrying self's history); the result is written into self and
// its node becomes self's grad_fn.
const Tensor& inplace_via(const Tensor& self, const std::function<Tensor(const Tensor&)>& out_of_place);

// "[2, 3]", as PyTorch's messages print sizes.
std::string shape_string(IntArrayRef sizes);

// A reshaping view named as PyTorch's _unsafe_view (matmul's result).
Tensor unsafe_view(const Tensor& t, IntArrayRef sizes);

// Scalars as 0-d tensors in autograd formulas.
Tensor scalar_like(const Scalar& value, const Tensor& like);

}  // namespace tscript::ag
