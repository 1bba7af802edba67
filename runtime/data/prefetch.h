// Batches of rows gathered from tensors on background threads, in order, a bounded
// number ahead of the consumer: DataLoader(num_workers > 0) over data sets whose items
// are rows of tensors (TensorDataset, MNIST-style image sets) loads without the VM.
#pragma once

#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "runtime/tensor/tensor.h"

namespace tscript::rt::data {

class BatchPrefetcher {
 public:
  // Batch b is {sources[k].index_select(0, batches[b])}; with `image_to_float` the first
  // one (uint8 images [N, H, W]) becomes float [N, 1, H, W] in [0, 1], as ToTensor does
  // per image. `workers` threads keep at most workers * depth batches ready.
  BatchPrefetcher(std::vector<Tensor> sources, std::vector<std::vector<int64_t>> batches, bool image_to_float,
                  int workers, int depth);
  ~BatchPrefetcher();
  BatchPrefetcher(const BatchPrefetcher&) = delete;
  BatchPrefetcher& operator=(const BatchPrefetcher&) = delete;

  // The next batch, or nullopt after the last; a worker's error is re-thrown here.
  std::optional<std::vector<Tensor>> next();
  size_t size() const { return batches_.size(); }

 private:
  std::vector<Tensor> gather(size_t b) const;
  void work(size_t first, size_t stride);

  std::vector<Tensor> sources_;
  std::vector<std::vector<int64_t>> batches_;
  bool image_to_float_;
  size_t window_;

  std::mutex mu_;
  std::condition_variable ready_, room_;
  std::map<size_t, std::vector<Tensor>> done_;  // finished batches not yet taken
  std::map<size_t, std::exception_ptr> errors_;
  size_t next_ = 0;  // the batch the consumer takes next
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace tscript::rt::data
