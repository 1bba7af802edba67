#include "runtime/autograd/node.h"

#include "runtime/autograd/functions.h"
#include "runtime/autograd/meta.h"
#include "runtime/autograd/record.h"
#include "runtime/ops/ops.h"

namespace tscript::ag {

namespace {
// Creation order: the engine runs ready nodes newest first, as PyTorch does.
uint64_t next_sequence_nr() {
  thread_local uint64_t counter = 0;
  return counter++;
}

[[noreturn]] void freed_error() {
  TS_ERROR("Trying to backward through the graph a second time (or directly access saved tensors after they "
           "have already been freed). Saved intermediate values of the graph are freed when you call .backward() "
           "or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time "
           "or if you need to access saved tensors after calling backward.");
}

// "torch.FloatTensor [2, 3]", as PyTorch names a tensor in the version-counter error.
std::string type_string(const Tensor& t) {
  return std::string("torch.") + rt::scalar_type_name(t.dtype()) + "Tensor " + shape_string(t.sizes());
}
}  // namespace

Node::Node() : sequence_nr_(next_sequence_nr()) {}
Node::~Node() = default;

SavedTensor::SavedTensor(const Tensor& t, bool is_output) : defined_(t.defined()) {
  if (!defined_) return;
  is_output_ = is_output;
  version_ = t.version();
  if (is_output) {
    data_ = detach(t);  // no history: the node itself is its grad_fn
    output_nr_ = ag::output_nr(t);
  } else {
    data_ = t;
  }
}

Tensor SavedTensor::unpack(Node* owner) const {
  if (!defined_) return Tensor();
  if (released_ || !data_.defined()) freed_error();
  if (data_.version() != version_) {
    std::string producer = is_output_ ? owner->name() : (grad_fn(data_) ? grad_fn(data_)->name() : "");
    uint32_t nr = is_output_ ? output_nr_ : output_nr(data_);
    std::string which = producer.empty() ? "" : ", which is output " + std::to_string(nr) + " of " + producer + ",";
    TS_ERROR("one of the variables needed for gradient computation has been modified by an inplace operation: [",
             type_string(data_), "]", which, " is at version ", data_.version(), "; expected version ", version_,
             " instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, "
             "with torch.autograd.set_detect_anomaly(True).");
  }
  if (!is_output_) return data_;
  // Re-attached to its node so a double backward can flow through it.
  Tensor out = rt::alias(data_);
  if (GradMode::is_enabled()) set_history(out, IntrusivePtr<Node>(owner), output_nr_);
  return out;
}

void SavedTensor::reset() {
  data_ = Tensor();
  released_ = true;
}

Grads FunctionNode::apply(Grads&& grads) {
  if (!fn_) freed_error();
  return fn_(*this, grads);
}

AccumulateGrad::AccumulateGrad(Tensor variable) : variable_(std::move(variable)) {
  sequence_nr_ = UINT64_MAX;  // accumulate as soon as ready
  output_meta.push_back(TensorMeta::of(variable_));
  output_hooks.resize(1);
}

AccumulateGrad::~AccumulateGrad() {
  if (auto* m = get_meta(variable_); m && m->accumulator == this) m->accumulator = nullptr;
}

Grads AccumulateGrad::apply(Grads&& grads) {
  Tensor g = std::move(grads[0]);
  if (!g.defined()) return {};
  auto& m = meta(variable_);
  for (auto& hook : m.hooks) {
    Tensor r = hook(g);
    if (r.defined()) g = r;
  }
  if (!m.grad.defined()) {
    if (GradMode::is_enabled()) {
      m.grad = g;  // create_graph: the gradient keeps its own history
    } else {
      // Keep the incoming buffer when nothing else can see it (PyTorch does the same).
      bool stealable = g.is_contiguous() && g.use_count() == 1 && g.dtype() == variable_.dtype();
      m.grad = stealable ? g : rt::contiguous(rt::to(g, variable_.dtype(), /*copy=*/true));
    }
  } else if (GradMode::is_enabled()) {
    m.grad = ag::add(m.grad, g);  // out of place and recorded: the grads keep their history
  } else {
    rt::add_(m.grad, g);
  }
  return {};
}


}  // namespace tscript::ag
