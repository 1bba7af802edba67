// Elementwise ops: the unary and binary families of runtime/ops (generated from their
// X-macro lists, so a new runtime op is one line there), predicates, activations, and
// the conditional ops (where, clamp, masked_fill, lerp, addcmul, addcdiv).
#include "interpreter/bindings/arg_parser.h"
#include "runtime/autograd/functions.h"
#include "interpreter/builtins/builtins_internal.h"

namespace tscript::bindings {

namespace {

// tril / triu: keep the elements on and below (above) the k-th diagonal of the last
// two dims; the mask is made of runtime ops (col - row <= k), no loop here.
rt::Tensor triangle(const rt::Tensor& x, int64_t k, bool lower) {
  TS_CHECK(x.dim() >= 2, lower ? "tril" : "triu", ": input tensor must have at least 2 dimensions");
  int64_t rows = x.size(-2), cols = x.size(-1);
  rt::Tensor r = ag::unsqueeze(ag::arange(rows), 1), c = ag::unsqueeze(ag::arange(cols), 0);
  rt::Tensor diff = ag::sub(c, r);  // col - row
  rt::Tensor keep = lower ? ag::le(diff, rt::Scalar(k)) : ag::ge(diff, rt::Scalar(k));
  return ag::where(keep, x, ag::zeros({}, x.dtype()));
}

#define UNARY_ROWS(name, kind)                                                                       \
  {#name "(Tensor self)", [](Args& a) { return a.ret(ag::name(a.tensor(0))); }},                      \
      {#name "_(Tensor self)", [](Args& a) { return a.ret(ag::name##_(a.tensor(0))); }},

#define BINARY_ROWS(name, kind)                                                                          \
  {#name "(Tensor self, Tensor|Scalar other)",                                                            \
   [](Args& a) { return a.ret(ag::name(a.tensor(0), a.tensor_or_scalar(1))); }},                          \
      {#name "_(Tensor self, Tensor|Scalar other)",                                                       \
       [](Args& a) { return a.ret(ag::name##_(a.tensor(0), a.tensor_or_scalar(1))); }},

// Other names PyTorch gives the same binary op.
#define ALIAS_ROWS(alias, name)                                                                          \
  {#alias "(Tensor self, Tensor|Scalar other)",                                                           \
   [](Args& a) { return a.ret(ag::name(a.tensor(0), a.tensor_or_scalar(1))); }},                          \
      {#alias "_(Tensor self, Tensor|Scalar other)",                                                      \
       [](Args& a) { return a.ret(ag::name##_(a.tensor(0), a.tensor_or_scalar(1))); }, kMethod},

#define PREDICATE_ROW(name) {#name "(Tensor self)", [](Args& a) { return a.ret(ag::name(a.tensor(0))); }},

const OpDef kPointwiseOps[] = {
    TS_UNARY_OPS(UNARY_ROWS)
    {"round(Tensor self, *, int decimals)", [](Args& a) { return wrap(ag::round(a.tensor(0), a.int64(1))); }},
    {"negative(Tensor self)", [](Args& a) { return wrap(ag::neg(a.tensor(0))); }},
    {"absolute(Tensor self)", [](Args& a) { return wrap(ag::abs(a.tensor(0))); }},
    {"__abs__(Tensor self)", [](Args& a) { return wrap(ag::abs(a.tensor(0))); }, kMethod},
    {"positive(Tensor self)", [](Args& a) { return a[0]; }},
    {"gelu(Tensor self, *, str approximate='none')",
     [](Args& a) { return wrap(ag::gelu(a.tensor(0), a.string(1))); }},
    {"leaky_relu(Tensor self, Scalar negative_slope=0.01)",
     [](Args& a) { return wrap(ag::leaky_relu(a.tensor(0), a.scalar(1))); }},
    {"leaky_relu_(Tensor self, Scalar negative_slope=0.01)",
     [](Args& a) { return a.ret(ag::leaky_relu_(a.tensor(0), a.scalar(1))); }},
    PREDICATE_ROW(logical_not) PREDICATE_ROW(isnan) PREDICATE_ROW(isinf) PREDICATE_ROW(isposinf)
    PREDICATE_ROW(isneginf) PREDICATE_ROW(isfinite) PREDICATE_ROW(signbit)
    {"logical_not_(Tensor self)", [](Args& a) { return a.ret(ag::copy_(a.tensor(0), ag::logical_not(a.tensor(0)))); },
     kMethod},

    TS_BINARY_OPS(BINARY_ROWS)
    {"add(Tensor self, Tensor|Scalar other, *, Scalar alpha=1)",
     [](Args& a) { return wrap(ag::add(a.tensor(0), a.tensor_or_scalar(1), a.scalar(2))); }},
    {"add_(Tensor self, Tensor|Scalar other, *, Scalar alpha=1)",
     [](Args& a) { return a.ret(ag::add_(a.tensor(0), a.tensor_or_scalar(1), a.scalar(2))); }},
    {"sub(Tensor self, Tensor|Scalar other, *, Scalar alpha=1)",
     [](Args& a) { return wrap(ag::sub(a.tensor(0), a.tensor_or_scalar(1), a.scalar(2))); }},
    {"sub_(Tensor self, Tensor|Scalar other, *, Scalar alpha=1)",
     [](Args& a) { return a.ret(ag::sub_(a.tensor(0), a.tensor_or_scalar(1), a.scalar(2))); }},
    {"subtract(Tensor self, Tensor|Scalar other, *, Scalar alpha=1)",
     [](Args& a) { return wrap(ag::sub(a.tensor(0), a.tensor_or_scalar(1), a.scalar(2))); }},
    {"rsub(Tensor self, Tensor|Scalar other, *, Scalar alpha=1)",
     [](Args& a) { return wrap(ag::sub(a.tensor_or_scalar(1), a.tensor(0), a.scalar(2))); }},
    {"div(Tensor self, Tensor|Scalar other, *, str? rounding_mode=None)",
     [](Args& a) { return wrap(ag::div(a.tensor(0), a.tensor_or_scalar(1), a.string_or_none(2))); }},
    {"div_(Tensor self, Tensor|Scalar other, *, str? rounding_mode=None)",
     [](Args& a) { return a.ret(ag::div_(a.tensor(0), a.tensor_or_scalar(1), a.string_or_none(2))); }},
    {"divide(Tensor self, Tensor|Scalar other, *, str? rounding_mode=None)",
     [](Args& a) { return wrap(ag::div(a.tensor(0), a.tensor_or_scalar(1), a.string_or_none(2))); }},
    {"pow(Scalar self, Tensor exponent)",
     [](Args& a) { return wrap(ag::pow(ag::wrap_scalar(a.scalar(0)), a.tensor(1))); }, kFunction},
    {"float_power(Tensor self, Tensor|Scalar exponent)",
     [](Args& a) {
       return wrap(ag::pow(ag::to(a.tensor(0), rt::DType::Float64), ag::to(a.tensor_or_scalar(1), rt::DType::Float64)));
     }},
    ALIAS_ROWS(multiply, mul) ALIAS_ROWS(greater, gt) ALIAS_ROWS(greater_equal, ge) ALIAS_ROWS(less, lt)
    ALIAS_ROWS(less_equal, le) ALIAS_ROWS(not_equal, ne)

    // ---- selection by condition and bounds ----
    {"where(Tensor condition, Tensor|Scalar self, Tensor|Scalar other)",
     [](Args& a) { return wrap(ag::where(a.tensor(0), a.tensor_or_scalar(1), a.tensor_or_scalar(2))); },
     kFunction},
    {"where(Tensor condition)", [](Args& a) { return wrap_list(ag::where(a.tensor(0))); }, kFunction},
    {"where(Tensor self, Tensor condition, Tensor|Scalar other)",
     [](Args& a) { return wrap(ag::where(a.tensor(1), a.tensor(0), a.tensor_or_scalar(2))); }, kMethod},
    {"nonzero(Tensor self, *, bool as_tuple=False)",
     [](Args& a) { return a.boolean(1) ? wrap_list(ag::where(a.tensor(0))) : wrap(ag::nonzero(a.tensor(0))); }},
    {"argwhere(Tensor self)", [](Args& a) { return wrap(ag::nonzero(a.tensor(0))); }},
    {"clamp(Tensor self, Scalar? min=None, Scalar? max=None)",
     [](Args& a) { return wrap(ag::clamp(a.tensor(0), a.scalar_or_none(1), a.scalar_or_none(2))); }},
    {"clamp(Tensor self, Tensor? min=None, Tensor? max=None)",
     [](Args& a) { return wrap(ag::clamp(a.tensor(0), a.tensor_or_none(1), a.tensor_or_none(2))); }},
    {"clip(Tensor self, Scalar? min=None, Scalar? max=None)",
     [](Args& a) { return wrap(ag::clamp(a.tensor(0), a.scalar_or_none(1), a.scalar_or_none(2))); }},
    {"clamp_(Tensor self, Scalar? min=None, Scalar? max=None)",
     [](Args& a) { return a.ret(ag::clamp_(a.tensor(0), a.scalar_or_none(1), a.scalar_or_none(2))); }},
    {"clamp_(Tensor self, Tensor? min=None, Tensor? max=None)",
     [](Args& a) {
       return a.ret(ag::copy_(a.tensor(0), ag::clamp(a.tensor(0), a.tensor_or_none(1), a.tensor_or_none(2))));
     }},
    {"clip_(Tensor self, Scalar? min=None, Scalar? max=None)",
     [](Args& a) { return a.ret(ag::clamp_(a.tensor(0), a.scalar_or_none(1), a.scalar_or_none(2))); }, kMethod},
    {"clamp_min(Tensor self, Scalar min)", [](Args& a) { return wrap(ag::clamp(a.tensor(0), a.scalar(1))); }},
    {"clamp_max(Tensor self, Scalar max)",
     [](Args& a) { return wrap(ag::clamp(a.tensor(0), std::nullopt, a.scalar(1))); }},
    {"clamp_min_(Tensor self, Scalar min)", [](Args& a) { return a.ret(ag::clamp_(a.tensor(0), a.scalar(1))); },
     kMethod},
    {"clamp_max_(Tensor self, Scalar max)",
     [](Args& a) { return a.ret(ag::clamp_(a.tensor(0), std::nullopt, a.scalar(1))); }, kMethod},
    {"masked_fill(Tensor self, Tensor mask, Scalar value)",
     [](Args& a) { return wrap(ag::masked_fill(a.tensor(0), a.tensor(1), a.scalar(2))); }},
    {"masked_fill(Tensor self, Tensor mask, Tensor value)",
     [](Args& a) { return wrap(ag::masked_fill(a.tensor(0), a.tensor(1), a.tensor(2))); }},
    {"masked_fill_(Tensor self, Tensor mask, Scalar value)",
     [](Args& a) { return a.ret(ag::masked_fill_(a.tensor(0), a.tensor(1), a.scalar(2))); }, kMethod},
    {"masked_fill_(Tensor self, Tensor mask, Tensor value)",
     [](Args& a) { return a.ret(ag::masked_fill_(a.tensor(0), a.tensor(1), a.tensor(2))); }, kMethod},
    {"masked_select(Tensor self, Tensor mask)",
     [](Args& a) { return wrap(ag::masked_select(a.tensor(0), a.tensor(1))); }},
    {"lerp(Tensor self, Tensor end, Scalar weight)",
     [](Args& a) { return wrap(ag::lerp(a.tensor(0), a.tensor(1), a.scalar(2))); }},
    {"lerp_(Tensor self, Tensor end, Scalar weight)",
     [](Args& a) { return a.ret(ag::copy_(a.tensor(0), ag::lerp(a.tensor(0), a.tensor(1), a.scalar(2)))); },
     kMethod},
    {"addcmul(Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1)",
     [](Args& a) { return wrap(ag::addcmul(a.tensor(0), a.tensor(1), a.tensor(2), a.scalar(3))); }},
    {"addcmul_(Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1)",
     [](Args& a) { return a.ret(ag::addcmul_(a.tensor(0), a.tensor(1), a.tensor(2), a.scalar(3))); }, kMethod},
    {"tril(Tensor self, int diagonal=0)", [](Args& a) { return wrap(triangle(a.tensor(0), a.int64(1), true)); }},
    {"triu(Tensor self, int diagonal=0)", [](Args& a) { return wrap(triangle(a.tensor(0), a.int64(1), false)); }},
    {"tril_(Tensor self, int diagonal=0)",
     [](Args& a) { return a.ret(ag::copy_(a.tensor(0), triangle(a.tensor(0), a.int64(1), true))); }, kMethod},
    {"triu_(Tensor self, int diagonal=0)",
     [](Args& a) { return a.ret(ag::copy_(a.tensor(0), triangle(a.tensor(0), a.int64(1), false))); }, kMethod},
    {"addcdiv(Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1)",
     [](Args& a) { return wrap(ag::addcdiv(a.tensor(0), a.tensor(1), a.tensor(2), a.scalar(3))); }},
    {"addcdiv_(Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1)",
     [](Args& a) { return a.ret(ag::addcdiv_(a.tensor(0), a.tensor(1), a.tensor(2), a.scalar(3))); }, kMethod},
};

}  // namespace

std::span<const OpDef> pointwise_ops() { return kPointwiseOps; }

}  // namespace tscript::bindings
