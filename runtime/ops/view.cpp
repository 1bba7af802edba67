#include "runtime/ops/view.h"

#include <algorithm>

#include "runtime/ops/copy.h"
#include "runtime/tensor/error.h"
#include "runtime/tensor/shape_util.h"

namespace tscript::rt {

namespace {
Tensor make_view(const Tensor& t, IntArrayRef sizes, IntArrayRef strides, int64_t offset) {
  Tensor v(IntrusivePtr<TensorImpl>::make(t.storage(), t.dtype(), sizes, strides, offset));
  v.set_requires_grad(false);
  return v;
}
}  // namespace

Tensor alias(const Tensor& t) { return make_view(t, t.sizes(), t.strides(), t.storage_offset()); }

Tensor as_strided(const Tensor& t, IntArrayRef sizes, IntArrayRef strides, std::optional<int64_t> offset) {
  int64_t off = offset.value_or(t.storage_offset());
  check_view_in_bounds(*t.storage(), t.dtype(), sizes, strides, off);
  return make_view(t, sizes, strides, off);
}

DimVector infer_size(IntArrayRef shape, int64_t numel) {
  DimVector res(shape);
  int64_t newsize = 1;
  std::optional<size_t> infer_dim;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] == -1) {
      TS_CHECK(!infer_dim, "only one dimension can be inferred");
      infer_dim = d;
    } else {
      TS_CHECK(shape[d] >= 0, "invalid shape dimension ", shape[d]);
      newsize *= shape[d];
    }
  }
  if (numel == newsize || (infer_dim && newsize > 0 && numel % newsize == 0)) {
    if (infer_dim) {
      TS_CHECK(newsize != 0, "cannot reshape tensor of 0 elements into shape ", shape_str(shape),
               " because the unspecified dimension size -1 can be any value and is ambiguous");
      res[*infer_dim] = numel / newsize;
    }
    return res;
  }
  TS_ERROR("shape '", shape_str(shape), "' is invalid for input of size ", numel);
}

// PyTorch's computeStride: walks old and new shapes in matching chunks of
// contiguous memory.
std::optional<DimVector> view_strides(const Tensor& t, IntArrayRef newshape) {
  IntArrayRef oldshape = t.sizes(), oldstride = t.strides();
  const int64_t nnew = static_cast<int64_t>(newshape.size());
  if (oldshape.empty()) return DimVector(newshape.size(), 1);
  int64_t numel = t.numel();
  if (numel == 0 && oldshape == newshape) return DimVector(oldstride);
  DimVector newstride(newshape.size());
  if (numel == 0) {
    for (int64_t d = nnew - 1; d >= 0; --d)
      newstride[d] = d == nnew - 1 ? 1 : std::max<int64_t>(newshape[d + 1], 1) * newstride[d + 1];
    return newstride;
  }
  int64_t view_d = nnew - 1;
  int64_t chunk_base_stride = oldstride.back();
  int64_t tensor_numel = 1, view_numel = 1;
  for (int64_t tensor_d = static_cast<int64_t>(oldshape.size()) - 1; tensor_d >= 0; --tensor_d) {
    tensor_numel *= oldshape[tensor_d];
    if (tensor_d == 0 ||
        (oldshape[tensor_d - 1] != 1 && oldstride[tensor_d - 1] != tensor_numel * chunk_base_stride)) {
      while (view_d >= 0 && (view_numel < tensor_numel || newshape[view_d] == 1)) {
        newstride[view_d] = view_numel * chunk_base_stride;
        view_numel *= newshape[view_d];
        --view_d;
      }
      if (view_numel != tensor_numel) return std::nullopt;
      if (tensor_d > 0) {
        chunk_base_stride = oldstride[tensor_d - 1];
        tensor_numel = 1;
        view_numel = 1;
      }
    }
  }
  if (view_d != -1) return std::nullopt;
  return newstride;
}

Tensor view(const Tensor& t, IntArrayRef sizes) {
  DimVector shape = infer_size(sizes, t.numel());
  auto strides = view_strides(t, shape);
  TS_CHECK(strides.has_value(),
           "view size is not compatible with input tensor's size and stride (at least one dimension spans "
           "across two contiguous subspaces). Use .reshape(...) instead.");
  return make_view(t, shape, *strides, t.storage_offset());
}

