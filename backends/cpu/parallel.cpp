#include "backends/cpu/parallel.h"

#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace tscript::rt::cpu {

namespace {

thread_local bool t_in_region = false;

// A fixed set of workers woken per job. Chunks are claimed from an atomic counter by
// the workers and the calling thread alike; the caller waits for the last one.
class Pool {
 public:
  explicit Pool(int workers) {
    for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
  }
  ~Pool() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
  }

  int size() const { return static_cast<int>(threads_.size()) + 1; }

  void run(int64_t n, void (*chunk)(void*, int64_t), void* ctx) {
    std::lock_guard serial(run_mu_);  // one job at a time (callers from several threads)
    {
      std::lock_guard lock(mu_);
      chunk_ = chunk;
      ctx_ = ctx;
      n_ = n;
      next_.store(0);
      remaining_ = n;
      error_ = nullptr;
      ++generation_;
    }
    wake_.notify_all();
    claim();
    std::unique_lock lock(mu_);
    done_.wait(lock, [this] { return remaining_ == 0; });
    if (error_) std::rethrow_exception(error_);
  }

 private:
  // Runs chunks until none is left.
  void claim() {
    t_in_region = true;
    for (int64_t i; (i = next_.fetch_add(1)) < n_;) {
      try {
        chunk_(ctx_, i);
      } catch (...) {
        std::lock_guard lock(mu_);
        if (!error_) error_ = std::current_exception();
      }
      std::lock_guard lock(mu_);
      if (--remaining_ == 0) done_.notify_one();
    }
    t_in_region = false;
  }

  void work() {
    uint64_t seen = 0;
    while (true) {
      {
        std::unique_lock lock(mu_);
        wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
        if (stop_) return;
        seen = generation_;
      }
      claim();
    }
  }

  std::vector<std::thread> threads_;
  std::mutex run_mu_, mu_;
  std::condition_variable wake_, done_;
  void (*chunk_)(void*, int64_t) = nullptr;
  void* ctx_ = nullptr;
  std::atomic<int64_t> n_{0};
  int64_t remaining_ = 0;
  std::atomic<int64_t> next_{0};
  uint64_t generation_ = 0;
  bool stop_ = false;
  std::exception_ptr error_;
};

int hardware_threads() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

std::atomic<int> g_max_threads{hardware_threads()};

Pool& pool() {
  static Pool p(hardware_threads() - 1);
  return p;
}

}  // namespace

int max_threads() { return std::min(g_max_threads.load(), pool().size()); }

void set_num_threads(int n) {
  if (n > 0) g_max_threads = n;
}

bool in_parallel_region() { return t_in_region; }

void run_chunks(int64_t n, void (*chunk)(void*, int64_t), void* ctx) { pool().run(n, chunk, ctx); }

}  // namespace tscript::rt::cpu
