#include "backends/cpu/allocator.h"

#include "runtime/tensor/error.h"

#include <cstdlib>
#include <mutex>
#include <new>
#include <unordered_map>
#include <vector>

namespace tscript::rt::cpu {
namespace {

constexpr size_t kAlignment = 64;

// Size classes: multiples of 64 bytes up to 1 KiB, then four classes per power
// of two (waste at most 25%).
size_t size_class(size_t n) {
  if (n <= 1024) return (n + 63) & ~size_t{63};
  if (n > (size_t{1} << 62)) return n;  // absurd sizes: let the allocation fail
  size_t p = size_t{1} << (63 - __builtin_clzll(n));  // highest power of two <= n
  size_t step = p / 4;
  return (n + step - 1) / step * step;
}

class CachingAllocator final : public Allocator {
 public:
  void* allocate(size_t nbytes) override {
    if (nbytes == 0) return nullptr;
    size_t cls = size_class(nbytes);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stats_.allocations++;
      stats_.allocated_bytes += cls;
      auto it = free_.find(cls);
      if (it != free_.end() && !it->second.empty()) {
        void* p = it->second.back();
        it->second.pop_back();
        stats_.cached_bytes -= cls;
        stats_.cache_hits++;
        return p;
      }
    }
    void* p = std::aligned_alloc(kAlignment, cls);
    if (!p) {
      empty_cache();
      p = std::aligned_alloc(kAlignment, cls);
    }
    if (!p) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        stats_.allocated_bytes -= cls;
      }
      TS_ERROR("DefaultCPUAllocator: can't allocate memory: you tried to allocate ", nbytes,
               " bytes. Error code 12 (Cannot allocate memory)");
    }
    return p;
  }

  void deallocate(void* ptr, size_t nbytes) override {
    if (!ptr) return;
    size_t cls = size_class(nbytes);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stats_.allocated_bytes -= cls;
      if (stats_.cached_bytes + cls <= limit_) {
        free_[cls].push_back(ptr);
        stats_.cached_bytes += cls;
        return;
      }
    }
    std::free(ptr);
  }

  void empty_cache() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [cls, blocks] : free_)
      for (void* p : blocks) std::free(p);
    free_.clear();
    stats_.cached_bytes = 0;
  }

  AllocatorStats stats() {
    std::lock_guard<std::mutex> lock(mutex_);
    return stats_;
  }

  void set_limit(size_t bytes) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      limit_ = bytes;
    }
    empty_cache();
  }

 private:
  std::mutex mutex_;
  std::unordered_map<size_t, std::vector<void*>> free_;
  AllocatorStats stats_;
  size_t limit_ = size_t{2} << 30;
};

CachingAllocator& instance() {
  // Never destroyed: storages may be freed during static destruction.
  static auto* a = new CachingAllocator();
  return *a;
}

}  // namespace

namespace {
thread_local Allocator* t_override = nullptr;
}  // namespace

Allocator* allocator() { return t_override ? t_override : &instance(); }

AllocatorScope::AllocatorScope(Allocator* a) : prev_(t_override) {
  if (a) t_override = a;
}
AllocatorScope::~AllocatorScope() { t_override = prev_; }

void* CappedAllocator::allocate(size_t nbytes) {
  size_t now = used_.fetch_add(nbytes) + nbytes;
  if (now > cap_) {
    used_.fetch_sub(nbytes);
    TS_ERROR("tensor memory cap exceeded: tried to allocate ", nbytes, " bytes with ", now - nbytes, " of ", cap_,
             " bytes in use");
  }
  try {
    return instance().allocate(nbytes);
  } catch (...) {
    used_.fetch_sub(nbytes);
    throw;
  }
}

void CappedAllocator::deallocate(void* ptr, size_t nbytes) {
  if (!ptr) return;
  used_.fetch_sub(nbytes);
  instance().deallocate(ptr, nbytes);
}
AllocatorStats allocator_stats() { return instance().stats(); }
void empty_cache() { instance().empty_cache(); }
void set_cache_limit(size_t bytes) { instance().set_limit(bytes); }

}  // namespace tscript::rt::cpu
