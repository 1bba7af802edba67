#include "runtime/serialize/safetensors.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "runtime/ops/copy.h"
#include "runtime/ops/creation.h"
#include "runtime/serialize/atomic_file.h"
#include "runtime/serialize/storage_types.h"
#include "runtime/tensor/error.h"
#include "runtime/tensor/shape_util.h"

namespace tscript::rt::serialize {

namespace {

// The reference implementation refuses headers above 100 MB.
constexpr uint64_t kMaxHeader = 100'000'000;

}  // namespace

void save_safetensors(const std::vector<std::pair<std::string, Tensor>>& tensors, const std::string& path,
                      const std::map<std::string, std::string>& metadata) {
  std::vector<std::pair<std::string, Tensor>> order;
  std::set<std::string> names;
  for (const auto& [name, t] : tensors) {
    TS_CHECK(names.insert(name).second, "save_safetensors: duplicate tensor name '", name, "'");
    TS_CHECK(name != "__metadata__", "save_safetensors: '__metadata__' is reserved");
    TS_CHECK(t.device().type == DeviceType::CPU, "save_safetensors: only CPU tensors can be saved yet");
    order.emplace_back(name, contiguous(t));
  }
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    size_t sa = itemsize(a.second.dtype()), sb = itemsize(b.second.dtype());
    return sa != sb ? sa > sb : a.first < b.first;
  });
  // nlohmann's ordered_json keeps our key order in the header.
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!metadata.empty()) header["__metadata__"] = metadata;
  uint64_t offset = 0;
  for (const auto& [name, t] : order) {
    uint64_t n = static_cast<uint64_t>(t.numel()) * itemsize(t.dtype());
    std::vector<int64_t> shape(t.sizes().begin(), t.sizes().end());
    header[name] = {{"dtype", safetensors_dtype_name(t.dtype())}, {"shape", shape}, {"data_offsets", {offset, offset + n}}};
    offset += n;
  }
  std::string text = header.dump();
  text.append((8 - text.size() % 8) % 8, ' ');
  write_atomically(path, [&](AtomicFile& out) {
    unsigned char len[8];
    for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(static_cast<uint64_t>(text.size()) >> (8 * i));
    out.write(len, 8);
    out.write(text.data(), text.size());
    for (const auto& [name, t] : order)
      out.write(t.data_ptr(), static_cast<size_t>(t.numel()) * itemsize(t.dtype()));
  });
}

SafetensorsFile load_safetensors(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  TS_CHECK(in, "cannot open '", path, "': ", std::strerror(errno));
  auto file_size = static_cast<uint64_t>(in.tellg());
  in.seekg(0);
  auto check = [&](bool ok, const std::string& why) {
    if (!ok) TS_ERROR("invalid safetensors file '", path, "': ", why);
  };
  check(file_size >= 8, "shorter than its 8-byte header length");
  unsigned char len[8];
  in.read(reinterpret_cast<char*>(len), 8);
  uint64_t header_len = 0;
  for (int i = 7; i >= 0; --i) header_len = (header_len << 8) | len[i];
  check(header_len <= kMaxHeader, "header too large");
  check(header_len <= file_size - 8, "header extends past the end of the file");
  std::string text(header_len, '\0');
  in.read(text.data(), static_cast<std::streamsize>(header_len));
  nlohmann::json header = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  check(header.is_object(), "the header is not a JSON object");
  uint64_t data_start = 8 + header_len, data_size = file_size - data_start;

  // Validate every entry before allocating anything.
  struct Entry {
    std::string name;
    DType dtype;
    DimVector shape;
    uint64_t begin, end;
  };
  std::vector<Entry> entries;
  SafetensorsFile out;
  for (auto& [name, info] : header.items()) {
    if (name == "__metadata__") {
      check(info.is_object(), "__metadata__ must be an object of strings");
      for (auto& [k, v] : info.items()) {
        check(v.is_string(), "__metadata__ values must be strings");
        out.metadata[k] = v.get<std::string>();
      }
      continue;
    }
    std::string what = "entry '" + name + "' ";
    check(info.is_object() && info.contains("dtype") && info["dtype"].is_string() && info.contains("shape") &&
              info["shape"].is_array() && info.contains("data_offsets") && info["data_offsets"].is_array() &&
              info["data_offsets"].size() == 2,
          what + "needs dtype, shape and data_offsets");
    std::optional<DType> dtype = dtype_from_safetensors(info["dtype"].get<std::string>());
    check(dtype.has_value(), what + "has unsupported dtype " + info["dtype"].get<std::string>());
    DimVector shape;
    for (auto& d : info["shape"]) {
      check(d.is_number_unsigned() && d.get<uint64_t>() <= static_cast<uint64_t>(INT64_MAX), what + "has a bad shape");
      shape.push_back(d.get<int64_t>());
    }
    auto& offs = info["data_offsets"];
    check(offs[0].is_number_unsigned() && offs[1].is_number_unsigned(), what + "has bad data_offsets");
    uint64_t begin = offs[0].get<uint64_t>(), end = offs[1].get<uint64_t>();
    check(begin <= end && end <= data_size, what + "lies outside the data area");
    int64_t numel = checked_numel(shape), nbytes = 0;
    check(!__builtin_mul_overflow(numel, static_cast<int64_t>(itemsize(*dtype)), &nbytes), what + "is too large");
    check(static_cast<uint64_t>(nbytes) == end - begin,
          what + "has " + std::to_string(end - begin) + " bytes, its shape and dtype need " + std::to_string(nbytes));
    entries.push_back({name, *dtype, shape, begin, end});
  }
  // As the reference loader: the tensors tile the data area, without gaps or overlap.
  std::vector<std::pair<uint64_t, uint64_t>> spans;
  for (const Entry& e : entries) spans.emplace_back(e.begin, e.end);
  std::sort(spans.begin(), spans.end());
  uint64_t at = 0;
  for (auto [b, e] : spans) {
    check(b == at, "tensor data overlaps or leaves gaps");
    at = e;
  }
  check(at == data_size, "tensor data does not cover the whole data area");

  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  for (const Entry& e : entries) {
    Tensor t = empty(e.shape, TensorOptions{e.dtype});
    in.seekg(static_cast<std::streamoff>(data_start + e.begin));
    in.read(static_cast<char*>(t.data_ptr()), static_cast<std::streamsize>(e.end - e.begin));
    check(static_cast<bool>(in), "read error");
    out.tensors.emplace_back(e.name, std::move(t));
  }
  return out;
}

}  // namespace tscript::rt::serialize
