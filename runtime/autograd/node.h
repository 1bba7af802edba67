// The autograd graph: a Node per recorded op (named as PyTorch names it, e.g.
// "MulBackward0"), edges to the nodes of its inputs, and the tensors it saved.
//
// Vocabulary: a node's *outputs* are the forward op's outputs (it receives one
// gradient per output); its *next edges* lead to the nodes of the forward op's
// inputs (it returns one gradient per edge).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "runtime/tensor/tensor.h"

namespace tscript::ag {

using rt::DType;
using rt::IntrusivePtr;
using rt::Tensor;
using Grads = std::vector<Tensor>;

class Node;

// Where a gradient goes: input slot `output_nr` of `fn` (null fn: nowhere).
struct Edge {
  IntrusivePtr<Node> fn;
  uint32_t output_nr = 0;
  bool valid() const { return static_cast<bool>(fn); }
};

// Shape and dtype of a tensor the graph needs to check or materialise a gradient.
struct TensorMeta {
  rt::DimVector sizes;
  DType dtype = DType::Float32;
  static TensorMeta of(const Tensor& t) { return {rt::DimVector(t.sizes()), t.dtype()}; }
};

// A hook on the gradient of one tensor: returns a replacement, or an undefined
// tensor to keep the gradient as it is.
using GradHook = std::function<Tensor(const Tensor&)>;

class Node : public rt::RefCounted {
 public:
  Node();
  ~Node() override;

  virtual std::string name() const = 0;
  // Gradients w.r.t. the outputs (undefined = zero) -> gradients for next_edges.
  virtual Grads apply(Grads&& grads) = 0;
  // Drops the saved tensors (after a backward without retain_graph).
  virtual void release_saved() {}

  uint64_t sequence_nr() const { return sequence_nr_; }

  std::vector<Edge> next_edges;
  std::vector<TensorMeta> input_meta;   // one per next edge: the forward input
  std::vector<TensorMeta> output_meta;  // one per forward output
  // Hooks on the gradient of forward output i (Tensor.register_hook, retain_grad).
  std::vector<std::vector<GradHook>> output_hooks;

 protected:
  uint64_t sequence_nr_;
};

// A tensor saved for backward, with the version it had: using it after an in-place
// change raises PyTorch's error. Outputs of the node itself are kept without their
// history (no reference cycle) and re-attached to the node when unpacked.
class SavedTensor {
 public:
  SavedTensor() = default;
  SavedTensor(const Tensor& t, bool is_output);
  Tensor unpack(Node* owner) const;
  void reset();
  bool defined() const { return defined_; }

 private:
  Tensor data_;
  int64_t version_ = 0;
  uint32_t output_nr_ = 0;
  bool is_output_ = false;
  bool defined_ = false;
  bool released_ = false;
};

// The usual node: a backward closure over SavedTensors. Releasing destroys the
// closure (and so the saved tensors); running it again raises PyTorch's
// "Trying to backward through the graph a second time" error.
class FunctionNode : public Node {
 public:
  using Backward = std::function<Grads(FunctionNode& self, Grads& grads)>;
  explicit FunctionNode(std::string name, Backward fn = nullptr) : name_(std::move(name)), fn_(std::move(fn)) {}
  void set_backward(Backward fn) { fn_ = std::move(fn); }
  std::string name() const override { return name_; }
  Grads apply(Grads&& grads) override;
  void release_saved() override { fn_ = nullptr; }

 private:
  std::string name_;
  Backward fn_;
};

// The node of a leaf that requires grad: adds incoming gradients into `.grad`.
class AccumulateGrad : public Node {
 public:
  explicit AccumulateGrad(Tensor variable);
  ~AccumulateGrad() override;
  std::string name() const override { return "AccumulateGrad"; }
  Grads apply(Grads&& grads) override;
  const Tensor& variable() const { return variable_; }

 private:
  Tensor variable_;
};

}  // namespace tscript::ag
