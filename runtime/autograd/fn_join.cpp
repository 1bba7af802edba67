// cat/stack/split/chunk/repeat/tile/flip with their derivatives.
#include "runtime/autograd/record.h"

namespace tscript::ag {

namespace {

// Multi-output views (split, chunk): one node, output i is slot i; the gradient
// of the input is the outputs' gradients joined again (zeros where none came).
std::vector<Tensor> split_op(const char* name, const Tensor& x, std::vector<Tensor> outs, int64_t dim) {
  if (GradMode::is_enabled())
    for (auto& o : outs) mark_view(o, x);
  if (!any_requires_grad(x)) return outs;
  int64_t d = rt::wrap_dim(dim, x.dim());
  auto node = make_node(name, {x});
  node->set_backward([d](FunctionNode&, Grads& g) { return Grads{ag::cat(g, d)}; });
  for (size_t i = 0; i < outs.size(); ++i) set_history(outs[i], node, static_cast<uint32_t>(i));
  return outs;
}

}  // namespace

Tensor cat(const std::vector<Tensor>& tensors, int64_t dim) {
  Tensor out = rt::cat(tensors, dim);
  if (!any_requires_grad(tensors)) return out;
  int64_t d = rt::wrap_dim(dim, out.dim());
  std::vector<int64_t> lengths;
  for (auto& t : tensors) lengths.push_back(t.dim() == 1 && t.numel() == 0 ? -1 : t.size(d));  // -1: skipped
  return record("CatBackward0", tensors, out, [d, lengths](FunctionNode& self, Grads& g) {
    Grads r(lengths.size());
    int64_t offset = 0;
    for (size_t i = 0; i < lengths.size(); ++i) {
      if (lengths[i] < 0) continue;
      if (needs(self, i)) r[i] = ag::narrow(g[0], d, offset, lengths[i]);
      offset += lengths[i];
    }
    return r;
  });
}

Tensor stack(const std::vector<Tensor>& tensors, int64_t dim) {
  Tensor out = rt::stack(tensors, dim);
  if (!any_requires_grad(tensors)) return out;
  int64_t d = rt::wrap_dim(dim, out.dim());
  return record("StackBackward0", tensors, out, [d, n = tensors.size()](FunctionNode& self, Grads& g) {
    Grads r(n);
    for (size_t i = 0; i < n; ++i)
      if (needs(self, i)) r[i] = ag::select(g[0], d, static_cast<int64_t>(i));
    return r;
  });
}

std::vector<Tensor> split(const Tensor& x, int64_t split_size, int64_t dim) {
  return split_op("SplitBackward0", x, rt::split(x, split_size, dim), dim);
}

std::vector<Tensor> split_with_sizes(const Tensor& x, IntArrayRef sizes, int64_t dim) {
  return split_op("SplitWithSizesBackward0", x, rt::split_with_sizes(x, sizes, dim), dim);
}

std::vector<Tensor> chunk(const Tensor& x, int64_t chunks, int64_t dim) {
  return split_op("SplitBackward0", x, rt::chunk(x, chunks, dim), dim);
}

Tensor repeat(const Tensor& x, IntArrayRef repeats) {
  Tensor out = rt::repeat(x, repeats);
  if (!any_requires_grad(x)) return out;
  std::vector<int64_t> reps(repeats.begin(), repeats.end());
  return record("RepeatBackward0", {x}, out, [reps, sizes = rt::DimVector(x.sizes())](FunctionNode&, Grads& g) {
    // View the gradient as (r0, s0, r1, s1, ...) and sum the repeat axes.
    size_t lead = reps.size() - sizes.size();
    std::vector<int64_t> split_shape, sum_dims;
    for (size_t i = 0; i < reps.size(); ++i) {
      int64_t s = i < lead ? 1 : sizes[i - lead];
      sum_dims.push_back(static_cast<int64_t>(split_shape.size()));
      split_shape.push_back(reps[i]);
      split_shape.push_back(s);
    }
    Tensor r = ag::sum(ag::reshape(g[0], split_shape), sum_dims);
    return Grads{ag::reshape(r, sizes)};
  });
}

Tensor tile(const Tensor& x, IntArrayRef reps) {
  std::vector<int64_t> r(reps.begin(), reps.end());
  while (static_cast<int64_t>(r.size()) < x.dim()) r.insert(r.begin(), 1);
  return ag::repeat(x, r);
}

Tensor flip(const Tensor& x, IntArrayRef dims) {
  Tensor out = rt::flip(x, dims);
  if (!any_requires_grad(x)) return out;
  std::vector<int64_t> ds(dims.begin(), dims.end());
  return record("FlipBackward0", {x}, out, [ds](FunctionNode&, Grads& g) { return Grads{ag::flip(g[0], ds)}; });
}

}  // namespace tscript::ag
