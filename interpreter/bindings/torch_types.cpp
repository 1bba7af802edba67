// torch.dtype, torch.device, torch.Size, torch.Generator and torch.return_types:
// the small value types around Tensor (tensor_type.cpp has Tensor itself).
#include <cmath>
#include <map>

#include "interpreter/bindings/arg_parser.h"
#include "interpreter/bindings/tensor_object.h"
#include "interpreter/builtins/builtins_internal.h"
#include "interpreter/objects/format.h"
#include "runtime/random/distributions.h"

namespace tscript::bindings {

constexpr uint32_t kImmortal = 1u << 30;

Type* new_type(const char* name, const char* module, Layout layout, Type* base) {
  Type* t = new Type(types().type, name);
  t->refcnt = kImmortal;
  t->layout = layout;
  t->builtin = true;
  t->base = base ? base : types().object;
  t->mro = {t};
  for (Type* b : t->base->mro) t->mro.push_back(b);
  t->module_name = module;
  t->dict = make<Dict>();
  return t;
}


namespace {

// ---- torch.dtype ----

struct DTypeObject : Object {
  static constexpr Layout kLayout = Layout::Native;
  rt::DType dtype;
  DTypeObject(Type* t, rt::DType d) : Object(t), dtype(d) {}
};

// ---- torch.device ----

struct DeviceObject : Object {
  static constexpr Layout kLayout = Layout::Native;
  rt::Device device;
  DeviceObject(Type* t, rt::Device d) : Object(t), device(d) {}
};

std::string device_repr(rt::Device d) {
  std::string s = std::string("device(type='") + d.type_name() + "'";
  if (d.index >= 0) s += ", index=" + std::to_string(d.index);
  return s + ")";
}

// torch.device("cuda:0"), torch.device("cuda", 0), torch.device(type="cpu"), torch.device(dev).
Value construct_device(Type*, const Value* args, int nargs, const Tuple* kwnames) {
  return guarded([&] {
    Value type_arg, index_arg;
    int nkw = kwnames ? static_cast<int>(kwnames->items.size()) : 0;
    if (nargs > 0) type_arg = args[0];
    if (nargs > 1) index_arg = args[1];
    if (nargs > 2) type_error("device() takes at most 2 arguments (" + std::to_string(nargs) + " given)");
    for (int k = 0; k < nkw; ++k) {
      const std::string& n = kwnames->items[k].as<Str>()->s;
      if (n == "type") type_arg = args[nargs + k];
      else if (n == "index") index_arg = args[nargs + k];
      else type_error("device() got an unexpected keyword argument '" + n + "'");
    }
    if (auto d = as_device(type_arg)) return device_value(*d);
    if (!type_arg.is<Str>()) type_error("device(): argument 'type' must be str, not " + type_name(type_arg));
    rt::Device d = rt::Device::parse(type_arg.as<Str>()->s);
    if (!index_arg.is_none()) {
      if (d.index >= 0) runtime_error("type (string) must not include an index because index was passed explicitly: " + type_arg.as<Str>()->s);
      if (!index_arg.is_intlike()) type_error("device(): argument 'index' must be int, not " + type_name(index_arg));
      if (index_arg.as_int() < 0) runtime_error("Device index must not be negative");
      d.index = static_cast<int16_t>(index_arg.as_int());
    }
    return device_value(d);
  });
}

// ---- torch.Size ----

std::vector<Value> size_items(const Value& v) { return v.as<Tuple>()->items; }

std::string size_repr(const Value& v) {
  std::string s = "torch.Size([";
  auto& items = v.as<Tuple>()->items;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) s += ", ";
    s += repr(items[i]);
  }
  return s + "])";
}

Value size_from_values(std::vector<Value> items) {
  return Value::steal(new Tuple(size_type(), std::move(items)));
}

Value construct_size(Type*, const Value* args, int nargs, const Tuple* kwnames) {
  if (kwnames && !kwnames->items.empty()) type_error("Size() takes no keyword arguments");
  if (nargs == 0) return size_from_values({});
  if (nargs > 1) type_error("Size() takes at most 1 argument (" + std::to_string(nargs) + " given)");
  std::vector<Value> items = to_vector(args[0]);
  for (auto& x : items) {
    if (auto* t = as_tensor(x); t && t->t.numel() == 1 && rt::is_integral(t->t.dtype(), false)) {
      x = Value(guarded([&] { return t->t.item().to_int(); }));
    } else if (!x.is_int()) {
      type_error("torch.Size() takes an iterable of 'int' (item " + std::to_string(&x - items.data()) +
                 " is '" + type_name(x) + "')");
    }
  }
  return size_from_values(std::move(items));
}

