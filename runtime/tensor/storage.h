// Storage: one refcounted block of memory shared by a tensor and all its views.
// It also holds the version counter that in-place ops bump (autograd checks it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "runtime/tensor/allocator.h"
#include "runtime/tensor/device.h"
#include "runtime/tensor/intrusive_ptr.h"

namespace tscript::rt {

class StorageImpl : public RefCounted {
 public:
  // Allocates nbytes from the allocator.
  StorageImpl(size_t nbytes, Allocator* allocator, Device device);
  // Wraps memory owned elsewhere; `deleter` (may be empty) runs when the storage dies.
  StorageImpl(void* data, size_t nbytes, Device device, std::function<void(void*)> deleter);
  ~StorageImpl() override;

  void* data() const { return data_; }
  size_t nbytes() const { return nbytes_; }
  Device device() const { return device_; }
  Allocator* allocator() const { return allocator_; }

  int64_t version() const { return version_; }
  void bump_version() { ++version_; }

 private:
  void* data_ = nullptr;
  size_t nbytes_ = 0;
  Device device_;
  Allocator* allocator_ = nullptr;
  std::function<void(void*)> deleter_;
  int64_t version_ = 0;
};

using Storage = IntrusivePtr<StorageImpl>;

}  // namespace tscript::rt
