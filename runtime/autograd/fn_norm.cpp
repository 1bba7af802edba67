// batch_norm, layer_norm, group_norm, embedding and elu as single nodes, named as
// PyTorch's native ops record them. The normalisation forwards follow the CPU
// kernels of aten/src/ATen/native/Normalization.cpp, cpu/batch_norm_kernel.cpp,
// cpu/layer_norm_kernel.cpp and cpu/group_norm_kernel.cpp: statistics accumulated
// in double, then each output as a per-channel (or per-row) scale and shift in the
// input's dtype. Backwards are composed of differentiable ops.
#include <algorithm>
#include <cmath>

#include "runtime/autograd/nn_dispatch.h"
#include "runtime/autograd/nn_functions.h"
#include "runtime/autograd/record.h"

namespace tscript::ag {

using nn_detail::check_floating;
using nn_detail::dispatch_floating;

namespace {

template <class T>
const T* data_or_null(const Tensor& t) {
  return t.defined() ? t.data<T>() : nullptr;
}

Tensor contiguous_or_undefined(const Tensor& t) { return t.defined() ? rt::contiguous(t) : Tensor(); }

// Mean and population variance of `rows` runs of `len` contiguous elements,
// accumulated in double and rounded once to T.
template <class T>
void row_moments(const T* x, int64_t rows, int64_t len, T* mean, T* var) {
  for (int64_t r = 0; r < rows; ++r) {
    const T* p = x + r * len;
    double sum = 0, sq = 0;
    for (int64_t i = 0; i < len; ++i) sum += p[i];
    double m = sum / static_cast<double>(len);
    for (int64_t i = 0; i < len; ++i) sq += (p[i] - m) * (p[i] - m);
    mean[r] = static_cast<T>(m);
    var[r] = static_cast<T>(sq / static_cast<double>(len));
  }
}

// A per-channel vector shaped to broadcast against an input of `ndim` dims with
// the channels in dim 1.
Tensor channel_view(const Tensor& t, int64_t ndim) {
  std::vector<int64_t> shape(ndim, 1);
  shape[1] = t.numel();
  return ag::view(t, shape);
}

// The statistics a backward uses: the saved ones, or, when the backward itself
// records (create_graph), ones recomputed from x so that second derivatives see
// their dependence on x.
struct Stats {
  Tensor mean, rstd;
};
Stats backward_stats(const Tensor& x, const Tensor& mean, const Tensor& rstd, IntArrayRef dims, double eps) {
  if (!(GradMode::is_enabled() && requires_grad(x))) return {mean, rstd};
  return {ag::mean(x, dims, true), ag::rsqrt(ag::add(ag::var(x, dims, 0, true), scalar_like(eps, x)))};
}

// d/dx of y = (x - mean) * rstd over the elements reduced in `dims` (keepdim),
// for the upstream gradient `dy` (already times the affine weight):
// rstd * (dy - mean(dy) - xhat * mean(dy * xhat)).
Tensor normalized_input_grad(const Tensor& dy, const Tensor& x, const Stats& s, IntArrayRef dims) {
  Tensor xhat = ag::mul(ag::sub(x, s.mean), s.rstd);
  Tensor centered = ag::sub(dy, ag::mean(dy, dims, true));
  return ag::mul(ag::sub(centered, ag::mul(xhat, ag::mean(ag::mul(dy, xhat), dims, true))), s.rstd);
}

std::vector<int64_t> all_dims_but(int64_t ndim, int64_t keep) {
  std::vector<int64_t> dims;
  for (int64_t d = 0; d < ndim; ++d)
    if (d != keep) dims.push_back(d);
  return dims;
}

void check_channel_vector(const Tensor& t, const char* name, int64_t channels) {
  TS_CHECK(!t.defined() || t.numel() == channels, name, " should contain ", channels, " elements not ", t.numel());
}

}  // namespace

// ---- batch_norm ----

namespace {

struct BatchNormForward {
  Tensor output, mean, invstd;  // mean / invstd: the ones used to normalise ([C])
};

// batch_norm_cpu: training collects per-channel statistics (double sums) and
// updates the running ones; eval normalises with the running statistics.
template <class T>
BatchNormForward batch_norm_kernel(const Tensor& input, const Tensor& weight, const Tensor& bias,
                                   const Tensor& running_mean, const Tensor& running_var, bool training,
                                   double momentum, double eps) {
  const int64_t batch = input.size(0), channels = input.size(1);
  const int64_t image = channels * batch == 0 ? 0 : input.numel() / batch / channels;
  const int64_t n = batch * image;
  const bool contiguous = input.is_contiguous();
  Tensor x = rt::contiguous(input), w = contiguous_or_undefined(weight), b = contiguous_or_undefined(bias);
  const T *xd = x.data<T>(), *wd = data_or_null<T>(w), *bd = data_or_null<T>(b);
  auto at = [&](int64_t i, int64_t c, int64_t k) { return xd[(i * channels + c) * image + k]; };

  rt::TensorOptions opts(input.dtype());
  Tensor mean = rt::empty({channels}, opts), invstd = rt::empty({channels}, opts);
  T *md = mean.data<T>(), *sd = invstd.data<T>();
  if (training) {
    // The new running statistics go to private copies, then into the buffers.
    Tensor rm = running_mean.defined() ? rt::clone(rt::contiguous(running_mean)) : Tensor();
    Tensor rv = running_var.defined() ? rt::clone(rt::contiguous(running_var)) : Tensor();
    T *rmd = rm.defined() ? rm.data<T>() : nullptr, *rvd = rv.defined() ? rv.data<T>() : nullptr;
    // The contiguous kernel rounds the mean (and, for invstd, the sum of squares) to
    // T; the strided path keeps both in double and takes the mean from at::mean.
    Tensor strided_mean = contiguous ? Tensor() : rt::mean(input, all_dims_but(input.dim(), 1));
    auto invstd_of = [eps](double var) { return var != 0 || eps != 0 ? 1 / std::sqrt(var + eps) : 0.0; };
    for (int64_t c = 0; c < channels; ++c) {
      double var_sum = 0;
      if (contiguous) {
        double sum = 0;
        for (int64_t i = 0; i < batch; ++i)
          for (int64_t k = 0; k < image; ++k) sum += at(i, c, k);
        T m = static_cast<T>(sum / static_cast<double>(n));
        for (int64_t i = 0; i < batch; ++i)
          for (int64_t k = 0; k < image; ++k) var_sum += (at(i, c, k) - m) * (at(i, c, k) - m);
        md[c] = m;
        sd[c] = static_cast<T>(invstd_of(static_cast<T>(var_sum) / static_cast<T>(n)));
        // The running mean updates in T with momentum as T; the running variance
        // takes the unrounded unbiased variance (what PyTorch 1.13 prints).
        T mom = static_cast<T>(momentum);
        if (rmd) rmd[c] = mom * m + (1 - mom) * rmd[c];
        if (rvd) rvd[c] = static_cast<T>(mom * (var_sum / static_cast<double>(n - 1)) + (1 - mom) * rvd[c]);
      } else {
        double m = strided_mean.double_at(c);
        for (int64_t i = 0; i < batch; ++i)
          for (int64_t k = 0; k < image; ++k) var_sum += (at(i, c, k) - m) * (at(i, c, k) - m);
        md[c] = static_cast<T>(m);
        sd[c] = static_cast<T>(invstd_of(var_sum / static_cast<double>(n)));
        if (rmd) rmd[c] = static_cast<T>(momentum * md[c] + (1 - momentum) * rmd[c]);
        if (rvd) rvd[c] = static_cast<T>(momentum * (var_sum / static_cast<double>(n - 1)) + (1 - momentum) * rvd[c]);
      }
    }
    if (rm.defined()) rt::copy_(running_mean, rm);
    if (rv.defined()) rt::copy_(running_var, rv);
  } else {
    Tensor rm = rt::contiguous(running_mean), rv = rt::contiguous(running_var);
    for (int64_t c = 0; c < channels; ++c) {
      md[c] = rm.data<T>()[c];
      sd[c] = T(1) / std::sqrt(rv.data<T>()[c] + static_cast<T>(eps));
    }
  }

  Tensor out = rt::empty(input.sizes(), opts);
  T* od = out.data<T>();
  for (int64_t c = 0; c < channels; ++c) {
    T wv = wd ? wd[c] : T(1), bv = bd ? bd[c] : T(0);
    // Contiguous: x * alpha + beta with alpha = invstd * w, beta = b - mean * alpha;
    // strided: ((x - mean) * invstd) * w + b.
    T alpha = sd[c] * wv, beta = bv - md[c] * alpha;
    for (int64_t i = 0; i < batch; ++i)
      for (int64_t k = 0; k < image; ++k) {
        int64_t pos = (i * channels + c) * image + k;
        od[pos] = contiguous ? xd[pos] * alpha + beta : ((xd[pos] - md[c]) * sd[c]) * wv + bv;
      }
  }
  return {out, mean, invstd};
}

}  // namespace

Tensor batch_norm(const Tensor& input, const Tensor& weight, const Tensor& bias, const Tensor& running_mean,
                  const Tensor& running_var, bool training, double momentum, double eps) {
  check_floating(input, "batch_norm");
  TS_CHECK(input.dim() >= 2, "batch_norm: expected an input with at least 2 dims, got ", input.dim());
  const int64_t channels = input.size(1);
  check_channel_vector(weight, "weight", channels);
  check_channel_vector(bias, "bias", channels);
  check_channel_vector(running_mean, "running_mean", channels);
  check_channel_vector(running_var, "running_var", channels);
  TS_CHECK(training || (running_mean.defined() && running_var.defined()),
           "running_mean and running_var must be defined in evaluation mode");
  BatchNormForward f = dispatch_floating(input.dtype(), [&]<class T>() {
    return batch_norm_kernel<T>(input, weight, bias, running_mean, running_var, training, momentum, eps);
  });
  if (!any_requires_grad(input, weight, bias)) return f.output;
  std::vector<int64_t> dims = all_dims_but(input.dim(), 1);
  return record("NativeBatchNormBackward0", {input, weight, bias}, f.output,
                [sx = SavedTensor(input, false), sw = SavedTensor(weight, false), mean = f.mean, invstd = f.invstd,
                 dims, training, eps](FunctionNode& self, Grads& g) {
                  Tensor x = sx.unpack(&self), w = sw.unpack(&self), dy = g[0];
                  int64_t nd = x.dim();
                  Stats st{channel_view(mean, nd), channel_view(invstd, nd)};
                  if (training) st = backward_stats(x, st.mean, st.rstd, dims, eps);
                  Grads r(3);
                  if (needs(self, 0)) {
                    Tensor wv = w.defined() ? channel_view(w, nd) : Tensor();
                    if (training) {
                      r[0] = normalized_input_grad(wv.defined() ? ag::mul(dy, wv) : dy, x, st, dims);
                    } else {  // dy * invstd * w
                      r[0] = wv.defined() ? ag::mul(ag::mul(dy, st.rstd), wv) : ag::mul(dy, st.rstd);
                    }
                  }
                  // sum((x - mean) * dy) * invstd
                  if (needs(self, 1))
                    r[1] = ag::view(ag::mul(ag::sum(ag::mul(ag::sub(x, st.mean), dy), dims, true), st.rstd),
                                    mean.sizes());
                  if (needs(self, 2)) r[2] = ag::sum(dy, dims);
                  return r;
                });
}

// ---- layer_norm ----

namespace {

struct RowNormForward {
  Tensor output, mean, rstd;  // mean / rstd: one per normalised row
};

// LayerNormKernelImplInternal: per row rstd = 1 / sqrt(var + eps), then
// (x * rstd + (-rstd * mean)) * gamma + beta.
template <class T>
RowNormForward layer_norm_kernel(const Tensor& input, const Tensor& weight, const Tensor& bias, int64_t rows,
                                 int64_t len, double eps) {
  Tensor x = rt::contiguous(input), w = contiguous_or_undefined(weight), b = contiguous_or_undefined(bias);
  const T *xd = x.data<T>(), *wd = data_or_null<T>(w), *bd = data_or_null<T>(b);
  rt::TensorOptions opts(input.dtype());
  Tensor out = rt::empty(input.sizes(), opts), mean = rt::empty({rows}, opts), rstd = rt::empty({rows}, opts);
  T *od = out.data<T>(), *md = mean.data<T>(), *sd = rstd.data<T>();
  row_moments(xd, rows, len, md, sd);
  for (int64_t r = 0; r < rows; ++r) {
    sd[r] = T(1) / std::sqrt(sd[r] + static_cast<T>(eps));
    T scale = sd[r], shift = -sd[r] * md[r];
    for (int64_t j = 0; j < len; ++j)
      od[r * len + j] = (xd[r * len + j] * scale + shift) * (wd ? wd[j] : T(1)) + (bd ? bd[j] : T(0));
  }
  return {out, mean, rstd};
}

}  // namespace

Tensor layer_norm(const Tensor& input, IntArrayRef normalized_shape, const Tensor& weight, const Tensor& bias,
                  double eps) {
  check_floating(input, "layer_norm");
  const int64_t nd = static_cast<int64_t>(normalized_shape.size()), axis = input.dim() - nd;
  TS_CHECK(nd >= 1, "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, "
                    "but got normalized_shape = ", shape_string(normalized_shape));
  TS_CHECK(!weight.defined() || weight.sizes() == normalized_shape,
           "Expected weight to be of same shape as normalized_shape, but got weight of shape ",
           shape_string(weight.sizes()), " and normalized_shape = ", shape_string(normalized_shape));
  TS_CHECK(!bias.defined() || bias.sizes() == normalized_shape,
           "Expected bias to be of same shape as normalized_shape, but got bias of shape ", shape_string(bias.sizes()),
           " and normalized_shape = ", shape_string(normalized_shape));
  bool matches = axis >= 0;
  for (int64_t i = 0; matches && i < nd; ++i) matches = input.size(axis + i) == normalized_shape[i];
  if (!matches) {
    std::string expected = "[*";
    for (int64_t s : normalized_shape) expected += ", " + std::to_string(s);
    TS_ERROR("Given normalized_shape=", shape_string(normalized_shape), ", expected input with shape ", expected,
             "], but got input of size", shape_string(input.sizes()));
  }
  int64_t len = 1;
  for (int64_t s : normalized_shape) len *= s;
  const int64_t rows = len == 0 ? 0 : input.numel() / len;
  RowNormForward f = dispatch_floating(input.dtype(), [&]<class T>() {
    return layer_norm_kernel<T>(input, weight, bias, rows, len, eps);
  });
  if (!any_requires_grad(input, weight, bias)) return f.output;
  // mean / rstd keep the leading dims, with size 1 in the normalised ones.
  std::vector<int64_t> stat_shape(input.sizes().begin(), input.sizes().begin() + axis), dims;
  for (int64_t i = axis; i < input.dim(); ++i) {
    stat_shape.push_back(1);
    dims.push_back(i);
  }
  std::vector<int64_t> lead(axis);
  for (int64_t i = 0; i < axis; ++i) lead[i] = i;
  return record("NativeLayerNormBackward0", {input, weight, bias}, f.output,
                [sx = SavedTensor(input, false), sw = SavedTensor(weight, false),
                 mean = rt::view(f.mean, stat_shape), rstd = rt::view(f.rstd, stat_shape), dims, lead,
                 eps](FunctionNode& self, Grads& g) {
                  Tensor x = sx.unpack(&self), w = sw.unpack(&self), dy = g[0];
                  Stats st = backward_stats(x, mean, rstd, dims, eps);
                  Grads r(3);
                  if (needs(self, 0)) r[0] = normalized_input_grad(w.defined() ? ag::mul(dy, w) : dy, x, st, dims);
                  if (needs(self, 1)) {
                    Tensor t = ag::mul(dy, ag::mul(ag::sub(x, st.mean), st.rstd));
                    r[1] = lead.empty() ? t : ag::sum(t, lead);
                  }
                  if (needs(self, 2)) r[2] = lead.empty() ? dy : ag::sum(dy, lead);
                  return r;
                });
}

// ---- group_norm ----

namespace {

// GroupNormKernelImplInternal: per (sample, group) rstd = 1 / sqrt(max(var, 0) +
// eps); per channel scale = rstd * gamma, bias = -scale * mean + beta; y = scale * x + bias.
template <class T>
RowNormForward group_norm_kernel(const Tensor& input, const Tensor& weight, const Tensor& bias, int64_t groups,
                                 double eps) {
  const int64_t batch = input.size(0), channels = input.size(1);
  const int64_t per_group = channels / groups;
  const int64_t image = batch * channels == 0 ? 0 : input.numel() / batch / channels;
  Tensor x = rt::contiguous(input), w = contiguous_or_undefined(weight), b = contiguous_or_undefined(bias);
  const T *xd = x.data<T>(), *wd = data_or_null<T>(w), *bd = data_or_null<T>(b);
  rt::TensorOptions opts(input.dtype());
  Tensor out = rt::empty(input.sizes(), opts);
  Tensor mean = rt::empty({batch, groups}, opts), rstd = rt::empty({batch, groups}, opts);
  T *od = out.data<T>(), *md = mean.data<T>(), *sd = rstd.data<T>();
  const int64_t rows = batch * groups, len = per_group * image;
  row_moments(xd, rows, len, md, sd);
  for (int64_t r = 0; r < rows; ++r) {
    sd[r] = T(1) / std::sqrt(std::max(sd[r], T(0)) + static_cast<T>(eps));
    for (int64_t d = 0; d < per_group; ++d) {
      int64_t c = (r % groups) * per_group + d;
      T scale = sd[r] * (wd ? wd[c] : T(1));
      T shift = -scale * md[r] + (bd ? bd[c] : T(0));
      const T* xp = xd + r * len + d * image;
      T* op = od + r * len + d * image;
      for (int64_t k = 0; k < image; ++k) op[k] = scale * xp[k] + shift;
    }
  }
  return {out, mean, rstd};
}

}  // namespace

Tensor group_norm(const Tensor& input, int64_t num_groups, const Tensor& weight, const Tensor& bias, double eps) {
  check_floating(input, "group_norm");
  TS_CHECK(input.dim() >= 2, "Expected at least 2 dimensions for input tensor but received ", input.dim());
  const int64_t batch = input.size(0), channels = input.size(1);
  TS_CHECK(num_groups > 0 && channels % num_groups == 0,
           "Expected number of channels in input to be divisible by num_groups, but got input of shape ",
           shape_string(input.sizes()), " and num_groups=", num_groups);
  TS_CHECK(!weight.defined() || (weight.dim() == 1 && weight.numel() == channels),
           "Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape ",
           shape_string(weight.sizes()), " and input of shape ", shape_string(input.sizes()));
  TS_CHECK(!bias.defined() || (bias.dim() == 1 && bias.numel() == channels),
           "Expected bias to be a vector of size equal to the number of channels in input, but got bias of shape ",
           shape_string(bias.sizes()), " and input of shape ", shape_string(input.sizes()));
  RowNormForward f = dispatch_floating(input.dtype(), [&]<class T>() {
    return group_norm_kernel<T>(input, weight, bias, num_groups, eps);
  });
  if (!any_requires_grad(input, weight, bias)) return f.output;
  return record("NativeGroupNormBackward0", {input, weight, bias}, f.output,
                [sx = SavedTensor(input, false), sw = SavedTensor(weight, false), mean = f.mean, rstd = f.rstd,
                 batch, num_groups, eps](FunctionNode& self, Grads& g) {
                  Tensor x = sx.unpack(&self), w = sw.unpack(&self), dy = g[0];
                  int64_t nd = x.dim();
                  std::vector<int64_t> grouped{batch, num_groups, -1}, stat{batch, num_groups, 1};
                  Tensor xg = ag::reshape(x, grouped);
                  std::vector<int64_t> group_dims{2};
                  Stats st = backward_stats(xg, rt::view(mean, stat), rt::view(rstd, stat), group_dims, eps);
                  Grads r(3);
                  if (needs(self, 0)) {
                    Tensor dyw = w.defined() ? ag::mul(dy, channel_view(w, nd)) : dy;
                    r[0] = ag::reshape(normalized_input_grad(ag::reshape(dyw, grouped), xg, st, group_dims), x.sizes());
                  }
                  std::vector<int64_t> dims = all_dims_but(nd, 1);
                  if (needs(self, 1)) {
                    Tensor xhat = ag::reshape(ag::mul(ag::sub(xg, st.mean), st.rstd), x.sizes());
                    r[1] = ag::sum(ag::mul(dy, xhat), dims);
                  }
                  if (needs(self, 2)) r[2] = ag::sum(dy, dims);
                  return r;
                });
}

// ---- embedding ----

Tensor embedding(const Tensor& weight, const Tensor& indices, std::optional<int64_t> padding_idx,
                 bool scale_grad_by_freq) {
  TS_CHECK(weight.dim() == 2, "'weight' must be 2-D");
  TS_CHECK(indices.dtype() == DType::Int64 || indices.dtype() == DType::Int32,
           "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got ",
           rt::scalar_type_name(indices.dtype()), " instead (while checking arguments for embedding)");
  Tensor flat = rt::reshape(indices, std::vector<int64_t>{-1});
  std::vector<int64_t> shape(indices.sizes().begin(), indices.sizes().end());
  shape.push_back(weight.size(1));
  Tensor out = rt::view(rt::index_select(weight, 0, flat), shape);
  if (!any_requires_grad(weight)) return out;
  // embedding_dense_backward: each looked-up row's gradient is added into its
  // weight row, in order (scaled by 1 / its count with scale_grad_by_freq); the
  // padding row gets none.
  return record("EmbeddingBackward0", {weight}, out,
                [si = SavedTensor(indices, false), rows = weight.size(0), padding_idx,
                 scale_grad_by_freq](FunctionNode& self, Grads& g) {
                  Tensor idx = rt::to(rt::reshape(si.unpack(&self), std::vector<int64_t>{-1}), DType::Int64);
                  Tensor g2 = ag::reshape(g[0], std::vector<int64_t>{idx.numel(), g[0].size(-1)});
                  if (padding_idx) {
                    Tensor keep = rt::unsqueeze(rt::ne(idx, rt::scalar_tensor(*padding_idx, DType::Int64)), 1);
                    g2 = ag::where(keep, g2, scalar_like(0, g2));
                  }
                  if (scale_grad_by_freq) {
                    Tensor counts = rt::zeros({rows}, DType::Float64);
                    rt::index_put_(counts, std::vector<Tensor>{idx}, rt::ones({idx.numel()}, DType::Float64), true);
                    Tensor scale = rt::to(rt::reciprocal(rt::index_select(counts, 0, idx)), g2.dtype());
                    g2 = ag::mul(g2, rt::unsqueeze(scale, 1));
                  }
                  Tensor grad = rt::zeros({rows, g2.size(1)}, g2.dtype());
                  return Grads{ag::index_put_(grad, std::vector<Tensor>{idx}, g2, true)};
                });
}

// ---- elu ----

Tensor elu(const Tensor& x, double alpha) {
  // elu_kernel with scale = input_scale = 1: x > 0 ? x : (exp(x) - 1) * alpha.
  Tensor a = scalar_like(alpha, x);
  Tensor out = rt::where(rt::gt(x, scalar_like(0, x)), x, rt::mul(rt::sub(rt::exp(x), scalar_like(1, x)), a));
  if (!any_requires_grad(x)) return out;
  return record("EluBackward0", {x}, out, [sx = SavedTensor(x, false), alpha](FunctionNode& self, Grads& g) {
    Tensor x = sx.unpack(&self);
    Tensor negative = ag::mul(ag::mul(g[0], scalar_like(alpha, g[0])), ag::exp(x));
    return Grads{ag::where(rt::gt(x, scalar_like(0, x)), g[0], negative)};
  });
}

}  // namespace tscript::ag
