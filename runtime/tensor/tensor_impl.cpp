#include "runtime/tensor/tensor_impl.h"

#include "runtime/tensor/error.h"
#include "runtime/tensor/shape_util.h"

namespace tscript::rt {

TensorImpl::TensorImpl(Storage storage, DType dtype, IntArrayRef sizes, IntArrayRef strides,
                       int64_t storage_offset)
    : storage_(std::move(storage)), sizes_(sizes), strides_(strides), storage_offset_(storage_offset),
      dtype_(dtype) {
  refresh_derived();
}

void TensorImpl::set_geometry(IntArrayRef sizes, IntArrayRef strides, int64_t storage_offset) {
  sizes_ = DimVector(sizes);
  strides_ = DimVector(strides);
  storage_offset_ = storage_offset;
  refresh_derived();
}

void TensorImpl::refresh_derived() {
  // Unsigned so that absurd sizes cannot overflow into undefined behaviour;
  // every op validates sizes (checked_numel) before building a tensor.
  uint64_t n = 1;
  for (int64_t s : sizes_) n *= static_cast<uint64_t>(s);
  numel_ = static_cast<int64_t>(n);
  is_contiguous_ = compute_is_contiguous(sizes_, strides_);
}

void check_view_in_bounds(const StorageImpl& storage, DType dtype, IntArrayRef sizes, IntArrayRef strides,
                          int64_t storage_offset) {
  TS_CHECK(sizes.size() == strides.size(), "mismatch in length of strides and shape");
  TS_CHECK(storage_offset >= 0, "Tensor: invalid storage offset ", storage_offset);
  for (size_t i = 0; i < sizes.size(); ++i)
    TS_CHECK(strides[i] >= 0, "as_strided: Negative strides are not supported at the moment, got strides: ",
             shape_str(strides));
  if (checked_numel(sizes) == 0) return;
  int64_t max_offset = storage_offset, step = 0;
  bool overflow = false;
  for (size_t i = 0; i < sizes.size(); ++i) {
    overflow |= __builtin_mul_overflow(sizes[i] - 1, strides[i], &step);
    overflow |= __builtin_add_overflow(max_offset, step, &max_offset);
  }
  int64_t needed = 0;
  overflow |= __builtin_mul_overflow(max_offset + 1, static_cast<int64_t>(itemsize(dtype)), &needed);
  TS_CHECK(!overflow, "as_strided: storage size overflow for sizes ", shape_str(sizes), " and strides ",
           shape_str(strides));
  TS_CHECK(needed <= static_cast<int64_t>(storage.nbytes()), "setStorage: sizes ", shape_str(sizes),
           ", strides ", shape_str(strides), ", storage offset ", storage_offset, ", and itemsize ",
           itemsize(dtype), " requiring a storage size of ", needed, " are out of bounds for storage of size ",
           storage.nbytes());
}

}  // namespace tscript::rt
