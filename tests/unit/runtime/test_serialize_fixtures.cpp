// Checkpoints written by PyTorch 1.13 (tests/fixtures/checkpoints/make_fixtures.py):
// values, dtypes, shared storage, OrderedDict metadata, nested containers, the
// weights_only rules, and a byte-for-byte re-pickle of each data.pkl.
#include "runtime/ops/ops.h"
#include "runtime/serialize/pickler.h"
#include "runtime/serialize/zip_reader.h"
#include "test_serialize_support.h"

namespace tscript::rt::test {

using ser::Kind;
using ser::Object;

namespace {

std::string fixture(const std::string& name) {
  std::string here = __FILE__;
  return here.substr(0, here.rfind("/unit/runtime/")) + "/fixtures/checkpoints/" + name;
}

const Object* get(const Object& d, const std::string& key) {
  for (auto& [k, v] : d.entries)
    if (k->is(Kind::Str) && k->text == key) return v;
  FAIL("missing key " << key);
  return nullptr;
}

}  // namespace

TEST_CASE("PyTorch fixture: every dtype", "[serialize][fixtures]") {
  ser::Checkpoint c = ser::load(fixture("dtypes.pt"), {.weights_only = true});
  REQUIRE(c.root->is(Kind::OrderedDict));
  for (auto [name, dtype] : std::vector<std::pair<const char*, DType>>{
           {"float32", DType::Float32}, {"float64", DType::Float64}, {"float16", DType::Float16},
           {"bfloat16", DType::BFloat16}, {"int64", DType::Int64}, {"int32", DType::Int32}, {"int16", DType::Int16},
           {"int8", DType::Int8}, {"uint8", DType::UInt8}}) {
    const Tensor& t = get(*c.root, name)->tensor;
    CHECK(t.dtype() == dtype);
    CHECK(t.sizes() == IntArrayRef{2, 3});
    for (int64_t i = 0; i < 6; ++i) CHECK(t.double_at(i) == double(i));
  }
  const Tensor& b = get(*c.root, "bool")->tensor;
  CHECK(b.dtype() == DType::Bool);
  CHECK((b.double_at(0) == 1 && b.double_at(1) == 0 && b.double_at(2) == 1 && b.double_at(3) == 0));
  const Tensor& s = get(*c.root, "scalar")->tensor;
  CHECK((s.dim() == 0 && s.dtype() == DType::Float64 && s.double_at(0) == -2.5));
  CHECK(get(*c.root, "empty")->tensor.sizes() == IntArrayRef{0, 3});
}

TEST_CASE("PyTorch fixture: views share one storage", "[serialize][fixtures]") {
  ser::Checkpoint c = ser::load(fixture("shared.pt"));
  const Tensor& base = get(*c.root, "base")->tensor;
  const Tensor& slice = get(*c.root, "slice")->tensor;
  const Tensor& tr = get(*c.root, "transposed")->tensor;
  for (const char* k : {"slice", "matrix", "transposed"})
    CHECK(get(*c.root, k)->tensor.storage().get() == base.storage().get());
  CHECK((slice.storage_offset() == 2 && slice.double_at(0) == 2));
  CHECK((tr.sizes() == IntArrayRef{4, 3} && tr.strides() == IntArrayRef{1, 4}));
  CHECK(tr.double_at(1) == 4);  // tr[0][1] = base[4]
  const Object* same = get(*c.root, "same");
  CHECK(same->items[0] == same->items[1]);
  CHECK(same->items[0] == get(*c.root, "base"));
}

TEST_CASE("PyTorch fixture: state dict with _metadata", "[serialize][fixtures]") {
  ser::Checkpoint c = ser::load(fixture("state_dict.pt"), {.weights_only = true});
  REQUIRE(c.root->is(Kind::OrderedDict));
  std::vector<std::string> keys;
  for (auto& [k, v] : c.root->entries) keys.push_back(k->text);
  CHECK(keys == std::vector<std::string>{"0.weight", "0.bias", "2.weight", "2.bias"});
  const Tensor& w = get(*c.root, "0.weight")->tensor;
  CHECK((w.sizes() == IntArrayRef{2, 3} && w.double_at(5) == 2.5));  // arange(6) * 0.5 + 0
  CHECK(get(*c.root, "2.bias")->tensor.double_at(0) == 3.0);        // parameter #3
  REQUIRE(c.root->attrs);
  const Object* meta = get(*c.root->attrs, "_metadata");
  REQUIRE(meta->is(Kind::OrderedDict));
  CHECK(get(*get(*meta, ""), "version")->integer == 1);
}

TEST_CASE("PyTorch fixture: nested containers and plain values", "[serialize][fixtures]") {
  ser::Checkpoint c = ser::load(fixture("nested.pt"), {.weights_only = true});
  const Object& r = *c.root;
  CHECK(get(r, "int")->integer == 7);
  CHECK(get(r, "neg")->integer == -40000);
  CHECK(get(r, "big")->integer == (int64_t{1} << 40));
  CHECK(get(r, "float")->real == 0.125);
  CHECK(get(r, "str")->text == "h\xc3\xa9llo");
  CHECK(get(r, "none")->is(Kind::None));
  CHECK(get(r, "true")->boolean);
  const Object* l = get(r, "list");
  CHECK((l->items.size() == 3 && l->items[1]->items[1]->items[1]->is(Kind::List) && l->items[2]->is(Kind::Tuple)));
  const Object* d = get(r, "dict");
  CHECK((d->entries[1].first->integer == 5 && d->entries[1].second->text == "five"));
  CHECK(get(r, "size")->callee() == "torch.Size");
  CHECK(get(r, "dtype")->qualified_name() == "torch.float16");
  CHECK(get(r, "grad")->tensor.requires_grad());
  const Object* p = get(r, "param");
  CHECK((p->parameter && p->tensor.requires_grad() && p->tensor.double_at(1) == 3.0));
}

TEST_CASE("PyTorch fixture: weights_only rules", "[serialize][fixtures]") {
  ser::Checkpoint full = ser::load(fixture("full_only.pt"));
  CHECK(get(*full.root, "device")->callee() == "torch.device");
  CHECK(get(*full.root, "set")->items.size() == 2);
  CHECK(get(*full.root, "bytes")->text == std::string("\x00\xff" "ab", 4));
  CHECK_THAT(error_of([] { ser::load(fixture("full_only.pt"), {.weights_only = true}); }),
             Catch::StartsWith(ser::kWeightsOnlyMessage) && Catch::Contains("Unsupported class torch.device"));
  // The malicious file: refused in both modes, nothing runs.
  CHECK_THAT(error_of([] { ser::load(fixture("evil_os_system.pt"), {.weights_only = true}); }),
             Catch::StartsWith("Weights only load failed") && Catch::Contains("Unsupported class posix.system"));
  CHECK_THAT(error_of([] { ser::load(fixture("evil_os_system.pt")); }),
             Catch::StartsWith("Unsupported global posix.system"));
}

TEST_CASE("re-pickling a PyTorch checkpoint reproduces its data.pkl byte for byte", "[serialize][fixtures]") {
  for (const char* name : {"dtypes", "shared", "state_dict", "nested", "full_only"}) {
    std::string path = fixture(std::string(name) + ".pt");
    ser::Checkpoint c = ser::load(path);
    ser::StorageTable storages;
    INFO(name);
    CHECK(ser::pickle(*c.root, storages) == ser::ZipReader(path).read_record("data.pkl"));
  }
}

}  // namespace tscript::rt::test
