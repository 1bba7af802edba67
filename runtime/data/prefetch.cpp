#include "runtime/data/prefetch.h"

#include "runtime/ops/ops.h"

namespace tscript::rt::data {

BatchPrefetcher::BatchPrefetcher(std::vector<Tensor> sources, std::vector<std::vector<int64_t>> batches,
                                 bool image_to_float, int workers, int depth)
    : sources_(std::move(sources)),
      batches_(std::move(batches)),
      image_to_float_(image_to_float),
      window_(static_cast<size_t>(std::max(1, workers) * std::max(1, depth))) {
  size_t n = static_cast<size_t>(std::max(1, workers));
  for (size_t w = 0; w < n; ++w) threads_.emplace_back([this, w, n] { work(w, n); });
}

BatchPrefetcher::~BatchPrefetcher() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  room_.notify_all();
  for (auto& t : threads_) t.join();
}

std::vector<Tensor> BatchPrefetcher::gather(size_t b) const {
  const auto& rows = batches_[b];
  Tensor index = empty({static_cast<int64_t>(rows.size())}, TensorOptions(DType::Int64));
  std::copy(rows.begin(), rows.end(), index.data<int64_t>());
  std::vector<Tensor> out;
  for (size_t k = 0; k < sources_.size(); ++k) {
    Tensor t = index_select(sources_[k], 0, index);
    // ToTensor's per-image conversion, once for the batch (same values).
    if (k == 0 && image_to_float_) t = unsqueeze(div(to(t, default_dtype()), Scalar(255)), 1);
    out.push_back(std::move(t));
  }
  return out;
}

// Worker w makes batches w, w + stride, ...; each waits until its batch is inside the
// consumer's window, so memory stays bounded.
void BatchPrefetcher::work(size_t first, size_t stride) {
  for (size_t b = first; b < batches_.size(); b += stride) {
    {
      std::unique_lock lock(mu_);
      room_.wait(lock, [&] { return stop_ || b < next_ + window_; });
      if (stop_) return;
    }
    std::vector<Tensor> batch;
    std::exception_ptr error;
    try {
      batch = gather(b);
    } catch (...) {
      error = std::current_exception();
    }
    {
      std::lock_guard lock(mu_);
      if (error) errors_[b] = error;
      else done_[b] = std::move(batch);
    }
    ready_.notify_all();
    if (error) return;
  }
}

std::optional<std::vector<Tensor>> BatchPrefetcher::next() {
  std::unique_lock lock(mu_);
  if (next_ >= batches_.size()) return std::nullopt;
  size_t b = next_;
  ready_.wait(lock, [&] { return done_.count(b) || errors_.count(b); });
  if (auto e = errors_.find(b); e != errors_.end()) std::rethrow_exception(e->second);
  std::vector<Tensor> batch = std::move(done_[b]);
  done_.erase(b);
  ++next_;
  lock.unlock();
  room_.notify_all();
  return batch;
}

}  // namespace tscript::rt::data
