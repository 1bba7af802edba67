// The pickle writer: an object graph to protocol-2 bytes, opcode for opcode as
// CPython's pickle.Pickler writes them under torch.save (memo puts, batched
// APPENDS/SETITEMS, OrderedDict and Size via REDUCE), with tensors written as
// PyTorch does: `_rebuild_tensor_v2` (or `_rebuild_parameter`) over a
// persistent-id storage ('storage', torch.FloatStorage, key, location, numel).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/serialize/object.h"

namespace tscript::rt::serialize {

// The storages a pickle refers to, keyed "0", "1", ... in order of first use; every
// view of one storage refers to the same key, so it is written (and reloaded) once.
class StorageTable {
 public:
  struct Entry {
    Storage storage;
    DType dtype;
    std::string key;
  };
  // The entry for t's storage (added on first use). Throws when the storage was
  // already saved with another dtype (PyTorch refuses that too).
  const Entry& add(const Tensor& t);
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
  std::unordered_map<const StorageImpl*, size_t> index_;
};

// Containers nested deeper than this are refused (Python stops at its recursion limit).
inline constexpr int kMaxPickleDepth = 1000;

// Pickles `root`; tensors register their storages in `storages`.
std::string pickle(const Object& root, StorageTable& storages);

}  // namespace tscript::rt::serialize
