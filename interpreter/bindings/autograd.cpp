// The script side of autograd: grad_fn objects (one Python type per node name, so
// `type(t.grad_fn).__name__` is "AddBackward0"), Tensor.backward / register_hook /
// retain_grad, and the torch.autograd functions (grad, backward, gradcheck).
#include <cmath>
#include <map>

#include "interpreter/bindings/arg_parser.h"
#include "interpreter/bindings/autograd.h"
#include "interpreter/builtins/builtins_internal.h"
#include "interpreter/vm/vm.h"
#include "runtime/autograd/engine.h"
#include "runtime/autograd/functions.h"
#include "runtime/autograd/gradcheck.h"

namespace tscript::bindings {

namespace {

struct NodeObject : Object {
  static constexpr Layout kLayout = Layout::Native;
  rt::IntrusivePtr<ag::Node> node;
  NodeObject(Type* t, rt::IntrusivePtr<ag::Node> n) : Object(t), node(std::move(n)) {}
};

Value next_functions(const ag::Node& n) {
  std::vector<Value> items;
  for (auto& e : n.next_edges)
    items.push_back(Value::steal(new Tuple({node_value(e.fn), Value(static_cast<int64_t>(e.output_nr))})));
  return Value::steal(new Tuple(std::move(items)));
}

Type* node_type(const std::string& name) {
  static std::map<std::string, Type*> types_by_name;
  auto it = types_by_name.find(name);
  if (it != types_by_name.end()) return it->second;
  Type* t = new_type(strdup(name.c_str()), "torch.autograd.graph");
  // name() is the C++ class name: PyTorch qualifies the two nodes that are not generated.
  method(t, "name(self)", [](Value* a, const Value&) {
    std::string n = static_cast<NodeObject*>(a[0].obj())->node->name();
    return str(n == "CopySlices" || n == "AccumulateGrad" ? "torch::autograd::" + n : n);
  });
  static NativeTypeHooks hooks = [] {
    NativeTypeHooks h;
    h.get_attr = [](const Value& v, Str* attr) -> Value {
      auto* o = static_cast<NodeObject*>(v.obj());
      if (attr->s == "next_functions") return next_functions(*o->node);
      if (attr->s == "variable") {
        if (auto* acc = dynamic_cast<ag::AccumulateGrad*>(o->node.get())) return wrap(acc->variable());
      }
      return Value::null();
    };
    h.repr = [](const Value& v) {
      auto* o = static_cast<NodeObject*>(v.obj());
      char addr[32];
      std::snprintf(addr, sizeof addr, "%p", static_cast<void*>(o->node.get()));
      return "<" + o->node->name() + " object at " + addr + ">";
    };
    return h;
  }();
  t->hooks = &hooks;
  types_by_name[name] = t;
  return t;
}

// A Python callable as a gradient hook: None keeps the gradient, a tensor replaces it.
ag::GradHook script_hook(const Value& fn) {
  return [fn](const rt::Tensor& g) {
    Value r = call(fn, {wrap(g)});
    if (r.is_none()) return rt::Tensor();
    auto* t = as_tensor(r);
    if (!t) type_error("hook must return None or a Tensor, not " + type_name(r));
    return t->t;
  };
}

// A tensor or a sequence of tensors (None entries allowed where `allow_none`).
std::vector<rt::Tensor> tensor_seq(const Value& v, const char* what, bool allow_none = false) {
  if (auto* t = as_tensor(v)) return {t->t};
  std::vector<rt::Tensor> out;
  if (v.is_none()) return out;
  for (auto& item : to_vector(v)) {
    if (item.is_none() && allow_none) {
      out.emplace_back();
      continue;
    }
    auto* t = as_tensor(item);
    if (!t) type_error(std::string(what) + " must be a Tensor or a sequence of Tensors, got " + type_name(item));
    out.push_back(t->t);
  }
  return out;
}

bool retain(const Args& a, int i, bool create_graph) { return a.has(i) ? a.boolean(i) : create_graph; }

Value tensor_backward(Args& a) {
  bool create = a.boolean(3);
  std::vector<rt::Tensor> grads;
  if (a.has(1)) grads.push_back(a.tensor(1));
  TS_CHECK(!a.has(4), "backward(inputs=...) is not supported yet");
  ag::backward({a.tensor(0)}, grads, retain(a, 2, create), create);
  return Value();
}

Value autograd_grad(Args& a) {
  bool create = a.boolean(4);
  auto outputs = tensor_seq(a[0], "outputs");
  auto inputs = tensor_seq(a[1], "inputs");
  auto grad_outputs = tensor_seq(a[2], "grad_outputs", true);
  auto result = ag::grad(outputs, inputs, grad_outputs, retain(a, 3, create), create, a.boolean(6));
  return wrap_list(result);
}

Value autograd_backward(Args& a) {
  bool create = a.boolean(3);
  ag::backward(tensor_seq(a[0], "tensors"), tensor_seq(a[1], "grad_tensors", true), retain(a, 2, create), create);
  return Value();
}

// torch.autograd.gradcheck(fn, inputs): runtime/autograd/gradcheck.h on the script
// function (inputs that are not tensors are passed through unchanged).
Value gradcheck(Args& a) {
  Value fn = a[0];
  Value inputs_value = a[1];
  bool single = as_tensor(inputs_value) != nullptr;
  std::vector<Value> in_values = single ? std::vector<Value>{inputs_value} : to_vector(inputs_value);
  std::vector<rt::Tensor> tensors;
  std::vector<size_t> slots;  // where each tensor sits among the arguments
  for (size_t i = 0; i < in_values.size(); ++i)
    if (auto* t = as_tensor(in_values[i])) {
      tensors.push_back(t->t);
      slots.push_back(i);
    }
  auto call_fn = [&](const std::vector<rt::Tensor>& ts) {
    std::vector<Value> args = in_values;
    for (size_t k = 0; k < ts.size(); ++k) args[slots[k]] = wrap(ts[k]);
    return tensor_seq(call(fn, args.data(), static_cast<int>(args.size())), "gradcheck output");
  };
  ag::GradcheckOptions options;
  options.eps = a.float64(2);
  options.atol = a.float64(3);
  options.rtol = a.float64(4);
  std::string failure = ag::gradcheck(call_fn, tensors, options);
  if (failure.empty()) return Value(true);
  if (!a.boolean(5)) return Value(false);
  runtime_error("Jacobian mismatch: " + failure);
}

const OpDef kTensorAutogradOps[] = {
    {"backward(Tensor self, Tensor? gradient=None, bool? retain_graph=None, bool create_graph=False, "
     "object inputs=None)",
     tensor_backward, kMethod},
    {"register_hook(Tensor self, object hook)",
     [](Args& a) -> Value {
       ag::register_hook(a.tensor(0), script_hook(a[1]));
       return Value();
     },
     kMethod},
    {"retain_grad(Tensor self)",
     [](Args& a) -> Value {
       ag::retain_grad(a.tensor(0));
       return Value();
     },
     kMethod},
    {"linear(Tensor input, Tensor weight, Tensor? bias=None)",
     [](Args& a) { return wrap(ag::linear(a.tensor(0), a.tensor(1), a.tensor_or_none(2))); }, kFunction},
};

const OpDef kAutogradModuleOps[] = {
    {"grad(object outputs, object inputs, object grad_outputs=None, bool? retain_graph=None, bool create_graph=False, "
     "bool only_inputs=True, bool allow_unused=False)",
     autograd_grad},
    {"backward(object tensors, object grad_tensors=None, bool? retain_graph=None, bool create_graph=False, "
     "object grad_variables=None, object inputs=None)",
     autograd_backward},
    {"gradcheck(object func, object inputs, *, float eps=1e-06, float atol=1e-05, float rtol=0.001, "
     "bool raise_exception=True)",
     gradcheck},
};

}  // namespace

Value node_value(const rt::IntrusivePtr<ag::Node>& node) {
  if (!node) return Value();
  return Value::steal(new NodeObject(node_type(node->name()), node));
}

Value grad_value(const rt::Tensor& t) {
  rt::Tensor g = ag::grad(t);
  if (!g.defined() && !ag::is_leaf(t) && !ag::retains_grad(t))
    vm().warn("UserWarning",
              "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute "
              "won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for "
              "a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by "
              "mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for "
              "more informations. (Triggered internally at  ./build/aten/src/ATen/core/TensorBody.h:480.)");
  return wrap(g);
}

std::span<const OpDef> tensor_autograd_ops() { return kTensorAutogradOps; }
std::span<const OpDef> autograd_module_ops() { return kAutogradModuleOps; }

}  // namespace tscript::bindings
