// The argument parser behind every torch function and Tensor method: parses the
// signature strings of the op tables once, then binds each call against the overloads
// of a name in order (see arg_parser.h for the signature language).
#include "interpreter/bindings/arg_parser.h"

#include <cstdlib>
#include <map>
#include <memory>

#include "interpreter/builtins/builtins_internal.h"

namespace tscript::bindings {

namespace {

// ---- parsing signatures ----

[[noreturn]] void bad_signature(const std::string& sig, const std::string& why) {
  // A bug in a table row: `import torch` fails with it (every test imports torch).
  runtime_error("torch binding signature '" + sig + "': " + why);
}

ParamType parse_type(const std::string& sig, std::string t, Param& p) {
  if (t.ends_with("?")) {
    p.nullable = true;
    t.pop_back();
  }
  if (t.ends_with("...")) {
    p.gathers = true;
    t.resize(t.size() - 3);
  }
  if (t == "Tensor") return ParamType::Tensor;
  if (t == "Tensor|Scalar") return ParamType::TensorOrScalar;
  if (t == "Scalar") return ParamType::Scalar;
  if (t == "int") return ParamType::Int;
  if (t == "float") return ParamType::Float;
  if (t == "bool") return ParamType::Bool;
  if (t == "str") return ParamType::Str;
  if (t == "object") return ParamType::Object;
  if (t == "int[]") return ParamType::IntList;
  if (t == "int[1]") return ParamType::Dims;
  if (t == "ScalarType") return ParamType::DType;
  if (t == "Device") return ParamType::Device;
  if (t == "Tensor[]") return ParamType::TensorList;
  if (t == "Generator") return ParamType::Generator;
  bad_signature(sig, "unknown type '" + t + "'");
}

Value parse_default(const std::string& sig, const std::string& d) {
  if (d == "None") return Value();
  if (d == "True") return Value(true);
  if (d == "False") return Value(false);
  if (d == "()") return Value::steal(new Tuple());
  if (d.size() >= 2 && (d[0] == '\'' || d[0] == '"')) return str(d.substr(1, d.size() - 2));
  char* end = nullptr;
  bool is_float = d.find_first_of(".einf") != std::string::npos;
  if (!is_float) {
    int64_t v = std::strtoll(d.c_str(), &end, 10);
    if (end && *end == '\0') return Value(v);
  } else {
    double v = std::strtod(d.c_str(), &end);
    if (end && *end == '\0') return Value(v);
  }
  bad_signature(sig, "bad default '" + d + "'");
}

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(' '), b = s.find_last_not_of(' ');
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::shared_ptr<Overload> parse_signature(const char* signature, OpImpl impl) {
  std::string sig = signature;
  auto ov = std::make_shared<Overload>();
  size_t open = sig.find('('), close = sig.rfind(')');
  if (open == std::string::npos || close == std::string::npos) bad_signature(sig, "no parameter list");
  ov->name = sig.substr(0, open);
  ov->text = sig.substr(open + 1, close - open - 1);
  ov->impl = impl;
  // Split on top-level commas (defaults may be "()" or quoted strings).
  std::vector<std::string> parts;
  std::string cur;
  int depth = 0;
  char quote = 0;
  for (char c : ov->text) {
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[') {
      ++depth;
    } else if (c == ')' || c == ']') {
      --depth;
    } else if (c == ',' && depth == 0) {
      parts.push_back(trim(cur));
      cur.clear();
      continue;
    }
    cur += c;
  }
  if (!trim(cur).empty()) parts.push_back(trim(cur));
  ov->npositional = -1;
  for (const std::string& part : parts) {
    if (part == "*") {
      ov->npositional = static_cast<int>(ov->params.size());
      continue;
    }
    Param p;
    size_t eq = part.find('=');
    std::string decl = trim(part.substr(0, eq));
    if (eq != std::string::npos) p.default_value = parse_default(sig, trim(part.substr(eq + 1)));
    size_t sp = decl.rfind(' ');
    if (sp == std::string::npos) bad_signature(sig, "parameter without a type: '" + decl + "'");
    p.type = parse_type(sig, decl.substr(0, sp), p);
    p.name = Ref<Str>(intern(decl.substr(sp + 1)));
    ov->params.push_back(std::move(p));
  }
  if (ov->npositional < 0) ov->npositional = static_cast<int>(ov->params.size());
  if (ov->params.size() > kMaxParams) bad_signature(sig, "too many parameters");
  return ov;
}

// ---- the callable ----

struct OpObject : Object {
  static constexpr Layout kLayout = Layout::Native;
  std::string name;
  bool method = false;  // a Tensor method: messages leave `self` out, as PyTorch's do
  std::vector<std::shared_ptr<const Overload>> overloads;
  OpObject(Type* t, std::string n) : Object(t), name(std::move(n)) {}
};

Value dispatch(const Value& self, const Value* args, int nargs, const Tuple* kwnames);

Type* op_type() {
  static Type* t = [] {
    Type* x = new Type(types().type, "builtin_function_or_method");
    x->refcnt = 1u << 30;
    x->layout = Layout::Native;
    x->builtin = true;
    x->base = types().object;
    x->mro = {x, types().object};
    x->module_name = "builtins";
    x->dict = make<Dict>();
    static NativeTypeHooks h = [] {
      NativeTypeHooks k;
      k.call = dispatch;
      k.repr = [](const Value& v) { return "<built-in method " + static_cast<OpObject*>(v.obj())->name + ">"; };
      k.get_attr = [](const Value& v, Str* name) -> Value {
        if (name->s == "__name__" || name->s == "__qualname__") return str(static_cast<OpObject*>(v.obj())->name);
        return Value::null();
      };
      return k;
    }();
    x->hooks = &h;
    return x;
  }();
  return t;
}

// ---- binding one call to one overload ----

const char* type_label(const Param& p) {
  switch (p.type) {
    case ParamType::Tensor: return "Tensor";
    case ParamType::TensorOrScalar: return "Tensor";
    case ParamType::Scalar: return "Number";
    case ParamType::Int: return "int";
    case ParamType::Float: return "float";
    case ParamType::Bool: return "bool";
    case ParamType::Str: return "str";
    case ParamType::Object: return "object";
    case ParamType::IntList: return "tuple of ints";
    case ParamType::Dims: return "tuple of ints";
    case ParamType::DType: return "torch.dtype";
    case ParamType::Device: return "torch.device";
    case ParamType::TensorList: return "tuple of Tensors";
    case ParamType::Generator: return "torch.Generator";
  }
  return "object";
}

std::string value_label(const Value& v) { return as_tensor(v) ? "Tensor" : type_name(v); }

bool is_int_arg(const Value& v) {
  int64_t x;
  return int_of(v, x);
}

bool is_int_sequence(const Value& v) {
  const std::vector<Value>* items = nullptr;
  if (auto* t = v.as<Tuple>()) items = &t->items;
  else if (auto* l = v.as<List>()) items = &l->items;
  if (!items) return false;
  for (auto& x : *items)
    if (!is_int_arg(x)) return false;
  return true;
}

// An item of a gathering list parameter (int[]... or Tensor[]...).
bool is_list_element(const Param& p, const Value& v) {
  return p.type == ParamType::TensorList ? as_tensor(v) != nullptr : is_int_arg(v);
}

bool accepts(const Param& p, const Value& v) {
  if (v.is_none()) return p.nullable;
  switch (p.type) {
    case ParamType::Tensor: return as_tensor(v) != nullptr;
    case ParamType::TensorOrScalar: return as_tensor(v) != nullptr || v.is_number();
    case ParamType::Scalar: {
      if (v.is_number()) return true;
      auto* t = as_tensor(v);
      return t && t->t.dim() == 0;
    }
    case ParamType::Int: return is_int_arg(v);
    case ParamType::Float: {
      if (v.is_number()) return true;
      auto* t = as_tensor(v);
      return t && t->t.numel() == 1;
    }
    case ParamType::Bool: return v.is_bool();
    case ParamType::Str: return v.is<Str>();
    case ParamType::Object: return true;
    case ParamType::IntList:
    case ParamType::Dims: return is_int_arg(v) || is_int_sequence(v);
    case ParamType::DType: return as_dtype(v).has_value();
    case ParamType::Device: return as_device(v).has_value() || v.is<Str>() || v.is_int();
    case ParamType::TensorList: {
      const std::vector<Value>* items = nullptr;
      if (auto* t = v.as<Tuple>()) items = &t->items;
      else if (auto* l = v.as<List>()) items = &l->items;
      if (!items) return false;
      for (auto& x : *items)
        if (!as_tensor(x)) return false;
      return true;
    }
    case ParamType::Generator: return as_generator(v) != nullptr;
  }
  return false;
}

int find_param(const Overload& ov, Str* name) {
  for (size_t i = 0; i < ov.params.size(); ++i)
    if (ov.params[i].name.get() == name || ov.params[i].name->s == name->s) return static_cast<int>(i);
  // Functions call their first tensor `input` where methods call it `self`.
  if (name->s == "input" && !ov.params.empty() && ov.params[0].name->s == "self") return 0;
  return -1;
}

// Binds args to ov's parameters in `out`; on failure returns false and, when `why` is
// given, says what did not fit.
bool bind(const Overload& ov, const Value* args, int nargs, const Tuple* kwnames, Value* out, std::string* why) {
  int n = static_cast<int>(ov.params.size());
  for (int i = 0; i < n; ++i) out[i] = Value::null();
  int p = 0;
  for (int i = 0; i < nargs; ++i) {
    if (p >= ov.npositional) {
      if (why)
        *why = ov.name + "() takes " + std::to_string(ov.npositional) + " positional argument" +
               (ov.npositional == 1 ? "" : "s") + " but " + std::to_string(nargs) + " were given";
      return false;
    }
    const Param& prm = ov.params[p];
    if (prm.gathers && is_list_element(prm, args[i])) {
      // zeros(2, 3), einsum("ij,jk", a, b): the loose items are the list (every
      // remaining positional argument).
      std::vector<Value> items(args + i, args + nargs);
      for (auto& x : items) {
        if (!is_list_element(prm, x)) {
          if (why)
            *why = ov.name + "(): argument '" + prm.name->s + "' must be " + type_label(prm) +
                   ", but found element of type " + value_label(x) + " at pos " + std::to_string(&x - items.data() + 1);
          return false;
        }
      }
      out[p++] = Value::steal(new Tuple(std::move(items)));
      break;
    }
    out[p++] = args[i];
  }
  int nkw = kwnames ? static_cast<int>(kwnames->items.size()) : 0;
  for (int k = 0; k < nkw; ++k) {
    Str* name = kwnames->items[k].as<Str>();
    int idx = find_param(ov, name);
    if (idx < 0) {
      if (why) *why = ov.name + "() got an unexpected keyword argument '" + name->s + "'";
      return false;
    }
    if (!out[idx].is_null()) {
      if (why) *why = ov.name + "() got multiple values for argument '" + ov.params[idx].name->s + "'";
      return false;
    }
    out[idx] = args[nargs + k];
  }
  for (int i = 0; i < n; ++i) {
    const Param& prm = ov.params[i];
    if (out[i].is_null()) {
      if (prm.default_value.is_null()) {
        if (why) *why = ov.name + "() missing 1 required positional arguments: \"" + prm.name->s + "\"";
        return false;
      }
      out[i] = prm.default_value;
      continue;
    }
    if (!accepts(prm, out[i])) {
      if (why) {
        *why = ov.name + "(): argument '" + prm.name->s + "'";
        if (i < ov.npositional) *why += " (position " + std::to_string(i + 1) + ")";
        *why += std::string(" must be ") + type_label(prm) + ", not " + value_label(out[i]);
      }
      return false;
    }
  }
  return true;
}

std::string call_summary(const Value* args, int nargs, const Tuple* kwnames, bool skip_self) {
  // PyTorch's layout: "got (Tensor, str)", "got (int, foo=int)", "got (dim=float, )".
  std::string pos, kw;
  for (int i = skip_self ? 1 : 0; i < nargs; ++i) pos += (pos.empty() ? "" : ", ") + value_label(args[i]);
  int nkw = kwnames ? static_cast<int>(kwnames->items.size()) : 0;
  for (int k = 0; k < nkw; ++k)
    kw += (kw.empty() ? "" : ", ") + kwnames->items[k].as<Str>()->s + "=" + value_label(args[nargs + k]);
  if (kw.empty()) return pos;
  return pos.empty() ? kw + ", " : pos + ", " + kw;
}

Value dispatch(const Value& self, const Value* args, int nargs, const Tuple* kwnames) {
  auto* op = static_cast<OpObject*>(self.obj());
  Value slots[kMaxParams];
  bool single = op->overloads.size() == 1;
  std::string why;
  for (auto& ov : op->overloads) {
    if (bind(*ov, args, nargs, kwnames, slots, single ? &why : nullptr)) {
      Args a(*ov, slots);
      return guarded([&] { return ov->impl(a); });
    }
  }
  if (single) type_error(why);
  std::string msg = op->name + "() received an invalid combination of arguments - got (" +
                    call_summary(args, nargs, kwnames, op->method) + "), but expected one of:";
  for (auto& ov : op->overloads) msg += "\n * (" + ov->text + ")";
  type_error(msg);
}

Value new_op(const std::string& name) { return Value::steal(new OpObject(op_type(), name)); }

// A Tensor method as the type stores it: a plain native function (*args, **kwargs)
// around the op, so every generic path binds it (super().__repr__(), Tensor.add(x, y),
// protocol dunders). The Tensor type's attribute hook skips the wrapper and binds the op
// itself, so ordinary `x.add(y)` calls pay nothing for it.
Value forward_to_op(Value* slots, const Value& op) { return call_with_kwargs(op, slots[0], slots[1]); }

Value method_wrapper(const std::string& type_name, const std::string& name, const Value& op) {
  auto f = native((name + "(*args, **kwargs)").c_str(), forward_to_op, op);
  f->sig.name = type_name + "." + name;
  return Value(static_cast<Object*>(f.get()));
}

const std::vector<Value>& seq_items(const Value& v) {
  if (auto* t = v.as<Tuple>()) return t->items;
  return v.as<List>()->items;
}

}  // namespace

// ---- Args ----

bool int_of(const Value& v, int64_t& out) {
  if (v.is_int()) {
    out = v.as_int();
    return true;
  }
  if (auto* t = as_tensor(v); t && t->t.numel() == 1 && rt::is_integral(t->t.dtype(), false)) {
    out = guarded([&] { return t->t.item().to_int(); });
    return true;
  }
  return false;
}

const rt::Tensor& Args::tensor(int i) const { return as_tensor(slots_[i])->t; }

rt::Tensor Args::tensor_or_none(int i) const { return has(i) ? as_tensor(slots_[i])->t : rt::Tensor(); }

rt::Tensor Args::tensor_or_scalar(int i) const {
  if (auto* t = as_tensor(slots_[i])) return t->t;
  return rt::wrap_scalar(scalar(i));
}

rt::Scalar Args::scalar(int i) const {
  rt::Scalar s;
  if (scalar_of(slots_[i], s)) return s;
  if (auto* t = as_tensor(slots_[i])) return t->t.item();
  type_error(ov_.name + "(): expected a number for argument '" + ov_.params[i].name->s + "'");
}

std::optional<rt::Scalar> Args::scalar_or_none(int i) const {
  if (!has(i)) return std::nullopt;
  return scalar(i);
}

int64_t Args::int64(int i) const {
  int64_t v = 0;
  int_of(slots_[i], v);
  return v;
}

std::optional<int64_t> Args::int_or_none(int i) const {
  if (!has(i)) return std::nullopt;
  return int64(i);
}

double Args::float64(int i) const {
  const Value& v = slots_[i];
  if (v.is_number()) return v.to_double();
  return as_tensor(v)->t.item().to_double();
}

std::optional<double> Args::float_or_none(int i) const {
  if (!has(i)) return std::nullopt;
  return float64(i);
}

bool Args::boolean(int i) const { return slots_[i].as_bool(); }

rt::DimVector Args::ints(int i) const {
  rt::DimVector out;
  int64_t x;
  if (int_of(slots_[i], x)) {
    out.push_back(x);
    return out;
  }
  for (auto& v : seq_items(slots_[i])) {
    int_of(v, x);
    out.push_back(x);
  }
  return out;
}

std::optional<rt::DimVector> Args::ints_or_none(int i) const {
  if (!has(i)) return std::nullopt;
  return ints(i);
}

std::optional<rt::DType> Args::dtype(int i) const { return has(i) ? as_dtype(slots_[i]) : std::nullopt; }

std::optional<rt::Device> Args::device(int i) const {
  const Value& v = slots_[i];
  if (v.is_none()) return std::nullopt;
  if (auto d = as_device(v)) return d;
  if (v.is_int()) return rt::Device(rt::DeviceType::CUDA, static_cast<int16_t>(v.as_int()));
  return rt::Device::parse(v.as<Str>()->s);
}

std::string Args::string(int i) const { return slots_[i].as<Str>()->s; }

std::optional<std::string> Args::string_or_none(int i) const {
  if (!has(i)) return std::nullopt;
  return string(i);
}

std::vector<rt::Tensor> Args::tensors(int i) const {
  std::vector<rt::Tensor> out;
  for (auto& v : seq_items(slots_[i])) out.push_back(as_tensor(v)->t);
  return out;
}

random::Generator& Args::generator(int i) const {
  if (!has(i)) return random::default_generator();
  return *as_generator(slots_[i])->gen;
}

rt::TensorOptions Args::options(int dtype_at, int device_at, int requires_grad_at) const {
  rt::TensorOptions o;
  if (dtype_at >= 0) o.dtype = dtype(dtype_at);
  if (device_at >= 0) {
    if (auto d = device(device_at)) {
      rt::check_device_available(*d);
      o.device = *d;
    }
  }
  if (requires_grad_at >= 0) o.requires_grad = boolean(requires_grad_at);
  return o;
}

Value Args::ret(const rt::Tensor& t) const {
  if (!t.defined()) return Value();
  for (size_t i = 0; i < ov_.params.size(); ++i) {
    if (auto* o = as_tensor(slots_[i]); o && o->t.is_same(t)) return slots_[i];
  }
  return wrap(t);
}

// ---- building the callables ----

Value make_op(const char* signature, OpImpl impl) {
  auto ov = parse_signature(signature, impl);
  Value v = new_op(ov->name);
  static_cast<OpObject*>(v.obj())->overloads.push_back(std::move(ov));
  return v;
}

void install_ops(Dict* functions, Type* methods, std::initializer_list<std::span<const OpDef>> tables) {
  // Names keep the order of their first row; overloads keep table order.
  std::map<std::string, Value> fns, meths;
  auto add = [](std::map<std::string, Value>& into, const std::shared_ptr<Overload>& ov, bool method) {
    auto it = into.find(ov->name);
    if (it == into.end()) {
      it = into.emplace(ov->name, new_op(ov->name)).first;
      static_cast<OpObject*>(it->second.obj())->method = method;
    }
    static_cast<OpObject*>(it->second.obj())->overloads.push_back(ov);
  };
  for (auto table : tables) {
    for (const OpDef& row : table) {
      auto ov = parse_signature(row.signature, row.impl);
      if (row.target & kFunction) add(fns, ov, false);
      if ((row.target & kMethod) && methods) add(meths, ov, true);
    }
  }
  for (auto& [name, op] : fns) functions->set(str(name), op);
  for (auto& [name, op] : meths) methods->dict->set(str(name), method_wrapper(methods->name, name, op));
}

bool is_op(const Value& v) { return v.is_obj() && v.obj()->type == op_type(); }

Value call_with_kwargs(const Value& fn, const Value& args, const Value& kwargs) {
  std::vector<Value> flat = args.as<Tuple>()->items;
  int nargs = static_cast<int>(flat.size());
  std::vector<Value> names;
  for (auto& e : kwargs.as<Dict>()->table.entries()) {
    if (e.key.is_null()) continue;
    names.push_back(e.key);
    flat.push_back(e.value);
  }
  auto kw = make<Tuple>(std::move(names));
  return call(fn, flat.data(), nargs, kw->items.empty() ? nullptr : kw.get());
}

Value method_op(const Value& v) {
  auto* f = v.as<NativeFunction>();
  if (f && f->fn == forward_to_op) return f->data;
  return Value::null();
}

}  // namespace tscript::bindings
