// Reductions, scans, softmax, comparisons of whole tensors, and sorting: sum mean prod
// max min amax amin argmax argmin var std norm logsumexp all any count_nonzero cumsum
// cumprod softmax log_softmax equal isclose allclose sort argsort topk.
#include <cmath>

#include "interpreter/bindings/arg_parser.h"
#include "runtime/autograd/functions.h"
#include "interpreter/builtins/builtins_internal.h"

namespace tscript::bindings {

namespace {

// norm's p: a number, None / 'fro' (2), or +-inf.
double norm_p(const Value& p) {
  if (p.is_none()) return 2.0;
  if (p.is_number()) return p.to_double();
  if (auto* s = p.as<Str>()) {
    if (s->s == "fro") return 2.0;
    TS_ERROR("norm: p='", s->s, "' is not supported");
  }
  if (auto* t = as_tensor(p); t && t->t.numel() == 1) return t->t.item().to_double();
  type_error("norm(): argument 'p' must be Number, not " + type_name(p));
}

Value pair(const std::pair<rt::Tensor, rt::Tensor>& p) {
  return Value::steal(new Tuple({wrap(p.first), wrap(p.second)}));
}

const OpDef kReduceOps[] = {
    {"sum(Tensor self, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None)",
     [](Args& a) {
       if (!a.has(1)) return wrap(ag::sum(a.tensor(0), a.dtype(3)));
       return wrap(ag::sum(a.tensor(0), a.ints(1), a.boolean(2), a.dtype(3)));
     }},
    {"mean(Tensor self, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None)",
     [](Args& a) {
       if (!a.has(1)) return wrap(ag::mean(a.tensor(0), a.dtype(3)));
       return wrap(ag::mean(a.tensor(0), a.ints(1), a.boolean(2), a.dtype(3)));
     }},
    {"prod(Tensor self, *, ScalarType? dtype=None)", [](Args& a) { return wrap(ag::prod(a.tensor(0), a.dtype(1))); }},
    {"prod(Tensor self, int dim, bool keepdim=False, *, ScalarType? dtype=None)",
     [](Args& a) { return wrap(ag::prod(a.tensor(0), a.int64(1), a.boolean(2), a.dtype(3))); }},

    {"max(Tensor self)", [](Args& a) { return wrap(ag::max(a.tensor(0))); }},
    {"max(Tensor self, int dim, bool keepdim=False)",
     [](Args& a) { return values_indices("max", ag::max(a.tensor(0), a.int64(1), a.boolean(2))); }},
    {"max(Tensor self, Tensor other)", [](Args& a) { return wrap(ag::maximum(a.tensor(0), a.tensor(1))); }},
    {"min(Tensor self)", [](Args& a) { return wrap(ag::min(a.tensor(0))); }},
    {"min(Tensor self, int dim, bool keepdim=False)",
     [](Args& a) { return values_indices("min", ag::min(a.tensor(0), a.int64(1), a.boolean(2))); }},
    {"min(Tensor self, Tensor other)", [](Args& a) { return wrap(ag::minimum(a.tensor(0), a.tensor(1))); }},
    {"amax(Tensor self, int[1] dim=(), bool keepdim=False)",
     [](Args& a) { return wrap(ag::amax(a.tensor(0), a.ints(1), a.boolean(2))); }},
    {"amin(Tensor self, int[1] dim=(), bool keepdim=False)",
     [](Args& a) { return wrap(ag::amin(a.tensor(0), a.ints(1), a.boolean(2))); }},
    {"argmax(Tensor self, int? dim=None, bool keepdim=False)",
     [](Args& a) { return wrap(ag::argmax(a.tensor(0), a.int_or_none(1), a.boolean(2))); }},
    {"argmin(Tensor self, int? dim=None, bool keepdim=False)",
     [](Args& a) { return wrap(ag::argmin(a.tensor(0), a.int_or_none(1), a.boolean(2))); }},

    // var/std: the unbiased flag (positionally after dim) or a keyword-only correction.
    {"var(Tensor self, bool unbiased=True)",
     [](Args& a) { return wrap(ag::var(a.tensor(0), {}, a.boolean(1) ? 1 : 0)); }},
    {"var(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False)",
     [](Args& a) { return wrap(ag::var(a.tensor(0), a.ints_or_none(1).value_or(rt::DimVector{}), a.boolean(2) ? 1 : 0, a.boolean(3))); }},
    {"var(Tensor self, int[1]? dim=None, *, float? correction=None, bool keepdim=False)",
     [](Args& a) {
       return wrap(ag::var(a.tensor(0), a.ints_or_none(1).value_or(rt::DimVector{}), a.float_or_none(2).value_or(1), a.boolean(3)));
     }},
    {"std(Tensor self, bool unbiased=True)",
     [](Args& a) { return wrap(ag::std_dev(a.tensor(0), {}, a.boolean(1) ? 1 : 0)); }},
    {"std(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False)",
     [](Args& a) {
       return wrap(ag::std_dev(a.tensor(0), a.ints_or_none(1).value_or(rt::DimVector{}), a.boolean(2) ? 1 : 0, a.boolean(3)));
     }},
    {"std(Tensor self, int[1]? dim=None, *, float? correction=None, bool keepdim=False)",
     [](Args& a) {
       return wrap(ag::std_dev(a.tensor(0), a.ints_or_none(1).value_or(rt::DimVector{}), a.float_or_none(2).value_or(1), a.boolean(3)));
     }},
    {"var_mean(Tensor self, int[1]? dim=None, bool unbiased=True, bool keepdim=False)",
     [](Args& a) {
       return pair(ag::var_mean(a.tensor(0), a.ints_or_none(1).value_or(rt::DimVector{}), a.boolean(2) ? 1 : 0, a.boolean(3)));
     },
     kFunction},
    {"std_mean(Tensor self, int[1]? dim=None, bool unbiased=True, bool keepdim=False)",
     [](Args& a) {
       return pair(ag::std_mean(a.tensor(0), a.ints_or_none(1).value_or(rt::DimVector{}), a.boolean(2) ? 1 : 0, a.boolean(3)));
     },
     kFunction},
    {"norm(Tensor self, object p=None, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None)",
     [](Args& a) {
       rt::Tensor x = a.has(4) ? ag::to(a.tensor(0), *a.dtype(4)) : a.tensor(0);
       return wrap(ag::norm(x, norm_p(a[1]), a.ints_or_none(2).value_or(rt::DimVector{}), a.boolean(3)));
     }},
    {"logsumexp(Tensor self, int[1] dim, bool keepdim=False)",
     [](Args& a) { return wrap(ag::logsumexp(a.tensor(0), a.ints(1), a.boolean(2))); }},
    {"all(Tensor self)", [](Args& a) { return wrap(ag::all(a.tensor(0))); }},
    {"all(Tensor self, int dim, bool keepdim=False)",
     [](Args& a) { return wrap(ag::all(a.tensor(0), a.int64(1), a.boolean(2))); }},
    {"any(Tensor self)", [](Args& a) { return wrap(ag::any(a.tensor(0))); }},
    {"any(Tensor self, int dim, bool keepdim=False)",
     [](Args& a) { return wrap(ag::any(a.tensor(0), a.int64(1), a.boolean(2))); }},
    {"count_nonzero(Tensor self, int[1]? dim=None)",
     [](Args& a) { return wrap(ag::count_nonzero(a.tensor(0), a.ints_or_none(1).value_or(rt::DimVector{}))); }},

    {"cumsum(Tensor self, int dim, *, ScalarType? dtype=None)",
     [](Args& a) { return wrap(ag::cumsum(a.tensor(0), a.int64(1), a.dtype(2))); }},
    {"cumsum_(Tensor self, int dim, *, ScalarType? dtype=None)",
     [](Args& a) { return a.ret(ag::copy_(a.tensor(0), ag::cumsum(a.tensor(0), a.int64(1), a.dtype(2)))); }, kMethod},
    {"cumprod(Tensor self, int dim, *, ScalarType? dtype=None)",
     [](Args& a) { return wrap(ag::cumprod(a.tensor(0), a.int64(1), a.dtype(2))); }},
    {"softmax(Tensor self, int dim, ScalarType? dtype=None)",
     [](Args& a) { return wrap(ag::softmax(a.tensor(0), a.int64(1), a.dtype(2))); }},
    {"log_softmax(Tensor self, int dim, ScalarType? dtype=None)",
     [](Args& a) { return wrap(ag::log_softmax(a.tensor(0), a.int64(1), a.dtype(2))); }},

    {"equal(Tensor self, Tensor other)", [](Args& a) { return Value(ag::equal(a.tensor(0), a.tensor(1))); }},
    {"isclose(Tensor self, Tensor other, float rtol=1e-05, float atol=1e-08, bool equal_nan=False)",
     [](Args& a) {
       return wrap(ag::isclose(a.tensor(0), a.tensor(1), a.float64(2), a.float64(3), a.boolean(4)));
     }},
    {"allclose(Tensor self, Tensor other, float rtol=1e-05, float atol=1e-08, bool equal_nan=False)",
     [](Args& a) {
       return Value(ag::allclose(a.tensor(0), a.tensor(1), a.float64(2), a.float64(3), a.boolean(4)));
     }},

    {"sort(Tensor self, int dim=-1, bool descending=False)",
     [](Args& a) { return values_indices("sort", ag::sort(a.tensor(0), a.int64(1), a.boolean(2))); }},
    {"sort(Tensor self, *, bool? stable, int dim=-1, bool descending=False)",
     [](Args& a) {
       bool stable = a.has(1) && a.boolean(1);
       return values_indices("sort", ag::sort(a.tensor(0), a.int64(2), a.boolean(3), stable));
     }},
    {"argsort(Tensor self, int dim=-1, bool descending=False, *, bool stable=False)",
     [](Args& a) { return wrap(ag::argsort(a.tensor(0), a.int64(1), a.boolean(2), a.boolean(3))); }},
    {"topk(Tensor self, int k, int dim=-1, bool largest=True, bool sorted=True)",
     [](Args& a) {
       return values_indices("topk", ag::topk(a.tensor(0), a.int64(1), a.int64(2), a.boolean(3), a.boolean(4)));
     }},
};

}  // namespace

std::span<const OpDef> reduce_ops() { return kReduceOps; }

}  // namespace tscript::bindings
