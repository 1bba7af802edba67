// Reductions, scans and softmax with their derivatives.
#include <algorithm>
#include <cmath>

#include "runtime/autograd/record.h"

namespace tscript::ag {

namespace {

// The reduced dims, wrapped and sorted; empty `dims` means all of them.
std::vector<int64_t> reduced_dims(IntArrayRef dims, int64_t ndim) {
  std::vector<int64_t> r;
  if (dims.empty()) {
    for (int64_t i = 0; i < ndim; ++i) r.push_back(i);
  } else {
    for (int64_t d : dims) r.push_back(rt::wrap_dim(d, ndim));
  }
  std::sort(r.begin(), r.end());
  return r;
}

// A reduced result or gradient brought back to the input's rank (size 1 in the
// reduced dims), ready to broadcast against the input.
Tensor restore(const Tensor& g, const std::vector<int64_t>& dims, int64_t ndim, bool keepdim) {
  if (keepdim || g.dim() == ndim) return g;
  Tensor r = g;
  for (int64_t d : dims) r = ag::unsqueeze(r, d);
  return r;
}

int64_t count(IntArrayRef sizes, const std::vector<int64_t>& dims) {
  int64_t n = 1;
  for (int64_t d : dims) n *= sizes[d];
  return n;
}

struct Reduction {
  std::vector<int64_t> dims;
  int64_t ndim;
  bool keepdim;
  rt::DimVector sizes;
  Tensor restore(const Tensor& g) const { return ag::restore(g, dims, ndim, keepdim); }
  Tensor expand(const Tensor& g) const { return ag::expand(restore(g), sizes); }
};

Reduction reduction(const Tensor& x, IntArrayRef dims, bool keepdim) {
  return {reduced_dims(dims, x.dim()), x.dim(), keepdim, rt::DimVector(x.sizes())};
}

// The gradient split evenly over the elements equal to the (restored) result.
Tensor evenly(const Tensor& g, const Tensor& x, const Tensor& result, const Reduction& r) {
  Tensor mask = rt::eq(x, r.restore(result));
  Tensor n = rt::sum(mask, r.dims, true);
  return ag::where(mask, ag::div(r.restore(g), n), scalar_like(0, g));
}

}  // namespace

Tensor sum(const Tensor& x, std::optional<DType> dtype) {
  Tensor out = rt::sum(x, dtype);
  if (!any_requires_grad(x)) return out;
  return record("SumBackward0", {x}, out, [r = reduction(x, {}, false)](FunctionNode&, Grads& g) {
    return Grads{r.expand(g[0])};
  });
}

Tensor sum(const Tensor& x, IntArrayRef dims, bool keepdim, std::optional<DType> dtype) {
  Tensor out = rt::sum(x, dims, keepdim, dtype);
  if (!any_requires_grad(x)) return out;
  return record("SumBackward1", {x}, out, [r = reduction(x, dims, keepdim)](FunctionNode&, Grads& g) {
    return Grads{r.expand(g[0])};
  });
}

Tensor mean(const Tensor& x, std::optional<DType> dtype) {
  Tensor out = rt::mean(x, dtype);
  if (!any_requires_grad(x)) return out;
  return record("MeanBackward0", {x}, out, [r = reduction(x, {}, false), n = x.numel()](FunctionNode&, Grads& g) {
    return Grads{ag::div(r.expand(g[0]), scalar_like(n, g[0]))};
  });
}

Tensor mean(const Tensor& x, IntArrayRef dims, bool keepdim, std::optional<DType> dtype) {
  Tensor out = rt::mean(x, dims, keepdim, dtype);
  if (!any_requires_grad(x)) return out;
  Reduction r = reduction(x, dims, keepdim);
  int64_t n = count(x.sizes(), r.dims);
  return record("MeanBackward1", {x}, out, [r, n](FunctionNode&, Grads& g) {
    return Grads{ag::div(r.expand(g[0]), scalar_like(n, g[0]))};
  });
}

namespace {
// d prod / d x_i = product of the others: result / x when no element is zero,
// otherwise exclusive cumulative products from both sides along `dim`.
Tensor prod_grad(const Tensor& g, const Tensor& x, const Tensor& result, int64_t dim) {
  if (!rt::any(rt::eq(x, scalar_like(0, x))).item().to_bool()) return ag::mul(g, ag::div(result, x));
  int64_t n = x.size(dim);
  Tensor one = rt::ones_like(ag::narrow(x, dim, 0, 1));
  Tensor left = ag::cat({one, ag::narrow(ag::cumprod(x, dim), dim, 0, n - 1)}, dim);
  Tensor flipped = ag::flip(x, std::vector<int64_t>{dim});
  Tensor right = ag::flip(ag::cat({one, ag::narrow(ag::cumprod(flipped, dim), dim, 0, n - 1)}, dim),
                          std::vector<int64_t>{dim});
  return ag::mul(g, ag::mul(left, right));
}
}  // namespace

Tensor prod(const Tensor& x, std::optional<DType> dtype) {
  Tensor out = rt::prod(x, dtype);
  if (!any_requires_grad(x)) return out;
  return record("ProdBackward0", {x}, out,
                [sx = SavedTensor(x, false), so = SavedTensor(out, true)](FunctionNode& self, Grads& g) {
                  Tensor x = sx.unpack(&self), res = so.unpack(&self);
                  if (x.dim() == 0) return Grads{g[0]};
                  Tensor flat = ag::reshape(x, std::vector<int64_t>{-1});
                  Tensor r = prod_grad(ag::expand(g[0], flat.sizes()), flat, res, 0);
                  return Grads{ag::reshape(r, x.sizes())};
                });
}

Tensor prod(const Tensor& x, int64_t dim, bool keepdim, std::optional<DType> dtype) {
  Tensor out = rt::prod(x, dim, keepdim, dtype);
  if (!any_requires_grad(x)) return out;
  Reduction r = reduction(x, std::vector<int64_t>{dim}, keepdim);
  return record("ProdBackward1", {x}, out,
                [r, sx = SavedTensor(x, false), so = SavedTensor(out, true)](FunctionNode& self, Grads& g) {
                  Tensor x = sx.unpack(&self);
                  if (x.dim() == 0) return Grads{g[0]};
                  return Grads{prod_grad(r.expand(g[0]), x, r.restore(so.unpack(&self)), r.dims[0])};
                });
}

namespace {
Tensor extremum_all(const Tensor& x, Tensor out, const char* name) {
  if (!any_requires_grad(x)) return out;
  return record(name, {x}, out,
                [r = reduction(x, {}, false), sx = SavedTensor(x, false), so = SavedTensor(out, true)](
                    FunctionNode& self, Grads& g) { return Grads{evenly(g[0], sx.unpack(&self), so.unpack(&self), r)}; });
}

ValuesIndices extremum_dim(const Tensor& x, int64_t dim, bool keepdim, ValuesIndices out, const char* name) {
  if (!any_requires_grad(x)) return out;
  Reduction r = reduction(x, std::vector<int64_t>{dim}, keepdim);
  record(name, {x}, out.values, [r, idx = SavedTensor(out.indices, false)](FunctionNode& self, Grads& g) {
    Tensor zeros = rt::zeros(r.sizes, g[0].dtype());
    if (r.ndim == 0) return Grads{g[0]};
    return Grads{ag::scatter(zeros, r.dims[0], r.restore(idx.unpack(&self)), r.restore(g[0]))};
  });
  return out;
}

Tensor extremum_dims(const Tensor& x, IntArrayRef dims, bool keepdim, Tensor out, const char* name) {
  if (!any_requires_grad(x)) return out;
  return record(name, {x}, out,
                [r = reduction(x, dims, keepdim), sx = SavedTensor(x, false), so = SavedTensor(out, true)](
                    FunctionNode& self, Grads& g) { return Grads{evenly(g[0], sx.unpack(&self), so.unpack(&self), r)}; });
}
}  // namespace

Tensor max(const Tensor& x) { return extremum_all(x, rt::max(x), "MaxBackward1"); }
Tensor min(const Tensor& x) { return extremum_all(x, rt::min(x), "MinBackward1"); }
ValuesIndices max(const Tensor& x, int64_t dim, bool keepdim) {
  return extremum_dim(x, dim, keepdim, rt::max(x, dim, keepdim), "MaxBackward0");
}
ValuesIndices min(const Tensor& x, int64_t dim, bool keepdim) {
  return extremum_dim(x, dim, keepdim, rt::min(x, dim, keepdim), "MinBackward0");
}
Tensor amax(const Tensor& x, IntArrayRef dims, bool keepdim) {
  return extremum_dims(x, dims, keepdim, rt::amax(x, dims, keepdim), "AmaxBackward0");
}
Tensor amin(const Tensor& x, IntArrayRef dims, bool keepdim) {
  return extremum_dims(x, dims, keepdim, rt::amin(x, dims, keepdim), "AminBackward0");
}

namespace {
// d var / dx = 2 (x - mean) / (N - correction), times the incoming gradient.
Tensor var_grad(const Tensor& g, const Tensor& x, const Reduction& r, double correction) {
  double n = static_cast<double>(count(x.sizes(), r.dims)) - correction;
  Tensor centered = ag::sub(x, ag::mean(x, r.dims, true));
  return ag::mul(ag::mul(r.restore(g), scalar_like(2.0 / n, g)), centered);
}
}  // namespace

Tensor var(const Tensor& x, IntArrayRef dims, double correction, bool keepdim) {
  Tensor out = rt::var(x, dims, correction, keepdim);
  if (!any_requires_grad(x)) return out;
  return record("VarBackward0", {x}, out,
                [r = reduction(x, dims, keepdim), sx = SavedTensor(x, false), correction](FunctionNode& self, Grads& g) {
                  return Grads{var_grad(g[0], sx.unpack(&self), r, correction)};
                });
}

Tensor std_dev(const Tensor& x, IntArrayRef dims, double correction, bool keepdim) {
  Tensor out = rt::std_dev(x, dims, correction, keepdim);
  if (!any_requires_grad(x)) return out;
  return record("StdBackward0", {x}, out,
                [r = reduction(x, dims, keepdim), sx = SavedTensor(x, false), so = SavedTensor(out, true),
                 correction](FunctionNode& self, Grads& g) {
                  Tensor res = so.unpack(&self);
                  Tensor gv = ag::masked_fill(ag::div(g[0], ag::mul(res, scalar_like(2, res))),
                                              rt::eq(res, scalar_like(0, res)), 0);
                  return Grads{var_grad(gv, sx.unpack(&self), r, correction)};
                });
}

std::pair<Tensor, Tensor> var_mean(const Tensor& x, IntArrayRef dims, double correction, bool keepdim) {
  if (!any_requires_grad(x)) return rt::var_mean(x, dims, correction, keepdim);
  return {ag::var(x, dims, correction, keepdim), ag::mean(x, dims, keepdim)};
}

std::pair<Tensor, Tensor> std_mean(const Tensor& x, IntArrayRef dims, double correction, bool keepdim) {
  if (!any_requires_grad(x)) return rt::std_mean(x, dims, correction, keepdim);
  return {ag::std_dev(x, dims, correction, keepdim), ag::mean(x, dims, keepdim)};
}

Tensor norm(const Tensor& x, double p, IntArrayRef dims, bool keepdim) {
  Tensor out = rt::norm(x, p, dims, keepdim);
  if (!any_requires_grad(x)) return out;
  return record(dims.empty() ? "NormBackward0" : "NormBackward1", {x}, out,
                [r = reduction(x, dims, keepdim), sx = SavedTensor(x, false), so = SavedTensor(out, true), p](
                    FunctionNode& self, Grads& g) {
                  Tensor x = sx.unpack(&self), res = r.restore(so.unpack(&self)), gr = r.restore(g[0]);
                  Tensor zero = scalar_like(0, x);
                  if (p == 0) return Grads{rt::zeros_like(x)};
                  if (p == 1) return Grads{ag::mul(ag::sign(x), gr)};
                  if (std::isinf(p)) return Grads{ag::mul(ag::sign(x), evenly(g[0], ag::abs(x), so.unpack(&self), r))};
                  Tensor scale;
                  if (p == 2) {
                    scale = ag::div(x, res);
                  } else {
                    scale = ag::div(ag::mul(x, ag::pow(ag::abs(x), scalar_like(p - 2, x))),
                                    ag::pow(res, scalar_like(p - 1, res)));
                  }
                  return Grads{ag::masked_fill(ag::mul(scale, gr), rt::eq(res, zero), 0)};
                });
}

Tensor logsumexp(const Tensor& x, IntArrayRef dims, bool keepdim) {
  Tensor out = rt::logsumexp(x, dims, keepdim);
  if (!any_requires_grad(x)) return out;
  return record("LogsumexpBackward0", {x}, out,
                [r = reduction(x, dims, keepdim), sx = SavedTensor(x, false), so = SavedTensor(out, true)](
                    FunctionNode& self, Grads& g) {
                  Tensor x = sx.unpack(&self);
                  return Grads{ag::mul(r.restore(g[0]), ag::exp(ag::sub(x, r.restore(so.unpack(&self)))))};
                });
}

Tensor cumsum(const Tensor& x, int64_t dim, std::optional<DType> dtype) {
  Tensor out = rt::cumsum(x, dim, dtype);
  if (!any_requires_grad(x)) return out;
  int64_t d = rt::wrap_dim(dim, x.dim());
  return record("CumsumBackward0", {x}, out, [d](FunctionNode&, Grads& g) {
    if (g[0].dim() == 0) return Grads{g[0]};
    std::vector<int64_t> dims{d};
    return Grads{ag::flip(ag::cumsum(ag::flip(g[0], dims), d), dims)};
  });
}

namespace {
// d cumprod / dx without dividing by x (some element is zero): with L_i the product of
// the elements before i and S_i = g_i + x_{i+1} S_{i+1}, the gradient is L_i * S_i.
Tensor cumprod_grad_zeros(const Tensor& g, const Tensor& x, int64_t d) {
  int64_t n = x.size(d);
  std::vector<Tensor> s(static_cast<size_t>(n)), out(static_cast<size_t>(n));
  s[n - 1] = ag::select(g, d, n - 1);
  for (int64_t i = n - 2; i >= 0; --i)
    s[i] = ag::add(ag::select(g, d, i), ag::mul(ag::select(x, d, i + 1), s[i + 1]));
  Tensor before = rt::ones_like(ag::select(x, d, 0));
  for (int64_t i = 0; i < n; ++i) {
    out[i] = ag::mul(before, s[i]);
    before = ag::mul(before, ag::select(x, d, i));
  }
  return ag::stack(out, d);
}
}  // namespace

Tensor cumprod(const Tensor& x, int64_t dim, std::optional<DType> dtype) {
  Tensor out = rt::cumprod(x, dim, dtype);
  if (!any_requires_grad(x)) return out;
  int64_t d = rt::wrap_dim(dim, x.dim());
  return record("CumprodBackward0", {x}, out,
                [d, sx = SavedTensor(x, false), so = SavedTensor(out, true)](FunctionNode& self, Grads& g) {
                  Tensor x = sx.unpack(&self), res = so.unpack(&self);
                  if (g[0].dim() == 0) return Grads{g[0]};
                  if (rt::any(rt::eq(x, scalar_like(0, x))).item().to_bool()) return Grads{cumprod_grad_zeros(g[0], x, d)};
                  std::vector<int64_t> dims{d};
                  Tensor acc = ag::flip(ag::cumsum(ag::flip(ag::mul(g[0], res), dims), d), dims);
                  return Grads{ag::div(acc, x)};
                });
}

Tensor softmax(const Tensor& x, int64_t dim, std::optional<DType> dtype) {
  Tensor out = rt::softmax(x, dim, dtype);
  if (!any_requires_grad(x)) return out;
  int64_t d = rt::wrap_dim(dim, x.dim());
  return record("SoftmaxBackward0", {x}, out, [d, so = SavedTensor(out, true)](FunctionNode& self, Grads& g) {
    Tensor y = so.unpack(&self);
    if (y.dim() == 0) return Grads{rt::zeros_like(g[0])};
    Tensor dot = ag::sum(ag::mul(g[0], y), std::vector<int64_t>{d}, true);
    return Grads{ag::mul(y, ag::sub(g[0], dot))};
  });
}

Tensor log_softmax(const Tensor& x, int64_t dim, std::optional<DType> dtype) {
  Tensor out = rt::log_softmax(x, dim, dtype);
  if (!any_requires_grad(x)) return out;
  int64_t d = rt::wrap_dim(dim, x.dim());
  return record("LogSoftmaxBackward0", {x}, out, [d, so = SavedTensor(out, true)](FunctionNode& self, Grads& g) {
    Tensor y = so.unpack(&self);
    if (y.dim() == 0) return Grads{rt::zeros_like(g[0])};
    Tensor total = ag::sum(g[0], std::vector<int64_t>{d}, true);
    return Grads{ag::sub(g[0], ag::mul(ag::exp(y), total))};
  });
}

}  // namespace tscript::ag
