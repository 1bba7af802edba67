// The CPU allocator: 64-byte aligned blocks, cached by size class after they are
// freed, so the steady state of a training loop allocates no fresh pages (fresh
// pages cost a page fault each; PyTorch pays that on every large result).
#pragma once

#include <cstddef>

#include "runtime/tensor/allocator.h"

namespace tscript::rt::cpu {

Allocator* allocator();

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