// Size op Size/tuple stays a Size (as in PyTorch): +, and * by an int.
Value size_binary(ast::Operator op, const Value& a, const Value& b, bool) {
  if (op == ast::Operator::Add && a.is<Tuple>() && b.is<Tuple>()) {
    std::vector<Value> items = a.as<Tuple>()->items;
    for (auto& x : b.as<Tuple>()->items) items.push_back(x);
    if (a.obj()->type == size_type()) return size_from_values(std::move(items));
    return Value::steal(new Tuple(std::move(items)));
  }
  if (op == ast::Operator::Mult && (a.is_intlike() || b.is_intlike())) {
    const Value& seq = a.is_intlike() ? b : a;
    int64_t n = (a.is_intlike() ? a : b).as_int();
    std::vector<Value> items;
    for (int64_t k = 0; k < n; ++k)
      for (auto& x : seq.as<Tuple>()->items) items.push_back(x);
    return size_from_values(std::move(items));
  }
  return Value::null();
}

// ---- torch.return_types ----

struct ReturnTuple : Tuple {
  const std::vector<const char*>* fields;
  ReturnTuple(Type* t, std::vector<Value> items, const std::vector<const char*>* f)
      : Tuple(t, std::move(items)), fields(f) {}
};

struct ReturnTypeInfo {
  Type* type;
  std::vector<const char*> fields;
};

std::string return_tuple_repr(const Value& v) {
  auto* r = static_cast<ReturnTuple*>(v.obj());
  std::string s = "torch.return_types." + r->type->name + "(";
  for (size_t i = 0; i < r->items.size(); ++i) s += (i ? ",\n" : "\n") + std::string((*r->fields)[i]) + "=" + repr(r->items[i]);
  return s + ")";
}

Value return_tuple_attr(const Value& v, Str* name) {
  auto* r = static_cast<ReturnTuple*>(v.obj());
  for (size_t i = 0; i < r->fields->size(); ++i)
    if (name->s == (*r->fields)[i]) return r->items[i];
  return Value::null();
}

// ---- torch.Generator ----

Value construct_generator(Type* cls, const Value* args, int nargs, const Tuple* kwnames) {
  int nkw = kwnames ? static_cast<int>(kwnames->items.size()) : 0;
  for (int i = 0; i < nargs + nkw; ++i) {
    const Value& d = args[i];
    bool cpu = (d.is<Str>() && d.as<Str>()->s == "cpu") || (as_device(d) && as_device(d)->is_cpu());
    if (!cpu) runtime_error("Device type CUDA is not supported for torch.Generator() api.");
  }
  auto* g = new GeneratorObject(cls, nullptr);
  g->owned = std::make_unique<random::Generator>();
  g->gen = g->owned.get();
  return Value::steal(g);
}

random::Generator& gen_of(const Value& v) { return *static_cast<GeneratorObject*>(v.obj())->gen; }

// PyTorch reduces a negative Python seed modulo 2^64.
uint64_t seed_arg(const Value& v) {
  if (!v.is_intlike()) type_error("manual_seed expected a long, but got " + type_name(v));
  return static_cast<uint64_t>(v.as_int());
}

Value gen_manual_seed(Value* a, const Value&) {
  gen_of(a[0]).manual_seed(seed_arg(a[1]));
  return a[0];
}
Value gen_initial_seed(Value* a, const Value&) {
  return Value(static_cast<int64_t>(gen_of(a[0]).initial_seed()));
}
Value gen_seed(Value* a, const Value&) { return Value(static_cast<int64_t>(gen_of(a[0]).seed())); }
Value gen_get_state(Value* a, const Value&) {
  return guarded([&] {
    std::vector<uint8_t> s = gen_of(a[0]).get_state();
    return wrap(rt::from_data(s.data(), rt::DType::UInt8, {static_cast<int64_t>(s.size())}));
  });
}
Value gen_set_state(Value* a, const Value&) {
  return guarded([&] {
    auto* t = as_tensor(a[1]);
    if (!t || t->t.dtype() != rt::DType::UInt8) type_error("RNG state must be a torch.ByteTensor");
    rt::Tensor c = rt::contiguous(t->t);
    gen_of(a[0]).set_state(static_cast<const uint8_t*>(c.data_ptr()), static_cast<size_t>(c.numel()));
    return a[0];
  });
}

}  // namespace

// ---- dtype ----

