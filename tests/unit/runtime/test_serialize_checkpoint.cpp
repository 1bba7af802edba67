// torch.save/torch.load files: the zip layout PyTorch writes, atomic replacement,
// and damaged files (truncated, corrupt records, bad offsets, views past their storage).
#include <dirent.h>

#include "runtime/ops/ops.h"
#include "runtime/serialize/atomic_file.h"
#include "runtime/serialize/safetensors.h"
#include "runtime/serialize/zip_reader.h"
#include "runtime/serialize/zip_writer.h"
#include "test_serialize_support.h"

namespace tscript::rt::test {

using namespace std::string_literals;

using ser::Heap;
using ser::Kind;
using ser::Object;

namespace {

uint64_t le(const std::string& b, size_t at, int n) {
  uint64_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  return v;
}

size_t count_files(const std::string& dir) {
  size_t n = 0;
  DIR* d = ::opendir(dir.c_str());
  while (dirent* e = ::readdir(d))
    if (e->d_name[0] != '.') ++n;
  ::closedir(d);
  return n;
}

// A state dict {"w": 2x3 float32, "v": view of w's storage, "i": int64}.
Object* sample(Heap& h) {
  Object* sd = h.dict(true);
  Tensor w = reshape(arange(Scalar(6.0)), {2, 3});
  sd->entries.emplace_back(h.str("w"), h.tensor(w));
  sd->entries.emplace_back(h.str("v"), h.tensor(select(w, 0, 1)));
  sd->entries.emplace_back(h.str("i"), h.tensor(arange(Scalar(int64_t{4}), TensorOptions{DType::Int64})));
  return sd;
}

// data.pkl for one float32 tensor of `size` elements over a storage of `numel`.
std::string tensor_pickle(int numel, int size, int offset = 0) {
  std::string p = "\x80\x02" "ctorch._utils\n_rebuild_tensor_v2\n((X\x07\x00\x00\x00storagectorch\nFloatStorage\n"s
                  "X\x01\x00\x00\x00" "0X\x03\x00\x00\x00" "cpuK"s;
  p += static_cast<char>(numel);
  p += "tQK";
  p += static_cast<char>(offset);
  p += "K";
  p += static_cast<char>(size);
  p += "\x85K\x01\x85\x89" "ccollections\nOrderedDict\n)RtR.";
  return p;
}

// A checkpoint written record by record (for files PyTorch would not write).
void write_archive(const std::string& path, const std::vector<std::pair<std::string, std::string>>& records) {
  ser::write_atomically(path, [&](ser::AtomicFile& f) {
    ser::ZipWriter zip(f, "archive");
    for (auto& [name, data] : records) zip.write_record(name, data.data(), data.size());
    zip.finish();
  });
}

}  // namespace

TEST_CASE("checkpoint round trip keeps values, dtypes and shared storage", "[serialize]") {
  TempDir dir;
  Heap h;
  Object* sd = sample(h);
  ser::save(*sd, dir.file("model.pt"));
  ser::Checkpoint c = ser::load(dir.file("model.pt"));
  REQUIRE(same_graph(*sd, *c.root));
  CHECK(c.root->entries[0].second->tensor.storage().get() == c.root->entries[1].second->tensor.storage().get());
  CHECK(c.root->entries[1].second->tensor.storage_offset() == 3);
  ser::Checkpoint w = ser::load(dir.file("model.pt"), {.weights_only = true});
  CHECK(same_graph(*sd, *w.root));
}

TEST_CASE("checkpoint zip layout matches PyTorch's writer", "[serialize]") {
  TempDir dir;
  Heap h;
  ser::save(*sample(h), dir.file("model.pt"));
  std::string b = read_bytes(dir.file("model.pt"));
  // Records in PyTorch's order, under the file's stem, each 64-byte aligned.
  std::vector<std::string> names;
  size_t at = 0;
  while (le(b, at, 4) == 0x04034b50) {
    uint64_t name_len = le(b, at + 26, 2), extra_len = le(b, at + 28, 2);
    std::string name = b.substr(at + 30, name_len);
    CHECK(le(b, at + 6, 2) == 0x0808);
    CHECK(b.substr(at + 30 + name_len, 2) == "FB");
    uint64_t data = at + 30 + name_len + extra_len;
    CHECK(data % 64 == 0);
    ser::ZipReader zip(dir.file("model.pt"));
    uint64_t size = zip.record_size(name.substr(name.find('/') + 1));
    CHECK(le(b, data + size, 4) == 0x08074b50);  // data descriptor
    names.push_back(name);
    at = data + size + 16;
  }
  CHECK(names == std::vector<std::string>{"model/data.pkl", "model/byteorder", "model/data/0", "model/data/1",
                                          "model/version"});
  ser::ZipReader zip(dir.file("model.pt"));
  CHECK(zip.read_record("version") == "3\n");
  CHECK(zip.read_record("byteorder") == "little");
  CHECK(zip.record_size("data/0") == 6 * 4);  // the whole storage, once
}

TEST_CASE("zip64 records read back", "[serialize]") {
  TempDir dir;
  std::string payload(1000, 'x');
  ser::write_atomically(dir.file("z.zip"), [&](ser::AtomicFile& f) {
    ser::ZipWriter zip(f, "archive", /*zip64_threshold=*/0);
    zip.write_record("a", payload.data(), payload.size());
    zip.write_record("b", "yz", 2);
    zip.finish();
  });
  ser::ZipReader zip(dir.file("z.zip"));
  CHECK(zip.read_record("a") == payload);
  CHECK(zip.read_record("b") == "yz");
}

TEST_CASE("a failed write leaves the previous file intact", "[serialize]") {
  TempDir dir;
  std::string path = dir.file("ckpt.pt");
  write_bytes(path, "previous contents");
  std::string err = error_of([&] {
    ser::write_atomically(path, [](ser::AtomicFile& f) {
      std::string chunk(3 << 20, 'z');  // past the buffer: real writes happened
      f.write(chunk.data(), chunk.size());
      TS_ERROR("disk on fire");
    });
  });
  CHECK(err == "disk on fire");
  CHECK(read_bytes(path) == "previous contents");
  CHECK(count_files(dir.path) == 1);  // the temporary file is gone
  // torch.save failing half-way (a bare storage cannot be saved) changes nothing either.
  Heap h;
  Object* bad = h.list({h.tensor(ones({2})), h.make(Kind::Storage)});
  CHECK_THAT(error_of([&] { ser::save(*bad, path); }), Catch::Contains("bare storage"));
  CHECK(read_bytes(path) == "previous contents");
  CHECK(count_files(dir.path) == 1);
  CHECK_THAT(error_of([&] { ser::save(*h.none(), dir.file("missing/x.pt")); }),
             Catch::Contains("Parent directory " + dir.path + "/missing does not exist."));
}

TEST_CASE("truncated and corrupt checkpoints throw", "[serialize]") {
  TempDir dir;
  Heap h;
  ser::save(*sample(h), dir.file("good.pt"));
  std::string good = read_bytes(dir.file("good.pt"));
  std::string path = dir.file("bad.pt");
  for (size_t n = 0; n < good.size(); n += 7) {
    write_bytes(path, good.substr(0, n));
    CHECK_FALSE(error_of([&] { ser::load(path); }).empty());
  }
  // A flipped byte in a storage record fails its CRC.
  ser::ZipReader zr(dir.file("good.pt"));
  std::string corrupt = good;
  size_t data0 = good.find("good/data/0") + 11;
  data0 += le(good, good.rfind("PK\x03\x04", data0) + 28, 2);
  corrupt[data0] ^= 0x40;
  write_bytes(path, corrupt);
  CHECK_THAT(error_of([&] { ser::load(path); }), Catch::Contains("CRC-32 check failed for data/0"));
  // A central directory entry pointing past the end.
  std::string moved = good;
  size_t cd = good.find("PK\x01\x02");
  moved[cd + 42 + 3] = 0x7f;
  write_bytes(path, moved);
  CHECK_FALSE(error_of([&] { ser::load(path); }).empty());
  write_bytes(path, "hello world, not a zip at all");
  CHECK_THAT(error_of([&] { ser::load(path); }), Catch::Contains("failed finding central directory"));
  write_bytes(path, std::string("\x80\x02\x8a\x0a", 4));
  CHECK_THAT(error_of([&] { ser::load(path); }), Catch::Contains("legacy (non-zip) format"));
}

TEST_CASE("checkpoints with inconsistent records are rejected", "[serialize]") {
  TempDir dir;
  std::string path = dir.file("x.pt");
  std::string four_floats(16, '\0');
  write_archive(path, {{"data.pkl", tensor_pickle(4, 4)}, {"data/0", four_floats}, {"version", "3\n"}});
  CHECK(ser::load(path).root->tensor.numel() == 4);  // the well-formed baseline
  write_archive(path, {{"data.pkl", tensor_pickle(4, 5)}, {"data/0", four_floats}, {"version", "3\n"}});
  CHECK_THAT(error_of([&] { ser::load(path); }), Catch::Contains("out of bounds for storage of size 16"));
  write_archive(path, {{"data.pkl", tensor_pickle(4, 2, 3)}, {"data/0", four_floats}, {"version", "3\n"}});
  CHECK_THAT(error_of([&] { ser::load(path); }), Catch::Contains("out of bounds"));
  write_archive(path, {{"data.pkl", tensor_pickle(5, 4)}, {"data/0", four_floats}, {"version", "3\n"}});
  CHECK_THAT(error_of([&] { ser::load(path); }), Catch::Contains("needs 20 bytes but its record data/0 holds 16"));
  write_archive(path, {{"data.pkl", tensor_pickle(4, 4)}, {"version", "3\n"}});
  CHECK_THAT(error_of([&] { ser::load(path); }), Catch::Contains("failed locating file data/0"));
  write_archive(path, {{"data.pkl", tensor_pickle(4, 4)}, {"data/0", four_floats}});
  CHECK_THAT(error_of([&] { ser::load(path); }), Catch::Contains("failed reading file version"));
  write_archive(path, {{"data.pkl", tensor_pickle(4, 4)}, {"data/0", four_floats}, {"version", "99\n"}});
  CHECK_THAT(error_of([&] { ser::load(path); }), Catch::Contains("maximum supported version"));
  write_archive(path, {{"constants.pkl", ""}, {"data.pkl", "\x80\x02N."}, {"version", "3\n"}});
  CHECK_THAT(error_of([&] { ser::load(path); }), Catch::Contains("TorchScript archive"));
}

TEST_CASE("map_location: CPU only, CUDA gets PyTorch's error", "[serialize]") {
  TempDir dir;
  Heap h;
  ser::save(*sample(h), dir.file("m.pt"));
  CHECK(ser::load(dir.file("m.pt"), {.map_all = "cpu"}).root != nullptr);
  CHECK_THAT(error_of([&] { ser::load(dir.file("m.pt"), {.map_all = "cuda:0"}); }),
             Catch::StartsWith("Attempting to deserialize object on a CUDA device"));
  ser::LoadOptions rename;
  rename.map["cpu"] = "mps";
  CHECK_THAT(error_of([&] { ser::load(dir.file("m.pt"), rename); }),
             Catch::Contains("don't know how to restore data location of torch.FloatStorage (tagged with mps)"));
}

TEST_CASE("safetensors round trip and validation", "[serialize]") {
  TempDir dir;
  std::string path = dir.file("w.safetensors");
  Tensor a = reshape(arange(Scalar(6.0)), {2, 3});
  Tensor b = arange(Scalar(int64_t{3}), TensorOptions{DType::Int16});
  Tensor t = transpose(a, 0, 1);  // saved contiguous
  ser::save_safetensors({{"b", b}, {"a", a}, {"t", t}}, path, {{"format", "pt"}});
  std::string raw = read_bytes(path);
  uint64_t n = le(raw, 0, 8);
  CHECK(n % 8 == 0);
  CHECK(raw.substr(8, n).find(R"({"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]})") == 0);
  ser::SafetensorsFile f = ser::load_safetensors(path);
  REQUIRE(f.tensors.size() == 3);
  CHECK(f.tensors[0].first == "a");
  CHECK(same_tensor(f.tensors[0].second, a));
  CHECK(same_tensor(f.tensors[1].second, b));
  CHECK(same_tensor(f.tensors[2].second, contiguous(t)));
  CHECK(f.metadata.at("format") == "pt");

