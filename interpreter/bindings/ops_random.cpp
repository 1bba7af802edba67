// Random sampling: rand randn randint randperm normal bernoulli multinomial, the *_like
// forms and the in-place samplers (normal_ uniform_ random_ bernoulli_ ...), all drawing
// from runtime/random exactly as PyTorch's CPU kernels do (see its README for which
// sampler each op composes).
#include <numeric>

#include "interpreter/bindings/arg_parser.h"
#include "runtime/autograd/functions.h"
#include "interpreter/builtins/builtins_internal.h"
#include "runtime/random/distributions.h"

namespace tscript::bindings {

namespace {

// The sampler-side type of a tensor element: the 16-bit floats are raw-bit structs there.
template <class T>
using SampleT = std::conditional_t<std::is_same_v<T, rt::Half>, random::Half,
                                   std::conditional_t<std::is_same_v<T, rt::BFloat16>, random::BFloat16, T>>;

// Runs draw(buffer, contiguous) over x's elements in the order PyTorch fills them:
// index order for a contiguous tensor, memory order (dims by decreasing stride)
// otherwise, through a temporary.
template <class Draw>
const rt::Tensor& fill_random(const rt::Tensor& x, Draw&& draw) {
  if (x.numel() == 0) return x;
  if (x.is_contiguous()) {
    draw(x, true);
    x.bump_version();
    return x;
  }
  std::vector<int64_t> perm(static_cast<size_t>(x.dim()));
  std::iota(perm.begin(), perm.end(), 0);
  std::stable_sort(perm.begin(), perm.end(), [&](int64_t a, int64_t b) { return x.stride(a) > x.stride(b); });
  rt::Tensor ordered = rt::permute(x, perm);
  rt::Tensor tmp = rt::empty(ordered.sizes(), x.dtype());
  draw(tmp, false);
  rt::copy_(ordered, tmp);
  return x;
}

[[noreturn]] void not_implemented_for(const char* op, rt::DType d) {
  TS_ERROR("\"", op, "\" not implemented for '", rt::scalar_type_name(d), "'");
}

template <class F>
void dispatch_floating(const char* op, rt::DType d, F&& f) {
  switch (d) {
    case rt::DType::Float32: return f.template operator()<float>();
    case rt::DType::Float64: return f.template operator()<double>();
    case rt::DType::Float16: return f.template operator()<random::Half>();
    case rt::DType::BFloat16: return f.template operator()<random::BFloat16>();
    default: not_implemented_for(op, d);
  }
}

const rt::Tensor& uniform_(const rt::Tensor& x, double from, double to, random::Generator& g) {
  dispatch_floating("check_uniform_bounds", x.dtype(), [&]<class T>() { random::check_uniform_args<T>(from, to); });
  std::lock_guard lock(g.mutex());
  return fill_random(x, [&](const rt::Tensor& buf, bool) {
    dispatch_floating("uniform_", buf.dtype(), [&]<class T>() {
      random::uniform(g, static_cast<T*>(buf.data_ptr()), buf.numel(), from, to);
    });
  });
}

const rt::Tensor& normal_(const rt::Tensor& x, double mean, double std, random::Generator& g) {
  TS_CHECK(std >= 0.0, "normal expects std >= 0.0, but found std ", std);
  std::lock_guard lock(g.mutex());
  return fill_random(x, [&](const rt::Tensor& buf, bool contiguous) {
    dispatch_floating("normal_kernel_cpu", buf.dtype(), [&]<class T>() {
      random::normal(g, static_cast<T*>(buf.data_ptr()), buf.numel(), mean, std, contiguous);
    });
  });
}

// random_(from, to) / randint: [from, to); to absent = up to the dtype's maximum.
const rt::Tensor& random_(const rt::Tensor& x, std::optional<int64_t> from, std::optional<int64_t> to,
                          random::Generator& g) {
  std::lock_guard lock(g.mutex());
  rt::dispatch_all(x.dtype(), [&]<class T>() {
    using S = SampleT<T>;
    if (!from) {
      fill_random(x, [&](const rt::Tensor& buf, bool) {
        random::random_default<S>(g, static_cast<S*>(buf.data_ptr()), buf.numel());
      });
      return;
    }
    random::RandomRange r = random::random_range<S>(*from, to);
    fill_random(x, [&](const rt::Tensor& buf, bool) {
      random::random_from_to<S>(g, static_cast<S*>(buf.data_ptr()), buf.numel(), r);
    });
  });
  return x;
}

const rt::Tensor& bernoulli_(const rt::Tensor& x, double p, random::Generator& g) {
  TS_CHECK(p >= 0 && p <= 1, "bernoulli_ expects p to be in [0, 1], but got p=", p);
  std::lock_guard lock(g.mutex());
  rt::dispatch_all(x.dtype(), [&]<class T>() {
    using S = SampleT<T>;
    fill_random(x, [&](const rt::Tensor& buf, bool) {
      random::bernoulli<S>(g, static_cast<S*>(buf.data_ptr()), buf.numel(), p);
    });
  });
  return x;
}

// Per-element probabilities, broadcast to x first.
const rt::Tensor& bernoulli_(const rt::Tensor& x, const rt::Tensor& p, random::Generator& g) {
  rt::Tensor probs = rt::contiguous(rt::expand(p, x.sizes()));
  if (!rt::is_floating(probs.dtype())) probs = rt::to(probs, rt::DType::Float32);
  std::lock_guard lock(g.mutex());
  rt::dispatch_all(x.dtype(), [&]<class T>() {
    using S = SampleT<T>;
    rt::Tensor out = x.is_contiguous() ? x : rt::empty(x.sizes(), x.dtype());
    dispatch_floating("bernoulli", probs.dtype(), [&]<class P>() {
      random::bernoulli<S, P>(g, static_cast<S*>(out.data_ptr()), out.numel(), static_cast<const P*>(probs.data_ptr()));
    });
    if (!out.is_same(x)) rt::copy_(x, out);
    else x.bump_version();
  });
  return x;
}

rt::Tensor new_sized(Args& a, rt::IntArrayRef sizes, int dtype_at, int device_at) {
  rt::TensorOptions o = a.options(dtype_at, device_at);
  if (!o.dtype) o.dtype = rt::default_dtype();
  return rt::empty(sizes, o);
}

rt::Tensor like(Args& a, const rt::Tensor& self, int dtype_at, int device_at) {
  rt::TensorOptions o = a.options(dtype_at, device_at);
  if (!o.dtype) o.dtype = self.dtype();
  return rt::empty(self.sizes(), o);
}

Value finish(Args& a, const rt::Tensor& t, int requires_grad_at) {
  if (a.boolean(requires_grad_at)) set_requires_grad(t, true);
  return wrap(t);
}

template <class T>
void randperm_into(random::Generator& g, const rt::Tensor& out, int64_t n) {
  using S = SampleT<T>;
  std::lock_guard lock(g.mutex());
  random::randperm<S>(g, static_cast<S*>(out.data_ptr()), n);
}

#define SIZE_OPTS "*, Generator? generator=None, ScalarType? dtype=None, object layout=None, Device? device=None, bool requires_grad=False, bool pin_memory=False"
#define LIKE_OPTS "*, ScalarType? dtype=None, object layout=None, Device? device=None, bool requires_grad=False, object memory_format=None"

const OpDef kRandomOps[] = {
    {"rand(int[]... size, " SIZE_OPTS ")",
     [](Args& a) {
       rt::Tensor t = new_sized(a, a.ints(0), 2, 4);
       return finish(a, uniform_(t, 0, 1, a.generator(1)), 5);
     },
     kFunction},
    {"randn(int[]... size, " SIZE_OPTS ")",
     [](Args& a) {
       rt::Tensor t = new_sized(a, a.ints(0), 2, 4);
       return finish(a, normal_(t, 0, 1, a.generator(1)), 5);
     },
     kFunction},
    {"rand_like(Tensor self, " LIKE_OPTS ")",
     [](Args& a) { return finish(a, uniform_(like(a, a.tensor(0), 1, 3), 0, 1, random::default_generator()), 4); },
     kFunction},
    {"randn_like(Tensor self, " LIKE_OPTS ")",
     [](Args& a) { return finish(a, normal_(like(a, a.tensor(0), 1, 3), 0, 1, random::default_generator()), 4); },
     kFunction},
    {"randint(int high, int[] size, " SIZE_OPTS ")",
     [](Args& a) {
       rt::TensorOptions o = a.options(3, 5);
       rt::Tensor t = rt::empty(a.ints(1), o.dtype.value_or(rt::DType::Int64));
       return finish(a, random_(t, 0, a.int64(0), a.generator(2)), 6);
     },
     kFunction},
    {"randint(int low, int high, int[] size, " SIZE_OPTS ")",
     [](Args& a) {
       rt::TensorOptions o = a.options(4, 6);
       rt::Tensor t = rt::empty(a.ints(2), o.dtype.value_or(rt::DType::Int64));
       return finish(a, random_(t, a.int64(0), a.int64(1), a.generator(3)), 7);
     },
     kFunction},
    {"randint_like(Tensor self, int high, " LIKE_OPTS ")",
     [](Args& a) { return finish(a, random_(like(a, a.tensor(0), 2, 4), 0, a.int64(1), random::default_generator()), 5); },
     kFunction},
    {"randint_like(Tensor self, int low, int high, " LIKE_OPTS ")",
     [](Args& a) {
       return finish(a, random_(like(a, a.tensor(0), 3, 5), a.int64(1), a.int64(2), random::default_generator()), 6);
     },
     kFunction},
    {"randperm(int n, " SIZE_OPTS ")",
     [](Args& a) {
       int64_t n = a.int64(0);
       rt::TensorOptions o = a.options(2, 4);
       rt::Tensor t = rt::empty({n}, o.dtype.value_or(rt::DType::Int64));
       random::Generator& g = a.generator(1);
       rt::dispatch_all(t.dtype(), [&]<class T>() { randperm_into<T>(g, t, n); });
       return finish(a, t, 5);
     },
     kFunction},
    // torch.normal: tensor means/stds draw N(0, 1) then scale and shift as two tensor ops.
    {"normal(Tensor mean, Tensor std, *, Generator? generator=None)",
     [](Args& a) {
       rt::Tensor out = rt::empty(rt::broadcast_shapes(a.tensor(0).sizes(), a.tensor(1).sizes()),
                                  rt::promote_types(a.tensor(0).dtype(), a.tensor(1).dtype()));
       normal_(out, 0, 1, a.generator(2));
       rt::mul_(out, a.tensor(1));
       rt::add_(out, a.tensor(0));
       return wrap(out);
     },
     kFunction},
    {"normal(Tensor mean, float std=1, *, Generator? generator=None)",
     [](Args& a) {
       rt::Tensor out = rt::empty(a.tensor(0).sizes(), a.tensor(0).dtype());
       normal_(out, 0, a.float64(1), a.generator(2));
       rt::add_(out, a.tensor(0));
       return wrap(out);
     },
     kFunction},
    {"normal(float mean, Tensor std, *, Generator? generator=None)",
     [](Args& a) {
       rt::Tensor out = rt::empty(a.tensor(1).sizes(), a.tensor(1).dtype());
       normal_(out, 0, 1, a.generator(2));
       rt::mul_(out, a.tensor(1));
       rt::add_(out, rt::Scalar(a.float64(0)));
       return wrap(out);
     },
     kFunction},
    {"normal(float mean, float std, int[] size, " SIZE_OPTS ")",
     [](Args& a) {
       rt::Tensor t = new_sized(a, a.ints(2), 4, 6);
       return finish(a, normal_(t, a.float64(0), a.float64(1), a.generator(3)), 7);
     },
     kFunction},
    {"bernoulli(Tensor self, *, Generator? generator=None)",
     [](Args& a) {
       rt::Tensor out = rt::empty(a.tensor(0).sizes(), a.tensor(0).dtype());
       return wrap(bernoulli_(out, a.tensor(0), a.generator(1)));
     }},
    {"bernoulli(Tensor self, float p, *, Generator? generator=None)",
     [](Args& a) {
       rt::Tensor out = rt::empty(a.tensor(0).sizes(), a.tensor(0).dtype());
       return wrap(bernoulli_(out, a.float64(1), a.generator(2)));
     }},
    {"multinomial(Tensor self, int num_samples, bool replacement=False, *, Generator? generator=None)",
     [](Args& a) {
       const rt::Tensor& p = a.tensor(0);
       TS_CHECK(p.dim() == 1 || p.dim() == 2, "prob_dist must be 1 or 2 dim");
       rt::Tensor probs = rt::contiguous(p);
       int64_t n_dist = p.dim() == 1 ? 1 : p.size(0), n_cat = p.size(-1), k = a.int64(1);
       rt::Tensor out = rt::empty(p.dim() == 1 ? rt::DimVector{k} : rt::DimVector{n_dist, k}, rt::DType::Int64);
       random::Generator& g = a.generator(3);
       std::lock_guard lock(g.mutex());
       if (probs.dtype() == rt::DType::Float64)
         random::multinomial(g, probs.data<double>(), n_dist, n_cat, k, a.boolean(2), out.data<int64_t>());
       else
         random::multinomial(g, rt::to(probs, rt::DType::Float32).data<float>(), n_dist, n_cat, k, a.boolean(2),
                             out.data<int64_t>());
       return wrap(out);
     }},

    // F.dropout / nn.Dropout (torch/nn/functional.tscript) call this. Nothing is drawn
    // when it has no effect, as in PyTorch.
    {"dropout(Tensor self, float p, bool train)",
     [](Args& a) -> Value {
       const rt::Tensor& x = a.tensor(0);
       double p = a.float64(1);
       TS_CHECK(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got ", p);
       if (p == 0 || !a.boolean(2) || x.numel() == 0) return a[0];
       if (p == 1) return wrap(ag::mul(x, rt::Scalar(0)));
       rt::Tensor noise = rt::empty(x.sizes(), x.dtype());
       random::Generator& g = random::default_generator();
       std::lock_guard lock(g.mutex());
       if (x.dtype() == rt::DType::Float64) random::dropout_noise(g, noise.data<double>(), noise.numel(), p);
       else if (x.dtype() == rt::DType::Float32) random::dropout_noise(g, noise.data<float>(), noise.numel(), p);
       else not_implemented_for("dropout", x.dtype());
       return wrap(ag::mul(x, noise));
     },
     kFunction},

    // ---- in-place samplers (methods) ----
    {"normal_(Tensor self, float mean=0, float std=1, *, Generator? generator=None)",
     [](Args& a) { return a.ret(normal_(a.tensor(0), a.float64(1), a.float64(2), a.generator(3))); }, kMethod},
    {"uniform_(Tensor self, float from=0, float to=1, *, Generator? generator=None)",
     [](Args& a) { return a.ret(uniform_(a.tensor(0), a.float64(1), a.float64(2), a.generator(3))); }, kMethod},
    {"random_(Tensor self, int from, int? to, *, Generator? generator=None)",
     [](Args& a) { return a.ret(random_(a.tensor(0), a.int64(1), a.int_or_none(2), a.generator(3))); }, kMethod},
    {"random_(Tensor self, int to, *, Generator? generator=None)",
     [](Args& a) { return a.ret(random_(a.tensor(0), 0, a.int64(1), a.generator(2))); }, kMethod},
    {"random_(Tensor self, *, Generator? generator=None)",
     [](Args& a) { return a.ret(random_(a.tensor(0), std::nullopt, std::nullopt, a.generator(1))); }, kMethod},
    {"bernoulli_(Tensor self, Tensor p, *, Generator? generator=None)",
     [](Args& a) { return a.ret(bernoulli_(a.tensor(0), a.tensor(1), a.generator(2))); }, kMethod},
    {"bernoulli_(Tensor self, float p=0.5, *, Generator? generator=None)",
     [](Args& a) { return a.ret(bernoulli_(a.tensor(0), a.float64(1), a.generator(2))); }, kMethod},
    {"exponential_(Tensor self, float lambd=1, *, Generator? generator=None)",
     [](Args& a) {
       random::Generator& g = a.generator(2);
       std::lock_guard lock(g.mutex());
       double l = a.float64(1);
       dispatch_floating("exponential_cpu", a.tensor(0).dtype(), [&]<class T>() {
         fill_random(a.tensor(0), [&](const rt::Tensor& b, bool) {
           random::exponential<T>(g, static_cast<T*>(b.data_ptr()), b.numel(), l);
         });
       });
       return a[0];
     },
     kMethod},
    {"log_normal_(Tensor self, float mean=1, float std=2, *, Generator? generator=None)",
     [](Args& a) {
       random::Generator& g = a.generator(3);
       std::lock_guard lock(g.mutex());
       dispatch_floating("log_normal_cpu", a.tensor(0).dtype(), [&]<class T>() {
         fill_random(a.tensor(0), [&](const rt::Tensor& b, bool) {
           random::log_normal<T>(g, static_cast<T*>(b.data_ptr()), b.numel(), a.float64(1), a.float64(2));
         });
       });
       return a[0];
     },
     kMethod},
};

}  // namespace

std::span<const OpDef> random_ops() { return kRandomOps; }

}  // namespace tscript::bindings
