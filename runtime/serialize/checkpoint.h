// torch.save / torch.load files: PyTorch's zip container holding a protocol-2
// pickle (`<archive>/data.pkl`), one record per storage (`<archive>/data/<key>`,
// 64-byte aligned), `<archive>/byteorder` ("little") and `<archive>/version` ("3").
// PyTorch 1.13 through 2.x load what save() writes; load() reads what they write.
//
//   Heap heap;
//   Object* sd = heap.dict(true);
//   sd->entries.emplace_back(heap.str("weight"), heap.tensor(w));
//   serialize::save(*sd, "model.pt");
//   Checkpoint c = serialize::load("model.pt", {.weights_only = true});
#pragma once

#include <map>
#include <optional>
#include <string>

#include "runtime/serialize/object.h"

namespace tscript::rt::serialize {

struct LoadOptions {
  // PyTorch's weights-only unpickler: tensors, parameters, storages, containers,
  // OrderedDict, torch.Size, dtypes, numbers, strings and None; nothing else.
  bool weights_only = false;
  // map_location: every storage goes to `map_all` when set; otherwise `map` renames
  // saved locations ("cuda:0" -> "cpu"); unmapped locations stay as saved.
  std::optional<std::string> map_all;
  std::map<std::string, std::string> map;
};

struct Checkpoint {
  Heap heap;
  Object* root = nullptr;
};

// Limits how deeply a loaded checkpoint may nest containers (consumers recurse).
inline constexpr int kMaxLoadDepth = 1000;

// Writes `root` to `path` atomically (a temporary file renamed into place).
void save(const Object& root, const std::string& path);
Checkpoint load(const std::string& path, const LoadOptions& options = {});

// PyTorch's prefix for weights-only failures.
extern const char* const kWeightsOnlyMessage;

}  // namespace tscript::rt::serialize
