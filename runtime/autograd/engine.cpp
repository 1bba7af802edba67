#include "runtime/autograd/engine.h"

#include <queue>
#include <unordered_map>
#include <unordered_set>

#include "runtime/autograd/functions.h"
#include "runtime/autograd/meta.h"
#include "runtime/autograd/record.h"
#include "runtime/ops/ops.h"

namespace tscript::ag {

namespace {


// Whether a gradient of shape `grad` can be summed down to `target` (broadcasting).
bool expandable_to(rt::IntArrayRef target, rt::IntArrayRef grad) {
  if (target.size() > grad.size()) return false;
  size_t lead = grad.size() - target.size();
  for (size_t i = 0; i < target.size(); ++i)
    if (target[i] != grad[lead + i] && target[i] != 1) return false;
  return true;
}

// Sums `in` into `slot` (out of place: either may belong to a graph).
void accumulate(Tensor& slot, const Tensor& in) {
  if (!in.defined()) return;
  slot = slot.defined() ? ag::add(slot, in) : in;
}

struct ByNewest {
  bool operator()(Node* a, Node* b) const { return a->sequence_nr() < b->sequence_nr(); }
};

// One run of the engine over the part of the graph reachable from the roots.
class GraphTask {
 public:
  GraphTask(bool keep_graph, bool create_graph) : keep_graph_(keep_graph), create_graph_(create_graph) {}

  // Capture the gradient flowing into `edge` as result `index` (autograd.grad).
  void capture(const Edge& edge, size_t index) {
    captures_[edge.fn.get()].push_back({edge.output_nr, index});
    capturing_ = true;
    if (captured_.size() <= index) captured_.resize(index + 1);
  }

  std::vector<Tensor> run(const std::vector<Edge>& roots, const std::vector<Tensor>& root_grads) {
    std::vector<Node*> order = topological(roots);
    if (capturing_) mark_needed(order);
    for (Node* n : order) {
      if (!executes(n)) continue;
      for (auto& e : n->next_edges)
        if (e.valid() && executes(e.fn.get())) ++deps_[e.fn.get()];
    }
    for (size_t i = 0; i < roots.size(); ++i) {
      Node* n = roots[i].fn.get();
      auto& buf = buffer(n);
      accumulate(buf[roots[i].output_nr], root_grads[i]);
    }
    std::priority_queue<Node*, std::vector<Node*>, ByNewest> ready;
    std::unordered_set<Node*> queued;
    for (auto& r : roots) {
      Node* n = r.fn.get();
      if (executes(n) && deps_[n] == 0 && queued.insert(n).second) ready.push(n);
    }
    while (!ready.empty()) {
      Node* n = ready.top();
      ready.pop();
      Grads grads = std::move(buffers_[n]);
      buffers_.erase(n);
      Grads out = execute(n, grads);
      for (size_t i = 0; i < n->next_edges.size(); ++i) {
        auto& e = n->next_edges[i];
        if (!e.valid() || !executes(e.fn.get())) continue;
        Node* child = e.fn.get();
        if (i < out.size() && out[i].defined()) accumulate(buffer(child)[e.output_nr], out[i]);
        if (--deps_[child] == 0) ready.push(child);
      }
    }
    return std::move(captured_);
  }

 private:
  // Every node reachable from the roots, children after parents reversed: each
  // node appears after all nodes it leads to (post-order), without recursion.
  std::vector<Node*> topological(const std::vector<Edge>& roots) {
    std::vector<Node*> post;
    std::unordered_set<Node*> seen;
    std::vector<std::pair<Node*, size_t>> stack;
    for (auto& r : roots) {
      if (!seen.insert(r.fn.get()).second) continue;
      stack.push_back({r.fn.get(), 0});
      while (!stack.empty()) {
        auto& [node, next] = stack.back();
        if (next < node->next_edges.size()) {
          Node* child = node->next_edges[next++].fn.get();
          if (child && seen.insert(child).second) stack.push_back({child, 0});
        } else {
          post.push_back(node);
          stack.pop_back();
        }
      }
    }
    return post;
  }

  // autograd.grad runs only the nodes on a path to a captured input, and never
  // accumulates into leaves.
  void mark_needed(const std::vector<Node*>& post) {
    for (Node* n : post) {  // children first
      bool need = false;
      for (auto& e : n->next_edges)
        if (e.valid() && needed_.count(e.fn.get())) need = true;
      if (need || captures_.count(n)) needed_.insert(n);
    }
  }

  bool executes(Node* n) const { return !capturing_ || needed_.count(n); }

  Grads& buffer(Node* n) {
    auto& b = buffers_[n];
    if (b.size() < n->output_meta.size()) b.resize(n->output_meta.size());
    return b;
  }

