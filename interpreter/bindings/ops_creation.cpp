// Tensor creation: tensor as_tensor zeros ones empty full eye arange linspace logspace
// scalar_tensor, the *_like forms and the Tensor.new_* methods.
#include "interpreter/bindings/arg_parser.h"
#include "interpreter/builtins/builtins_internal.h"

namespace tscript::bindings {

namespace {

// A factory's requires_grad keyword (PyTorch's factory message differs from the setter's).
Value finish(Args& a, const rt::Tensor& t, int requires_grad_at) {
  if (requires_grad_at >= 0 && a.boolean(requires_grad_at)) {
    TS_CHECK(rt::is_floating(t.dtype()), "Only Tensors of floating point and complex dtype can require gradients");
    t.impl()->set_requires_grad(true);
  }
  return wrap(t);
}

// Options for Tensor.new_*: dtype and device default to self's.
rt::TensorOptions new_options(Args& a, int dtype_at, int device_at) {
  rt::TensorOptions o = a.options(dtype_at, device_at);
  if (!o.dtype) o.dtype = a.tensor(0).dtype();
  return o;
}

#define FACTORY_OPTS "*, ScalarType? dtype=None, object layout=None, Device? device=None, bool requires_grad=False, bool pin_memory=False"
#define LIKE_OPTS "*, ScalarType? dtype=None, object layout=None, Device? device=None, bool requires_grad=False, object memory_format=None"
#define NEW_OPTS "*, ScalarType? dtype=None, object layout=None, Device? device=None, bool requires_grad=False"

const OpDef kCreationOps[] = {
    {"tensor(object data, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False, bool pin_memory=False)",
     [](Args& a) {
       a.options(1, 2);  // validates the device
       return finish(a, tensor_from_data(a[0], a.dtype(1)), 3);
     },
     kFunction},
    {"as_tensor(object data, ScalarType? dtype=None, Device? device=None)",
     [](Args& a) -> Value {
       a.options(1, 2);
       if (auto* t = as_tensor(a[0])) return a.ret(a.has(1) ? rt::to(t->t, *a.dtype(1)) : t->t);
       return wrap(tensor_from_data(a[0], a.dtype(1)));
     },
     kFunction},
    {"scalar_tensor(Scalar s, " FACTORY_OPTS ")",
     [](Args& a) {
       rt::TensorOptions o = a.options(1, 3);
       if (!o.dtype) o.dtype = rt::default_dtype();
       return finish(a, rt::scalar_tensor(a.scalar(0), o), 4);
     },
     kFunction},
    {"zeros(int[]... size, " FACTORY_OPTS ")",
     [](Args& a) { return finish(a, rt::zeros(a.ints(0), a.options(1, 3)), 4); }, kFunction},
    {"ones(int[]... size, " FACTORY_OPTS ")",
     [](Args& a) { return finish(a, rt::ones(a.ints(0), a.options(1, 3)), 4); }, kFunction},
    {"empty(int[]... size, " FACTORY_OPTS ", object memory_format=None)",
     [](Args& a) { return finish(a, rt::empty(a.ints(0), a.options(1, 3)), 4); }, kFunction},
    {"full(int[] size, Scalar fill_value, " FACTORY_OPTS ")",
     [](Args& a) { return finish(a, rt::full(a.ints(0), a.scalar(1), a.options(2, 4)), 5); }, kFunction},
    {"eye(int n, int? m=None, " FACTORY_OPTS ")",
     [](Args& a) { return finish(a, rt::eye(a.int64(0), a.int_or_none(1), a.options(2, 4)), 5); }, kFunction},
    {"arange(Scalar end, " FACTORY_OPTS ")",
     [](Args& a) { return finish(a, rt::arange(a.scalar(0), a.options(1, 3)), 4); }, kFunction},
    {"arange(Scalar start, Scalar end, Scalar step=1, " FACTORY_OPTS ")",
     [](Args& a) { return finish(a, rt::arange(a.scalar(0), a.scalar(1), a.scalar(2), a.options(3, 5)), 6); },
     kFunction},
    {"linspace(Scalar start, Scalar end, int steps, " FACTORY_OPTS ")",
     [](Args& a) { return finish(a, rt::linspace(a.scalar(0), a.scalar(1), a.int64(2), a.options(3, 5)), 6); },
     kFunction},
    {"logspace(Scalar start, Scalar end, int steps, float base=10.0, " FACTORY_OPTS ")",
     [](Args& a) {
       rt::TensorOptions o = a.options(4, 6);
       rt::DType out = o.dtype.value_or(rt::default_dtype());
       // base ** linspace(start, end), computed in double like PyTorch's kernel.
       rt::Tensor e = rt::linspace(a.scalar(0), a.scalar(1), a.int64(2), rt::DType::Float64);
       rt::Tensor r = rt::pow(rt::wrap_scalar(a.float64(3)), e);
       return finish(a, rt::to(r, out), 7);
     },
     kFunction},

    {"zeros_like(Tensor self, " LIKE_OPTS ")",
     [](Args& a) { return finish(a, rt::zeros_like(a.tensor(0), a.options(1, 3)), 4); }, kFunction},
    {"ones_like(Tensor self, " LIKE_OPTS ")",
     [](Args& a) { return finish(a, rt::ones_like(a.tensor(0), a.options(1, 3)), 4); }, kFunction},
    {"empty_like(Tensor self, " LIKE_OPTS ")",
     [](Args& a) { return finish(a, rt::empty_like(a.tensor(0), a.options(1, 3)), 4); }, kFunction},
    {"full_like(Tensor self, Scalar fill_value, " LIKE_OPTS ")",
     [](Args& a) { return finish(a, rt::full_like(a.tensor(0), a.scalar(1), a.options(2, 4)), 5); }, kFunction},

    {"new_zeros(Tensor self, int[]... size, " NEW_OPTS ")",
     [](Args& a) { return finish(a, rt::zeros(a.ints(1), new_options(a, 2, 4)), 5); }, kMethod},
    {"new_ones(Tensor self, int[]... size, " NEW_OPTS ")",
     [](Args& a) { return finish(a, rt::ones(a.ints(1), new_options(a, 2, 4)), 5); }, kMethod},
    {"new_empty(Tensor self, int[]... size, " NEW_OPTS ")",
     [](Args& a) { return finish(a, rt::empty(a.ints(1), new_options(a, 2, 4)), 5); }, kMethod},
    {"new_full(Tensor self, int[] size, Scalar fill_value, " NEW_OPTS ")",
     [](Args& a) { return finish(a, rt::full(a.ints(1), a.scalar(2), new_options(a, 3, 5)), 6); }, kMethod},
    {"new_tensor(Tensor self, object data, " NEW_OPTS ")",
     [](Args& a) {
       rt::TensorOptions o = new_options(a, 2, 4);
       return finish(a, tensor_from_data(a[1], o.dtype), 5);
     },
     kMethod},
};

}  // namespace

std::span<const OpDef> creation_ops() { return kCreationOps; }

}  // namespace tscript::bindings
