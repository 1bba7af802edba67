// Loss functions as single nodes, the way PyTorch's native losses record them.
// Forwards follow the CPU kernels of aten/src/ATen/native/Loss.cpp and LossNLL.cpp
// operation by operation (nll_loss's cascade sum included), so float32 results
// print PyTorch's digits; backwards compose differentiable ops in the order of
// PyTorch's backward kernels (so gradients round alike, and create_graph works).
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "runtime/autograd/nn_dispatch.h"
#include "runtime/autograd/nn_functions.h"
#include "runtime/autograd/record.h"

namespace tscript::ag {

using nn_detail::check_floating;
using nn_detail::dispatch_floating;

using R = LossReduction;

namespace {

// at::native::apply_loss_reduction.
Tensor reduce_loss(const Tensor& loss, R r) {
  if (r == R::Mean) return rt::mean(loss);
  if (r == R::Sum) return rt::sum(loss);
  return loss;
}

// The final `/ numel` of a mean-reduced loss's backward.
Tensor mean_scaled(const Tensor& g, R r, int64_t numel) {
  return r == R::Mean ? ag::div(g, scalar_like(numel, g)) : g;
}

Tensor times_weight(const Tensor& g, const Tensor& weight) { return weight.defined() ? ag::mul(g, weight) : g; }

// torch.broadcast_tensors of the two operands (F.mse_loss and friends do it first;
// an operand already of the common shape is kept as it is).
std::pair<Tensor, Tensor> broadcast_pair(const Tensor& a, const Tensor& b) {
  rt::DimVector shape = rt::broadcast_shapes(a.sizes(), b.sizes());
  return {a.sizes() == IntArrayRef(shape) ? a : ag::expand(a, shape),
          b.sizes() == IntArrayRef(shape) ? b : ag::expand(b, shape)};
}

// Derivative of the loss w.r.t. `a` (target: operands swapped) with `norm` = 2/N or 2.
Tensor mse_grad(const Tensor& g, const Tensor& a, const Tensor& b, double norm) {
  return ag::mul(ag::mul(scalar_like(norm, a), ag::sub(a, b)), g);
}

// smooth_l1_backward_cpu_kernel, per element of x = a - b.
Tensor smooth_l1_grad(const Tensor& g, const Tensor& a, const Tensor& b, double norm, double beta) {
  Tensor x = ag::sub(a, b);
  Tensor n = scalar_like(norm, x);
  Tensor pos = ag::mul(n, g), neg = ag::mul(ag::neg(n), g);
  Tensor outer = ag::where(rt::le(x, scalar_like(-beta, x)), neg, pos);
  if (beta == 0) return outer;  // every x is at or beyond +-beta
  Tensor inner = ag::div(ag::mul(ag::mul(n, x), g), scalar_like(beta, x));
  return ag::where(rt::logical_and(rt::gt(x, scalar_like(-beta, x)), rt::lt(x, scalar_like(beta, x))), inner, outer);
}

}  // namespace

Tensor mse_loss(const Tensor& input, const Tensor& target, R r) {
  auto [x, t] = broadcast_pair(input, target);
  Tensor diff = rt::sub(x, t);
  Tensor out = reduce_loss(rt::mul(diff, diff), r);
  if (!any_requires_grad(x, t)) return out;
  double norm = r == R::Mean ? 2.0 / static_cast<double>(x.numel()) : 2.0;
  return record("MseLossBackward0", {x, t}, out,
                [sx = SavedTensor(x, false), st = SavedTensor(t, false), norm](FunctionNode& self, Grads& g) {
                  Tensor x = sx.unpack(&self), t = st.unpack(&self);
                  Grads r(2);
                  if (needs(self, 0)) r[0] = mse_grad(g[0], x, t, norm);
                  if (needs(self, 1)) r[1] = mse_grad(g[0], t, x, norm);
                  return r;
                });
}

Tensor smooth_l1_loss(const Tensor& input, const Tensor& target, R r, double beta) {
  TS_CHECK(beta >= 0, "smooth_l1_loss does not support negative values for beta.");
  auto [x, t] = broadcast_pair(input, target);
  // z < beta ? 0.5 * z * z / beta : z - 0.5 * beta, with z = |x - t|.
  Tensor z = rt::abs(rt::sub(x, t));
  Tensor half = scalar_like(0.5, z), b = scalar_like(beta, z);
  Tensor quadratic = rt::div(rt::mul(rt::mul(half, z), z), b);
  Tensor linear = rt::sub(z, rt::mul(half, b));
  Tensor out = reduce_loss(rt::where(rt::lt(z, b), quadratic, linear), r);
  if (!any_requires_grad(x, t)) return out;
  double norm = r == R::Mean ? 1.0 / static_cast<double>(x.numel()) : 1.0;
  return record("SmoothL1LossBackward0", {x, t}, out,
                [sx = SavedTensor(x, false), st = SavedTensor(t, false), norm, beta](FunctionNode& self, Grads& g) {
                  Tensor x = sx.unpack(&self), t = st.unpack(&self);
                  Grads r(2);
                  if (needs(self, 0)) r[0] = smooth_l1_grad(g[0], x, t, norm, beta);
                  if (needs(self, 1)) r[1] = smooth_l1_grad(g[0], t, x, norm, beta);
                  return r;
                });
}

// ---- nll_loss ----

namespace {

// nll_loss_out_frame / nll_loss2d_forward_out_frame over input viewed as
// [batch, classes, map] (map = H*W for nll_loss2d, 1 otherwise) and target as
// [batch, map]. Reduced: the losses summed in a cascade of partial sums (each level
// folding into the next every 2^level_power elements), as PyTorch does.
struct NllForward {
  Tensor output;
  Tensor total_weight;
};

template <class T>
NllForward nll_kernel(const Tensor& input, const Tensor& target, const Tensor& weight, R r, int64_t ignore_index,
                      int64_t batch, int64_t classes, int64_t map, rt::DimVector none_shape) {
  Tensor x = rt::contiguous(input), tg = rt::contiguous(target);
  Tensor w = weight.defined() ? rt::contiguous(weight) : Tensor();
  const T* xd = x.data<T>();
  const int64_t* td = tg.data<int64_t>();
  const T* wd = w.defined() ? w.data<T>() : nullptr;
  auto check_target = [&](int64_t t) { TS_CHECK_INDEX(t >= 0 && t < classes, "Target ", t, " is out of bounds."); };
  auto at = [&](int64_t b, int64_t t, int64_t e) { return xd[(b * classes + t) * map + e]; };

  if (r == R::None) {
    Tensor out = rt::empty(none_shape, rt::TensorOptions(x.dtype()));
    T* od = out.data<T>();
    for (int64_t b = 0; b < batch; ++b)
      for (int64_t e = 0; e < map; ++e) {
        int64_t t = td[b * map + e];
        if (t == ignore_index) {
          od[b * map + e] = 0;
          continue;
        }
        check_target(t);
        od[b * map + e] = -at(b, t, e) * (wd ? wd[t] : T(1));
      }
    return {out, Tensor()};
  }

  const int64_t count = batch * map;
  if (count == 0) {
    // Both nan and 0 are valid here; PyTorch avoids nan except for mean.
    T v = r == R::Mean ? std::numeric_limits<T>::quiet_NaN() : T(0);
    return {rt::scalar_tensor(v, rt::TensorOptions(x.dtype())), rt::scalar_tensor(0, rt::TensorOptions(x.dtype()))};
  }
  constexpr int64_t levels = 8;
  int64_t ceil_log2 = 0;
  while ((int64_t{1} << ceil_log2) < count) ++ceil_log2;
  const int64_t level_power = std::max<int64_t>(4, ceil_log2 / levels);
  const int64_t level_mask = (int64_t{1} << level_power) - 1;
  std::array<T, levels> loss_sums{}, weight_sums{};
  int64_t ignored = 0;
  for (int64_t i = 0; i < count; ++i) {
    int64_t b = i / map, e = i % map, t = td[i];
    if (t == ignore_index) {
      ++ignored;
      continue;
    }
    check_target(t);
    T v = at(b, t, e);
    if (wd) {
      loss_sums[0] -= v * wd[t];
      weight_sums[0] += wd[t];
    } else {
      loss_sums[0] -= v;
    }
    for (int64_t j = 0; j + 1 < levels; ++j) {
      if ((i & (level_mask << (j * level_power))) != 0) break;
      weight_sums[j + 1] += weight_sums[j];
      loss_sums[j + 1] += loss_sums[j];
      weight_sums[j] = 0;
      loss_sums[j] = 0;
    }
  }
  T total = 0, loss = 0;
  if (wd) {
    for (T s : weight_sums) total += s;
  } else {
    total = static_cast<T>(count - ignored);
  }
  for (T s : loss_sums) loss += s;
  if (r == R::Mean) loss /= total;
  return {rt::scalar_tensor(loss, rt::TensorOptions(x.dtype())), rt::scalar_tensor(total, rt::TensorOptions(x.dtype()))};
}

// The checks of nll_loss / nll_loss2d (PyTorch's messages).
void check_nll_args(const Tensor& input, const Tensor& target, const Tensor& weight, bool spatial) {
  check_floating(input, spatial ? "nll_loss2d_forward_out_frame" : "nll_loss_out_frame");
  TS_CHECK(target.dtype() == DType::Int64, "expected scalar type Long but found ",
           rt::scalar_type_name(target.dtype()));
  if (spatial) {
    TS_CHECK(target.dim() == 3, "only batches of spatial targets supported (3D tensors) but got targets of dimension: ",
             target.dim());
    TS_CHECK(input.dim() == 4, "only batches of spatial inputs supported (4D tensors), but got input of dimension: ",
             input.dim());
    TS_CHECK(input.size(0) == target.size(0) && input.size(2) == target.size(1) && input.size(3) == target.size(2),
             "input and target batch or spatial sizes don't match: target ", shape_string(target.sizes()),
             ", input ", shape_string(input.sizes()));
  } else {
    TS_CHECK(input.dim() > 0 && input.dim() <= 2, "input tensor should be 1D or 2D");
    TS_CHECK(target.dim() <= 1, "0D or 1D target tensor expected, multi-target not supported");
    bool no_batch_dim = input.dim() == 1 && target.dim() == 0;
    TS_CHECK(no_batch_dim || input.size(0) == target.size(0), "size mismatch (got input: ",
             shape_string(input.sizes()), ", target: ", shape_string(target.sizes()), ")");
  }
  int64_t classes = input.size(spatial || input.dim() == 2 ? 1 : 0);
  TS_CHECK(!weight.defined() || (weight.dim() == 1 && weight.numel() == classes),
           "weight tensor should be defined either for all ", classes, " classes or no classes but got weight tensor of shape: ",
           shape_string(weight.sizes()));
}

// d loss / d input: zeros except at each kept target class, which gets
// -(grad / total_weight) * weight[t] (reduced) or -weight[t] * grad (none).
Tensor nll_grad(const Tensor& g, const TensorMeta& input, const Tensor& target, const Tensor& weight,
                const Tensor& total_weight, R r, int64_t ignore_index, int64_t class_dim) {
  Tensor valid = rt::ne(target, rt::scalar_tensor(ignore_index, rt::TensorOptions(DType::Int64)));
  Tensor safe = rt::where(valid, target, rt::scalar_tensor(0, rt::TensorOptions(DType::Int64)));
  Tensor w = weight.defined()
                 ? rt::view(rt::index_select(weight, 0, rt::reshape(safe, std::vector<int64_t>{-1})), safe.sizes())
                 : Tensor();
  Tensor per_target;
  if (r == R::None) {
    per_target = w.defined() ? ag::mul(ag::neg(w), g) : ag::neg(g);
  } else {
    Tensor scaled = ag::neg(r == R::Mean ? ag::div(g, total_weight) : g);
    per_target = w.defined() ? ag::mul(w, scaled) : ag::expand(scaled, safe.sizes());
  }
  per_target = ag::where(valid, per_target, scalar_like(0, per_target));
  Tensor zeros = rt::zeros(input.sizes, rt::TensorOptions(input.dtype));
  return ag::scatter(zeros, class_dim, rt::unsqueeze(safe, class_dim), ag::unsqueeze(per_target, class_dim));
}

// at::nll_loss (1-d or 2-d input) and at::nll_loss2d (4-d input).
Tensor nll_loss_node(const Tensor& input, const Tensor& target, const Tensor& weight, R r, int64_t ignore_index,
                     bool spatial) {
  check_nll_args(input, target, weight, spatial);
  int64_t batch = input.dim() == 1 ? 1 : input.size(0), classes = input.size(input.dim() == 1 ? 0 : 1);
  int64_t map = spatial ? input.size(2) * input.size(3) : 1;
  // A 1-d input has no per-sample output: "none" sums like PyTorch's frame does.
  R kernel_r = r == R::None && input.dim() == 1 ? R::Sum : r;
  NllForward f = dispatch_floating(input.dtype(), [&]<class T>() {
    return nll_kernel<T>(input, target, weight, kernel_r, ignore_index, batch, classes, map,
                         rt::DimVector(target.sizes()));
  });
  if (!any_requires_grad(input)) return f.output;
  int64_t class_dim = input.dim() == 1 ? 0 : 1;
  return record(spatial ? "NllLoss2DBackward0" : "NllLossBackward0", {input}, f.output,
                [meta = TensorMeta::of(input), st = SavedTensor(target, false), sw = SavedTensor(weight, false),
                 tw = f.total_weight, kernel_r, ignore_index, class_dim](FunctionNode& self, Grads& g) {
                  return Grads{nll_grad(g[0], meta, st.unpack(&self), sw.unpack(&self), tw, kernel_r,
                                        ignore_index, class_dim)};
                });
}

}  // namespace

Tensor nll_loss(const Tensor& input, const Tensor& target, const Tensor& weight, R r, int64_t ignore_index) {
  TS_CHECK_VALUE(input.dim() >= 1, "Expected 1 or more dimensions (got ", input.dim(), ")");
  TS_CHECK_VALUE(input.dim() == 1 || target.dim() == 0 || input.size(0) == target.size(0),
                 "Expected input batch_size (", input.size(0), ") to match target batch_size (", target.size(0), ").");
  if (input.dim() <= 2) return nll_loss_node(input, target, weight, r, ignore_index, false);
  if (input.dim() == 4) return nll_loss_node(input, target, weight, r, ignore_index, true);
  // 3-d or > 4-d: viewed as a [N, C, 1, rest] image, as at::nll_loss_nd does.
  int64_t n = input.size(0), c = input.size(1);
  std::vector<int64_t> out_size{n};
  out_size.insert(out_size.end(), input.sizes().begin() + 2, input.sizes().end());
  TS_CHECK(target.dim() >= 1 && target.sizes().slice(1) == input.sizes().slice(2),
           "Expected target size ", shape_string(out_size), ", got ", shape_string(target.sizes()));
  bool empty_input = input.numel() == 0, empty_target = target.numel() == 0;
  Tensor x = ag::view(ag::contiguous(input), empty_input ? std::vector<int64_t>{n, c, 0, 0}
                                                         : std::vector<int64_t>{n, c, 1, -1});
  Tensor t = rt::view(rt::contiguous(target), empty_target ? std::vector<int64_t>{n, 0, 0}
                                                           : std::vector<int64_t>{n, 1, -1});
  Tensor out = nll_loss_node(x, t, weight, r, ignore_index, true);
  return r == R::None ? ag::view(out, out_size) : out;
}

// ---- binary cross entropy ----

namespace {

// binary_cross_entropy_out_cpu's elementwise term, in its order:
// (t - 1) * max(log(1 - x), -100) - t * max(log(x), -100).
template <class T>
Tensor bce_terms(const Tensor& input, const Tensor& target) {
  Tensor x = rt::contiguous(input), t = rt::contiguous(target);
  Tensor out = rt::empty(x.sizes(), rt::TensorOptions(x.dtype()));
  const T *xd = x.data<T>(), *td = t.data<T>();
  T* od = out.data<T>();
  for (int64_t i = 0; i < x.numel(); ++i) {
    T xv = xd[i], tv = td[i];
    TS_CHECK(xv >= 0 && xv <= 1, "all elements of input should be between 0 and 1");
    od[i] = (tv - T(1)) * std::max(T(std::log(T(1) - xv)), T(-100)) - tv * std::max(T(std::log(xv)), T(-100));
  }
  return out;
}

}  // namespace

Tensor binary_cross_entropy(const Tensor& input, const Tensor& target, const Tensor& weight, R r) {
  check_floating(input, "binary_cross_entropy");
  TS_CHECK(input.sizes() == target.sizes() && input.dtype() == target.dtype(),
           "binary_cross_entropy: expected target of the input's shape and dtype, got ", shape_string(target.sizes()),
           " and ", shape_string(input.sizes()));
  Tensor loss = dispatch_floating(input.dtype(), [&]<class T>() { return bce_terms<T>(input, target); });
  if (weight.defined()) loss = rt::mul(loss, weight);
  Tensor out = reduce_loss(loss, r);
  if (!any_requires_grad(input, target)) return out;
  return record("BinaryCrossEntropyBackward0", {input, target}, out,
                [sx = SavedTensor(input, false), st = SavedTensor(target, false), sw = SavedTensor(weight, false), r,
                 n = input.numel()](FunctionNode& self, Grads& g) {
                  Tensor x = sx.unpack(&self), t = st.unpack(&self), w = sw.unpack(&self);
                  Grads out(2);
                  if (needs(self, 0)) {
                    // grad * (x - t) / max((1 - x) * x, 1e-12)
                    Tensor denom = ag::clamp(ag::mul(ag::rsub(x, 1), x), Scalar(1e-12));
                    out[0] = mean_scaled(times_weight(ag::div(ag::mul(g[0], ag::sub(x, t)), denom), w), r, n);
                  }
                  if (needs(self, 1)) {
                    // -logit(x) * grad
                    Tensor logit = ag::log(ag::div(x, ag::rsub(x, 1)));
                    out[1] = mean_scaled(times_weight(ag::mul(ag::neg(logit), g[0]), w), r, n);
                  }
                  return out;
                });
}

Tensor binary_cross_entropy_with_logits(const Tensor& input, const Tensor& target, const Tensor& weight,
                                        const Tensor& pos_weight, R r) {
  TS_CHECK(input.sizes() == target.sizes(), "Target size (", shape_string(target.sizes()),
           ") must be the same as input size (", shape_string(input.sizes()), ")");
  // The log-sum-exp form, in PyTorch's order.
  Tensor one = scalar_like(1, input);
  Tensor max_val = rt::clamp(rt::neg(input), Scalar(0), std::nullopt);
  Tensor log_term = rt::log(rt::add(rt::exp(rt::neg(max_val)), rt::exp(rt::sub(rt::neg(input), max_val))));
  Tensor loss = rt::mul(rt::sub(one, target), input);
  if (pos_weight.defined()) {
    Tensor log_weight = rt::add(rt::mul(rt::sub(pos_weight, one), target), one);
    loss = rt::add(loss, rt::mul(log_weight, rt::add(log_term, max_val)));
  } else {
    loss = rt::add(rt::add(loss, max_val), log_term);
  }
  if (weight.defined()) loss = rt::mul(loss, weight);
  Tensor out = reduce_loss(loss, r);
  if (!any_requires_grad(input, target)) return out;
  return record("BinaryCrossEntropyWithLogitsBackward0", {input, target}, out,
                [sx = SavedTensor(input, false), st = SavedTensor(target, false), sw = SavedTensor(weight, false),
                 sp = SavedTensor(pos_weight, false), r, n = input.numel()](FunctionNode& self, Grads& g) {
                  Tensor x = sx.unpack(&self), t = st.unpack(&self), w = sw.unpack(&self), pw = sp.unpack(&self);
                  Grads out(2);
                  if (needs(self, 0)) {
                    Tensor gi;
                    if (pw.defined()) {
                      // ((pw * t + 1 - t) * sigmoid(x) - pw * t) * grad
                      Tensor pt = ag::mul(pw, t);
                      gi = ag::mul(ag::sub(ag::mul(ag::sub(ag::add(pt, scalar_like(1, pt)), t), ag::sigmoid(x)), pt),
                                   g[0]);
                    } else {
                      gi = ag::mul(ag::sub(ag::sigmoid(x), t), g[0]);
                    }
                    out[0] = mean_scaled(times_weight(gi, w), r, n);
                  }
                  if (needs(self, 1)) {
                    Tensor gt = pw.defined() ? ag::mul(ag::sub(ag::log_sigmoid(ag::neg(x)),
                                                               ag::mul(ag::log_sigmoid(x), pw)),
                                                       g[0])
                                             : ag::mul(ag::neg(x), g[0]);
                    out[1] = mean_scaled(times_weight(gt, w), r, n);
                  }
                  return out;
                });
}

}  // namespace tscript::ag
