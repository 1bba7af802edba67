// Tensor: the cheap, copyable, nullable handle every API passes around.
// Copying a Tensor shares the TensorImpl (like a Python reference); views made
// by ops get their own TensorImpl over the same Storage.
//
// The handle only exposes metadata and element access. Every op is a free
// function declared in runtime/ops/*.h (include runtime/ops/ops.h for all).
#pragma once

#include <cstdint>

#include "runtime/tensor/scalar.h"
#include "runtime/tensor/tensor_impl.h"

namespace tscript::rt {

[[noreturn]] void throw_dtype_mismatch(DType expected, DType actual);

class Tensor {
 public:
  Tensor() = default;  // undefined (null) tensor
  explicit Tensor(IntrusivePtr<TensorImpl> impl) : impl_(std::move(impl)) {}

  bool defined() const { return static_cast<bool>(impl_); }
  TensorImpl* impl() const { return impl_.get(); }
  const IntrusivePtr<TensorImpl>& impl_ptr() const { return impl_; }
  // Same TensorImpl (Python `is`).
  bool is_same(const Tensor& other) const { return impl_ == other.impl_; }
  int64_t use_count() const { return impl_ ? impl_->use_count() : 0; }

  // Metadata.
  DType dtype() const { return impl_->dtype(); }
  Device device() const { return impl_->device(); }
  int64_t dim() const { return impl_->dim(); }
  IntArrayRef sizes() const { return impl_->sizes(); }
  IntArrayRef strides() const { return impl_->strides(); }
  int64_t size(int64_t dim) const;    // dim may be negative; IndexError when out of range
  int64_t stride(int64_t dim) const;  // idem
  int64_t numel() const { return impl_->numel(); }
  int64_t storage_offset() const { return impl_->storage_offset(); }
  size_t element_size() const { return itemsize(dtype()); }
  bool is_contiguous() const { return impl_->is_contiguous(); }
  bool is_floating_point() const { return is_floating(dtype()); }
  const Storage& storage() const { return impl_->storage(); }

  // Raw data: address of element [0, 0, ...] (may be null for empty tensors).
  void* data_ptr() const { return impl_->data(); }
  template <class T>
  T* data() const;  // checks that T matches dtype()

  // Autograd flags (the full autograd meta is attached by runtime/autograd).
  bool requires_grad() const { return impl_->requires_grad(); }
  void set_requires_grad(bool value) { impl_->set_requires_grad(value); }

  // Version counter shared by all views of the storage.
  int64_t version() const { return impl_->storage()->version(); }
  void bump_version() const { impl_->storage()->bump_version(); }

  // Element access in logical row-major order (i in [0, numel)), whatever the
  // strides: enough for tolist(), printing and tests.
  Scalar item() const;  // the one element; RuntimeError unless numel() == 1
  Scalar scalar_at(int64_t i) const;
  double double_at(int64_t i) const;
  int64_t int_at(int64_t i) const;
  // Offset in elements from data_ptr() of logical element i.
  int64_t element_offset(int64_t i) const;

 private:
  IntrusivePtr<TensorImpl> impl_;
};

template <class T>
T* Tensor::data() const {
  if (dtype_of_v<T> != dtype()) throw_dtype_mismatch(dtype_of_v<T>, dtype());
  return static_cast<T*>(data_ptr());
}

// Reads one element of type `dtype` at `ptr` as a Scalar (bool/int/float kind).
Scalar load_scalar(const void* ptr, DType dtype);
// Writes `value` converted to `dtype` at `ptr`.
void store_scalar(void* ptr, DType dtype, const Scalar& value);

}  // namespace tscript::rt
