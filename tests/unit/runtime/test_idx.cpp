// IDX reader (runtime/data): every element type, gzip and plain, and every kind of
// broken file reported as rt::Error naming the defect. Fixtures come from
// tests/fixtures/idx/make_fixtures.py; truncation at every length is generated here.
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <unistd.h>

#include "runtime/data/idx.h"
#include "test_helpers.h"

using namespace tscript::rt;
using namespace tscript::rt::test;
using tscript::rt::data::read_idx;
namespace fs = std::filesystem;

namespace {

using V = std::vector<double>;

std::string fixture(const std::string& name) {
  return (fs::path(__FILE__).parent_path() / "../../fixtures/idx" / name).lexically_normal().string();
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A scratch file removed when the test ends.
struct TempFile {
  std::string path;
  explicit TempFile(const std::string& bytes)
      : path((fs::temp_directory_path() / ("tscript_idx_" + std::to_string(::getpid()) + ".idx")).string()) {
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  ~TempFile() { std::remove(path.c_str()); }
};

// The message of the error read_idx throws ("" when it succeeds).
std::string error_of(const std::string& path) {
  try {
    read_idx(path);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Runtime);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("IDX: uint8 images, plain and gzipped, read alike", "[idx]") {
  for (const char* name : {"u8_2x3x4.idx", "u8_2x3x4.idx.gz"}) {
    Tensor t = read_idx(fixture(name));
    CHECK(t.dtype() == DType::UInt8);
    CHECK(shape(t) == std::vector<int64_t>{2, 3, 4});
    CHECK(t.is_contiguous());
    V expected;
    for (int v = 0; v < 240; v += 10) expected.push_back(v);
    CHECK(values(t) == expected);
  }
  Tensor labels = read_idx(fixture("u8_labels.idx"));
  CHECK(shape(labels) == std::vector<int64_t>{5});
  CHECK(values(labels) == V{9, 0, 3, 255, 1});
}

TEST_CASE("IDX: every element type, big-endian to native", "[idx]") {
  Tensor i8 = read_idx(fixture("i8_4.idx"));
  CHECK(i8.dtype() == DType::Int8);
  CHECK(values(i8) == V{-128, -1, 0, 127});
  Tensor i16 = read_idx(fixture("i16_3.idx"));
  CHECK(i16.dtype() == DType::Int16);
  CHECK(values(i16) == V{-32768, 300, 7});
  Tensor i32 = read_idx(fixture("i32_2x2.idx"));
  CHECK(i32.dtype() == DType::Int32);
  CHECK(shape(i32) == std::vector<int64_t>{2, 2});
  CHECK(values(i32) == V{-2147483648.0, 1, 65536, 2147483647});
  Tensor f32 = read_idx(fixture("f32_3.idx.gz"));
  CHECK(f32.dtype() == DType::Float32);
  CHECK(values(f32) == V{1.5, -2.25, 0.125});
  Tensor f64 = read_idx(fixture("f64_2.idx"));
  CHECK(f64.dtype() == DType::Float64);
  CHECK(values(f64) == V{3.141592653589793, -1e300});
}

TEST_CASE("IDX: an empty leading dimension is a valid empty tensor", "[idx]") {
  Tensor t = read_idx(fixture("u8_0x28x28.idx"));
  CHECK(shape(t) == std::vector<int64_t>{0, 28, 28});
  CHECK(t.numel() == 0);
}

TEST_CASE("IDX: the tensor owns its data after the file is gone", "[idx]") {
  Tensor t;
  {
    TempFile f(slurp(fixture("i16_3.idx")));
    t = read_idx(f.path);
  }
  Tensor copy = clone(t);
  t = Tensor();
  CHECK(values(copy) == V{-32768, 300, 7});
}

TEST_CASE("IDX: malformed files name their defect", "[idx]") {
  struct Case {
    const char* file;
    const char* message;
  };
  const Case cases[] = {
      {"no_such_file.idx", "No such file or directory"},
      {"empty.idx", "truncated header (0 of 4 bytes)"},
      {"bad_magic.idx", "not an IDX file (magic number 0x01000803"},
      {"bad_type.idx", "unknown element type code 10"},
      {"zero_dims.idx", "0 dimensions (expected 1 to 8)"},
      {"many_dims.idx", "9 dimensions (expected 1 to 8)"},
      {"overflow_dims.idx", "describe more data than can be addressed"},
      {"short_promise.idx", "truncated data ([60000, 28, 28] uint8 needs 47040000 bytes after the header, the file has 3)"},
      {"trailing.idx", "trailing data ([2, 3, 4] uint8 needs 24 bytes"},
      {"trailing.idx.gz", "trailing data"},
      {"truncated.idx.gz", "the gzip stream is truncated"},
      {"corrupt.idx.gz", "corrupt gzip data"},
      {"bad_crc.idx.gz", "corrupt gzip data (incorrect data check)"},
  };
  for (const Case& c : cases) {
    INFO(c.file);
    std::string message = error_of(fixture(c.file));
    CHECK(message.find(std::string("cannot read IDX file '") + fixture(c.file) + "': ") == 0);
    CHECK(message.find(c.message) != std::string::npos);
  }
  // A directory opens but cannot be read.
  CHECK(error_of(fixture("")).find("Is a directory") != std::string::npos);
}

TEST_CASE("IDX: every truncation of a valid file fails cleanly, plain and gzipped", "[idx]") {
  for (const char* name : {"u8_2x3x4.idx", "u8_2x3x4.idx.gz", "f64_2.idx"}) {
    std::string whole = slurp(fixture(name));
    REQUIRE(!whole.empty());
    for (size_t n = 0; n < whole.size(); ++n) {
      INFO(name << " cut to " << n << " bytes");
      TempFile f(whole.substr(0, n));
      CHECK(error_of(f.path) != "");
    }
    TempFile f(whole);
    CHECK(error_of(f.path) == "");
  }
}

TEST_CASE("IDX: data larger than one read slice comes back whole", "[idx]") {
  // 3 x 1024 x 8192 bytes (24 MiB) crosses the reader's 16 MiB slices; gzip keeps the
  // scratch file small.
  std::string header = {0, 0, 0x08, 3, 0, 0, 0, 3, 0, 0, 4, 0, 0, 0, 0x20, 0};
  const size_t n = size_t(3) * 1024 * 8192;
  std::string path = (fs::temp_directory_path() / ("tscript_idx_big_" + std::to_string(::getpid()) + ".gz")).string();
  gzFile out = gzopen(path.c_str(), "wb1");
  REQUIRE(out);
  gzwrite(out, header.data(), static_cast<unsigned>(header.size()));
  std::string block(8192, '\0');
  for (size_t row = 0; row < n / block.size(); ++row) {
    for (size_t i = 0; i < block.size(); ++i) block[i] = static_cast<char>((row + i) & 0xFF);
    gzwrite(out, block.data(), static_cast<unsigned>(block.size()));
  }
  gzclose(out);
  Tensor t = read_idx(path);
  std::remove(path.c_str());
  CHECK(shape(t) == std::vector<int64_t>{3, 1024, 8192});
  const uint8_t* d = t.data<uint8_t>();
  bool ok = true;
  for (size_t k = 0; k < n; k += 4099) ok &= d[k] == static_cast<uint8_t>((k / 8192 + k % 8192) & 0xFF);
  CHECK(ok);
  CHECK(d[n - 1] == static_cast<uint8_t>((n / 8192 - 1 + 8191) & 0xFF));
}
