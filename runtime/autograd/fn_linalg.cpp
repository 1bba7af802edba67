// Matrix products with their derivatives. matmul and linear are composed of the
// primitive products the way PyTorch composes them, so graphs get the same nodes.
#include "runtime/autograd/record.h"

namespace tscript::ag {

namespace {
Tensor times(const Tensor& t, const Scalar& s) { return s.to_double() == 1 ? t : ag::mul(t, scalar_like(s, t)); }
}  // namespace

Tensor mm(const Tensor& a, const Tensor& b) {
  Tensor out = rt::mm(a, b);
  if (!any_requires_grad(a, b)) return out;
  return record("MmBackward0", {a, b}, out,
                [sa = SavedTensor(requires_grad(b) ? a : Tensor(), false),
                 sb = SavedTensor(requires_grad(a) ? b : Tensor(), false)](FunctionNode& self, Grads& g) {
                  Grads r(2);
                  if (needs(self, 0)) r[0] = ag::mm(g[0], ag::t(sb.unpack(&self)));
                  if (needs(self, 1)) r[1] = ag::mm(ag::t(sa.unpack(&self)), g[0]);
                  return r;
                });
}

Tensor bmm(const Tensor& a, const Tensor& b) {
  Tensor out = rt::bmm(a, b);
  if (!any_requires_grad(a, b)) return out;
  return record("BmmBackward0", {a, b}, out,
                [sa = SavedTensor(requires_grad(b) ? a : Tensor(), false),
                 sb = SavedTensor(requires_grad(a) ? b : Tensor(), false)](FunctionNode& self, Grads& g) {
                  Grads r(2);
                  if (needs(self, 0)) r[0] = ag::bmm(g[0], ag::transpose(sb.unpack(&self), 1, 2));
                  if (needs(self, 1)) r[1] = ag::bmm(ag::transpose(sa.unpack(&self), 1, 2), g[0]);
                  return r;
                });
}

Tensor mv(const Tensor& a, const Tensor& v) {
  Tensor out = rt::mv(a, v);
  if (!any_requires_grad(a, v)) return out;
  return record("MvBackward0", {a, v}, out,
                [sa = SavedTensor(a, false), sv = SavedTensor(v, false)](FunctionNode& self, Grads& g) {
                  Grads r(2);
                  if (needs(self, 0)) r[0] = ag::outer(g[0], sv.unpack(&self));
                  if (needs(self, 1)) r[1] = ag::mv(ag::t(sa.unpack(&self)), g[0]);
                  return r;
                });
}

Tensor dot(const Tensor& a, const Tensor& b) {
  Tensor out = rt::dot(a, b);
  if (!any_requires_grad(a, b)) return out;
  return record("DotBackward0", {a, b}, out,
                [sa = SavedTensor(a, false), sb = SavedTensor(b, false)](FunctionNode& self, Grads& g) {
                  Grads r(2);
                  if (needs(self, 0)) r[0] = ag::mul(g[0], sb.unpack(&self));
                  if (needs(self, 1)) r[1] = ag::mul(g[0], sa.unpack(&self));
                  return r;
                });
}

Tensor outer(const Tensor& a, const Tensor& b) {
  if (!any_requires_grad(a, b)) return rt::outer(a, b);
  return ag::mul(ag::reshape(a, std::vector<int64_t>{a.size(0), 1}), b);
}

Tensor addmm(const Tensor& input, const Tensor& a, const Tensor& b, const Scalar& beta, const Scalar& alpha) {
  Tensor out = rt::addmm(input, a, b, beta, alpha);
  if (!any_requires_grad(input, a, b)) return out;
  return record("AddmmBackward0", {input, a, b}, out,
                [sa = SavedTensor(requires_grad(b) ? a : Tensor(), false),
                 sb = SavedTensor(requires_grad(a) ? b : Tensor(), false), beta, alpha](FunctionNode& self, Grads& g) {
                  Grads r(3);
                  if (needs(self, 0)) r[0] = times(g[0], beta);
                  if (needs(self, 1)) r[1] = times(ag::mm(g[0], ag::t(sb.unpack(&self))), alpha);
                  if (needs(self, 2)) r[2] = times(ag::mm(ag::t(sa.unpack(&self)), g[0]), alpha);
                  return r;
                });
}

Tensor baddbmm(const Tensor& input, const Tensor& a, const Tensor& b, const Scalar& beta, const Scalar& alpha) {
  Tensor out = rt::baddbmm(input, a, b, beta, alpha);
  if (!any_requires_grad(input, a, b)) return out;
  return record("BaddbmmBackward0", {input, a, b}, out,
                [sa = SavedTensor(a, false), sb = SavedTensor(b, false), beta, alpha](FunctionNode& self, Grads& g) {
                  Grads r(3);
                  if (needs(self, 0)) r[0] = times(g[0], beta);
                  if (needs(self, 1)) r[1] = times(ag::bmm(g[0], ag::transpose(sb.unpack(&self), 1, 2)), alpha);
                  if (needs(self, 2)) r[2] = times(ag::bmm(ag::transpose(sa.unpack(&self), 1, 2), g[0]), alpha);
                  return r;
                });
}

Tensor matmul(const Tensor& a, const Tensor& b) {
  if (!any_requires_grad(a, b)) return rt::matmul(a, b);
  int64_t d1 = a.dim(), d2 = b.dim();
  TS_CHECK(d1 > 0 && d2 > 0, "both arguments to matmul need to be at least 1D, but they are ", d1, "D and ", d2, "D");
  if (d1 == 1 && d2 == 1) return ag::dot(a, b);
  if (d1 == 2 && d2 == 1) return ag::mv(a, b);
  if (d1 == 1 && d2 == 2) return ag::squeeze(ag::mm(ag::unsqueeze(a, 0), b), 0);
  if (d1 == 2 && d2 == 2) return ag::mm(a, b);
  if (d1 >= 3 && (d2 == 1 || d2 == 2)) {
    // Fold the batch dims of `a` into its rows: one mm.
    std::vector<int64_t> shape(a.sizes().begin(), a.sizes().end() - 1);
    Tensor folded = ag::reshape(a, std::vector<int64_t>{-1, a.size(-1)});
    Tensor out = d2 == 1 ? ag::mv(folded, b) : ag::mm(folded, b);
    if (d2 == 2) shape.push_back(b.size(1));
    return unsafe_view(out, shape);
  }
  // Batched: broadcast the batch dims, then one bmm.
  Tensor a2 = d1 == 1 ? ag::unsqueeze(a, 0) : a, b2 = d2 == 1 ? ag::unsqueeze(b, -1) : b;
  rt::IntArrayRef sa = a2.sizes(), sb = b2.sizes();
  rt::DimVector batch = rt::broadcast_shapes(rt::IntArrayRef(sa.data(), sa.size() - 2),
                                             rt::IntArrayRef(sb.data(), sb.size() - 2));
  int64_t n = a2.size(-2), m = a2.size(-1), p = b2.size(-1), count = 1;
  for (int64_t s : batch) count *= s;
  std::vector<int64_t> ea(batch.begin(), batch.end()), eb(batch.begin(), batch.end());
  ea.insert(ea.end(), {n, m});
  eb.insert(eb.end(), {b2.size(-2), p});
  Tensor x = ag::reshape(ag::expand(a2, ea), std::vector<int64_t>{count, n, m});
  Tensor y = ag::reshape(ag::expand(b2, eb), std::vector<int64_t>{count, b2.size(-2), p});
  std::vector<int64_t> shape(batch.begin(), batch.end());
  shape.insert(shape.end(), {n, p});
  Tensor out = unsafe_view(ag::bmm(x, y), shape);
  if (d1 == 1) out = ag::squeeze(out, -2);
  if (d2 == 1) out = ag::squeeze(out, -1);
  return out;
}

Tensor einsum(const std::string& equation, const std::vector<Tensor>& operands) {
  if (!any_requires_grad(operands)) return rt::einsum(equation, operands);
  // The same reduction to sums, permutes and bmm, recorded: the gradient follows.
  static const rt::EinsumOps ops{
      [](const Tensor& t, IntArrayRef dims) { return ag::sum(t, dims); },
      [](const Tensor& t, IntArrayRef sizes) { return ag::reshape(t, sizes); },
      [](const Tensor& t, IntArrayRef sizes) { return ag::expand(t, sizes); },
      [](const Tensor& t, IntArrayRef dims) { return ag::permute(t, dims); },
      [](const Tensor& a, const Tensor& b) { return ag::bmm(a, b); },
      [](const Tensor& t, int64_t offset, int64_t d1, int64_t d2) { return ag::diagonal(t, offset, d1, d2); },
      [](const Tensor& t, int64_t src, int64_t dst) { return ag::movedim(t, src, dst); },
  };
  return rt::einsum(equation, operands, ops);
}

Tensor linear(const Tensor& input, const Tensor& weight, const Tensor& bias) {
  if (input.dim() == 2 && bias.defined()) return ag::addmm(bias, input, ag::t(weight));
  if (bias.defined() && input.dim() == 3 && input.is_contiguous()) {
    Tensor flat = ag::view(input, std::vector<int64_t>{-1, input.size(2)});
    Tensor out = ag::addmm(bias, flat, ag::t(weight));
    return ag::view(out, std::vector<int64_t>{input.size(0), input.size(1), out.size(1)});
  }
  Tensor out = ag::matmul(input, ag::t(weight));
  return bias.defined() ? ag::add(out, bias) : out;
}

}  // namespace tscript::ag
