// IDX files (the MNIST / Fashion-MNIST format) read into tensors.
//
// Layout: two zero bytes, a type code, the number of dimensions n, then n big-endian
// uint32 sizes and the elements, big-endian, row-major. Type codes (as torchvision's
// read_sn3_pascalvincent_tensor maps them): 0x08 uint8, 0x09 int8, 0x0B int16,
// 0x0C int32, 0x0D float32, 0x0E float64.
#pragma once

#include <string>

#include "runtime/tensor/tensor.h"

namespace tscript::rt::data {

// Reads `path`, gzip-compressed or not (recognised by content, not by name), into a
// contiguous CPU tensor of the file's dtype and shape. Every malformed input (missing
// file, bad magic or type code, sizes that overflow, truncated or trailing data, corrupt
// gzip stream) throws rt::Error (RuntimeError) naming the file and what is wrong.
Tensor read_idx(const std::string& path);

}  // namespace tscript::rt::data
