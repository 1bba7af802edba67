#include "runtime/serialize/checkpoint.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <unordered_map>

#include "runtime/ops/creation.h"
#include "runtime/serialize/pickler.h"
#include "runtime/serialize/storage_types.h"
#include "runtime/serialize/unpickler.h"
#include "runtime/serialize/zip_reader.h"
#include "runtime/serialize/zip_writer.h"
#include "runtime/tensor/error.h"

namespace tscript::rt::serialize {

const char* const kWeightsOnlyMessage =
    "Weights only load failed. Re-running `torch.load` with `weights_only` set to `False` will likely succeed, "
    "but it can result in arbitrary code execution.Do it only if you get the file from a trusted source. "
    "WeightsUnpickler error: ";

namespace {

// The newest container format PyTorch (2.x) reads; files say "3".
constexpr int64_t kFormatVersion = 3;
constexpr int64_t kMaxFormatVersion = 10;

// PyTorch names the archive folder after the file, without directory or extension.
std::string archive_name_for(const std::string& path) {
  std::string base = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
  size_t dot = base.rfind('.');
  if (dot != std::string::npos) base.resize(dot);
  return base.empty() ? "archive" : base;
}

void byteswap(void* data, size_t count, size_t width) {
  auto* p = static_cast<unsigned char*>(data);
  for (size_t i = 0; i < count; ++i, p += width) std::reverse(p, p + width);
}

class StorageLoader {
 public:
  StorageLoader(Heap& heap, const ZipReader& zip, const LoadOptions& options, bool big_endian)
      : heap_(heap), zip_(zip), options_(options), big_endian_(big_endian) {}

  Object* operator()(const Object& pid) {
    if (!pid.is(Kind::Tuple) || pid.items.empty())
      TS_ERROR("persistent_load id must be a tuple, but got ", kind_name(pid.kind));
    const auto& a = pid.items;
    if (!a[0]->is(Kind::Str) || a[0]->text != "storage")
      TS_ERROR("Only persistent_load of storage is allowed, but got ",
               a[0]->is(Kind::Str) ? a[0]->text : kind_name(a[0]->kind));
    TS_CHECK(a.size() == 5, "a storage persistent id has 5 fields, got ", a.size());
    std::optional<DType> dtype;
    if (a[1]->is(Kind::Global) && a[1]->text == "torch") dtype = dtype_from_storage_class(a[1]->name);
    TS_CHECK(dtype, "persistent id: expected a torch storage class");
    TS_CHECK(a[2]->is(Kind::Str), "persistent id: the storage key must be a str");
    TS_CHECK(a[3]->is(Kind::Str), "persistent id: the location must be a str");
    TS_CHECK(a[4]->is(Kind::Int) && a[4]->integer >= 0, "persistent id: the element count must be an int >= 0");
    const std::string& key = a[2]->text;
    check_location(a[1]->qualified_name(), a[3]->text);

    if (auto it = loaded_.find(key); it != loaded_.end()) {
      TS_CHECK(it->second->tensor.dtype() == *dtype, "storage ", key,
               " is viewed with two dtypes; tscript cannot load that");
      return it->second;
    }
    int64_t numel = a[4]->integer, nbytes = 0;
    TS_CHECK(!__builtin_mul_overflow(numel, static_cast<int64_t>(itemsize(*dtype)), &nbytes),
             "storage ", key, ": element count too large");
    std::string record = "data/" + key;
    TS_CHECK(zip_.has_record(record), "PytorchStreamReader failed locating file ", record, ": file not found");
    TS_CHECK(zip_.record_size(record) == static_cast<uint64_t>(nbytes), "storage ", key, " needs ", nbytes,
             " bytes but its record ", record, " holds ", zip_.record_size(record));
    Tensor t = empty({numel}, TensorOptions{*dtype});
    zip_.read_record_into(record, t.data_ptr(), static_cast<uint64_t>(nbytes));
    if (big_endian_ && itemsize(*dtype) > 1) byteswap(t.data_ptr(), static_cast<size_t>(numel), itemsize(*dtype));
    Object* s = heap_.make(Kind::Storage);
    s->tensor = std::move(t);
    loaded_[key] = s;
    return s;
  }

