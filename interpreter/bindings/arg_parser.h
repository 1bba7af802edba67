// The declarative signature table of the torch API (DESIGN.md decision 4) and the one
// argument parser that serves it.
//
// Every torch function and Tensor method is a row { signature, implementation, target }:
//
//   {"sum(Tensor self, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None)",
//    [](Args& a) { ... }, kBoth}
//
// Rows with the same name are overloads, tried in order (as PyTorch's python_arg_parser
// does); the first whose parameters accept the arguments runs. One row serves both
// `torch.sum(x, ...)` and `x.sum(...)`: methods bind `self` positionally, functions also
// accept it as the keyword `input`.
//
// Parameter types (a trailing `?` also accepts None):
//   Tensor          a Tensor
//   Tensor|Scalar   a Tensor or a Python number (which Args::tensor_or_scalar wraps)
//   Scalar          a Python number or a 0-d tensor
//   int float bool str object
//   int[]           a tuple/list of ints, or one int; `int[]...` also gathers loose
//                   positional ints, so `zeros(2, 3)` and `zeros((2, 3))` both work
//   int[1]          a dim or a tuple of dims
//   ScalarType      a torch.dtype;  Device: a torch.device or a string
//   Tensor[]        a tuple/list of tensors (`Tensor[]...` gathers loose tensors too)
//   Generator       a torch.Generator
// Defaults: None True False numbers 'strings' ().
#pragma once

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "interpreter/bindings/tensor_object.h"

namespace tscript::bindings {

class Args;
using OpImpl = Value (*)(Args&);

enum OpTarget : uint8_t { kFunction = 1, kMethod = 2, kBoth = 3 };

struct OpDef {
  const char* signature;
  OpImpl impl;
  uint8_t target = kBoth;
};

enum class ParamType : uint8_t {
  Tensor, TensorOrScalar, Scalar, Int, Float, Bool, Str, Object,
  IntList, Dims, DType, Device, TensorList, Generator,
};

struct Param {
  Ref<Str> name;
  ParamType type = ParamType::Object;
  bool nullable = false;
  bool gathers = false;                 // int[]... / Tensor[]...: loose positional items form the list
  Value default_value = Value::null();  // Null: required
};

struct Overload {
  std::string name;
  std::string text;  // the parameter list as written, for error messages
  std::vector<Param> params;
  int npositional = 0;  // parameters before `*`
  OpImpl impl = nullptr;
};

inline constexpr int kMaxParams = 16;

// The bound, type-checked arguments of one call, by parameter position. Accessors
// convert; they may assume the value has the declared type (the parser checked it).
class Args {
 public:
  Args(const Overload& ov, const Value* slots) : ov_(ov), slots_(slots) {}

  const Value& operator[](int i) const { return slots_[i]; }
  bool has(int i) const { return !slots_[i].is_none(); }  // given and not None

  const rt::Tensor& tensor(int i) const;
  rt::Tensor tensor_or_none(int i) const;    // undefined for None
  rt::Tensor tensor_or_scalar(int i) const;  // a Python number becomes rt::wrap_scalar
  rt::Scalar scalar(int i) const;
  std::optional<rt::Scalar> scalar_or_none(int i) const;
  int64_t int64(int i) const;
  std::optional<int64_t> int_or_none(int i) const;
  double float64(int i) const;
  std::optional<double> float_or_none(int i) const;
  bool boolean(int i) const;
  rt::DimVector ints(int i) const;  // int[] / int[1]; an int is a one-element list
  std::optional<rt::DimVector> ints_or_none(int i) const;
  std::optional<rt::DType> dtype(int i) const;
  std::optional<rt::Device> device(int i) const;
  std::string string(int i) const;
  std::optional<std::string> string_or_none(int i) const;
  std::vector<rt::Tensor> tensors(int i) const;
  random::Generator& generator(int i) const;  // the default generator for None
  // dtype/device/requires_grad keywords at these positions (-1: not in the signature).
  rt::TensorOptions options(int dtype_at, int device_at = -1, int requires_grad_at = -1) const;

  // The Python object for a result: the argument's own object when the op returned
  // one of its inputs (in-place ops, no-op conversions), so `x.add_(1) is x`.
  Value ret(const rt::Tensor& t) const;
  // A bool/int/float Value for a runtime Scalar.
  static Value number(const rt::Scalar& s) { return scalar_value(s); }

  const Overload& overload() const { return ov_; }

 private:
  const Overload& ov_;
  const Value* slots_;
};

// A single callable from one signature (helpers on small types, module functions).
Value make_op(const char* signature, OpImpl impl);
// Builds one callable per name from the tables: kFunction rows into `functions`,
// kMethod rows into the type `methods` (wrapped as native functions so that generic
// lookups bind them; null: none).
void install_ops(Dict* functions, Type* methods, std::initializer_list<std::span<const OpDef>> tables);
// Is v one of the callables above?
bool is_op(const Value& v);
// The op behind a method that install_ops stored on a type (Null for anything else).
Value method_op(const Value& v);
// fn(*args, **kwargs) for an args tuple and a kwargs dict (what a `(*args, **kwargs)`
// native function receives).
Value call_with_kwargs(const Value& fn, const Value& args, const Value& kwargs);

// A Python int from a value that PyTorch accepts as one (int, or a one-element integer
// tensor); false otherwise.
bool int_of(const Value& v, int64_t& out);

// The op tables, one file per family.
std::span<const OpDef> creation_ops();    // ops_creation.cpp
std::span<const OpDef> random_ops();      // ops_random.cpp
std::span<const OpDef> pointwise_ops();   // ops_pointwise.cpp
std::span<const OpDef> reduce_ops();      // ops_reduce.cpp
std::span<const OpDef> shape_ops();       // ops_shape.cpp
std::span<const OpDef> index_ops();       // ops_index.cpp
std::span<const OpDef> linalg_ops();      // ops_linalg.cpp
std::span<const OpDef> nn_ops();          // ops_nn.cpp: conv1d conv2d max_pool2d avg_pool2d ...
std::span<const OpDef> loss_ops();        // ops_loss.cpp: fused losses, batch/layer/group norm, embedding
std::span<const OpDef> data_ops();        // ops_data.cpp: private helpers of torch.utils.data / torchvision
std::span<const OpDef> tensor_info_ops(); // ops_tensor.cpp: conversions, metadata, dunders
std::span<const OpDef> module_ops();      // torch_module.cpp: seeds, print options, grad mode
std::span<const OpDef> serialize_ops();   // serialize.cpp: save, load (and the `tscript` module)

}  // namespace tscript::bindings
