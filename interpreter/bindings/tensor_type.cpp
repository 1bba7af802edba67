// torch.Tensor: the type, its attributes (shape, dtype, T, grad, ...), printing, and
// the Python protocols (operators on both sides, truth, len, iteration, format).
// Subscripts are in tensor_index.cpp; methods come from the op tables.
#include <unordered_map>

#include "interpreter/bindings/arg_parser.h"
#include "interpreter/bindings/autograd.h"
#include "runtime/autograd/functions.h"
#include "interpreter/bindings/tensor_index.h"
#include "interpreter/bindings/tensor_object.h"
#include "interpreter/builtins/builtins_internal.h"
#include "runtime/tensor/print.h"

namespace tscript::bindings {

namespace {

using ast::Operator;

struct LayoutObject : Object {
  static constexpr Layout kLayout = Layout::Native;
  explicit LayoutObject(Type* t) : Object(t) {}
};

TensorObject* self_of(const Value& v) { return static_cast<TensorObject*>(v.obj()); }

// A name defined by a script subclass (nn.Parameter) above Tensor in the MRO: the
// subclass wins over the built-in attribute or protocol.
Value subclass_attr(const Value& v, Str* n) {
  Type* t = v.obj()->type;
  if (t == tensor_type()) return Value::null();
  for (Type* x : t->mro) {
    if (x == tensor_type()) break;
    Value f = x->dict ? x->dict->get(n) : Value::null();
    if (!f.is_null()) return f;
  }
  return Value::null();
}

// ---- printing ----


std::string repr_hook(const Value& v) {
  Value m = subclass_attr(v, intern("__repr__"));
  if (!m.is_null()) return repr_via(m, v);
  return tensor_repr_string(v);
}

std::string str_hook(const Value& v) {
  Value m = subclass_attr(v, intern("__str__"));
  if (m.is_null()) m = subclass_attr(v, intern("__repr__"));
  if (!m.is_null()) return repr_via(m, v);
  return tensor_repr_string(v);
}

// Tensor.__format__: a 0-d tensor formats as its Python number; otherwise only the
// empty spec is allowed (str(t)).
std::string format_hook(const Value& v, const std::string& spec) {
  const rt::Tensor& t = self_of(v)->t;
  if (t.dim() == 0) return format_value(guarded([&] { return scalar_value(t.item()); }), spec);
  if (!spec.empty()) type_error("unsupported format string passed to Tensor.__format__");
  return str_hook(v);
}

// ---- operators ----

// The runtime operand for a Python operand, or an undefined tensor when the value is
// neither a tensor nor a number (the operator then falls back to TypeError).
rt::Tensor operand(const Value& v) {
  if (auto* t = as_tensor(v)) return t->t;
  rt::Scalar s;
  if (scalar_of(v, s)) return ag::wrap_scalar(s);
  return rt::Tensor();
}

bool is_bool_tensor(const rt::Tensor& t) { return t.dtype() == rt::DType::Bool; }

rt::Tensor apply_binary(Operator op, const rt::Tensor& a, const rt::Tensor& b) {
  switch (op) {
    case Operator::Add: return ag::add(a, b);
    case Operator::Sub: return ag::sub(a, b);
    case Operator::Mult: return ag::mul(a, b);
    case Operator::Div: return ag::div(a, b);
    case Operator::FloorDiv: return ag::floor_divide(a, b);
    case Operator::Mod: return ag::remainder(a, b);
    case Operator::Pow: return ag::pow(a, b);
    case Operator::MatMult: return ag::matmul(a, b);
    case Operator::BitAnd: return ag::bitwise_and(a, b);
    case Operator::BitOr: return ag::bitwise_or(a, b);
    case Operator::BitXor: return ag::bitwise_xor(a, b);
    case Operator::LShift: return ag::bitwise_left_shift(a, b);
    case Operator::RShift: return ag::bitwise_right_shift(a, b);
  }
  return rt::Tensor();
}

// a op= b, writing into a.
bool apply_inplace(Operator op, const rt::Tensor& a, const rt::Tensor& b) {
  switch (op) {
    case Operator::Add: ag::add_(a, b); return true;
    case Operator::Sub: ag::sub_(a, b); return true;
    case Operator::Mult: ag::mul_(a, b); return true;
    case Operator::Div: ag::div_(a, b); return true;
    case Operator::FloorDiv: ag::floor_divide_(a, b); return true;
    case Operator::Mod: ag::remainder_(a, b); return true;
    case Operator::Pow: ag::pow_(a, b); return true;
    case Operator::BitAnd: ag::bitwise_and_(a, b); return true;
    case Operator::BitOr: ag::bitwise_or_(a, b); return true;
    case Operator::BitXor: ag::bitwise_xor_(a, b); return true;
    case Operator::LShift: ag::bitwise_left_shift_(a, b); return true;
    case Operator::RShift: ag::bitwise_right_shift_(a, b); return true;
    case Operator::MatMult: return false;  // PyTorch has no __imatmul__: a = a @ b
  }
  return false;
}

Value binary_hook(Operator op, const Value& a, const Value& b, bool inplace) {
  rt::Tensor x = operand(a), y = operand(b);
  if (!x.defined() || !y.defined()) return Value::null();
  return guarded([&]() -> Value {
    if (inplace && as_tensor(a) && apply_inplace(op, x, y)) return a;
    // number - t and number / t are recorded as PyTorch's __rsub__ / __rdiv__ do it.
    if (!as_tensor(a) && op == Operator::Sub) return wrap(ag::rsub(y, x.item()));
    if (!as_tensor(a) && op == Operator::Div) return wrap(ag::mul(ag::reciprocal(y), x));
    return wrap(apply_binary(op, x, y));
  });
}

Value unary_hook(ast::UnaryOperator op, const Value& v) {
  const rt::Tensor& t = self_of(v)->t;
  return guarded([&]() -> Value {
    switch (op) {
      case ast::UnaryOperator::USub:
        TS_CHECK(!is_bool_tensor(t), "Negation, the `-` operator, on a bool tensor is not supported. If you are trying "
                                     "to invert a mask, use the `~` or `logical_not()` operator instead.");
        return wrap(ag::neg(t));
      case ast::UnaryOperator::UAdd: return v;
      case ast::UnaryOperator::Invert:
        if (!ag::is_integral(t.dtype(), true))
          type_error("~ (operator.invert) is only implemented on integer and Boolean-type tensors");
        return wrap(ag::bitwise_not(t));
      default: return Value::null();
    }
  });
}

Value compare_hook(ast::CmpOp op, const Value& a, const Value& b) {
  rt::Tensor x = operand(a), y = operand(b);
  if (!x.defined() || !y.defined()) return Value::null();
  return guarded([&]() -> Value {
    switch (op) {
      case ast::CmpOp::Eq: return wrap(ag::eq(x, y));
      case ast::CmpOp::NotEq: return wrap(ag::ne(x, y));
      case ast::CmpOp::Lt: return wrap(ag::lt(x, y));
      case ast::CmpOp::LtE: return wrap(ag::le(x, y));
      case ast::CmpOp::Gt: return wrap(ag::gt(x, y));
      case ast::CmpOp::GtE: return wrap(ag::ge(x, y));
      default: return Value::null();
    }
  });
}

// ---- truth, length, iteration ----

bool truthy_hook(const Value& v) {
  const rt::Tensor& t = self_of(v)->t;
  if (t.numel() == 0) runtime_error("Boolean value of Tensor with no values is ambiguous");
  if (t.numel() > 1) runtime_error("Boolean value of Tensor with more than one value is ambiguous");
  return guarded([&] { return t.item().to_bool(); });
}

int64_t length_hook(const Value& v) {
  const rt::Tensor& t = self_of(v)->t;
  if (t.dim() == 0) type_error("len() of a 0-d tensor");
  return t.size(0);
}

Value iter_hook(const Value& v) {
  const rt::Tensor& t = self_of(v)->t;
  if (t.dim() == 0) type_error("iteration over a 0-d tensor");
  return get_iter(guarded([&] { return wrap_list(ag::unbind(t, 0)); }));
}

// ---- attributes ----

using Getter = Value (*)(TensorObject*);

const std::unordered_map<Str*, Getter>& getters() {
  static const std::unordered_map<Str*, Getter> table = {
      {intern("shape"), [](TensorObject* o) { return make_size(o->t.sizes()); }},
      {intern("dtype"), [](TensorObject* o) { return dtype_value(o->t.dtype()); }},
      {intern("device"), [](TensorObject* o) { return device_value(o->t.device()); }},
      {intern("ndim"), [](TensorObject* o) { return Value(o->t.dim()); }},
      {intern("T"), [](TensorObject* o) { return wrap(ag::numpy_T(o->t)); }},
      {intern("mT"), [](TensorObject* o) { return wrap(ag::transpose(o->t, -2, -1)); }},
      {intern("data"), [](TensorObject* o) { return wrap(detached(o->t)); }},
      {intern("requires_grad"), [](TensorObject* o) { return Value(o->t.requires_grad()); }},
      {intern("is_leaf"), [](TensorObject* o) { return Value(ag::is_leaf(o->t)); }},
      {intern("grad_fn"), [](TensorObject* o) { return node_value(ag::grad_fn(o->t)); }},
      {intern("grad"), [](TensorObject* o) { return grad_value(o->t); }},
      {intern("retains_grad"), [](TensorObject* o) { return Value(ag::retains_grad(o->t)); }},
      {intern("is_cuda"), [](TensorObject* o) { return Value(o->t.device().is_cuda()); }},
      {intern("is_cpu"), [](TensorObject* o) { return Value(o->t.device().is_cpu()); }},
      {intern("is_sparse"), [](TensorObject*) { return Value(false); }},
      {intern("is_quantized"), [](TensorObject*) { return Value(false); }},
      {intern("is_meta"), [](TensorObject*) { return Value(false); }},
      {intern("layout"), [](TensorObject*) { return layout_value(); }},
      {intern("itemsize"), [](TensorObject* o) { return Value(static_cast<int64_t>(o->t.element_size())); }},
      {intern("nbytes"), [](TensorObject* o) { return Value(o->t.numel() * static_cast<int64_t>(o->t.element_size())); }},
      {intern("_version"), [](TensorObject* o) { return Value(o->t.version()); }},
  };
  return table;
}

Value get_attr_hook(const Value& v, Str* name) {
  auto* o = self_of(v);
  // A script subclass's own names: properties win over the instance's attributes, the
  // rest come after them (Python's data/non-data descriptor order).
  Value sub = subclass_attr(v, name);
  if (sub.is<Property>()) return Value::null();  // the normal lookup calls it
  if (o->dict) {
    Value d = o->dict->get(name);
    if (!d.is_null()) return d;
  }
  if (!sub.is_null()) return Value::null();
  auto& g = getters();
  if (auto it = g.find(name); it != g.end()) return guarded([&] { return it->second(o); });
  if (name->s == "__dict__") {
    if (!o->dict) o->dict = make<Dict>();
    return Value(static_cast<Object*>(o->dict.get()));
  }
  Value m = method_op(tensor_type()->dict->get(name));
  if (!m.is_null()) return Value::steal(new BoundMethod(v, m));
  return Value::null();
}

bool set_attr_hook(const Value& v, Str* name, const Value& value) {
  auto* o = self_of(v);
  const std::string& n = name->s;
  if (subclass_attr(v, name).is<Property>()) return false;  // its setter runs
  if (n == "requires_grad") {
    if (!value.is_bool()) type_error("requires_grad must be a bool");
    guarded([&] { set_requires_grad(o->t, value.as_bool()); });
    return true;
  }
  if (n == "data") {
    auto* src = as_tensor(value);
    if (!src) type_error("Variable data has to be a tensor, but got " + type_name(value));
    // The object keeps its autograd identity (flag and .grad); only the data changes.
    bool rg = o->t.requires_grad();
    rt::Tensor g = ag::grad(o->t);
    o->rebind(detached(src->t));
    o->t.set_requires_grad(rg);
    if (g.defined()) ag::set_grad(o->t, g);
    return true;
  }
  if (n == "grad") {
    if (!value.is_none() && !as_tensor(value))
      type_error("assigned grad expected to be a Tensor or None but got grad of type " + type_name(value));
    guarded([&] { ag::set_grad(o->t, value.is_none() ? rt::Tensor() : as_tensor(value)->t); });
    return true;
  }
  if (getters().count(name))
    raise(exc_types().attribute_error, "attribute '" + n + "' of 'torch._C._TensorBase' objects is not writable");
  if (!o->dict) o->dict = make<Dict>();
  o->dict->set(Value(static_cast<Object*>(name)), value);
  return true;
}

// ---- construction ----

// torch.Tensor(*sizes) / torch.Tensor(sequence) / torch.Tensor(tensor); a script
// subclass with its own __init__ gets an empty tensor and runs it.
Value construct_tensor(Type* cls, const Value* args, int nargs, const Tuple* kwnames) {
  int nkw = kwnames ? static_cast<int>(kwnames->items.size()) : 0;
  Value init = cls == tensor_type() ? Value::null() : cls->lookup(intern("__init__"));
  if (!init.is_null() && init.is<Function>()) {
    Value self = wrap(ag::empty({0}), cls);
    std::vector<Value> full(args, args + nargs + nkw);
    full.insert(full.begin(), self);
    Value r = call(init, full.data(), nargs + 1, kwnames);
    if (!r.is_none()) type_error("__init__() should return None, not '" + type_name(r) + "'");
    return self;
  }
  if (nkw) type_error("Tensor() got an unexpected keyword argument '" + kwnames->items[0].as<Str>()->s + "'");
  return guarded([&] {
    if (nargs == 0) return wrap(ag::empty({0}), cls);
    if (nargs == 1 && as_tensor(args[0])) return wrap(ag::alias(as_tensor(args[0])->t), cls);
    if (nargs == 1 && (args[0].is<List>() || args[0].is<Tuple>()) && args[0].obj()->type != size_type())
      return wrap(tensor_from_data(args[0], ag::default_dtype()), cls);
    std::vector<int64_t> sizes;
    const Value* items = args;
    int n = nargs;
    if (nargs == 1 && args[0].is<Tuple>()) {
      items = args[0].as<Tuple>()->items.data();
      n = static_cast<int>(args[0].as<Tuple>()->items.size());
    }
    for (int i = 0; i < n; ++i) {
      if (!items[i].is_int()) type_error("new(): invalid data type '" + type_name(items[i]) + "'");
      sizes.push_back(items[i].as_int());
    }
    return wrap(ag::empty(sizes), cls);
  });
}

}  // namespace

// ---- shared helpers ----

std::string tensor_repr_string(const Value& v) {
  const rt::Tensor& t = self_of(v)->t;
  std::vector<std::string> suffixes;
  if (auto& fn = ag::grad_fn(t)) suffixes.push_back("grad_fn=<" + fn->name() + ">");
  else if (t.requires_grad()) suffixes.push_back("requires_grad=True");
  // _str_intern: subclasses print their class name, except nn.Parameter.
  Type* cls = v.obj()->type;
  std::string prefix = cls == tensor_type() || cls->name == "Parameter" ? "tensor(" : cls->name + "(";
  return guarded([&] { return ag::tensor_repr(t, suffixes, prefix); });
}

std::string repr_via(const Value& method, const Value& self) {
  Value r = call(method, {self});
  if (!r.is<Str>()) type_error("__repr__ returned non-string (type " + type_name(r) + ")");
  return r.as<Str>()->s;
}

rt::Tensor detached(const rt::Tensor& t) { return ag::detach(t); }

void set_requires_grad(const rt::Tensor& t, bool value) { ag::set_requires_grad(t, value); }

Value layout_value() {
  // torch.strided: only the repr is ever looked at.
  static Value v = [] {
    Type* t = new Type(types().type, "layout");
    t->refcnt = 1u << 30;
    t->layout = Layout::Native;
    t->builtin = true;
    t->base = types().object;
    t->mro = {t, types().object};
    t->module_name = "torch";
    t->dict = make<Dict>();
    static NativeTypeHooks h;
    h.repr = [](const Value&) { return std::string("torch.strided"); };
    t->hooks = &h;
    return Value::steal(new LayoutObject(t));
  }();
  return v;
}

std::string legacy_type_name(rt::DType d) { return std::string("torch.") + ag::scalar_type_name(d) + "Tensor"; }

const NativeTypeHooks& tensor_hooks() {
  static const NativeTypeHooks h = [] {
    NativeTypeHooks k;
    k.binary = binary_hook;
    k.unary = unary_hook;
    k.compare = compare_hook;
    k.get_item = tensor_get_item;
    k.set_item = tensor_set_item;
    k.get_attr = get_attr_hook;
    k.set_attr = set_attr_hook;
    k.repr = repr_hook;
    k.str = str_hook;
    k.truthy = truthy_hook;
    k.length = length_hook;
    k.iter = iter_hook;
    k.format = format_hook;
    return k;
  }();
  return h;
}

Type* tensor_type() {
  static Type* t = [] {
    Type* x = new Type(types().type, "Tensor");
    x->refcnt = 1u << 30;
    x->layout = Layout::Native;
    x->builtin = true;
    x->base = types().object;
    x->mro = {x, types().object};
    x->module_name = "torch";
    x->dict = make<Dict>();
    x->construct = construct_tensor;
    x->hooks = &tensor_hooks();
    return x;
  }();
  return t;
}

TensorObject* as_tensor(const Value& v) {
  if (!v.is_obj() || v.obj()->type->hooks != &tensor_hooks()) return nullptr;
  return static_cast<TensorObject*>(v.obj());
}

Value wrap(rt::Tensor t) { return wrap(std::move(t), tensor_type()); }

namespace {
std::unordered_map<const rt::TensorImpl*, TensorObject*>& live_objects() {
  static std::unordered_map<const rt::TensorImpl*, TensorObject*> table;
  return table;
}
}  // namespace

TensorObject::TensorObject(Type* type, rt::Tensor tensor) : Object(type), t(std::move(tensor)) {
  live_objects()[t.impl()] = this;
}

TensorObject::~TensorObject() {
  auto it = live_objects().find(t.impl());
  if (it != live_objects().end() && it->second == this) live_objects().erase(it);
}

void TensorObject::rebind(rt::Tensor tensor) {
  auto it = live_objects().find(t.impl());
  if (it != live_objects().end() && it->second == this) live_objects().erase(it);
  t = std::move(tensor);
  live_objects()[t.impl()] = this;
}

Value wrap(rt::Tensor t, Type* cls) {
  if (!t.defined()) return Value();
  auto it = live_objects().find(t.impl());
  if (it != live_objects().end() && (cls == tensor_type() || it->second->type == cls))
    return Value(static_cast<Object*>(it->second));
  return Value::steal(new TensorObject(cls, std::move(t)));
}

Value wrap_list(const std::vector<rt::Tensor>& ts) {
  std::vector<Value> items;
  items.reserve(ts.size());
  for (auto& t : ts) items.push_back(wrap(t));
  return Value::steal(new Tuple(std::move(items)));
}

}  // namespace tscript::bindings
