#include "runtime/data/idx.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "runtime/ops/creation.h"
#include "runtime/tensor/error.h"

namespace tscript::rt::data {

namespace {

struct IdxType {
  uint8_t code;
  DType dtype;
};
constexpr IdxType kIdxTypes[] = {{0x08, DType::UInt8}, {0x09, DType::Int8},    {0x0B, DType::Int16},
                                 {0x0C, DType::Int32}, {0x0D, DType::Float32}, {0x0E, DType::Float64}};

// Real IDX files have 1 to 4 dimensions; the cap keeps a corrupt header from describing
// absurd shapes before any data is read.
constexpr int kMaxDims = 8;
// Data is read in slices so that a header promising far more than the file holds costs
// only what the file really has.
constexpr size_t kSlice = size_t(1) << 24;

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  TS_ERROR("cannot read IDX file '", path, "': ", what);
}

// zlib's gz* functions read gzip files and, transparently, plain ones; this owns the
// handle and turns every zlib or I/O error into an rt::Error.
class Reader {
 public:
  explicit Reader(const std::string& path) : path_(path) {
    errno = 0;
    file_ = gzopen(path.c_str(), "rb");
    if (!file_) fail(path, errno ? std::strerror(errno) : "out of memory");
    gzbuffer(file_, 1 << 17);
  }
  ~Reader() { gzclose_r(file_); }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // Reads up to n bytes into dst; fewer only where the data ends.
  size_t read(void* dst, size_t n) {
    size_t got = 0;
    while (got < n) {
      unsigned chunk = static_cast<unsigned>(std::min<size_t>(n - got, size_t(1) << 30));
      int r = gzread(file_, static_cast<char*>(dst) + got, chunk);
      if (r < 0) check_stream();
      if (r <= 0) break;
      got += static_cast<size_t>(r);
    }
    check_stream();
    return got;
  }

 private:
  // A gzip stream cut short leaves Z_BUF_ERROR behind a short read; bad data or a
  // failing read leaves another code.
  void check_stream() {
    int code = Z_OK;
    const char* message = gzerror(file_, &code);
    if (code == Z_OK) return;
    if (code == Z_BUF_ERROR) fail(path_, "the gzip stream is truncated");
    if (code == Z_ERRNO) fail(path_, std::strerror(errno));
    std::string detail = message;  // zlib puts the path in front: "path: what"
    if (detail.rfind(path_ + ": ", 0) == 0) detail.erase(0, path_.size() + 2);
    fail(path_, "corrupt gzip data (" + detail + ")");
  }

  std::string path_;
  gzFile file_;
};

uint32_t big_endian_u32(const uint8_t* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

// IDX elements are big-endian; the host is little-endian on every platform we build for.
void to_native_order(uint8_t* data, size_t nbytes, size_t itemsize) {
  if (itemsize == 1) return;
  for (size_t i = 0; i + itemsize <= nbytes; i += itemsize) std::reverse(data + i, data + i + itemsize);
}

std::string shape_text(const DimVector& sizes) {
  std::string s = "[";
  for (size_t i = 0; i < sizes.size(); ++i) s += (i ? ", " : "") + std::to_string(sizes[i]);
  return s + "]";
}

}  // namespace

Tensor read_idx(const std::string& path) {
  Reader in(path);
  uint8_t header[4];
  size_t got = in.read(header, 4);
  if (got < 4) fail(path, "truncated header (" + std::to_string(got) + " of 4 bytes)");
  if (header[0] != 0 || header[1] != 0) {
    char magic[16];
    std::snprintf(magic, sizeof magic, "0x%02X%02X%02X%02X", header[0], header[1], header[2], header[3]);
    fail(path, std::string("not an IDX file (magic number ") + magic + " should start with two zero bytes)");
  }
  const IdxType* type = nullptr;
  for (const IdxType& t : kIdxTypes)
    if (t.code == header[2]) type = &t;
  if (!type) fail(path, "unknown element type code " + std::to_string(header[2]));
  int ndim = header[3];
  if (ndim < 1 || ndim > kMaxDims)
    fail(path, std::to_string(ndim) + " dimensions (expected 1 to " + std::to_string(kMaxDims) + ")");

  uint8_t dims[4 * kMaxDims];
  got = in.read(dims, 4 * size_t(ndim));
  if (got < 4 * size_t(ndim))
    fail(path, "truncated header (" + std::to_string(4 + got) + " of " + std::to_string(4 + 4 * ndim) + " bytes)");
  DimVector sizes;
  size_t itemsize = rt::itemsize(type->dtype);
  size_t nbytes = itemsize;
  for (int i = 0; i < ndim; ++i) {
    sizes.push_back(big_endian_u32(dims + 4 * i));
    if (__builtin_mul_overflow(nbytes, size_t(sizes.back()), &nbytes) || nbytes > size_t(INT64_MAX))
      fail(path, "sizes " + shape_text(sizes) + "... describe more data than can be addressed");
  }

  // The buffer grows with what the file really holds; it becomes the tensor's storage.
  auto buffer = std::make_unique<std::vector<uint8_t>>();
  buffer->reserve(std::min(nbytes, size_t(1) << 28));
  while (buffer->size() < nbytes) {
    size_t before = buffer->size();
    size_t want = std::min(nbytes - before, kSlice);
    buffer->resize(before + want);
    size_t n = in.read(buffer->data() + before, want);
    buffer->resize(before + n);
    if (n < want) break;
  }
  std::string described = shape_text(sizes) + " " + dtype_name(type->dtype) + " needs " + std::to_string(nbytes);
  if (buffer->size() < nbytes)
    fail(path, "truncated data (" + described + " bytes after the header, the file has " +
                   std::to_string(buffer->size()) + ")");
  uint8_t extra;
  if (in.read(&extra, 1) != 0) fail(path, "trailing data (" + described + " bytes after the header, the file has more)");

  to_native_order(buffer->data(), nbytes, itemsize);
  // The tensor's storage is the buffer itself (no copy); the deleter owns it.
  std::shared_ptr<std::vector<uint8_t>> owned(std::move(buffer));
  static uint8_t empty_marker;  // an empty vector may have no address at all
  void* data = owned->empty() ? &empty_marker : owned->data();
  return from_blob(data, sizes, type->dtype, [owned](void*) mutable { owned.reset(); });
}

}  // namespace tscript::rt::data
