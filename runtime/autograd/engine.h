// The backward engine: runs the graph from some outputs in dependency order,
// newest node first, accumulating into leaves (backward) or capturing the
// gradients of chosen inputs (grad).
#pragma once

#include <vector>

#include "runtime/autograd/node.h"

namespace tscript::ag {

// Tensor.backward / torch.autograd.backward. `grads` may hold undefined entries for
// scalar outputs (implicit 1). Saved tensors are freed unless keep_graph.
void backward(const std::vector<Tensor>& outputs, const std::vector<Tensor>& grads, bool keep_graph,
              bool create_graph);

// torch.autograd.grad: the gradients of `outputs` w.r.t. `inputs` (leaves untouched).
// An input the outputs don't depend on raises unless allow_unused (then undefined).
std::vector<Tensor> grad(const std::vector<Tensor>& outputs, const std::vector<Tensor>& inputs,
                         const std::vector<Tensor>& grad_outputs, bool keep_graph, bool create_graph,
                         bool allow_unused);

}  // namespace tscript::ag
