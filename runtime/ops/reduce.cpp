#include "runtime/ops/reduce.h"

#include <cmath>

#include "backends/cpu/kernels.h"
#include "runtime/ops/binary.h"
#include "runtime/ops/conditional.h"
#include "runtime/ops/copy.h"
#include "runtime/ops/creation.h"
#include "runtime/ops/unary.h"
#include "runtime/ops/view.h"
#include "runtime/tensor/error.h"
#include "runtime/tensor/shape_util.h"
#include "runtime/tensor/type_promotion.h"

namespace tscript::rt {
namespace {

// The reduced dims of x, its keepdim result shape, and how to drop them.
struct Reduction {
  std::bitset<kMaxDims> mask;
  DimVector keep_shape;

  Reduction(const Tensor& x, IntArrayRef dims) : mask(dim_mask(dims, x.dim())) {
    for (int64_t d = 0; d < x.dim(); ++d) keep_shape.push_back(mask.test(d) ? 1 : x.sizes()[d]);
  }
  // The result in keepdim layout, viewed without the reduced dims unless keepdim.
  Tensor finish(const Tensor& out, bool keepdim) const {
    if (keepdim) return out;
    DimVector sizes, strides;
    for (int64_t d = 0; d < out.dim(); ++d) {
      if (mask.test(d)) continue;
      sizes.push_back(out.sizes()[d]);
      strides.push_back(out.strides()[d]);
    }
    return as_strided(out, sizes, strides);
  }
  // Every reduced dim must be non-empty (max, min, amax, ...).
  void require_nonempty(const Tensor& x, const char* name) const {
    for (int64_t d = 0; d < x.dim(); ++d)
      TS_CHECK_INDEX(!mask.test(d) || x.sizes()[d] != 0, name, "(): Expected reduction dim ", d,
                     " to have non-zero size.");
  }
};

Tensor run_reduce(ReduceOp op, const Tensor& x, IntArrayRef dims, bool keepdim, DType out_dtype, double p = 2) {
  check_device_available(x.device());
  Reduction r(x, dims);
  Tensor out = empty(r.keep_shape, TensorOptions(out_dtype));
  cpu::reduce(op, out, x, p);
  return r.finish(out, keepdim);
}

// sum/prod: compute in `dtype` (if given), accumulate ints in int64.
Tensor sum_like(ReduceOp op, const Tensor& x, IntArrayRef dims, bool keepdim, std::optional<DType> dtype) {
  Tensor in = dtype ? to(x, *dtype) : x;
  DType acc = is_floating(in.dtype()) ? in.dtype() : DType::Int64;
  Tensor out = run_reduce(op, in, dims, keepdim, acc);
  return dtype ? to(out, *dtype) : out;
}

void require_nonempty_all(const Tensor& x, const char* name) {
  TS_CHECK(x.numel() > 0, name,
           "(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with "
           "the 'dim' argument.");
}

// A 0-d tensor reduced "along dim 0" behaves like a 1-element vector.
Tensor as_vector_if_scalar(const Tensor& x) { return x.dim() == 0 ? reshape(x, {1}) : x; }

}  // namespace

Tensor sum(const Tensor& x, std::optional<DType> dtype) { return sum_like(ReduceOp::Sum, x, {}, false, dtype); }
Tensor sum(const Tensor& x, IntArrayRef dims, bool keepdim, std::optional<DType> dtype) {
  return sum_like(ReduceOp::Sum, x, dims, keepdim, dtype);
}
Tensor prod(const Tensor& x, std::optional<DType> dtype) { return sum_like(ReduceOp::Prod, x, {}, false, dtype); }
Tensor prod(const Tensor& x, int64_t dim, bool keepdim, std::optional<DType> dtype) {
  return sum_like(ReduceOp::Prod, x, IntArrayRef(dim), keepdim, dtype);
}

Tensor mean(const Tensor& x, std::optional<DType> dtype) { return mean(x, {}, false, dtype); }
Tensor mean(const Tensor& x, IntArrayRef dims, bool keepdim, std::optional<DType> dtype) {
  DType dt = dtype.value_or(x.dtype());
  TS_CHECK(is_floating(dt),
           "mean(): could not infer output dtype. ",
           dtype ? "Optional dtype must be either a floating point or complex dtype. Got: "
                 : "Input dtype must be either a floating point or complex dtype. Got: ",
           scalar_type_name(dt));
  Tensor s = sum(x, dims, keepdim, dt);
  int64_t count = 1;
  Reduction r(x, dims);
  for (int64_t d = 0; d < x.dim(); ++d)
    if (r.mask.test(d)) count *= x.sizes()[d];
  return div(s, wrap_scalar(count));
}

Tensor max(const Tensor& x) {
  require_nonempty_all(x, "max");
  return run_reduce(ReduceOp::Max, x, {}, false, x.dtype());
}
Tensor min(const Tensor& x) {
  require_nonempty_all(x, "min");
  return run_reduce(ReduceOp::Min, x, {}, false, x.dtype());
}

static ValuesIndices arg_extreme(bool is_max, const Tensor& x, int64_t dim, bool keepdim, const char* name) {
  check_device_available(x.device());
  dim = wrap_dim(dim, x.dim());
  Tensor in = as_vector_if_scalar(x);
  Reduction r(in, IntArrayRef(dim));
  r.require_nonempty(in, name);
  Tensor values = empty(r.keep_shape, TensorOptions(x.dtype()));
  Tensor indices = empty(r.keep_shape, TensorOptions(DType::Int64));
  cpu::arg_reduce(is_max, values, indices, in, dim);
  if (x.dim() == 0) return {reshape(values, {}), reshape(indices, {})};
  return {r.finish(values, keepdim), r.finish(indices, keepdim)};
}

ValuesIndices max(const Tensor& x, int64_t dim, bool keepdim) { return arg_extreme(true, x, dim, keepdim, "max"); }
ValuesIndices min(const Tensor& x, int64_t dim, bool keepdim) { return arg_extreme(false, x, dim, keepdim, "min"); }

Tensor amax(const Tensor& x, IntArrayRef dims, bool keepdim) {
  Reduction(x, dims).require_nonempty(x, "amax");
  return run_reduce(ReduceOp::Max, x, dims, keepdim, x.dtype());
}
Tensor amin(const Tensor& x, IntArrayRef dims, bool keepdim) {
  Reduction(x, dims).require_nonempty(x, "amin");
  return run_reduce(ReduceOp::Min, x, dims, keepdim, x.dtype());
}

static Tensor arg_index(bool is_max, const Tensor& x, std::optional<int64_t> dim, bool keepdim) {
  const char* name = is_max ? "argmax" : "argmin";
  if (dim) {
    TS_CHECK_INDEX(x.numel() > 0 || x.dim() == 0 || x.sizes()[wrap_dim(*dim, x.dim())] > 0, name,
                   "(): Expected reduction dim ", wrap_dim(*dim, x.dim()), " to have non-zero size.");
    return arg_extreme(is_max, x, *dim, keepdim, name).indices;
  }
  TS_CHECK_INDEX(x.numel() > 0, name, "(): Expected reduction dim to be specified for input.numel() == 0.");
  Tensor flat = reshape(x, {-1});
  Tensor idx = arg_extreme(is_max, flat, 0, false, name).indices;
  if (keepdim) return reshape(idx, DimVector(x.dim(), 1));
  return idx;
}

Tensor argmax(const Tensor& x, std::optional<int64_t> dim, bool keepdim) { return arg_index(true, x, dim, keepdim); }
Tensor argmin(const Tensor& x, std::optional<int64_t> dim, bool keepdim) { return arg_index(false, x, dim, keepdim); }

static std::pair<Tensor, Tensor> moments(const Tensor& x, IntArrayRef dims, double correction, bool keepdim,
                                         bool take_sqrt, bool want_mean) {
  check_device_available(x.device());
  TS_CHECK(is_floating(x.dtype()), "std and var only support floating point and complex dtypes");
  Reduction r(x, dims);
  Tensor v = empty(r.keep_shape, TensorOptions(x.dtype()));
  Tensor m = want_mean ? empty(r.keep_shape, TensorOptions(x.dtype())) : Tensor();
  cpu::var_mean(v, m, x, correction, take_sqrt);
  return {r.finish(v, keepdim), want_mean ? r.finish(m, keepdim) : Tensor()};
}

Tensor var(const Tensor& x, IntArrayRef dims, double correction, bool keepdim) {
  return moments(x, dims, correction, keepdim, false, false).first;
}
Tensor std_dev(const Tensor& x, IntArrayRef dims, double correction, bool keepdim) {
  return moments(x, dims, correction, keepdim, true, false).first;
}
std::pair<Tensor, Tensor> var_mean(const Tensor& x, IntArrayRef dims, double correction, bool keepdim) {
  return moments(x, dims, correction, keepdim, false, true);
}
std::pair<Tensor, Tensor> std_mean(const Tensor& x, IntArrayRef dims, double correction, bool keepdim) {
  return moments(x, dims, correction, keepdim, true, true);
}

Tensor norm(const Tensor& x, double p, IntArrayRef dims, bool keepdim) {
  TS_CHECK(is_floating(x.dtype()), "norm(): input dtype should be either floating point or complex. Got ",
           scalar_type_name(x.dtype()), " instead.");
  ReduceOp op = std::isinf(p) ? (p > 0 ? ReduceOp::NormInf : ReduceOp::NormNegInf)
                : p == 0     ? ReduceOp::Norm0
                             : ReduceOp::NormP;
  if (op == ReduceOp::NormInf || op == ReduceOp::NormNegInf) {
    Reduction(x, dims).require_nonempty(x, "linalg.vector_norm");
  }
  return run_reduce(op, x, dims, keepdim, x.dtype(), p);
}

Tensor logsumexp(const Tensor& x, IntArrayRef dims, bool keepdim) {
  Tensor in = is_floating(x.dtype()) ? x : to(x, default_dtype());
  if (in.numel() == 0) return log(sum(exp(in), dims, keepdim));
  Tensor m = amax(in, dims, /*keepdim=*/true);
  // An infinite max would turn x - m into nan; use 0 there instead.
  Tensor shift = masked_fill(m, isinf(m), 0);
  Tensor s = log(sum(exp(sub(in, shift)), dims, /*keepdim=*/true));
  Tensor result = add(s, shift);
  return Reduction(in, dims).finish(result, keepdim);
}

static Tensor logical_reduce(ReduceOp op, const Tensor& x, IntArrayRef dims, bool keepdim) {
  Tensor out = run_reduce(op, x, dims, keepdim, DType::Bool);
  return x.dtype() == DType::UInt8 ? to(out, DType::UInt8) : out;
}

Tensor all(const Tensor& x) { return logical_reduce(ReduceOp::All, x, {}, false); }
Tensor all(const Tensor& x, int64_t dim, bool keepdim) {
  return logical_reduce(ReduceOp::All, x, IntArrayRef(dim), keepdim);
}
Tensor any(const Tensor& x) { return logical_reduce(ReduceOp::Any, x, {}, false); }
Tensor any(const Tensor& x, int64_t dim, bool keepdim) {
  return logical_reduce(ReduceOp::Any, x, IntArrayRef(dim), keepdim);
}

Tensor count_nonzero(const Tensor& x, IntArrayRef dims) { return sum(ne(x, Scalar(0)), dims); }

static Tensor scan(bool is_prod, const Tensor& x, int64_t dim, std::optional<DType> dtype) {
  check_device_available(x.device());
  dim = wrap_dim(dim, x.dim());
  DType dt = dtype.value_or(is_floating(x.dtype()) ? x.dtype() : DType::Int64);
  Tensor out = empty(x.sizes(), TensorOptions(dt));
  cpu::cumulative(is_prod, out, to(x, dt), dim);
  return out;
}

Tensor cumsum(const Tensor& x, int64_t dim, std::optional<DType> dtype) { return scan(false, x, dim, dtype); }
Tensor cumprod(const Tensor& x, int64_t dim, std::optional<DType> dtype) { return scan(true, x, dim, dtype); }

static Tensor softmax_impl(const Tensor& x, int64_t dim, std::optional<DType> dtype, bool log) {
  check_device_available(x.device());
  dim = wrap_dim(dim, x.dim());
  Tensor in = dtype ? to(x, *dtype) : x;
  TS_CHECK(is_floating(in.dtype()), "\"", log ? "log_softmax" : "softmax", "_lastdim_kernel_impl\" not implemented for '",
           scalar_type_name(in.dtype()), "'");
  Tensor out = empty(in.sizes(), TensorOptions(in.dtype()));
  cpu::softmax(out, in, dim, log);
  return out;
}

Tensor softmax(const Tensor& x, int64_t dim, std::optional<DType> dtype) { return softmax_impl(x, dim, dtype, false); }
Tensor log_softmax(const Tensor& x, int64_t dim, std::optional<DType> dtype) {
  return softmax_impl(x, dim, dtype, true);
}

bool equal(const Tensor& a, const Tensor& b) {
  if (a.sizes() != b.sizes()) return false;
  return all(eq(a, b)).item().to_bool();
}

Tensor isclose(const Tensor& a, const Tensor& b, double rtol, double atol, bool equal_nan) {
  TS_CHECK(a.dtype() == b.dtype(), "isclose(): Expected input and other to have the same dtype, but got ",
           scalar_type_name(a.dtype()), " and ", scalar_type_name(b.dtype()));
  TS_CHECK(rtol >= 0, "rtol must be greater than or equal to zero, but got ", rtol);
  TS_CHECK(atol >= 0, "atol must be greater than or equal to zero, but got ", atol);
  Tensor close = eq(a, b);
  if (equal_nan && is_floating(a.dtype())) close = logical_or(close, logical_and(isnan(a), isnan(b)));
  if (is_floating(a.dtype()) || (rtol == 0 && atol == 0)) {
    DType dt = is_floating(a.dtype()) ? a.dtype() : default_dtype();
    Tensor fa = to(a, dt), fb = to(b, dt);
    Tensor diff = abs(sub(fa, fb));
    Tensor tol = add(mul(abs(fb), wrap_scalar(rtol)), wrap_scalar(atol));
    // Finite values within tolerance (infinities only match exactly, above).
    close = logical_or(close, logical_and(isfinite(diff), le(diff, tol)));
  } else {
    Tensor diff = abs(sub(to(a, DType::Float64), to(b, DType::Float64)));
    Tensor tol = add(mul(abs(to(b, DType::Float64)), wrap_scalar(rtol)), wrap_scalar(atol));
    close = logical_or(close, le(diff, tol));
  }
  return close;
}

bool allclose(const Tensor& a, const Tensor& b, double rtol, double atol, bool equal_nan) {
  return all(isclose(a, b, rtol, atol, equal_nan)).item().to_bool();
}

}  // namespace tscript::rt
