#include "runtime/ops/copy.h"

#include "backends/cpu/kernels.h"
#include "runtime/ops/creation.h"
#include "runtime/ops/view.h"
#include "runtime/tensor/error.h"
#include "runtime/tensor/overlap.h"

namespace tscript::rt {

const Tensor& copy_(const Tensor& dst, const Tensor& src) {
  check_device_available(src.device());
  assert_no_internal_overlap(dst);
  if (dst.numel() == 0) return dst;
  if (overlap(dst, src) == Overlap::Full) return dst;
  Tensor source = input_safe_for(src, dst);
  cpu::copy(dst, expand(source, dst.sizes()));
  dst.bump_version();
  return dst;
}

Tensor clone(const Tensor& t) {
  Tensor out = empty(t.sizes(), TensorOptions(t.dtype()));
  cpu::copy(out, t);
  return out;
}

Tensor contiguous(const Tensor& t) { return t.is_contiguous() ? t : clone(t); }

Tensor to(const Tensor& t, DType dtype, bool copy) {
  if (t.dtype() == dtype && !copy) return t;
  Tensor out = empty(t.sizes(), TensorOptions(dtype));
  cpu::copy(out, t);
  return out;
}

Tensor to(const Tensor& t, Device device, std::optional<DType> dtype, bool copy) {
  check_device_available(device);
  return to(t, dtype.value_or(t.dtype()), copy);
}

}  // namespace tscript::rt
