// parallel_for: split [begin, end) over the OpenMP pool when the range is big
// enough to pay for it. Exceptions thrown by a chunk are re-thrown on the caller.
#pragma once

#include <algorithm>
#include <cstdint>
#include <exception>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace tscript::rt::cpu {

// Below this many elements (of simple per-element work) one thread is faster.
inline constexpr int64_t kGrainSize = 32768;

int max_threads();
void set_num_threads(int n);

template <class F>
void parallel_for(int64_t begin, int64_t end, int64_t grain, const F& f) {
  if (begin >= end) return;
  int64_t n = end - begin;
#ifdef _OPENMP
  int64_t threads = std::min<int64_t>(max_threads(), (n + grain - 1) / std::max<int64_t>(grain, 1));
  if (threads > 1 && !omp_in_parallel()) {
    std::exception_ptr error;
#pragma omp parallel num_threads(static_cast<int>(threads))
    {
      int64_t tid = omp_get_thread_num(), nt = omp_get_num_threads();
      int64_t chunk = (n + nt - 1) / nt;
      int64_t b = begin + tid * chunk, e = std::min(end, b + chunk);
      if (b < e) {
        try {
          f(b, e);
        } catch (...) {
#pragma omp critical(tscript_parallel_error)
          if (!error) error = std::current_exception();
        }
      }
    }
    if (error) std::rethrow_exception(error);
    return;
  }
#endif
  f(begin, end);
}

}  // namespace tscript::rt::cpu