 private:
  void check_location(const std::string& storage_class, const std::string& saved) const {
    std::string loc = saved;
    if (options_.map_all) loc = *options_.map_all;
    else if (auto it = options_.map.find(saved); it != options_.map.end()) loc = it->second;
    if (loc == "cpu") return;
    TS_CHECK(loc.rfind("cuda", 0) != 0,
             "Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are "
             "running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map "
             "your storages to the CPU.");
    TS_ERROR("don't know how to restore data location of ", storage_class, " (tagged with ", loc, ")");
  }

  Heap& heap_;
  const ZipReader& zip_;
  const LoadOptions& options_;
  bool big_endian_;
  std::unordered_map<std::string, Object*> loaded_;
};

int64_t parse_version(const std::string& text) {
  std::string s = text;
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  TS_CHECK(!s.empty() && s.size() < 10 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }),
           "PytorchStreamReader failed reading file version: not a number");
  int64_t v = std::stoll(s);
  TS_CHECK(v >= 1 && v <= kMaxFormatVersion, "Attempted to read a PyTorch file with version ", v,
           ", but the maximum supported version for reading is ", kMaxFormatVersion, ".");
  return v;
}

}  // namespace

void save(const Object& root, const std::string& path) {
  StorageTable storages;
  std::string pkl = pickle(root, storages);
  write_atomically(path, [&](AtomicFile& out) {
    ZipWriter zip(out, archive_name_for(path));
    zip.write_record("data.pkl", pkl.data(), pkl.size());
    zip.write_record("byteorder", "little", 6);
    for (const auto& e : storages.entries())
      zip.write_record("data/" + e.key, e.storage->data(), e.storage->nbytes() / itemsize(e.dtype) * itemsize(e.dtype));
    std::string version = std::to_string(kFormatVersion) + "\n";
    zip.write_record("version", version.data(), version.size());
    zip.finish();
  });
}

Checkpoint load(const std::string& path, const LoadOptions& options) {
  {
    // Tell PyTorch's legacy (pre-1.6, non-zip) format apart from a damaged zip.
    std::ifstream in(path, std::ios::binary);
    TS_CHECK(in, "cannot open '", path, "': ", std::strerror(errno));
    char head[2] = {0, 0};
    in.read(head, 2);
    TS_CHECK(!(in.gcount() == 2 && static_cast<unsigned char>(head[0]) == 0x80),
             "'", path, "' is in PyTorch's legacy (non-zip) format, which tscript does not read; re-save it with "
             "torch.save in PyTorch 1.6 or newer");
  }
  ZipReader zip(path);
  TS_CHECK(!zip.has_record("constants.pkl"), "'", path,
           "' is a TorchScript archive (torch.jit.save); tscript loads torch.save checkpoints only");
  TS_CHECK(zip.has_record("version"), "PytorchStreamReader failed reading file version: file not found");
  parse_version(zip.read_record("version"));
  bool big_endian = false;
  if (zip.has_record("byteorder")) {
    std::string order = zip.read_record("byteorder");
    TS_CHECK(order == "little" || order == "big", "Unknown endianness type: ", order);
    big_endian = order == "big";
  }
  TS_CHECK(zip.has_record("data.pkl"), "PytorchStreamReader failed locating file data.pkl: file not found");
  std::string pkl = zip.read_record("data.pkl");

  Checkpoint c;
  StorageLoader storages(c.heap, zip, options, big_endian);
  try {
    c.root = unpickle(c.heap, pkl, options.weights_only, std::ref(storages));
  } catch (const Error& e) {
    if (!options.weights_only) throw;
    throw Error(e.kind(), kWeightsOnlyMessage + std::string(e.what()));
  }
  check_nesting(*c.root, kMaxLoadDepth);
  return c;
}

}  // namespace tscript::rt::serialize
