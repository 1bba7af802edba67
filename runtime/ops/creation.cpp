#include "runtime/ops/creation.h"

#include <cmath>

#include "backends/cpu/allocator.h"
#include "backends/cpu/kernels.h"
#include "runtime/ops/copy.h"
#include "runtime/ops/view.h"
#include "runtime/tensor/error.h"
#include "runtime/tensor/shape_util.h"

namespace tscript::rt {

namespace {
Tensor finish(Tensor t, const TensorOptions& options) {
  if (options.requires_grad) {
    TS_CHECK(is_floating(t.dtype()), "Only Tensors of floating point and complex dtype can require gradients");
    t.set_requires_grad(true);
  }
  return t;
}

DType natural_dtype(const Scalar& s) { return s.is_floating() ? default_dtype() : s.dtype(); }
}  // namespace

Tensor empty_strided(IntArrayRef sizes, IntArrayRef strides, TensorOptions options) {
  check_device_available(options.device);
  TS_CHECK(sizes.size() == strides.size(), "mismatch in length of strides and shape");
  DType dtype = options.dtype.value_or(default_dtype());
  int64_t numel = checked_numel(sizes);
  // Storage needed: 1 + the largest offset reachable.
  int64_t span = numel == 0 ? 0 : 1, step = 0;
  bool overflow = false;
  for (size_t i = 0; i < sizes.size(); ++i) {
    TS_CHECK(strides[i] >= 0, "empty_strided: negative strides are not supported");
    if (numel == 0) continue;
    overflow |= __builtin_mul_overflow(sizes[i] - 1, strides[i], &step);
    overflow |= __builtin_add_overflow(span, step, &span);
  }
  TS_CHECK(!overflow && span <= (int64_t{1} << 62) / static_cast<int64_t>(itemsize(dtype)),
           "numel: integer multiplication overflow");
  size_t nbytes = static_cast<size_t>(span) * itemsize(dtype);
  auto storage = Storage::make(nbytes, cpu::allocator(), options.device);
  Tensor t(IntrusivePtr<TensorImpl>::make(std::move(storage), dtype, sizes, strides, 0));
  return finish(t, options);
}

Tensor empty(IntArrayRef sizes, TensorOptions options) {
  checked_numel(sizes);  // size errors before stride arithmetic
  return empty_strided(sizes, contiguous_strides(sizes), options);
}

Tensor zeros(IntArrayRef sizes, TensorOptions options) {
  Tensor t = empty(sizes, options);
  cpu::fill(t, 0);
  return t;
}

Tensor ones(IntArrayRef sizes, TensorOptions options) {
  Tensor t = empty(sizes, options);
  cpu::fill(t, 1);
  return t;
}

Tensor full(IntArrayRef sizes, const Scalar& value, TensorOptions options) {
  if (!options.dtype) options.dtype = natural_dtype(value);
  Tensor t = empty(sizes, options);
  cpu::fill(t, value);
  return t;
}

Tensor eye(int64_t n, std::optional<int64_t> m, TensorOptions options) {
  int64_t cols = m.value_or(n);
  TS_CHECK(n >= 0, "n must be greater or equal to 0, got ", n);
  TS_CHECK(cols >= 0, "m must be greater or equal to 0, got ", cols);
  Tensor t = zeros({n, cols}, options);
  int64_t k = std::min(n, cols);
  if (k > 0) cpu::fill(as_strided(t, {k}, {cols + 1}, 0), 1);
  return t;
}

Tensor arange(const Scalar& end, TensorOptions options) { return arange(0, end, 1, options); }

Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step, TensorOptions options) {
  if (!options.dtype) {
    bool all_int = !start.is_floating() && !end.is_floating() && !step.is_floating();
    options.dtype = all_int ? DType::Int64 : default_dtype();
  }
  DType dtype = *options.dtype;
  // Bounds are first converted to the result type (int64 arange(0.5, 3) starts at 0).
  double xstart, xend, xstep;
  if (is_floating(dtype)) {
    xstart = start.to_double(), xend = end.to_double(), xstep = step.to_double();
  } else {
    xstart = static_cast<double>(start.to_int()), xend = static_cast<double>(end.to_int());
    xstep = static_cast<double>(step.to_int());
  }
  TS_CHECK(xstep != 0, "step must be nonzero");
  TS_CHECK(std::isfinite(xstart) && std::isfinite(xend), "unsupported range: ", start.repr(), " -> ", end.repr());
  TS_CHECK((xstep > 0 && xend >= xstart) || (xstep < 0 && xend <= xstart),
           "upper bound and larger bound inconsistent with step sign");
  double size_d = std::ceil((xend - xstart) / xstep);
  TS_CHECK(size_d >= 0 && size_d <= 9.2e18, "invalid size, possible overflow?");
  Tensor t = empty({static_cast<int64_t>(size_d)}, options);
  Scalar s0 = is_floating(dtype) ? Scalar(xstart) : Scalar(static_cast<int64_t>(xstart));
  Scalar st = is_floating(dtype) ? Scalar(xstep) : Scalar(static_cast<int64_t>(xstep));
  cpu::arange(t, s0, st);
  return t;
}

