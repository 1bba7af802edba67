// The script-side objects of the torch module: Tensor, torch.dtype, torch.device,
// torch.Size, torch.Generator and the torch.return_types named tuples, with the
// conversions between them and the runtime's C++ types.
//
// This is the only place that knows how a runtime value travels in a Value; the op
// tables (ops_*.cpp) and the protocol hooks (tensor_type.cpp) go through it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/objects/object.h"
#include "runtime/ops/ops.h"
#include "runtime/random/generator.h"

namespace tscript::bindings {

// ---- Tensor ----

// One object per TensorImpl while the object lives (as PyTorch keeps one PyObject per
// TensorImpl), so `p.grad is p.grad` and a hook sees the tensor the script holds.
struct TensorObject : Object {
  static constexpr Layout kLayout = Layout::Native;
  rt::Tensor t;
  Ref<Dict> dict;  // attributes a script sets on a tensor (created on first use)
  TensorObject(Type* type, rt::Tensor tensor);
  ~TensorObject() override;
  // `x.data = y`: the object now stands for another TensorImpl.
  void rebind(rt::Tensor tensor);
};

// torch.Tensor. Script subclasses (nn.Parameter) share its hooks.
Type* tensor_type();
// The tensor inside v, or null when v is not a Tensor (or a subclass instance).
TensorObject* as_tensor(const Value& v);
// A new Tensor object (None for an undefined tensor).
Value wrap(rt::Tensor t);
Value wrap(rt::Tensor t, Type* cls);
// A tuple of Tensor objects.
Value wrap_list(const std::vector<rt::Tensor>& ts);

// ---- torch.dtype / torch.device ----

// The one object per dtype (so `torch.float is torch.float32`).
Value dtype_value(rt::DType d);
std::optional<rt::DType> as_dtype(const Value& v);
Type* dtype_type();
Value device_value(rt::Device d);
std::optional<rt::Device> as_device(const Value& v);  // torch.device objects only
Type* device_type();

// ---- torch.Size and torch.return_types ----

Type* size_type();
Value make_size(rt::IntArrayRef sizes);
// torch.return_types.<name>(values=..., indices=...) and friends: a tuple whose
// fields are also attributes. `fields` must outlive the program (string literals).
Value make_return_type(const char* name, std::vector<const char*> fields, std::vector<Value> items);
Value values_indices(const char* name, const rt::ValuesIndices& r);

// ---- torch.Generator ----

struct GeneratorObject : Object {
  static constexpr Layout kLayout = Layout::Native;
  random::Generator* gen;                   // the default generator or `owned`
  std::unique_ptr<random::Generator> owned;
  GeneratorObject(Type* t, random::Generator* g) : Object(t), gen(g) {}
};
Type* generator_type();
GeneratorObject* as_generator(const Value& v);
Value default_generator_value();

// ---- helpers shared by the binding files ----

// A built-in type of the torch module (immortal, its own dict, MRO up to `base`).
Type* new_type(const char* name, const char* module, Layout layout = Layout::Native, Type* base = nullptr);

// torch.tensor(data): nested lists/tuples of numbers or one-element tensors, with
// PyTorch's dtype inference (bool < int64 < default float) unless `dtype` is given.
rt::Tensor tensor_from_data(const Value& data, std::optional<rt::DType> dtype = std::nullopt);
// t.tolist() / t.item() as Python values.
Value tensor_to_list(const rt::Tensor& t);
// A view of t that does not require grad (Tensor.detach / .data).
rt::Tensor detached(const rt::Tensor& t);
// Tensor.requires_grad = value, with PyTorch's dtype check.
void set_requires_grad(const rt::Tensor& t, bool value);
// "torch.FloatTensor", ... (Tensor.type() and a few messages).
std::string legacy_type_name(rt::DType d);
// torch.strided.
Value layout_value();
// Tensor.__repr__ of a Tensor object (the requires_grad suffix; a subclass's name as
// prefix).
std::string tensor_repr_string(const Value& v);
// Calls a script __repr__/__str__ and checks it returned a str.
std::string repr_via(const Value& method, const Value& self);

// ---- numbers ----

// A Python number as a runtime Scalar (bool, int or float kind); false when v is not one.
bool scalar_of(const Value& v, rt::Scalar& out);
// A runtime Scalar as a Python number.
Value scalar_value(const rt::Scalar& s);

// ---- errors ----

// Re-raises the C++ exception being handled as the matching Python exception:
// rt::Error by its kind, std::invalid_argument & co. (the RNG's argument checks)
// as RuntimeError. Call only inside a catch block.
[[noreturn]] void raise_current_exception();

// Runs f, turning runtime errors into script exceptions. Every entry point from the
// VM into the bindings goes through this (the op dispatcher and each protocol hook).
template <class F>
decltype(auto) guarded(F&& f) {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    throw;  // the VM reports MemoryError
  } catch (const std::exception&) {
    raise_current_exception();
  }
}

}  // namespace tscript::bindings