  Grads execute(Node* n, Grads& grads) {
    for (size_t i = 0; i < grads.size() && i < n->output_hooks.size(); ++i) {
      if (!grads[i].defined()) continue;
      for (auto& hook : n->output_hooks[i]) {
        Tensor r = hook(grads[i]);
        if (r.defined()) grads[i] = r;
      }
    }
    if (auto it = captures_.find(n); it != captures_.end()) {
      for (auto [slot, index] : it->second) accumulate(captured_[index], grads[slot]);
      if (dynamic_cast<AccumulateGrad*>(n)) return {};
    }
    bool any = false;
    for (auto& g : grads) any |= g.defined();
    if (!any) return {};
    for (size_t i = 0; i < grads.size(); ++i) {
      if (grads[i].defined()) continue;
      auto& m = n->output_meta[i];
      grads[i] = rt::zeros(m.sizes, m.dtype);
    }
    Grads out;
    {
      AutoGradMode mode(create_graph_);
      out = n->apply(std::move(grads));
      validate(n, out);
    }
    if (!keep_graph_) n->release_saved();
    return out;
  }

  // Gradients come back in their inputs' shape and dtype: broadcast ones are summed
  // down here, so formulas need not.
  void validate(Node* n, Grads& out) {
    for (size_t i = 0; i < out.size() && i < n->input_meta.size(); ++i) {
      if (!out[i].defined() || !n->next_edges[i].valid()) continue;
      auto& m = n->input_meta[i];
      if (out[i].sizes() != rt::IntArrayRef(m.sizes)) {
        TS_CHECK(expandable_to(m.sizes, out[i].sizes()), "Function ", n->name(),
                 " returned an invalid gradient at index ", i, " - got ", shape_string(out[i].sizes()),
                 " but expected shape compatible with ", shape_string(m.sizes));
        out[i] = sum_to(out[i], m.sizes);
      }
      if (out[i].dtype() != m.dtype) out[i] = ag::to(out[i], m.dtype);
    }
  }

  bool keep_graph_, create_graph_;
  bool capturing_ = false;
  std::unordered_map<Node*, int> deps_;
  std::unordered_map<Node*, Grads> buffers_;
  std::unordered_map<Node*, std::vector<std::pair<uint32_t, size_t>>> captures_;
  std::unordered_set<Node*> needed_;
  std::vector<Tensor> captured_;
};

// The root edges and their starting gradients (ones for scalar outputs).
void prepare_roots(const std::vector<Tensor>& outputs, const std::vector<Tensor>& grads, std::vector<Edge>& edges,
                   std::vector<Tensor>& root_grads) {
  TS_CHECK(grads.empty() || grads.size() == outputs.size(), "grad can be implicitly created only for scalar outputs");
  for (size_t i = 0; i < outputs.size(); ++i) {
    const Tensor& out = outputs[i];
    Edge e = gradient_edge(out);
    TS_CHECK(e.valid(), "element ", i, " of tensors does not require grad and does not have a grad_fn");
    Tensor g = grads.empty() ? Tensor() : grads[i];
    if (!g.defined()) {
      TS_CHECK(out.numel() == 1, "grad can be implicitly created only for scalar outputs");
      g = rt::ones_like(out);
    } else {
      TS_CHECK(g.sizes() == out.sizes(), "Mismatch in shape: grad_output[", i, "] has a shape of torch.Size(",
               shape_string(g.sizes()), ") and output[", i, "] has a shape of torch.Size(", shape_string(out.sizes()),
               ").");
      if (g.dtype() != out.dtype()) g = ag::to(g, out.dtype());
    }
    edges.push_back(std::move(e));
    root_grads.push_back(std::move(g));
  }
}

}  // namespace

void backward(const std::vector<Tensor>& outputs, const std::vector<Tensor>& grads, bool keep_graph,
              bool create_graph) {
  std::vector<Edge> edges;
  std::vector<Tensor> root_grads;
  prepare_roots(outputs, grads, edges, root_grads);
  GraphTask(keep_graph, create_graph).run(edges, root_grads);
}

std::vector<Tensor> grad(const std::vector<Tensor>& outputs, const std::vector<Tensor>& inputs,
                         const std::vector<Tensor>& grad_outputs, bool keep_graph, bool create_graph,
                         bool allow_unused) {
  std::vector<Edge> edges;
  std::vector<Tensor> root_grads;
  prepare_roots(outputs, grad_outputs, edges, root_grads);
  GraphTask task(keep_graph, create_graph);
  for (size_t i = 0; i < inputs.size(); ++i) {
    TS_CHECK(requires_grad(inputs[i]), "One of the differentiated Tensors does not require grad");
    task.capture(gradient_edge(inputs[i]), i);
  }
  std::vector<Tensor> result = task.run(edges, root_grads);
  result.resize(inputs.size());
  for (auto& r : result)
    TS_CHECK(r.defined() || allow_unused,
             "One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True "
             "if this is the desired behavior.");
  return result;
}

}  // namespace tscript::ag