Tensor view_as(const Tensor& t, const Tensor& other) { return view(t, other.sizes()); }

Tensor reshape(const Tensor& t, IntArrayRef sizes) {
  DimVector shape = infer_size(sizes, t.numel());
  if (auto strides = view_strides(t, shape)) return make_view(t, shape, *strides, t.storage_offset());
  return view(clone(t), shape);
}

Tensor flatten(const Tensor& t, int64_t start_dim, int64_t end_dim) {
  int64_t nd = t.dim();
  start_dim = wrap_dim(start_dim, nd);
  end_dim = wrap_dim(end_dim, nd);
  TS_CHECK(start_dim <= end_dim, "flatten() has invalid args: start_dim cannot come after end_dim");
  if (nd == 0) return reshape(t, {1});
  if (start_dim == end_dim) return alias(t);
  DimVector shape;
  int64_t merged = 1;
  for (int64_t d = 0; d < nd; ++d) {
    if (d < start_dim || d > end_dim) shape.push_back(t.sizes()[d]);
    else {
      merged *= t.sizes()[d];
      if (d == end_dim) shape.push_back(merged);
    }
  }
  return reshape(t, shape);
}

Tensor unflatten(const Tensor& t, int64_t dim, IntArrayRef sizes) {
  dim = wrap_dim(dim, t.dim());
  TS_CHECK(!sizes.empty(), "unflatten: sizes must be non-empty");
  int64_t known = 1;
  int inferred = 0;
  for (int64_t s : sizes) {
    if (s == -1) inferred++;
    else known *= s;
  }
  int64_t size = t.sizes()[dim];
  TS_CHECK(inferred > 0 ? (known != 0 && size % known == 0) : known == size,
           "unflatten: Provided sizes ", shape_str(sizes), " don't multiply up to the size of dim ", dim, " (",
           size, ") in the input tensor");
  DimVector shape;
  for (int64_t d = 0; d < t.dim(); ++d) {
    if (d == dim) {
      for (int64_t s : sizes) shape.push_back(s);
    } else {
      shape.push_back(t.sizes()[d]);
    }
  }
  return view(t, shape);
}

Tensor squeeze(const Tensor& t) {
  DimVector sizes, strides;
  for (int64_t d = 0; d < t.dim(); ++d) {
    if (t.sizes()[d] != 1) {
      sizes.push_back(t.sizes()[d]);
      strides.push_back(t.strides()[d]);
    }
  }
  return make_view(t, sizes, strides, t.storage_offset());
}

Tensor squeeze(const Tensor& t, int64_t dim) {
  dim = wrap_dim(dim, t.dim());
  if (t.dim() == 0 || t.sizes()[dim] != 1) return alias(t);
  DimVector sizes(t.sizes()), strides(t.strides());
  sizes.erase(dim);
  strides.erase(dim);
  return make_view(t, sizes, strides, t.storage_offset());
}

Tensor unsqueeze(const Tensor& t, int64_t dim) {
  dim = wrap_dim(dim, t.dim() + 1);
  DimVector sizes(t.sizes()), strides(t.strides());
  int64_t stride = dim >= t.dim() ? 1 : t.sizes()[dim] * t.strides()[dim];
  sizes.insert(dim, 1);
  strides.insert(dim, stride);
  return make_view(t, sizes, strides, t.storage_offset());
}

Tensor permute(const Tensor& t, IntArrayRef dims) {
  int64_t nd = t.dim();
  TS_CHECK(static_cast<int64_t>(dims.size()) == nd,
           "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the "
           "desired ordering of dimensions i.e. input.dim() = ",
           nd, " is not equal to len(dims) = ", dims.size());
  DimVector sizes(nd), strides(nd);
  std::vector<bool> seen(nd, false);
  for (int64_t i = 0; i < nd; ++i) {
    int64_t d = wrap_dim(dims[i], nd);
    TS_CHECK(!seen[d], "permute(): duplicate dims are not allowed.");
    seen[d] = true;
    sizes[i] = t.sizes()[d];
    strides[i] = t.strides()[d];
  }
  return make_view(t, sizes, strides, t.storage_offset());
}

