// TensorImpl: a strided view (sizes, strides, offset, dtype) of a Storage.
// Many TensorImpls may share one Storage (views); `Tensor` is the handle to one.
#pragma once

#include <cstdint>
#include <memory>

#include "runtime/tensor/dim_vector.h"
#include "runtime/tensor/dtype.h"
#include "runtime/tensor/storage.h"

namespace tscript::rt {

// Autograd state (grad, grad_fn, hooks, ...) is defined by runtime/autograd; the
// tensor core only owns it through this base so it stays independent of it.
struct AutogradMetaBase {
  virtual ~AutogradMetaBase() = default;
};

class TensorImpl : public RefCounted {
 public:
  // Strides and offset are in elements. The caller guarantees the view stays
  // inside the storage (see check_view_in_bounds for untrusted input).
  TensorImpl(Storage storage, DType dtype, IntArrayRef sizes, IntArrayRef strides, int64_t storage_offset);

  const Storage& storage() const { return storage_; }
  DType dtype() const { return dtype_; }
  Device device() const { return storage_->device(); }
  IntArrayRef sizes() const { return sizes_; }
  IntArrayRef strides() const { return strides_; }
  int64_t dim() const { return static_cast<int64_t>(sizes_.size()); }
  int64_t numel() const { return numel_; }
  int64_t storage_offset() const { return storage_offset_; }
  bool is_contiguous() const { return is_contiguous_; }
  // Address of the first element (storage data + offset).
  void* data() const {
    return static_cast<char*>(storage_->data()) + storage_offset_ * static_cast<int64_t>(itemsize(dtype_));
  }

  // Re-points this impl at new geometry over the same storage (in-place shape
  // ops such as squeeze_, t_, as_strided_).
  void set_geometry(IntArrayRef sizes, IntArrayRef strides, int64_t storage_offset);

  bool requires_grad() const { return requires_grad_; }
  void set_requires_grad(bool value) { requires_grad_ = value; }

  // A 0-d tensor made from a Python number for an op; it takes part in type
  // promotion by category only (see type_promotion.h).
  bool is_wrapped_number() const { return wrapped_number_; }
  void set_wrapped_number(bool value) { wrapped_number_ = value; }

  AutogradMetaBase* autograd_meta() const { return autograd_meta_.get(); }
  void set_autograd_meta(std::unique_ptr<AutogradMetaBase> meta) { autograd_meta_ = std::move(meta); }

 private:
  void refresh_derived();

  Storage storage_;
  DimVector sizes_;
  DimVector strides_;
  int64_t storage_offset_ = 0;
  int64_t numel_ = 1;
  DType dtype_;
  bool is_contiguous_ = true;
  bool requires_grad_ = false;
  bool wrapped_number_ = false;
  std::unique_ptr<AutogradMetaBase> autograd_meta_;
};

// Throws unless every element of the view lies inside `storage` and no stride is
// negative (as_strided / from_blob on untrusted input).
void check_view_in_bounds(const StorageImpl& storage, DType dtype, IntArrayRef sizes, IntArrayRef strides,
                          int64_t storage_offset);

}  // namespace tscript::rt
