// Tensor metadata and conversions: size stride numel item tolist, dtype/device moves
// (to float long type cpu ...), copies (clone detach contiguous copy_ fill_ zero_), and
// the number dunders (__int__ __float__ __index__ __contains__).
#include "interpreter/bindings/arg_parser.h"
#include "runtime/autograd/functions.h"
#include "interpreter/bindings/tensor_index.h"
#include "interpreter/builtins/builtins_internal.h"

namespace tscript::bindings {

namespace {

rt::Scalar one_element(const rt::Tensor& t) {
  if (t.numel() != 1) value_error("only one element tensors can be converted to Python scalars");
  return t.item();
}

// "torch.FloatTensor" / "torch.cuda.FloatTensor" -> dtype, for Tensor.type(str).
rt::DType dtype_from_legacy(const std::string& name) {
  for (int i = 0; i < rt::kNumDTypes; ++i) {
    auto d = static_cast<rt::DType>(i);
    if (name == legacy_type_name(d)) return d;
  }
  value_error("invalid type: '" + name + "'");
}

Value ints_tuple(rt::IntArrayRef v) {
  std::vector<Value> items;
  for (int64_t x : v) items.emplace_back(x);
  return Value::steal(new Tuple(std::move(items)));
}

rt::Tensor to_device(Args& a, const rt::Tensor& t, std::optional<rt::Device> device, std::optional<rt::DType> dtype,
                     bool copy) {
  if (device) ag::check_device_available(*device);
  return ag::to(t, device.value_or(t.device()), dtype, copy);
}

#define CONVERSION_ROW(method, DT)                                                               \
  {#method "(Tensor self, *, object memory_format=None)",                                        \
   [](Args& a) { return a.ret(ag::to(a.tensor(0), rt::DType::DT)); }, kMethod},

const OpDef kTensorOps[] = {
    {"size(Tensor self)", [](Args& a) { return make_size(a.tensor(0).sizes()); }, kMethod},
    {"size(Tensor self, int dim)", [](Args& a) { return Value(a.tensor(0).size(a.int64(1))); }, kMethod},
    {"dim(Tensor self)", [](Args& a) { return Value(a.tensor(0).dim()); }, kMethod},
    {"ndimension(Tensor self)", [](Args& a) { return Value(a.tensor(0).dim()); }, kMethod},
    {"numel(Tensor self)", [](Args& a) { return Value(a.tensor(0).numel()); }},
    {"nelement(Tensor self)", [](Args& a) { return Value(a.tensor(0).numel()); }, kMethod},
    {"stride(Tensor self)", [](Args& a) { return ints_tuple(a.tensor(0).strides()); }, kMethod},
    {"stride(Tensor self, int dim)", [](Args& a) { return Value(a.tensor(0).stride(a.int64(1))); }, kMethod},
    {"storage_offset(Tensor self)", [](Args& a) { return Value(a.tensor(0).storage_offset()); }, kMethod},
    {"is_contiguous(Tensor self, *, object memory_format=None)",
     [](Args& a) { return Value(a.tensor(0).is_contiguous()); }, kMethod},
    {"is_floating_point(Tensor self)", [](Args& a) { return Value(a.tensor(0).is_floating_point()); }},
    {"is_complex(Tensor self)", [](Args&) { return Value(false); }},
    {"is_signed(Tensor self)", [](Args& a) { return Value(ag::is_signed(a.tensor(0).dtype())); }, kMethod},
    {"element_size(Tensor self)", [](Args& a) { return Value(static_cast<int64_t>(a.tensor(0).element_size())); },
     kMethod},
    {"data_ptr(Tensor self)",
     [](Args& a) { return Value(static_cast<int64_t>(reinterpret_cast<intptr_t>(a.tensor(0).data_ptr()))); }, kMethod},
    {"get_device(Tensor self)",
     [](Args& a) { return Value(a.tensor(0).device().is_cpu() ? int64_t{-1} : int64_t{a.tensor(0).device().index}); },
     kMethod},
    {"item(Tensor self)", [](Args& a) { return scalar_value(one_element(a.tensor(0))); }, kMethod},
    {"tolist(Tensor self)", [](Args& a) { return tensor_to_list(a.tensor(0)); }, kMethod},

    // int(t), float(t), operator.index(t), `x in t`.
    {"__int__(Tensor self)", [](Args& a) { return Value(one_element(a.tensor(0)).to_int()); }, kMethod},
    {"__float__(Tensor self)", [](Args& a) { return Value(one_element(a.tensor(0)).to_double()); }, kMethod},
    {"__index__(Tensor self)",
     [](Args& a) {
       const rt::Tensor& t = a.tensor(0);
       if (t.numel() != 1 || !ag::is_integral(t.dtype(), true))
         type_error("only integer tensors of a single element can be converted to an index");
       return Value(t.item().to_int());
     },
     kMethod},
    {"__getitem__(Tensor self, object indices)", [](Args& a) { return tensor_get_item(a[0], a[1]); }, kMethod},
    {"__setitem__(Tensor self, object indices, object value)",
     [](Args& a) {
       tensor_set_item(a[0], a[1], a[2]);
       return Value();
     },
     kMethod},
    // Tensor's own repr, for subclasses that extend it (super().__repr__()).
    {"__repr__(Tensor self, *, object tensor_contents=None)",
     [](Args& a) { return str(tensor_repr_string(a[0])); }, kMethod},
    {"__bool__(Tensor self)", [](Args& a) { return Value(truthy(a[0])); }, kMethod},
    {"__len__(Tensor self)", [](Args& a) { return Value(length(a[0])); }, kMethod},
    {"__contains__(Tensor self, object element)",
     [](Args& a) {
       rt::Scalar s;
       rt::Tensor other;
       if (auto* t = as_tensor(a[1])) other = t->t;
       else if (scalar_of(a[1], s)) other = ag::wrap_scalar(s);
       else
         runtime_error("Tensor.__contains__ only supports Tensor or scalar, but you passed in a <class '" +
                       type_name(a[1]) + "'>.");
       return Value(ag::any(ag::eq(a.tensor(0), other)).item().to_bool());
     },
     kMethod},
    {"__deepcopy__(Tensor self, object memo)",
     [](Args& a) {
       rt::Tensor c = ag::clone(a.tensor(0));
       c.set_requires_grad(a.tensor(0).requires_grad());
       return wrap(c, a[0].obj()->type);
     },
     kMethod},

    // torch.Tensor._make_subclass(cls, data, require_grad): how nn.Parameter-style
    // subclasses wrap existing data (shared storage, own autograd flag).
    {"_make_subclass(object cls, Tensor data, bool require_grad=False)",
     [](Args& a) {
       Type* cls = a[0].as<Type>();
       if (!cls || !cls->is_subtype(tensor_type()))
         type_error("_make_subclass(): cls must be a subclass of torch.Tensor");
       rt::Tensor t = detached(a.tensor(1));
       set_requires_grad(t, a.boolean(2));
       return wrap(t, cls);
     },
     kMethod},

    // ---- dtype and device ----
    {"to(Tensor self, Device? device=None, ScalarType? dtype=None, bool non_blocking=False, bool copy=False, *, "
     "object memory_format=None)",
     [](Args& a) { return a.ret(to_device(a, a.tensor(0), a.device(1), a.dtype(2), a.boolean(4))); }, kMethod},
    {"to(Tensor self, ScalarType dtype, bool non_blocking=False, bool copy=False, *, object memory_format=None)",
     [](Args& a) { return a.ret(ag::to(a.tensor(0), *a.dtype(1), a.boolean(3))); }, kMethod},
    {"to(Tensor self, Tensor other, bool non_blocking=False, bool copy=False, *, object memory_format=None)",
     [](Args& a) {
       return a.ret(to_device(a, a.tensor(0), a.tensor(1).device(), a.tensor(1).dtype(), a.boolean(3)));
     },
     kMethod},
    {"type(Tensor self, ScalarType? dtype=None, bool non_blocking=False)",
     [](Args& a) -> Value {
       if (!a.has(1)) return str(legacy_type_name(a.tensor(0).dtype()));
       return a.ret(ag::to(a.tensor(0), *a.dtype(1)));
     },
     kMethod},
    {"type(Tensor self, str dtype, bool non_blocking=False)",
     [](Args& a) { return a.ret(ag::to(a.tensor(0), dtype_from_legacy(a.string(1)))); }, kMethod},
    {"type_as(Tensor self, Tensor other)", [](Args& a) { return a.ret(ag::to(a.tensor(0), a.tensor(1).dtype())); },
     kMethod},
    CONVERSION_ROW(float, Float32) CONVERSION_ROW(double, Float64) CONVERSION_ROW(half, Float16)
    CONVERSION_ROW(bfloat16, BFloat16) CONVERSION_ROW(long, Int64) CONVERSION_ROW(int, Int32)
    CONVERSION_ROW(short, Int16) CONVERSION_ROW(char, Int8) CONVERSION_ROW(byte, UInt8) CONVERSION_ROW(bool, Bool)
    {"cpu(Tensor self, *, object memory_format=None)", [](Args& a) { return a[0]; }, kMethod},
    {"cuda(Tensor self, object device=None, bool non_blocking=False, *, object memory_format=None)",
     [](Args& a) {
       ag::check_device_available(rt::Device(rt::DeviceType::CUDA));
       return a[0];
     },
     kMethod},

    // ---- copies ----
    {"clone(Tensor self, *, object memory_format=None)", [](Args& a) { return wrap(ag::clone(a.tensor(0))); }},
    {"detach(Tensor self)", [](Args& a) { return wrap(detached(a.tensor(0))); }},
    {"detach_(Tensor self)",
     [](Args& a) {
       const_cast<rt::Tensor&>(a.tensor(0)).set_requires_grad(false);
       return a[0];
     },
     kMethod},
    {"requires_grad_(Tensor self, bool requires_grad=True)",
     [](Args& a) {
       set_requires_grad(a.tensor(0), a.boolean(1));
       return a[0];
     },
     kMethod},
    {"contiguous(Tensor self, *, object memory_format=None)",
     [](Args& a) { return a.ret(ag::contiguous(a.tensor(0))); }, kMethod},
    {"copy_(Tensor self, Tensor src, bool non_blocking=False)",
     [](Args& a) { return a.ret(ag::copy_(a.tensor(0), a.tensor(1))); }, kMethod},
    {"fill_(Tensor self, Scalar value)",
     [](Args& a) { return a.ret(ag::copy_(a.tensor(0), ag::scalar_tensor(a.scalar(1), a.tensor(0).dtype()))); },
     kMethod},
    {"fill_(Tensor self, Tensor value)",
     [](Args& a) {
       TS_CHECK(a.tensor(1).dim() == 0, "fill_ only supports 0-dimension value tensor but got tensor with ",
                a.tensor(1).dim(), " dimensions.");
       return a.ret(ag::copy_(a.tensor(0), a.tensor(1)));
     },
     kMethod},
    {"zero_(Tensor self)",
     [](Args& a) { return a.ret(ag::copy_(a.tensor(0), ag::scalar_tensor(0, a.tensor(0).dtype()))); }, kMethod},
};

}  // namespace

std::span<const OpDef> tensor_info_ops() { return kTensorOps; }

}  // namespace tscript::bindings
