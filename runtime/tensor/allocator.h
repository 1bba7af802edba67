// Memory for storages comes from an Allocator; each back end supplies one
// (backends/cpu/allocator.h: a caching allocator that reuses freed blocks).
#pragma once

#include <cstddef>

namespace tscript::rt {

class Allocator {
 public:
  virtual ~Allocator() = default;
  // Returns memory aligned to at least 64 bytes; nullptr for nbytes == 0.
  virtual void* allocate(size_t nbytes) = 0;
  virtual void deallocate(void* ptr, size_t nbytes) = 0;
};

}  // namespace tscript::rt
