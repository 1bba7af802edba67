// The safetensors format (huggingface/safetensors): an 8-byte little-endian header
// length, a JSON header {"name": {"dtype", "shape", "data_offsets"}, "__metadata__":
// {str: str}}, then the tensors' bytes, contiguous and row-major. No code, no
// pickle: loading only parses JSON and copies bytes, after checking that the
// offsets tile the data area exactly.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "runtime/tensor/tensor.h"

namespace tscript::rt::serialize {

struct SafetensorsFile {
  std::vector<std::pair<std::string, Tensor>> tensors;  // sorted by name (as safe_open's keys())
  std::map<std::string, std::string> metadata;
};

// Writes atomically. Tensors are laid out as the reference writer does: by
// decreasing dtype size, then by name; the header is padded with spaces to 8 bytes.
void save_safetensors(const std::vector<std::pair<std::string, Tensor>>& tensors, const std::string& path,
                      const std::map<std::string, std::string>& metadata = {});
SafetensorsFile load_safetensors(const std::string& path);

}  // namespace tscript::rt::serialize