Tensor transpose(const Tensor& t, int64_t dim0, int64_t dim1) {
  int64_t nd = t.dim();
  dim0 = wrap_dim(dim0, nd);
  dim1 = wrap_dim(dim1, nd);
  if (nd == 0) return alias(t);
  DimVector sizes(t.sizes()), strides(t.strides());
  std::swap(sizes[dim0], sizes[dim1]);
  std::swap(strides[dim0], strides[dim1]);
  return make_view(t, sizes, strides, t.storage_offset());
}

Tensor t(const Tensor& x) {
  TS_CHECK(x.dim() <= 2, "t() expects a tensor with <= 2 dimensions, but self is ", x.dim(), "D");
  return x.dim() < 2 ? alias(x) : transpose(x, 0, 1);
}

Tensor numpy_T(const Tensor& x) {
  DimVector dims;
  for (int64_t d = x.dim() - 1; d >= 0; --d) dims.push_back(d);
  return permute(x, dims);
}

Tensor movedim(const Tensor& x, int64_t source, int64_t destination) {
  int64_t nd = x.dim();
  source = wrap_dim(source, nd);
  destination = wrap_dim(destination, nd);
  DimVector order;
  for (int64_t d = 0; d < nd; ++d)
    if (d != source) order.push_back(d);
  if (nd > 0) order.insert(destination, source);
  return permute(x, order);
}

Tensor expand(const Tensor& x, IntArrayRef sizes) {
  int64_t nd = x.dim(), nnew = static_cast<int64_t>(sizes.size());
  TS_CHECK(nnew >= nd, "expand(torch.", scalar_type_name(x.dtype()), "Tensor{", shape_str(x.sizes()),
           "}, size=", shape_str(sizes), "): the number of sizes provided (", nnew,
           ") must be greater or equal to the number of dimensions in the tensor (", nd, ")");
  DimVector out_sizes(nnew), out_strides(nnew);
  for (int64_t i = nnew - 1; i >= 0; --i) {
    int64_t offset = nnew - 1 - i;
    int64_t d = nd - 1 - offset;
    int64_t size = d >= 0 ? x.sizes()[d] : 1;
    int64_t stride = d >= 0 ? x.strides()[d] : (i + 1 < nnew ? out_sizes[i + 1] * out_strides[i + 1] : 1);
    int64_t target = sizes[i];
    if (target == -1) {
      TS_CHECK(d >= 0, "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension ",
               i);
      target = size;
    }
    if (size != target) {
      TS_CHECK(size == 1, "The expanded size of the tensor (", target, ") must match the existing size (", size,
               ") at non-singleton dimension ", i, ".  Target sizes: ", shape_str(sizes),
               ".  Tensor sizes: ", shape_str(x.sizes()));
      stride = 0;
    }
    TS_CHECK(target >= 0, "Trying to create tensor with negative dimension ", target, ": ", shape_str(sizes));
    out_sizes[i] = target;
    out_strides[i] = stride;
  }
  return make_view(x, out_sizes, out_strides, x.storage_offset());
}

Tensor expand_as(const Tensor& x, const Tensor& other) { return expand(x, other.sizes()); }
Tensor broadcast_to(const Tensor& x, IntArrayRef sizes) { return expand(x, sizes); }

Tensor narrow(const Tensor& x, int64_t dim, int64_t start, int64_t length) {
  TS_CHECK(x.dim() > 0, "narrow() cannot be applied to a 0-dim tensor.");
  dim = wrap_dim(dim, x.dim());
  int64_t size = x.sizes()[dim];
  TS_CHECK_INDEX(start >= -size && start <= size, "start out of range (expected to be in range of [", -size, ", ",
                 size, "], but got ", start, ")");
  if (start < 0) start += size;
  TS_CHECK(length >= 0 && start <= size - length, "start (", start, ") + length (", length,
           ") exceeds dimension size (", size, ").");
  return slice(x, dim, start, start + length, 1);
}

