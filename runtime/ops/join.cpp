#include "runtime/ops/join.h"

#include "backends/cpu/kernels.h"
#include "runtime/ops/copy.h"
#include "runtime/ops/creation.h"
#include "runtime/ops/index.h"
#include "runtime/ops/view.h"
#include "runtime/tensor/error.h"
#include "runtime/tensor/shape_util.h"
#include "runtime/tensor/type_promotion.h"

namespace tscript::rt {

Tensor cat(const std::vector<Tensor>& tensors, int64_t dim) {
  TS_CHECK(!tensors.empty(), "torch.cat(): expected a non-empty list of Tensors");
  ResultTypeState state;
  const Tensor* ref = nullptr;  // first tensor that is not a legacy empty 1-D one
  for (size_t i = 0; i < tensors.size(); ++i) {
    const Tensor& t = tensors[i];
    check_device_available(t.device());
    TS_CHECK(t.dim() > 0, "zero-dimensional tensor (at position ", i, ") cannot be concatenated");
    state.add(t);
    if (!ref && !(t.dim() == 1 && t.numel() == 0)) ref = &t;
  }
  DType dtype = state.result();
  if (!ref) return empty({0}, TensorOptions(dtype));
  dim = wrap_dim(dim, ref->dim());
  DimVector shape(ref->sizes());
  int64_t total = 0;
  for (size_t i = 0; i < tensors.size(); ++i) {
    const Tensor& t = tensors[i];
    if (t.dim() == 1 && t.numel() == 0) continue;
    TS_CHECK(t.dim() == ref->dim(), "Tensors must have same number of dimensions: got ", ref->dim(), " and ",
             t.dim());
    for (int64_t d = 0; d < t.dim(); ++d) {
      if (d == dim) continue;
      TS_CHECK(t.sizes()[d] == shape[d], "Sizes of tensors must match except in dimension ", dim,
               ". Expected size ", shape[d], " but got size ", t.sizes()[d], " for tensor number ", i,
               " in the list.");
    }
    total += t.sizes()[dim];
  }
  shape[dim] = total;
  Tensor out = empty(shape, TensorOptions(dtype));
  int64_t offset = 0;
  for (const Tensor& t : tensors) {
    if (t.dim() == 1 && t.numel() == 0) continue;
    int64_t n = t.sizes()[dim];
    if (n > 0) cpu::copy(narrow(out, dim, offset, n), t);
    offset += n;
  }
  return out;
}

Tensor stack(const std::vector<Tensor>& tensors, int64_t dim) {
  TS_CHECK(!tensors.empty(), "stack expects a non-empty TensorList");
  for (size_t i = 1; i < tensors.size(); ++i) {
    TS_CHECK(tensors[i].sizes() == tensors[0].sizes(), "stack expects each tensor to be equal size, but got ",
             shape_str(tensors[0].sizes()), " at entry 0 and ", shape_str(tensors[i].sizes()), " at entry ", i);
  }
  dim = wrap_dim(dim, tensors[0].dim() + 1);
  std::vector<Tensor> parts;
  for (const Tensor& t : tensors) parts.push_back(unsqueeze(t, dim));
  return cat(parts, dim);
}

std::vector<Tensor> split(const Tensor& x, int64_t split_size, int64_t dim) {
  TS_CHECK(x.dim() != 0, "split expects at least a 1-dimensional tensor");
  TS_CHECK(split_size >= 0, "split expects split_size be non-negative, but got split_size=", split_size);
  dim = wrap_dim(dim, x.dim());
  int64_t size = x.sizes()[dim];
  TS_CHECK(split_size > 0 || size == 0, "split_size can only be 0 if dimension size is 0, but got dimension size of ",
           size);
  std::vector<Tensor> out;
  if (split_size == 0) return {alias(x)};
  int64_t n = std::max<int64_t>((size + split_size - 1) / split_size, 1);
  for (int64_t i = 0; i < n; ++i) {
    int64_t start = i * split_size;
    out.push_back(narrow(x, dim, start, std::min(split_size, size - start)));
  }
  return out;
}

std::vector<Tensor> split_with_sizes(const Tensor& x, IntArrayRef sizes, int64_t dim) {
  TS_CHECK(x.dim() != 0, "split expects at least a 1-dimensional tensor");
  dim = wrap_dim(dim, x.dim());
  int64_t size = x.sizes()[dim], total = 0;
  for (int64_t s : sizes) {
    TS_CHECK(s >= 0, "split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=",
             shape_str(sizes));
    total += s;
  }
  TS_CHECK(total == size, "split_with_sizes expects split_sizes to sum exactly to ", size,
           " (input tensor's size at dimension ", dim, "), but got split_sizes=", shape_str(sizes));
  std::vector<Tensor> out;
  int64_t start = 0;
  for (int64_t s : sizes) {
    out.push_back(narrow(x, dim, start, s));
    start += s;
  }
  return out;
}

std::vector<Tensor> chunk(const Tensor& x, int64_t chunks, int64_t dim) {
  TS_CHECK(x.dim() > 0, "chunk expects at least a 1-dimensional tensor");
  TS_CHECK(chunks > 0, "chunk expects `chunks` to be greater than 0, got: ", chunks);
  dim = wrap_dim(dim, x.dim());
  int64_t size = x.sizes()[dim];
  int64_t split_size = (size + chunks - 1) / chunks;
  if (split_size == 0 && size == 0) {  // chunks equal empty pieces
    std::vector<Tensor> out;
    for (int64_t i = 0; i < chunks; ++i) out.push_back(alias(x));
    return out;
  }
  return split(x, split_size, dim);
}

Tensor repeat(const Tensor& x, IntArrayRef repeats) {
  TS_CHECK(static_cast<int64_t>(repeats.size()) >= x.dim(),
           "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
  // View x as [1, ..., s0, 1, s1, ...] broadcast to [r0, ..., r_i, s_i, ...], then collapse.
  const int64_t lead = static_cast<int64_t>(repeats.size()) - x.dim();
  DimVector padded(lead, 1);
  for (int64_t s : x.sizes()) padded.push_back(s);
  Tensor src = reshape(x, padded);
  DimVector expanded_view, expanded_sizes, result;
  for (size_t i = 0; i < repeats.size(); ++i) {
    TS_CHECK(repeats[i] >= 0, "Trying to create tensor with negative dimension ", repeats[i], ": ",
             shape_str(repeats));
    expanded_view.push_back(1);
    expanded_view.push_back(padded[i]);
    expanded_sizes.push_back(repeats[i]);
    expanded_sizes.push_back(padded[i]);
    result.push_back(repeats[i] * padded[i]);
  }
  Tensor out = empty(expanded_sizes, TensorOptions(x.dtype()));
  cpu::copy(out, expand(view(contiguous(src), expanded_view), expanded_sizes));
  return view(out, result);
}

Tensor tile(const Tensor& x, IntArrayRef reps) {
  DimVector r(reps);
  while (static_cast<int64_t>(r.size()) < x.dim()) r.insert(0, 1);
  return repeat(x, r);
}

Tensor flip(const Tensor& x, IntArrayRef dims) {
  if (dims.empty()) return clone(x);
  auto mask = dim_mask(dims, x.dim());
  // Views cannot have negative strides, so gather through a reversed index.
  Tensor out = clone(x);
  for (int64_t d = 0; d < x.dim(); ++d) {
    if (!mask.test(d) || x.sizes()[d] <= 1) continue;
    Tensor idx = arange(x.sizes()[d] - 1, -1, -1);
    out = index_select(out, d, idx);
  }
  return out;
}

}  // namespace tscript::rt
