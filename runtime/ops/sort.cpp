#include "runtime/ops/sort.h"

#include "backends/cpu/kernels.h"
#include "runtime/ops/creation.h"
#include "runtime/tensor/error.h"
#include "runtime/tensor/shape_util.h"

namespace tscript::rt {

ValuesIndices sort(const Tensor& x, int64_t dim, bool descending, bool stable) {
  check_device_available(x.device());
  dim = wrap_dim(dim, x.dim());
  Tensor values = empty(x.sizes(), TensorOptions(x.dtype()));
  Tensor indices = empty(x.sizes(), TensorOptions(DType::Int64));
  cpu::sort(values, indices, x, dim, descending, stable);
  return {values, indices};
}

Tensor argsort(const Tensor& x, int64_t dim, bool descending, bool stable) {
  return sort(x, dim, descending, stable).indices;
}

ValuesIndices topk(const Tensor& x, int64_t k, int64_t dim, bool largest, bool sorted) {
  check_device_available(x.device());
  dim = wrap_dim(dim, x.dim());
  int64_t len = x.dim() == 0 ? 1 : x.sizes()[dim];
  TS_CHECK(k >= 0 && k <= len, "selected index k out of range");
  DimVector shape(x.sizes());
  if (x.dim() > 0) shape[dim] = k;
  Tensor values = empty(shape, TensorOptions(x.dtype()));
  Tensor indices = empty(shape, TensorOptions(DType::Int64));
  if (k > 0) cpu::topk(values, indices, x, k, dim, largest);
  (void)sorted;  // results always come out sorted (allowed by PyTorch)
  return {values, indices};
}

}  // namespace tscript::rt
