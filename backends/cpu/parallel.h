// parallel_for: split [begin, end) over the process's one worker pool when the range is
// big enough to pay for it. Exceptions thrown by a chunk are re-thrown on the caller.
//
// The pool's idle workers block on a condition variable instead of spinning, so they
// never take cores from OpenBLAS's threads or from other processes (DESIGN.md
// decision 10: measured, spinning OpenMP workers made training 7x slower on 2 loaded
// cores).
#pragma once

#include <algorithm>
#include <cstdint>

namespace tscript::rt::cpu {

// Below this many elements (of simple per-element work) one thread is faster.
inline constexpr int64_t kGrainSize = 32768;

// Threads a parallel_for may use (the caller included); set_num_threads(n) caps it.
int max_threads();
void set_num_threads(int n);
// True inside a chunk: nested parallel_for calls run serially.
bool in_parallel_region();

// Runs chunk(ctx, i) for i in [0, n) on the pool and the caller; returns when all are done.
void run_chunks(int64_t n, void (*chunk)(void* ctx, int64_t i), void* ctx);

template <class F>
void parallel_for(int64_t begin, int64_t end, int64_t grain, const F& f) {
  if (begin >= end) return;
  int64_t n = end - begin;
  int64_t threads = std::min<int64_t>(max_threads(), (n + grain - 1) / std::max<int64_t>(grain, 1));
  if (threads <= 1 || in_parallel_region()) {
    f(begin, end);
    return;
  }
  // Static contiguous chunks, one per thread: results (e.g. float sums) do not depend
  // on which worker runs which chunk.
  struct Ctx {
    const F& f;
    int64_t begin, end, chunk;
  } ctx{f, begin, end, (n + threads - 1) / threads};
  run_chunks(
      threads,
      [](void* p, int64_t i) {
        auto& c = *static_cast<Ctx*>(p);
        int64_t b = c.begin + i * c.chunk, e = std::min(c.end, b + c.chunk);
        if (b < e) c.f(b, e);
      },
      &ctx);
}

}  // namespace tscript::rt::cpu