Type* dtype_type() {
  static Type* t = [] {
    Type* x = new_type("dtype", "torch");
    static NativeTypeHooks h = [] {
      NativeTypeHooks k;
      k.repr = [](const Value& v) { return rt::dtype_repr(static_cast<DTypeObject*>(v.obj())->dtype); };
      k.get_attr = [](const Value& v, Str* name) -> Value {
        rt::DType d = static_cast<DTypeObject*>(v.obj())->dtype;
        if (name->s == "is_floating_point") return Value(rt::is_floating(d));
        if (name->s == "is_complex") return Value(false);
        if (name->s == "is_signed") return Value(rt::is_signed(d));
        if (name->s == "itemsize") return Value(static_cast<int64_t>(rt::itemsize(d)));
        return Value::null();
      };
      return k;
    }();
    x->hooks = &h;
    return x;
  }();
  return t;
}

Value dtype_value(rt::DType d) {
  static Value objs[rt::kNumDTypes];
  Value& v = objs[static_cast<int>(d)];
  if (v.is_none()) v = Value::steal(new DTypeObject(dtype_type(), d));
  return v;
}

std::optional<rt::DType> as_dtype(const Value& v) {
  if (!v.is_obj() || v.obj()->type != dtype_type()) return std::nullopt;
  return static_cast<DTypeObject*>(v.obj())->dtype;
}

// ---- device ----

Type* device_type() {
  static Type* t = [] {
    Type* x = new_type("device", "torch");
    x->construct = construct_device;
    static NativeTypeHooks h = [] {
      NativeTypeHooks k;
      k.repr = [](const Value& v) { return device_repr(static_cast<DeviceObject*>(v.obj())->device); };
      k.str = [](const Value& v) { return static_cast<DeviceObject*>(v.obj())->device.str(); };
      k.get_attr = [](const Value& v, Str* name) -> Value {
        rt::Device d = static_cast<DeviceObject*>(v.obj())->device;
        if (name->s == "type") return str(d.type_name());
        if (name->s == "index") return d.index < 0 ? Value() : Value(static_cast<int64_t>(d.index));
        return Value::null();
      };
      k.compare = [](ast::CmpOp op, const Value& a, const Value& b) -> Value {
        if (op != ast::CmpOp::Eq && op != ast::CmpOp::NotEq) return Value::null();
        auto da = as_device(a), db = as_device(b);
        if (!da || !db) return Value::null();
        return Value((*da == *db) == (op == ast::CmpOp::Eq));
      };
      return k;
    }();
    x->hooks = &h;
    // Equal devices hash alike (they are used as dict keys).
    x->dict->set(str("__hash__"), make_op("__hash__(object self)", [](Args& a) -> Value {
                   rt::Device d = *as_device(a[0]);
                   return Value(static_cast<int64_t>(d.type) * 1000 + d.index + 1);
                 }));
    return x;
  }();
  return t;
}

Value device_value(rt::Device d) { return Value::steal(new DeviceObject(device_type(), d)); }

std::optional<rt::Device> as_device(const Value& v) {
  if (!v.is_obj() || v.obj()->type != device_type()) return std::nullopt;
  return static_cast<DeviceObject*>(v.obj())->device;
}

// ---- Size ----

Type* size_type() {
  static Type* t = [] {
    // Not flagged builtin: the protocol then asks our hooks for slicing (a slice of a
    // Size is a Size) and hashing instead of the plain tuple paths. Calling a
    // non-builtin type constructs through its nearest builtin base, hence the base.
    Type* base = new_type("Size", "torch", Layout::Tuple, types().tuple);
    base->construct = construct_size;
    Type* x = new_type("Size", "torch", Layout::Tuple, base);
    x->builtin = false;
    static NativeTypeHooks h = [] {
      NativeTypeHooks k;
      k.repr = size_repr;
      k.str = size_repr;
      k.length = [](const Value& v) { return static_cast<int64_t>(v.as<Tuple>()->items.size()); };
      k.truthy = [](const Value& v) { return !v.as<Tuple>()->items.empty(); };
      k.iter = [](const Value& v) { return get_iter(Value::steal(new Tuple(size_items(v)))); };
      k.binary = size_binary;
      k.get_item = [](const Value& v, const Value& key) -> Value {
        Value plain = Value::steal(new Tuple(size_items(v)));
        Value r = get_item(plain, key);
        if (key.is<Slice>()) return size_from_values(r.as<Tuple>()->items);
        return r;
      };
      return k;
    }();
    x->hooks = &h;
    // The protocol looks these up by name; they must not be NativeFunctions (those mean
    // "the built-in tuple behaviour"), so they are ops.
    x->dict->set(str("__getitem__"), make_op("__getitem__(object self, object key)", [](Args& a) {
                   return size_type()->hooks->get_item(a[0], a[1]);
                 }));
    x->dict->set(str("__hash__"), make_op("__hash__(object self)", [](Args& a) {
                   return Value(hash_value(Value::steal(new Tuple(size_items(a[0])))));
                 }));
    method(x, "numel(self)", [](Value* a, const Value&) {
      int64_t n = 1;
      for (auto& v : a[0].as<Tuple>()->items) n *= v.as_int();
      return Value(n);
    });
    return x;
  }();
  return t;
}

