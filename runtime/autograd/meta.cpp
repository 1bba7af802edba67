#include "runtime/autograd/meta.h"

#include "runtime/autograd/record.h"
#include "runtime/ops/ops.h"

namespace tscript::ag {

// Shared by a non-leaf's AutogradMeta and its retain_grad hook: the hook must not
// keep the tensor alive (that would be a cycle through grad_fn), so the meta clears
// the slot when it dies.
struct RetainSlot {
  AutogradMeta* meta;
};

AutogradMeta::~AutogradMeta() {
  if (retain) retain->meta = nullptr;
}

AutogradMeta* get_meta(const Tensor& t) { return static_cast<AutogradMeta*>(t.impl()->autograd_meta()); }

AutogradMeta& meta(const Tensor& t) {
  if (auto* m = get_meta(t)) return *m;
  auto m = std::make_unique<AutogradMeta>();
  auto* raw = m.get();
  t.impl()->set_autograd_meta(std::move(m));
  return *raw;
}

const IntrusivePtr<Node>& grad_fn(const Tensor& t) {
  static const IntrusivePtr<Node> none;
  auto* m = t.defined() ? get_meta(t) : nullptr;
  if (!m) return none;
  if (m->view_base.defined() && m->view_version != t.version() && requires_grad(m->view_base)) {
    regenerate_view_history(t, *m);
  }
  return m->grad_fn;
}

uint32_t output_nr(const Tensor& t) {
  auto* m = get_meta(t);
  return m ? m->output_nr : 0;
}

void set_requires_grad(const Tensor& t, bool value) {
  if (!is_leaf(t)) {
    TS_CHECK(value,
             "you can only change requires_grad flags of leaf variables. If you want to use a computed variable "
             "in a subgraph that doesn't require differentiation use var_no_grad = var.detach().");
    return;
  }
  TS_CHECK(!value || rt::is_floating(t.dtype()),
           "only Tensors of floating point dtype can require gradients");
  t.impl()->set_requires_grad(value);
}

Tensor grad(const Tensor& t) {
  auto* m = get_meta(t);
  return m ? m->grad : Tensor();
}

void set_grad(const Tensor& t, const Tensor& g) {
  if (g.defined()) {
    TS_CHECK(g.dtype() == t.dtype(), "assigned grad has data of a different type");
    TS_CHECK(g.sizes() == t.sizes(), "assigned grad has data of a different size");
  }
  if (!g.defined() && !get_meta(t)) return;
  meta(t).grad = g;
}

IntrusivePtr<Node> grad_accumulator(const Tensor& t) {
  auto& m = meta(t);
  if (m.accumulator) return IntrusivePtr<Node>(m.accumulator);
  auto acc = IntrusivePtr<AccumulateGrad>::make(t);
  m.accumulator = acc.get();
  return acc;
}

Edge gradient_edge(const Tensor& t) {
  if (!t.defined()) return {};
  if (auto& fn = grad_fn(t)) return {fn, output_nr(t)};
  if (requires_grad(t)) return {grad_accumulator(t), 0};
  return {};
}

bool any_requires_grad(const std::vector<Tensor>& ts) {
  if (!GradMode::is_enabled()) return false;
  for (auto& t : ts)
    if (requires_grad(t)) return true;
  return false;
}

void set_history(const Tensor& out, const IntrusivePtr<Node>& node, uint32_t nr) {
  auto& m = meta(out);
  m.grad_fn = node;
  m.output_nr = nr;
  out.impl()->set_requires_grad(true);
  if (node->output_meta.size() <= nr) {
    node->output_meta.resize(nr + 1);
    node->output_hooks.resize(nr + 1);
  }
  node->output_meta[nr] = TensorMeta::of(out);
}

void connect_inputs(Node& node, const std::vector<Tensor>& inputs) {
  for (auto& t : inputs) {
    node.next_edges.push_back(requires_grad(t) ? gradient_edge(t) : Edge{});
    node.input_meta.push_back(t.defined() ? TensorMeta::of(t) : TensorMeta{});
  }
}

Tensor detach(const Tensor& t) {
  Tensor out = rt::alias(t);
  out.impl()->set_requires_grad(false);
  return out;
}

void detach_(const Tensor& t) {
  if (auto* m = get_meta(t)) {
    m->grad_fn = nullptr;
    m->output_nr = 0;
    m->view_base = Tensor();
  }
  t.impl()->set_requires_grad(false);
}

void register_hook(const Tensor& t, GradHook hook) {
  TS_CHECK(requires_grad(t), "cannot register a hook on a tensor that doesn't require gradient");
  if (auto& fn = grad_fn(t)) {
    fn->output_hooks[output_nr(t)].push_back(std::move(hook));
  } else {
    meta(t).hooks.push_back(std::move(hook));
  }
}

void retain_grad(const Tensor& t) {
  TS_CHECK(requires_grad(t), "can't retain_grad on Tensor that has requires_grad=False");
  if (is_leaf(t)) return;  // leaves keep their grad anyway
  auto& m = meta(t);
  if (m.retain) return;
  m.retain = std::make_shared<RetainSlot>(RetainSlot{&m});
  std::shared_ptr<RetainSlot> slot = m.retain;
  grad_fn(t)->output_hooks[m.output_nr].push_back([slot](const Tensor& g) {
    if (!slot->meta || !g.defined()) return Tensor();
    Tensor& held = slot->meta->grad;
    held = held.defined() ? rt::add(held, g) : rt::clone(g);
    return Tensor();
  });
}

bool retains_grad(const Tensor& t) {
  auto* m = get_meta(t);
  return m && m->retain;
}

}  // namespace tscript::ag
