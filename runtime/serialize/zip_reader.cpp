#include "runtime/serialize/zip_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/serialize/zip_format.h"
#include "runtime/tensor/error.h"

namespace tscript::rt::serialize {

using namespace zip;

namespace {

[[noreturn]] void bad(const std::string& what) { TS_ERROR("PytorchStreamReader failed reading zip archive: ", what); }

}  // namespace

ZipReader::ZipReader(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  TS_CHECK(fd_ >= 0, "cannot open '", path, "': ", std::strerror(errno));
  struct stat st;
  TS_CHECK(::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode), "cannot read '", path, "': not a regular file");
  file_size_ = static_cast<uint64_t>(st.st_size);
  try {
    parse_central_directory();
  } catch (...) {
    ::close(fd_);
    throw;
  }
}

ZipReader::~ZipReader() { ::close(fd_); }

void ZipReader::read_at(uint64_t offset, void* dst, uint64_t n) const {
  if (offset > file_size_ || n > file_size_ - offset) bad("record extends past the end of the file (truncated?)");
  auto* p = static_cast<char*>(dst);
  while (n > 0) {
    ssize_t r = ::pread(fd_, p, std::min<uint64_t>(n, 1u << 30), static_cast<off_t>(offset));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) bad(std::string("read error: ") + (r < 0 ? std::strerror(errno) : "unexpected end of file"));
    p += r;
    offset += static_cast<uint64_t>(r);
    n -= static_cast<uint64_t>(r);
  }
}

void ZipReader::parse_central_directory() {
  // The end record sits in the last 22 + 65535 (comment) bytes.
  if (file_size_ < kEndSize) bad("failed finding central directory");
  uint64_t tail_len = std::min<uint64_t>(file_size_, kEndSize + 0xffff);
  std::string tail(tail_len, '\0');
  read_at(file_size_ - tail_len, tail.data(), tail_len);
  auto* t = reinterpret_cast<const unsigned char*>(tail.data());
  int64_t end_at = -1;
  for (int64_t i = static_cast<int64_t>(tail_len - kEndSize); i >= 0; --i)
    if (get_le(t + i, 4) == kEndSig) {
      end_at = i;
      break;
    }
  if (end_at < 0) bad("failed finding central directory");
  const unsigned char* e = t + end_at;
  uint64_t count = get_le(e + 10, 2), cd_size = get_le(e + 12, 4), cd_offset = get_le(e + 16, 4);
  uint64_t end_pos = file_size_ - tail_len + static_cast<uint64_t>(end_at);
  if (end_pos >= kZip64LocatorSize) {
    unsigned char loc[kZip64LocatorSize];
    read_at(end_pos - kZip64LocatorSize, loc, sizeof loc);
    if (get_le(loc, 4) == kZip64LocatorSig) {
      unsigned char z[kZip64EndSize];
      read_at(get_le(loc + 8, 8), z, sizeof z);
      if (get_le(z, 4) != kZip64EndSig) bad("invalid zip64 end of central directory record");
      count = get_le(z + 32, 8);
      cd_size = get_le(z + 40, 8);
      cd_offset = get_le(z + 48, 8);
    }
  }
  // Each central entry takes at least 46 bytes: bound `count` before trusting it.
  if (cd_offset > file_size_ || cd_size > file_size_ - cd_offset || count > cd_size / kCentralHeaderSize)
    bad("invalid central directory (truncated file?)");
  std::string cd(cd_size, '\0');
  read_at(cd_offset, cd.data(), cd_size);
  auto* p = reinterpret_cast<const unsigned char*>(cd.data());
  uint64_t pos = 0;
  std::vector<std::pair<std::string, Entry>> found;
  for (uint64_t i = 0; i < count; ++i) {
    if (cd_size - pos < kCentralHeaderSize || get_le(p + pos, 4) != kCentralHeaderSig)
      bad("invalid central directory entry");
    const unsigned char* h = p + pos;
    Entry en{get_le(h + 42, 4), get_le(h + 20, 4), get_le(h + 24, 4), static_cast<uint32_t>(get_le(h + 16, 4)),
             static_cast<uint16_t>(get_le(h + 10, 2))};
    uint64_t name_len = get_le(h + 28, 2), extra_len = get_le(h + 30, 2), comment_len = get_le(h + 32, 2);
    if (cd_size - pos - kCentralHeaderSize < name_len + extra_len + comment_len) bad("invalid central directory entry");
    std::string name(reinterpret_cast<const char*>(h + kCentralHeaderSize), name_len);
    // zip64 extra: the 8-byte values replace the 0xffffffff ones, in this order.
    const unsigned char* x = h + kCentralHeaderSize + name_len;
    for (uint64_t xp = 0; xp + 4 <= extra_len;) {
      uint64_t id = get_le(x + xp, 2), len = get_le(x + xp + 2, 2);
      if (xp + 4 + len > extra_len) bad("invalid extra field");
      if (id == kZip64ExtraId) {
        const unsigned char* v = x + xp + 4;
        uint64_t left = len;
        auto take = [&](uint64_t& field) {
          if (field != 0xffffffffu) return;
          if (left < 8) bad("invalid zip64 extra field");
          field = get_le(v, 8);
          v += 8;
          left -= 8;
        };
        take(en.size);
        take(en.compressed_size);
        take(en.local_offset);
      }
      xp += 4 + len;
    }
    if (en.method != 0 && en.method != 8) bad("record " + name + " uses unsupported compression method " + std::to_string(en.method));
    found.emplace_back(std::move(name), en);
    pos += kCentralHeaderSize + name_len + extra_len + comment_len;
  }
  if (found.empty()) bad("archive holds no records");
  // PyTorch's reader takes the archive folder from the first record's name.
  const std::string& first = found.front().first;
  size_t slash = first.find('/');
  if (slash == std::string::npos) bad("file not in archive folder: " + first);
  archive_ = first.substr(0, slash);
  for (auto& [name, en] : found) {
    if (name.compare(0, slash + 1, first, 0, slash + 1) != 0) bad("file not in archive folder: " + name);
    entries_[name.substr(slash + 1)] = en;
  }
}

