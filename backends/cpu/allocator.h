// The CPU allocator: 64-byte aligned blocks, cached by size class after they are
// freed, so the steady state of a training loop allocates no fresh pages (fresh
// pages cost a page fault each; PyTorch pays that on every large result).
#pragma once

#include <atomic>
#include <cstddef>

#include "runtime/tensor/allocator.h"

namespace tscript::rt::cpu {

// The allocator new CPU storages use: the thread's override (see CappedAllocator) or
// the process-wide caching allocator.
Allocator* allocator();

// Charges every allocation against a byte cap and hands it to the caching allocator;
// an embedded interpreter installs one for the duration of its calls (the host's cap on
// tensor memory). Storages keep a pointer to it, so it must outlive them.
class CappedAllocator final : public Allocator {
 public:
  explicit CappedAllocator(size_t cap) : cap_(cap) {}
  void* allocate(size_t nbytes) override;
  void deallocate(void* ptr, size_t nbytes) override;
  size_t in_use() const { return used_.load(); }

 private:
  size_t cap_;
  std::atomic<size_t> used_{0};  // tensors may be freed on any thread
};

// Makes `a` this thread's allocator for a scope (null: keep the current one).
class AllocatorScope {
 public:
  explicit AllocatorScope(Allocator* a);
  ~AllocatorScope();
  AllocatorScope(const AllocatorScope&) = delete;
  AllocatorScope& operator=(const AllocatorScope&) = delete;

 private:
  Allocator* prev_;
};

struct AllocatorStats {
  size_t allocated_bytes = 0;  // in live blocks (rounded to size classes)
  size_t cached_bytes = 0;     // freed and kept for reuse
  size_t allocations = 0;      // calls to allocate()
  size_t cache_hits = 0;       // of which served from the cache
};
AllocatorStats allocator_stats();
// Returns all cached blocks to the system.
void empty_cache();
// Upper bound on cached bytes (default 2 GiB); blocks beyond it are freed at once.
void set_cache_limit(size_t bytes);

}  // namespace tscript::rt::cpu
