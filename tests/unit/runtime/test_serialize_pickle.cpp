// The pickle writer and reader on their own: round trips of every kind of value,
// PyTorch's encodings, and malformed or malicious input (which must throw, never crash).
#include <cmath>
#include <cstring>
#include <random>

#include "runtime/ops/ops.h"
#include "runtime/serialize/pickler.h"
#include "runtime/serialize/unpickler.h"
#include "test_serialize_support.h"

namespace tscript::rt::test {

using namespace std::string_literals;

using ser::Heap;
using ser::Kind;
using ser::Object;

bool same_tensor(const Tensor& a, const Tensor& b) {
  if (a.dtype() != b.dtype() || a.sizes() != b.sizes() || a.strides() != b.strides() ||
      a.storage_offset() != b.storage_offset() || a.requires_grad() != b.requires_grad())
    return false;
  for (int64_t i = 0; i < a.numel(); ++i) {
    double x = a.double_at(i), y = b.double_at(i);
    if (!(x == y || (std::isnan(x) && std::isnan(y)))) return false;
  }
  return true;
}

bool same_graph(const Object& a, const Object& b) {
  if (a.kind != b.kind || a.boolean != b.boolean || a.integer != b.integer || a.text != b.text || a.name != b.name ||
      a.parameter != b.parameter || a.items.size() != b.items.size() || a.entries.size() != b.entries.size())
    return false;
  if (a.kind == Kind::Float && std::memcmp(&a.real, &b.real, sizeof(double)) != 0) return false;
  if (a.tensor.defined() != b.tensor.defined() || (a.tensor.defined() && !same_tensor(a.tensor, b.tensor))) return false;
  for (size_t i = 0; i < a.items.size(); ++i)
    if (!same_graph(*a.items[i], *b.items[i])) return false;
  for (size_t i = 0; i < a.entries.size(); ++i)
    if (!same_graph(*a.entries[i].first, *b.entries[i].first) || !same_graph(*a.entries[i].second, *b.entries[i].second))
      return false;
  return (a.attrs == nullptr) == (b.attrs == nullptr) && (!a.attrs || same_graph(*a.attrs, *b.attrs));
}

namespace {

// Pickles and unpickles in memory, serving storages from the pickler's table.
Object* round_trip(const Object& root, Heap& out, bool weights_only = false) {
  ser::StorageTable storages;
  std::string bytes = ser::pickle(root, storages);
  std::map<std::string, Object*> made;
  auto load = [&](const Object& pid) -> Object* {
    const std::string& key = pid.items[2]->text;
    if (!made.count(key)) {
      const auto& e = storages.entries()[std::stoul(key)];
      Object* s = out.make(Kind::Storage);
      auto n = static_cast<int64_t>(e.storage->nbytes() / itemsize(e.dtype));
      s->tensor = Tensor(IntrusivePtr<TensorImpl>::make(e.storage, e.dtype, IntArrayRef{n}, IntArrayRef{1}, 0));
      made[key] = s;
    }
    return made[key];
  };
  return ser::unpickle(out, bytes, weights_only, load);
}

std::string unpickle_error(const std::string& bytes, bool weights_only = false) {
  Heap heap;
  return error_of([&] { ser::unpickle(heap, bytes, weights_only, [](const Object&) -> Object* { TS_ERROR("no storages here"); }); });
}

}  // namespace

TEST_CASE("pickle round trip of every plain kind", "[serialize]") {
  Heap h;
  Object* root = h.dict();
  auto add = [&](const char* k, Object* v) { root->entries.emplace_back(h.str(k), v); };
  add("none", h.none());
  add("true", h.boolean(true));
  add("false", h.boolean(false));
  for (int64_t v : {int64_t{0}, int64_t{255}, int64_t{256}, int64_t{65535}, int64_t{65536}, int64_t{-1},
                    int64_t{INT32_MIN}, int64_t{INT32_MAX}, int64_t{INT32_MAX} + 1, int64_t{-129}, int64_t{1} << 40,
                    INT64_MIN, INT64_MAX})
    add("int", h.integer(v));
  for (double d : {0.0, -0.0, 1.5, -1e300, double(INFINITY), double(NAN)}) add("float", h.real(d));
  add("str", h.str("h\xc3\xa9llo \xe2\x9c\x93"));
  add("empty str", h.str(""));
  add("bytes", h.bytes(std::string("\x00\xff\x80 a", 5)));
  add("empty bytes", h.bytes(""));
  add("list", h.list({h.integer(1), h.list(), h.tuple({h.none()})}));
  add("tuples", h.tuple({h.tuple(), h.tuple({h.integer(1)}), h.tuple({h.integer(1), h.integer(2)}),
                         h.tuple({h.integer(1), h.integer(2), h.integer(3)}),
                         h.tuple({h.integer(1), h.integer(2), h.integer(3), h.integer(4)})}));
  Object* od = h.dict(true);
  od->entries.emplace_back(h.str("b"), h.integer(2));
  od->entries.emplace_back(h.str("a"), h.integer(1));
  od->attrs = h.dict();
  od->attrs->entries.emplace_back(h.str("_metadata"), h.dict(true));
  add("ordered", od);
  Object* s = h.make(Kind::Set);
  s->items = {h.integer(3), h.str("x")};
  add("set", s);
  add("frozenset", h.make(Kind::FrozenSet));
  add("dtype", h.global("torch", "bfloat16"));
  add("size", h.call(h.global("torch", "Size"), {h.tuple({h.integer(2), h.integer(3)})}));
  add("device", h.call(h.global("torch", "device"), {h.str("cuda"), h.integer(1)}));
  Object* big = h.list();
  for (int i = 0; i < 2500; ++i) big->items.push_back(h.integer(i));  // several APPENDS batches
  add("big list", big);

  Heap out;
  Object* back = round_trip(*root, out);
  CHECK(same_graph(*root, *back));
}

TEST_CASE("pickle keeps shared objects shared", "[serialize]") {
  Heap h;
  Object* shared = h.list({h.integer(1)});
  Object* root = h.tuple({shared, shared, h.dict()});
  Heap out;
  Object* back = round_trip(*root, out);
  REQUIRE(back->items.size() == 3);
  CHECK(back->items[0] == back->items[1]);
  CHECK(back->items[0] != back->items[2]);
}

TEST_CASE("pickle writes ints and floats as Python does", "[serialize]") {
  Heap h;
  ser::StorageTable st;
  // Python: pickle.dumps([1, 300, -5, 2**40, -2**40, 1.5], 2)
  Object* l = h.list({h.integer(1), h.integer(300), h.integer(-5), h.integer(int64_t{1} << 40),
                      h.integer(-(int64_t{1} << 40)), h.real(1.5)});
  std::string want("\x80\x02]q\x00(K\x01M,\x01J\xfb\xff\xff\xff\x8a\x06\x00\x00\x00\x00\x00\x01"s
                   "\x8a\x06\x00\x00\x00\x00\x00\xff" "G?\xf8\x00\x00\x00\x00\x00\x00" "e."s);
  CHECK(ser::pickle(*l, st) == want);
}

TEST_CASE("pickle round trip of tensors of every dtype, views and parameters", "[serialize]") {
  Heap h;
  Object* root = h.list();
  for (DType d : {DType::Float32, DType::Float64, DType::Float16, DType::BFloat16, DType::Int64, DType::Int32,
                  DType::Int16, DType::Int8, DType::UInt8, DType::Bool})
    root->items.push_back(h.tensor(reshape(to(arange(Scalar(int64_t{6}), TensorOptions{DType::Int64}), d), {2, 3})));
  Tensor base = arange(Scalar(int64_t{12}), TensorOptions{DType::Float32});
  root->items.push_back(h.tensor(narrow(base, 0, 2, 3)));
  root->items.push_back(h.tensor(transpose(view(base, {3, 4}), 0, 1)));
  Tensor p = ones({2});
  p.set_requires_grad(true);
  root->items.push_back(h.tensor(p, /*parameter=*/true));
  Heap out;
  Object* back = round_trip(*root, out);
  REQUIRE(same_graph(*root, *back));
  // Views of one storage come back on one storage.
  CHECK(back->items[10]->tensor.storage().get() == back->items[11]->tensor.storage().get());
  CHECK(back->items[12]->parameter);
}

TEST_CASE("unpickling truncated data throws at every cut", "[serialize]") {
  Heap h;
  Object* root = h.dict(true);
  root->entries.emplace_back(h.str("a"), h.list({h.integer(1), h.real(2.0), h.str("xyz"), h.integer(int64_t{1} << 40)}));
  ser::StorageTable st;
  std::string bytes = ser::pickle(*root, st);
  for (size_t n = 0; n < bytes.size(); ++n) CHECK_FALSE(unpickle_error(bytes.substr(0, n)).empty());
}

TEST_CASE("malformed pickles are rejected with clear errors", "[serialize]") {
  CHECK_THAT(unpickle_error("\x80\x02\xff."), Catch::Contains("invalid load key, '\\xff'"));
  CHECK_THAT(unpickle_error("\x80\x02t."), Catch::Contains("could not find MARK"));
  CHECK_THAT(unpickle_error("\x80\x02" "a."), Catch::Contains("stack underflow"));
  CHECK_THAT(unpickle_error("\x80\x02(."), Catch::Contains("stack underflow"));
  CHECK_THAT(unpickle_error("\x80\x02h\x05."), Catch::Contains("Memo value not found at index 5"));
  CHECK_THAT(unpickle_error("\x80\x02]K\x01K\x02s."), Catch::Contains("Can only set items of dicts"));
  CHECK_THAT(unpickle_error("\x80\x02}K\x01" "a."), Catch::Contains("Can only append to lists"));
  CHECK_THAT(unpickle_error(std::string("\x80\x02X\x02\x00\x00\x00\xff\xfe.", 10)), Catch::Contains("UTF-8"));
  CHECK_THAT(unpickle_error(std::string("\x80\x02\x8a\x09\x00\x00\x00\x00\x00\x00\x00\x00\x01.", 14)),
             Catch::Contains("does not fit in 64 bits"));
  CHECK_THAT(unpickle_error("\x80\x02" "c__main__\nFoo\n)\x81."), Catch::Contains("Unsupported global __main__.Foo"));
  CHECK_THAT(unpickle_error("\x80\x02N)\x81."), Catch::Contains("unsupported pickle opcode NEWOBJ"));
  CHECK_THAT(unpickle_error("\x80\x02I1\n."), Catch::Contains("unsupported pickle opcode INT"));
  CHECK_THAT(unpickle_error("\x80\x02N)R."), Catch::Contains("unrecognized function"));
  CHECK_THAT(unpickle_error("\x80\x02" "ccollections\nOrderedDict\nK\x01\x85R."),
             Catch::Contains("OrderedDict() takes 0 arguments (1 given)"));
  CHECK_THAT(unpickle_error("\x80\x02" "ctorch._utils\n_rebuild_tensor_v2\n(K\x01K\x00)))\x89}tR."s),
             Catch::Contains("expected a storage"));
  CHECK_THAT(unpickle_error("\x80\x02(X\x07\x00\x00\x00storageK\x01tQ."s), Catch::Contains("no storages here"));
}

TEST_CASE("weights_only refuses every global outside the safe set", "[serialize]") {
  std::string system_call = "\x80\x02" "cos\nsystem\nX\x02\x00\x00\x00lsq\x00\x85R."s;
  CHECK_THAT(unpickle_error(system_call, true), Catch::Equals("Unsupported class os.system (pickle byte 2)"));
  CHECK_THAT(unpickle_error(system_call, false), Catch::StartsWith("Unsupported global os.system"));
  CHECK_THAT(unpickle_error("\x80\x02" "cbuiltins\neval\n.", true), Catch::Contains("Unsupported class builtins.eval"));
  CHECK_THAT(unpickle_error("\x80\x02" "c__builtin__\nset\n.", true), Catch::Contains("Unsupported class __builtin__.set"));
  CHECK_THAT(unpickle_error("\x80\x02" "ctorch\ndevice\n.", true), Catch::Contains("Unsupported class torch.device"));
  // STACK_GLOBAL goes through the same table.
  CHECK_THAT(unpickle_error("\x80\x04\x8c\x02os\x8c\x06system\x93.", true), Catch::Contains("Unsupported class os.system"));
  // The safe set itself loads.
  Heap h;
  auto none = [](const Object&) -> Object* { return nullptr; };
  Object* o = ser::unpickle(h, "\x80\x02" "ctorch\nSize\nK\x02K\x03\x86\x85R.", true, none);
  CHECK(o->kind == Kind::Call);
  CHECK(o->callee() == "torch.Size");
  o = ser::unpickle(h, "\x80\x02" "ctorch\nfloat16\n.", true, none);
  CHECK(o->is(Kind::Global));
}

TEST_CASE("nesting limits and reference cycles are reported", "[serialize]") {
  // 100000 nested lists: unpickling is iterative, the check reports the depth.
  std::string deep = "\x80\x02";
  for (int i = 0; i < 100000; ++i) deep += "]";
  for (int i = 0; i < 99999; ++i) deep += "a";
  deep += ".";
  Heap h;
  auto none = [](const Object&) -> Object* { return nullptr; };
  Object* root = ser::unpickle(h, deep, false, none);
  CHECK_THAT(error_of([&] { ser::check_nesting(*root, 1000); }), Catch::Contains("deeper than 1000 levels"));
  // A list that contains itself.
  Object* cyc = ser::unpickle(h, "\x80\x02]q\x00h\x00" "a."s, false, none);
  CHECK_THAT(error_of([&] { ser::check_nesting(*cyc, 1000); }), Catch::Contains("reference cycle"));
  // Shared (not cyclic) subtrees are fine.
  Object* leaf = h.list();
  Object* dag = h.list({leaf, leaf, h.tuple({leaf})});
  CHECK(error_of([&] { ser::check_nesting(*dag, 3); }).empty());
  CHECK_FALSE(error_of([&] { ser::check_nesting(*dag, 2); }).empty());
}

TEST_CASE("randomly corrupted pickles throw or load, never crash", "[serialize]") {
  Heap h;
  Object* root = h.dict(true);
  root->entries.emplace_back(h.str("w"), h.tensor(ones({2, 2})));
  root->entries.emplace_back(h.str("l"), h.list({h.integer(70000), h.tuple({h.str("s"), h.real(0.5)}), h.none()}));
  ser::StorageTable st;
  std::string bytes = ser::pickle(*root, st);
  Tensor storage = ones({4});
  std::mt19937 rng(1234);
  for (int iter = 0; iter < 3000; ++iter) {
    std::string b = bytes;
    int flips = 1 + static_cast<int>(rng() % 3);
    for (int f = 0; f < flips; ++f) b[rng() % b.size()] = static_cast<char>(rng() & 0xff);
    Heap out;
    auto load = [&](const Object&) {
      Object* s = out.make(Kind::Storage);
      s->tensor = storage;
      return s;
    };
    try {
      Object* r = ser::unpickle(out, b, iter % 2 == 0, load);
      ser::check_nesting(*r, 1000);
    } catch (const Error&) {
    }
  }
  SUCCEED();
}

}  // namespace tscript::rt::test