  auto with_header = [&](const std::string& json, size_t data) {
    std::string s(8, '\0');
    for (int i = 0; i < 8; ++i) s[i] = static_cast<char>((json.size() >> (8 * i)) & 0xff);
    write_bytes(path, s + json + std::string(data, '\0'));
  };
  with_header(R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", 8);
  CHECK(ser::load_safetensors(path).tensors.size() == 1);
  with_header(R"({"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", 8);
  CHECK_THAT(error_of([&] { ser::load_safetensors(path); }), Catch::Contains("its shape and dtype need 12"));
  with_header(R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", 4);
  CHECK_THAT(error_of([&] { ser::load_safetensors(path); }), Catch::Contains("outside the data area"));
  with_header(R"({"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"y":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})", 4);
  CHECK_THAT(error_of([&] { ser::load_safetensors(path); }), Catch::Contains("overlaps"));
  with_header(R"({"x":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}})", 8);
  CHECK_THAT(error_of([&] { ser::load_safetensors(path); }), Catch::Contains("unsupported dtype C64"));
  with_header(R"({"x":)", 0);
  CHECK_THAT(error_of([&] { ser::load_safetensors(path); }), Catch::Contains("not a JSON object"));
  write_bytes(path, std::string("\xff\xff\xff\xff\xff\xff\xff\x7f", 8));
  CHECK_THAT(error_of([&] { ser::load_safetensors(path); }), Catch::Contains("header too large"));
}

}  // namespace tscript::rt::test