bool ZipReader::has_record(const std::string& name) const { return entries_.count(name) > 0; }

const ZipReader::Entry& ZipReader::entry(const std::string& name) const {
  auto it = entries_.find(name);
  if (it == entries_.end()) TS_ERROR("PytorchStreamReader failed locating file ", name, ": file not found");
  return it->second;
}

uint64_t ZipReader::record_size(const std::string& name) const { return entry(name).size; }

std::vector<std::string> ZipReader::record_names() const {
  std::vector<std::string> names;
  for (auto& kv : entries_) names.push_back(kv.first);
  return names;
}

std::string ZipReader::read_record(const std::string& name) const {
  uint64_t n = record_size(name);
  if (n > file_size_ * 1032 + 1024) bad("record " + name + " claims an impossible size");  // deflate's best ratio is 1032:1
  std::string out(n, '\0');
  read_record_into(name, out.data(), n);
  return out;
}

void ZipReader::read_record_into(const std::string& name, void* dst, uint64_t size) const {
  const Entry& en = entry(name);
  TS_CHECK(size == en.size, "record ", name, " holds ", en.size, " bytes, expected ", size);
  unsigned char lh[kLocalHeaderSize];
  read_at(en.local_offset, lh, sizeof lh);
  if (get_le(lh, 4) != kLocalHeaderSig) bad("invalid local header for " + name);
  uint64_t data_at = en.local_offset + kLocalHeaderSize + get_le(lh + 26, 2) + get_le(lh + 28, 2);
  if (en.method == 0) {
    if (en.compressed_size != en.size) bad("stored record " + name + " has inconsistent sizes");
    read_at(data_at, dst, size);
  } else {
    std::string packed(en.compressed_size <= file_size_ ? en.compressed_size : 0, '\0');
    if (en.compressed_size > file_size_) bad("record " + name + " extends past the end of the file");
    read_at(data_at, packed.data(), packed.size());
    z_stream zs{};
    if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) bad("cannot start inflate");
    zs.next_in = reinterpret_cast<Bytef*>(packed.data());
    zs.next_out = static_cast<Bytef*>(dst);
    uint64_t in_left = packed.size(), out_left = size;
    int rc = Z_OK;
    while (rc == Z_OK) {
      zs.avail_in = static_cast<uInt>(std::min<uint64_t>(in_left, 1u << 30));
      zs.avail_out = static_cast<uInt>(std::min<uint64_t>(out_left, 1u << 30));
      uInt ai = zs.avail_in, ao = zs.avail_out;
      rc = inflate(&zs, Z_NO_FLUSH);
      in_left -= ai - zs.avail_in;
      out_left -= ao - zs.avail_out;
      if (rc == Z_BUF_ERROR || (rc == Z_OK && ai == zs.avail_in && ao == zs.avail_out)) break;
    }
    inflateEnd(&zs);
    if (rc != Z_STREAM_END || out_left != 0) bad("corrupt compressed record " + name);
  }
  if (crc32_of(dst, size) != en.crc) bad("CRC-32 check failed for " + name + " (corrupt file)");
}

}  // namespace tscript::rt::serialize
