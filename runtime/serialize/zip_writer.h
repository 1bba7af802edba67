// Writes the zip container of a PyTorch checkpoint the way PyTorch's
// PyTorchStreamWriter (miniz) does: stored (uncompressed) records under
// `<archive>/`, each record's data 64-byte aligned by an "FB" padding extra field,
// a data descriptor after each record, and zip64 end records. Records larger than
// 4 GiB, or starting past 4 GiB, get zip64 extra fields.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/serialize/atomic_file.h"

namespace tscript::rt::serialize {

inline constexpr uint64_t kRecordAlignment = 64;

class ZipWriter {
 public:
  // `zip64_threshold` is for tests: sizes and offsets at or above it use zip64 fields.
  ZipWriter(AtomicFile& out, std::string archive_name, uint64_t zip64_threshold = 0xffffffffu);
  // Adds `<archive>/<name>`.
  void write_record(const std::string& name, const void* data, size_t size);
  // Writes the central directory and the end records.
  void finish();

 private:
  struct Entry {
    std::string name;
    uint64_t offset, size;
    uint32_t crc;
  };
  bool needs_zip64(const Entry& e) const { return e.size >= zip64_threshold_ || e.offset >= zip64_threshold_; }

  AtomicFile& out_;
  std::string prefix_;
  uint64_t zip64_threshold_;
  std::vector<Entry> entries_;
};

}  // namespace tscript::rt::serialize
