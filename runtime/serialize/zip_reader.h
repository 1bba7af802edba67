// Reads the zip container of a checkpoint. Every offset and size from the file is
// checked against the file's length before use; records may be stored (as PyTorch
// writes them) or deflated (zips re-packed by other tools), and their CRC is verified.
// Errors throw rt::Error with PyTorch's "PytorchStreamReader failed ..." wording.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tscript::rt::serialize {

class ZipReader {
 public:
  explicit ZipReader(const std::string& path);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  // The folder every record sits in ("archive" for archive/data.pkl).
  const std::string& archive_name() const { return archive_; }
  // `name` is relative to the archive folder ("data.pkl", "data/0").
  bool has_record(const std::string& name) const;
  uint64_t record_size(const std::string& name) const;
  std::string read_record(const std::string& name) const;
  // Reads the record into dst, which holds exactly record_size(name) bytes.
  void read_record_into(const std::string& name, void* dst, uint64_t size) const;
  // Every record name, relative to the archive folder.
  std::vector<std::string> record_names() const;

 private:
  struct Entry {
    uint64_t local_offset, compressed_size, size;
    uint32_t crc;
    uint16_t method;
  };
  void read_at(uint64_t offset, void* dst, uint64_t n) const;
  const Entry& entry(const std::string& name) const;
  void parse_central_directory();

  std::string path_;
  int fd_ = -1;
  uint64_t file_size_ = 0;
  std::string archive_;
  std::map<std::string, Entry> entries_;  // by name relative to the archive folder
};

}  // namespace tscript::rt::serialize