Tensor linspace(const Scalar& start, const Scalar& end, int64_t steps, TensorOptions options) {
  TS_CHECK(steps >= 0, "number of steps must be non-negative");
  if (!options.dtype) options.dtype = default_dtype();
  Tensor t = empty({steps}, options);
  cpu::linspace(t, start, end);
  return t;
}

static TensorOptions like_options(const Tensor& like, TensorOptions options) {
  if (!options.dtype) options.dtype = like.dtype();
  return options;
}

Tensor empty_like(const Tensor& like, TensorOptions options) {
  return empty(like.sizes(), like_options(like, options));
}
Tensor zeros_like(const Tensor& like, TensorOptions options) {
  return zeros(like.sizes(), like_options(like, options));
}
Tensor ones_like(const Tensor& like, TensorOptions options) {
  return ones(like.sizes(), like_options(like, options));
}
Tensor full_like(const Tensor& like, const Scalar& value, TensorOptions options) {
  return full(like.sizes(), value, like_options(like, options));
}

Tensor scalar_tensor(const Scalar& value, TensorOptions options) {
  if (!options.dtype) options.dtype = natural_dtype(value);
  Tensor t = empty({}, options);
  store_scalar(t.data_ptr(), t.dtype(), value);
  return t;
}

Tensor wrap_scalar(const Scalar& value) {
  Tensor t = empty({}, TensorOptions(value.dtype()));
  store_scalar(t.data_ptr(), t.dtype(), value);
  t.impl()->set_wrapped_number(true);
  return t;
}

Tensor from_data(const void* data, DType src_dtype, IntArrayRef sizes, TensorOptions options) {
  int64_t numel = checked_numel(sizes);
  // Wrap the caller's buffer without owning it, then copy-convert.
  auto storage = Storage::make(const_cast<void*>(data), static_cast<size_t>(numel) * itemsize(src_dtype), kCPU,
                               std::function<void(void*)>());
  Tensor src(IntrusivePtr<TensorImpl>::make(std::move(storage), src_dtype, sizes, contiguous_strides(sizes), 0));
  if (!options.dtype) options.dtype = src_dtype;
  Tensor t = empty(sizes, options);
  cpu::copy(t, src);
  return t;
}

Tensor from_blob(void* data, IntArrayRef sizes, DType dtype, std::function<void(void*)> deleter,
                 std::optional<IntArrayRef> strides) {
  DimVector st = strides ? DimVector(*strides) : contiguous_strides(sizes);
  TS_CHECK(st.size() == sizes.size(), "mismatch in length of strides and shape");
  int64_t span = checked_numel(sizes) == 0 ? 0 : 1, step = 0;
  bool overflow = false;
  for (size_t i = 0; i < sizes.size() && span; ++i) {
    TS_CHECK(st[i] >= 0, "from_blob: negative strides are not supported");
    overflow |= __builtin_mul_overflow(sizes[i] - 1, st[i], &step);
    overflow |= __builtin_add_overflow(span, step, &span);
  }
  TS_CHECK(!overflow, "from_blob: sizes and strides overflow");
  auto storage = Storage::make(data, static_cast<size_t>(span) * itemsize(dtype), kCPU, std::move(deleter));
  return Tensor(IntrusivePtr<TensorImpl>::make(std::move(storage), dtype, sizes, st, 0));
}

}  // namespace tscript::rt