Value make_size(rt::IntArrayRef sizes) {
  std::vector<Value> items;
  items.reserve(sizes.size());
  for (int64_t s : sizes) items.emplace_back(s);
  return size_from_values(std::move(items));
}

// ---- return types ----

Value make_return_type(const char* name, std::vector<const char*> fields, std::vector<Value> items) {
  static std::map<std::string, ReturnTypeInfo> registry;
  auto it = registry.find(name);
  if (it == registry.end()) {
    Type* t = new_type(name, "torch.return_types", Layout::Tuple, types().tuple);
    static NativeTypeHooks h = [] {
      NativeTypeHooks k;
      k.repr = return_tuple_repr;
      k.get_attr = return_tuple_attr;
      return k;
    }();
    t->hooks = &h;
    it = registry.emplace(name, ReturnTypeInfo{t, std::move(fields)}).first;
  }
  return Value::steal(new ReturnTuple(it->second.type, std::move(items), &it->second.fields));
}

Value values_indices(const char* name, const rt::ValuesIndices& r) {
  return make_return_type(name, {"values", "indices"}, {wrap(r.values), wrap(r.indices)});
}

// ---- Generator ----

Type* generator_type() {
  static Type* t = [] {
    Type* x = new_type("Generator", "torch._C");
    x->construct = construct_generator;
    method(x, "manual_seed(self, seed)", gen_manual_seed);
    method(x, "initial_seed(self)", gen_initial_seed);
    method(x, "seed(self)", gen_seed);
    method(x, "get_state(self)", gen_get_state);
    method(x, "set_state(self, new_state)", gen_set_state);
    static NativeTypeHooks h = [] {
      NativeTypeHooks k;
      k.get_attr = [](const Value& v, Str* name) -> Value {
        if (name->s == "device") return device_value(rt::kCPU);
        return Value::null();
      };
      return k;
    }();
    x->hooks = &h;
    return x;
  }();
  return t;
}

GeneratorObject* as_generator(const Value& v) {
  if (!v.is_obj() || !v.obj()->type->is_subtype(generator_type())) return nullptr;
  return static_cast<GeneratorObject*>(v.obj());
}

Value default_generator_value() {
  static Value v = Value::steal(new GeneratorObject(generator_type(), &random::default_generator()));
  return v;
}

// ---- numbers ----

bool scalar_of(const Value& v, rt::Scalar& out) {
  switch (v.tag()) {
    case Tag::Bool: out = rt::Scalar(v.as_bool()); return true;
    case Tag::Int: out = rt::Scalar(v.as_int()); return true;
    case Tag::Float: out = rt::Scalar(v.as_float()); return true;
    default: return false;
  }
}

Value scalar_value(const rt::Scalar& s) {
  switch (s.kind()) {
    case rt::Scalar::Kind::Bool: return Value(s.to_bool());
    case rt::Scalar::Kind::Int: return Value(s.to_int());
    case rt::Scalar::Kind::Float: return Value(s.to_double());
  }
  return Value();
}

// ---- errors ----

void raise_current_exception() {
  try {
    throw;
  } catch (const rt::Error& e) {
    const ExceptionTypes& x = exc_types();
    Type* t = x.runtime_error;
    switch (e.kind()) {
      case rt::ErrorKind::Runtime: t = x.runtime_error; break;
      case rt::ErrorKind::Index: t = x.index_error; break;
      case rt::ErrorKind::Type: t = x.type_error; break;
      case rt::ErrorKind::Value: t = x.value_error; break;
      case rt::ErrorKind::NotImplemented: t = x.not_implemented_error; break;
      case rt::ErrorKind::Assertion: t = x.assertion_error; break;
    }
    raise(t, e.what());
  } catch (const FormatError& e) {
    rethrow_format(e);
  } catch (const std::exception& e) {
    // The RNG's argument checks (std::invalid_argument) and anything else from C++:
    // PyTorch reports those as RuntimeError.
    raise(exc_types().runtime_error, e.what());
  }
}

}  // namespace tscript::bindings