Tensor select(const Tensor& x, int64_t dim, int64_t index) {
  TS_CHECK_INDEX(x.dim() > 0, "select() cannot be applied to a 0-dim tensor.");
  dim = wrap_dim(dim, x.dim());
  int64_t size = x.sizes()[dim];
  TS_CHECK_INDEX(index >= -size && index < size, "select(): index ", index, " out of range for tensor of size ",
                 shape_str(x.sizes()), " at dimension ", dim);
  if (index < 0) index += size;
  DimVector sizes(x.sizes()), strides(x.strides());
  sizes.erase(dim);
  strides.erase(dim);
  return make_view(x, sizes, strides, x.storage_offset() + index * x.strides()[dim]);
}

Tensor slice(const Tensor& x, int64_t dim, std::optional<int64_t> start_opt, std::optional<int64_t> end_opt,
             int64_t step) {
  TS_CHECK_INDEX(x.dim() > 0, "slice() cannot be applied to a 0-dim tensor.");
  dim = wrap_dim(dim, x.dim());
  TS_CHECK_VALUE(step > 0, "step must be greater than zero");
  int64_t size = x.sizes()[dim];
  int64_t start = start_opt.value_or(0), end = end_opt.value_or(size);
  if (start < 0) start += size;
  if (end < 0) end += size;
  start = std::clamp<int64_t>(start, 0, size);
  end = std::clamp<int64_t>(end, start, size);
  DimVector sizes(x.sizes()), strides(x.strides());
  sizes[dim] = (end - start + step - 1) / step;
  strides[dim] *= step;
  int64_t offset = x.storage_offset() + (sizes[dim] > 0 ? start * x.strides()[dim] : 0);
  return make_view(x, sizes, strides, offset);
}

Tensor diagonal(const Tensor& x, int64_t offset, int64_t dim1, int64_t dim2) {
  int64_t nd = x.dim();
  dim1 = wrap_dim(dim1, nd);
  dim2 = wrap_dim(dim2, nd);
  TS_CHECK(dim1 != dim2, "diagonal dimensions cannot be identical ", dim1, ", ", dim2);
  int64_t len;
  int64_t storage_offset = x.storage_offset();
  if (offset >= 0) {
    len = std::max<int64_t>(std::min(x.sizes()[dim1], x.sizes()[dim2] - offset), 0);
    if (len > 0) storage_offset += offset * x.strides()[dim2];
  } else {
    len = std::max<int64_t>(std::min(x.sizes()[dim1] + offset, x.sizes()[dim2]), 0);
    if (len > 0) storage_offset -= offset * x.strides()[dim1];
  }
  DimVector sizes, strides;
  for (int64_t d = 0; d < nd; ++d) {
    if (d == dim1 || d == dim2) continue;
    sizes.push_back(x.sizes()[d]);
    strides.push_back(x.strides()[d]);
  }
  sizes.push_back(len);
  strides.push_back(x.strides()[dim1] + x.strides()[dim2]);
  return make_view(x, sizes, strides, storage_offset);
}

std::vector<Tensor> unbind(const Tensor& x, int64_t dim) {
  TS_CHECK_INDEX(x.dim() > 0, "Dimension specified as 0 but tensor has no dimensions");
  dim = wrap_dim(dim, x.dim());
  std::vector<Tensor> out;
  for (int64_t i = 0; i < x.sizes()[dim]; ++i) out.push_back(select(x, dim, i));
  return out;
}

void squeeze_(Tensor& x, std::optional<int64_t> dim) {
  Tensor v = dim ? squeeze(x, *dim) : squeeze(x);
  x.impl()->set_geometry(v.sizes(), v.strides(), v.storage_offset());
}

void unsqueeze_(Tensor& x, int64_t dim) {
  Tensor v = unsqueeze(x, dim);
  x.impl()->set_geometry(v.sizes(), v.strides(), v.storage_offset());
}

void transpose_(Tensor& x, int64_t dim0, int64_t dim1) {
  Tensor v = transpose(x, dim0, dim1);
  x.impl()->set_geometry(v.sizes(), v.strides(), v.storage_offset());
}

}  // namespace tscript::rt
