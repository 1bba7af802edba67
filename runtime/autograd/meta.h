// Per-tensor autograd state and the queries on it (grad, grad_fn, is_leaf, hooks).
//
// A tensor requires grad when its TensorImpl flag is set: leaves set it by hand
// (requires_grad=True), op results get it with their grad_fn. The AutogradMeta is
// created only for tensors that take part in autograd.
#pragma once

#include <memory>

#include "runtime/autograd/grad_mode.h"
#include "runtime/autograd/node.h"

namespace tscript::ag {

struct RetainSlot;

struct AutogradMeta : rt::AutogradMetaBase {
  ~AutogradMeta() override;
  Tensor grad;
  IntrusivePtr<Node> grad_fn;
  uint32_t output_nr = 0;
  // The leaf's AccumulateGrad while the graph holds one (it clears this when it dies).
  AccumulateGrad* accumulator = nullptr;
  // Leaf hooks, run on the gradient before it is accumulated.
  std::vector<GradHook> hooks;
  // retain_grad() on a non-leaf: the hook writes through this slot.
  std::shared_ptr<RetainSlot> retain;
  // A view made in grad mode records its (root) base, so an in-place change of the
  // view becomes part of the base's history (CopySlices), and the storage version its
  // grad_fn is valid for: after an in-place change through another alias the view's
  // grad_fn is regenerated from the base's (AsStridedBackward0), as in PyTorch.
  Tensor view_base;
  int64_t view_version = 0;
};

AutogradMeta* get_meta(const Tensor& t);  // null when none exists
AutogradMeta& meta(const Tensor& t);      // created on demand

inline bool requires_grad(const Tensor& t) { return t.defined() && t.impl()->requires_grad(); }
const IntrusivePtr<Node>& grad_fn(const Tensor& t);
inline bool is_leaf(const Tensor& t) { return !grad_fn(t); }
uint32_t output_nr(const Tensor& t);

// requires_grad_(flag) as PyTorch checks it (leaves only; floating dtypes only).
void set_requires_grad(const Tensor& t, bool value);

// The gradient slot of a leaf (`.grad`), undefined until a backward reaches it.
Tensor grad(const Tensor& t);
void set_grad(const Tensor& t, const Tensor& g);

// Where the gradient of `t` flows: its grad_fn, or its leaf's AccumulateGrad.
Edge gradient_edge(const Tensor& t);
IntrusivePtr<Node> grad_accumulator(const Tensor& t);

// Whether an op on these inputs records history (grad mode on and one requires grad).
template <class... T>
bool any_requires_grad(const T&... ts) {
  return GradMode::is_enabled() && (requires_grad(ts) || ...);
}
bool any_requires_grad(const std::vector<Tensor>& ts);

// Makes `out` output `nr` of `node` (a non-leaf requiring grad).
void set_history(const Tensor& out, const IntrusivePtr<Node>& node, uint32_t nr = 0);
// Adds next edges (and input metadata) for `inputs` to `node`.
void connect_inputs(Node& node, const std::vector<Tensor>& inputs);

// A tensor sharing t's data and geometry but none of its history (Tensor.detach()).
Tensor detach(const Tensor& t);
// detach_(): t itself becomes a leaf that does not require grad.
void detach_(const Tensor& t);

void register_hook(const Tensor& t, GradHook hook);
void retain_grad(const Tensor& t);
bool retains_grad(const Tensor& t);

}  // namespace tscript::ag
