#include "runtime/serialize/unpickler.h"

#include <bit>
#include <algorithm>
#include <cstring>
#include <optional>
#include <unordered_map>

#include "runtime/serialize/pickle_opcodes.h"
#include "runtime/serialize/storage_types.h"
#include "runtime/tensor/error.h"
#include "runtime/tensor/shape_util.h"

namespace tscript::rt::serialize {

namespace {

// The globals a checkpoint may name. Everything else is refused.
enum class Global : uint8_t {
  OrderedDict, RebuildTensorV2, RebuildTensor, RebuildParameter, Size, StorageClass, DType,  // weights_only too
  Device, Set, FrozenSet, CodecsEncode, Bytes,                                             // full load only
};

std::optional<Global> lookup_global(const std::string& module, const std::string& name, bool weights_only) {
  std::optional<Global> g;
  if (module == "collections" && name == "OrderedDict") g = Global::OrderedDict;
  else if (module == "torch._utils" && name == "_rebuild_tensor_v2") g = Global::RebuildTensorV2;
  else if (module == "torch._utils" && name == "_rebuild_tensor") g = Global::RebuildTensor;
  else if (module == "torch._utils" && name == "_rebuild_parameter") g = Global::RebuildParameter;
  else if (module == "torch" && name == "Size") g = Global::Size;
  else if (module == "torch" && dtype_from_storage_class(name)) g = Global::StorageClass;
  else if (module == "torch" && dtype_from_name(name)) g = Global::DType;
  else if (module == "torch" && name == "device") g = Global::Device;
  else if ((module == "__builtin__" || module == "builtins") && name == "set") g = Global::Set;
  else if ((module == "__builtin__" || module == "builtins") && name == "frozenset") g = Global::FrozenSet;
  else if ((module == "__builtin__" || module == "builtins") && name == "bytes") g = Global::Bytes;
  else if (module == "_codecs" && name == "encode") g = Global::CodecsEncode;
  if (g && weights_only && *g >= Global::Device) g.reset();
  return g;
}

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xe ? 2 : (c >> 3) == 0x1e ? 3 : 4;
    if (extra == 4 || extra > s.size() - i - 1) return false;
    for (size_t k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
}

class Unpickler {
 public:
  Unpickler(Heap& heap, std::string_view data, bool weights_only, const PersistentLoad& load)
      : heap_(heap), data_(data), weights_only_(weights_only), persistent_load_(load) {}

  Object* run() {
    while (true) {
      size_t at = pos_;
      auto byte = static_cast<uint8_t>(read(1)[0]);
      op_at_ = at;
      switch (static_cast<Op>(byte)) {
        case Op::PROTO: {
          uint8_t v = static_cast<uint8_t>(read(1)[0]);
          if (v > 5) fail("unsupported pickle protocol: ", int(v));
          break;
        }
        case Op::FRAME: read(8); break;  // a length hint only
        case Op::STOP: return pop();
        case Op::MARK: marks_.push_back(stack_.size()); break;
        case Op::POP: pop(); break;
        case Op::POP_MARK: pop_mark(); break;
        case Op::DUP: push(top()); break;
        case Op::NONE: push(heap_.none()); break;
        case Op::NEWTRUE: push(heap_.boolean(true)); break;
        case Op::NEWFALSE: push(heap_.boolean(false)); break;
        case Op::BININT: push(heap_.integer(static_cast<int32_t>(little(4)))); break;
        case Op::BININT1: push(heap_.integer(static_cast<int64_t>(little(1)))); break;
        case Op::BININT2: push(heap_.integer(static_cast<int64_t>(little(2)))); break;
        case Op::LONG1: push(heap_.integer(decode_long(read(little(1))))); break;
        case Op::LONG4: {
          auto n = static_cast<int32_t>(little(4));
          if (n < 0) fail("LONG pickle has negative byte count");
          push(heap_.integer(decode_long(read(static_cast<uint64_t>(n)))));
          break;
        }
        case Op::BINFLOAT: {
          std::string_view b = read(8);
          uint64_t bits = 0;
          for (char c : b) bits = (bits << 8) | static_cast<uint8_t>(c);
          push(heap_.real(std::bit_cast<double>(bits)));
          break;
        }
        case Op::SHORT_BINUNICODE: push(heap_.str(text(read(little(1))))); break;
        case Op::BINUNICODE: push(heap_.str(text(read(little(4))))); break;
        case Op::BINUNICODE8: push(heap_.str(text(read(little(8))))); break;
        // Python 2 str: torch.load decodes them as UTF-8 (its default encoding).
        case Op::SHORT_BINSTRING: push(heap_.str(text(read(little(1))))); break;
        case Op::BINSTRING: push(heap_.str(text(read(little(4))))); break;
        case Op::SHORT_BINBYTES: push(heap_.bytes(std::string(read(little(1))))); break;
        case Op::BINBYTES: push(heap_.bytes(std::string(read(little(4))))); break;
        case Op::BINBYTES8: push(heap_.bytes(std::string(read(little(8))))); break;
        case Op::EMPTY_LIST: push(heap_.list()); break;
        case Op::EMPTY_TUPLE: push(heap_.tuple()); break;
        case Op::EMPTY_DICT: push(heap_.dict()); break;
        case Op::EMPTY_SET: push(heap_.make(Kind::Set)); break;
        case Op::TUPLE: push(heap_.tuple(pop_mark())); break;
        case Op::TUPLE1:
        case Op::TUPLE2:
        case Op::TUPLE3: {
          size_t n = byte - static_cast<uint8_t>(Op::TUPLE1) + 1;
          std::vector<Object*> items(n);
          for (size_t i = n; i-- > 0;) items[i] = pop();
          push(heap_.tuple(std::move(items)));
          break;
        }
        case Op::FROZENSET: {
          Object* s = heap_.make(Kind::FrozenSet);
          s->items = pop_mark();
          push(s);
          break;
        }
        case Op::APPEND: {
          Object* item = pop();
          expect_kind(top(), Kind::List, "append to").items.push_back(item);
          break;
        }
        case Op::APPENDS: {
          std::vector<Object*> items = pop_mark();
          auto& list = expect_kind(top(), Kind::List, "extend").items;
          list.insert(list.end(), items.begin(), items.end());
          break;
        }
        case Op::ADDITEMS: {
          std::vector<Object*> items = pop_mark();
          auto& set = expect_kind(top(), Kind::Set, "add items to").items;
          set.insert(set.end(), items.begin(), items.end());
          break;
        }
        case Op::SETITEM: {
          Object* v = pop();
          Object* k = pop();
          dict_of(top()).entries.emplace_back(k, v);
          break;
        }
        case Op::SETITEMS: {
          std::vector<Object*> items = pop_mark();
          if (items.size() % 2) fail("SETITEMS with an odd number of items");
          Object& d = dict_of(top());
          for (size_t i = 0; i < items.size(); i += 2) d.entries.emplace_back(items[i], items[i + 1]);
          break;
        }
        case Op::BINPUT: memo_[static_cast<uint32_t>(little(1))] = top(); break;
        case Op::LONG_BINPUT: memo_[static_cast<uint32_t>(little(4))] = top(); break;
        case Op::MEMOIZE: memo_[static_cast<uint32_t>(memo_.size())] = top(); break;
        case Op::BINGET: push(memo(static_cast<uint32_t>(little(1)))); break;
        case Op::LONG_BINGET: push(memo(static_cast<uint32_t>(little(4)))); break;
        case Op::GLOBAL: {
          std::string module = line(), name = line();
          push(global(module, name));
          break;
        }
        case Op::STACK_GLOBAL: {
          Object* name = pop();
          Object* module = pop();
          if (!module->is(Kind::Str) || !name->is(Kind::Str)) fail("STACK_GLOBAL requires str");
          push(global(module->text, name->text));
          break;
        }
        case Op::REDUCE: {
          Object* args = pop();
          Object* fn = pop();
          push(reduce(*fn, *args));
          break;
        }
        case Op::BUILD: {
          Object* state = pop();
          build(top(), *state);
          break;
        }
        case Op::BINPERSID: {
          Object* pid = pop();
          Object* storage = persistent_load_(*pid);
          push(storage);
          break;
        }
        default: {
          const char* name = opcode_name(byte);
          if (!name) fail("invalid load key, '", hex(byte), "'.");
          fail("unsupported pickle opcode ", name, " (", hex(byte),
               "): tscript reads the binary opcodes that torch.save writes and builds no class instances");
        }
      }
    }
  }

 private:
  template <class... Args>
  [[noreturn]] void fail(const Args&... args) const {
    TS_ERROR(detail::concat(args...), " (pickle byte ", op_at_, ")");
  }
  static std::string hex(uint8_t b) {
    const char* digits = "0123456789abcdef";
    return std::string("\\x") + digits[b >> 4] + digits[b & 15];
  }

  // ---- input ----
  std::string_view read(uint64_t n) {
    if (n > data_.size() - pos_) fail("pickle data was truncated");
    std::string_view s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  uint64_t little(int n) {
    std::string_view b = read(static_cast<uint64_t>(n));
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(b[i]);
    return v;
  }
  std::string line() {
    size_t nl = data_.find('\n', pos_);
    if (nl == std::string_view::npos) fail("pickle data was truncated");
    std::string s(data_.substr(pos_, nl - pos_));
    pos_ = nl + 1;
    return s;
  }
  std::string text(std::string_view s) {
    if (!valid_utf8(s)) fail("string is not valid UTF-8");
    return std::string(s);
  }
  int64_t decode_long(std::string_view b) {
    if (b.empty()) return 0;
    bool negative = static_cast<uint8_t>(b.back()) & 0x80;
    // Bytes above the low 8 must only sign-extend.
    for (size_t i = 8; i < b.size(); ++i)
      if (static_cast<uint8_t>(b[i]) != (negative ? 0xff : 0x00)) fail("integer does not fit in 64 bits");
    uint64_t v = negative ? ~uint64_t{0} : 0;
    size_t n = std::min<size_t>(b.size(), 8);
    for (size_t i = n; i-- > 0;) v = (v << 8) | static_cast<uint8_t>(b[i]);
    if (n < 8 && negative) v |= ~uint64_t{0} << (8 * n);
    if (b.size() > 8 && ((v >> 63) != 0) != negative) fail("integer does not fit in 64 bits");
    return static_cast<int64_t>(v);
  }

  // ---- stack ----
  size_t floor() const { return marks_.empty() ? 0 : marks_.back(); }
  void push(Object* o) { stack_.push_back(o); }
  Object* top() {
    if (stack_.size() <= floor()) fail("unpickling stack underflow");
    return stack_.back();
  }
  Object* pop() {
    Object* o = top();
    stack_.pop_back();
    return o;
  }
  std::vector<Object*> pop_mark() {
    if (marks_.empty()) fail("could not find MARK");
    size_t m = marks_.back();
    marks_.pop_back();
    std::vector<Object*> items(stack_.begin() + static_cast<std::ptrdiff_t>(m), stack_.end());
    stack_.resize(m);
    return items;
  }
  Object* memo(uint32_t i) {
    auto it = memo_.find(i);
    if (it == memo_.end()) fail("Memo value not found at index ", i);
    return it->second;
  }
  Object& expect_kind(Object* o, Kind k, const char* what) {
    if (!o->is(k)) fail("Can only ", what, " ", kind_name(k), "s, but got ", kind_name(o->kind));
    return *o;
  }
  Object& dict_of(Object* o) {
    if (!o->is(Kind::Dict) && !o->is(Kind::OrderedDict)) fail("Can only set items of dicts, but got ", kind_name(o->kind));
    return *o;
  }

  // ---- globals and calls ----
  Object* global(const std::string& module, const std::string& name) {
    if (!lookup_global(module, name, weights_only_)) {
      if (weights_only_) fail("Unsupported class ", module, ".", name);
      fail("Unsupported global ", module, ".", name,
           ": tscript's torch.load builds only tensors, storages, numbers, strings, None, lists, tuples, dicts, "
           "sets, OrderedDict, torch.Size, torch.device, dtypes and nn.Parameter; it never runs code from a file");
    }
    return heap_.global(module, name);
  }

  const std::vector<Object*>& args_of(const Object& args, size_t min, size_t max, const char* fn) {
    if (!args.is(Kind::Tuple)) fail(fn, ": arguments must be a tuple, got ", kind_name(args.kind));
    if (args.items.size() < min || args.items.size() > max)
      fail(fn, "() takes ", min, min == max ? "" : " or more", " arguments (", args.items.size(), " given)");
    return args.items;
  }
  int64_t int_arg(const Object* o, const char* what) {
    if (!o->is(Kind::Int)) fail(what, " must be an int, got ", kind_name(o->kind));
    return o->integer;
  }
  DimVector ints_arg(const Object* o, const char* what) {
    if (!o->is(Kind::Tuple)) fail(what, " must be a tuple of ints, got ", kind_name(o->kind));
    if (o->items.size() > 64) fail(what, " has ", o->items.size(), " dimensions (at most 64 are supported)");
    DimVector v;
    for (const Object* x : o->items) v.push_back(int_arg(x, what));
    return v;
  }

  Object* rebuild_tensor(const std::vector<Object*>& a, bool v2) {
    const Object* s = a[0];
    if (!s->is(Kind::Storage)) fail("_rebuild_tensor: expected a storage, got ", kind_name(s->kind));
    int64_t offset = int_arg(a[1], "storage offset");
    DimVector sizes = ints_arg(a[2], "size"), strides = ints_arg(a[3], "stride");
    if (sizes.size() != strides.size()) fail("size and stride have different lengths");
    bool requires_grad = false;
    if (v2) {
      if (!a[4]->is(Kind::Bool)) fail("requires_grad must be a bool");
      requires_grad = a[4]->boolean;
      if (!a[5]->is(Kind::OrderedDict) && !a[5]->is(Kind::Dict)) fail("backward_hooks must be an OrderedDict");
    }
    const Tensor& base = s->tensor;
    checked_numel(sizes);
    check_view_in_bounds(*base.storage(), base.dtype(), sizes, strides, offset);
    Tensor t(IntrusivePtr<TensorImpl>::make(base.storage(), base.dtype(), sizes, strides, offset));
    if (requires_grad) {
      if (!is_floating(t.dtype())) fail("only Tensors of floating point dtype can require gradients");
      t.set_requires_grad(true);
    }
    return heap_.tensor(std::move(t));
  }

  Object* reduce(const Object& fn, const Object& args) {
    if (!fn.is(Kind::Global)) fail("Trying to call reduce for unrecognized function ", kind_name(fn.kind));
    switch (*lookup_global(fn.text, fn.name, weights_only_)) {
      case Global::OrderedDict:
        args_of(args, 0, 0, "OrderedDict");
        return heap_.dict(true);
      case Global::RebuildTensorV2: return rebuild_tensor(args_of(args, 6, 7, "_rebuild_tensor_v2"), true);
      case Global::RebuildTensor: return rebuild_tensor(args_of(args, 4, 4, "_rebuild_tensor"), false);
      case Global::RebuildParameter: {
        const auto& a = args_of(args, 3, 3, "_rebuild_parameter");
        if (!a[0]->is(Kind::Tensor)) fail("_rebuild_parameter: expected a tensor, got ", kind_name(a[0]->kind));
        if (!a[1]->is(Kind::Bool)) fail("_rebuild_parameter: requires_grad must be a bool");
        const Tensor& d = a[0]->tensor;
        if (a[1]->boolean && !is_floating(d.dtype())) fail("only Tensors of floating point dtype can require gradients");
        // A parameter is a new tensor object over the same data.
        Tensor p(IntrusivePtr<TensorImpl>::make(d.storage(), d.dtype(), d.sizes(), d.strides(), d.storage_offset()));
        p.set_requires_grad(a[1]->boolean);
        return heap_.tensor(std::move(p), true);
      }
      case Global::Size: {
        const auto& a = args_of(args, 1, 1, "torch.Size");
        ints_arg(a[0], "torch.Size");
        return heap_.call(const_cast<Object*>(&fn), {a[0]});
      }
      case Global::Device: {
        const auto& a = args_of(args, 1, 2, "torch.device");
        if (!a[0]->is(Kind::Str)) fail("torch.device: type must be a str");
        if (a.size() == 2) int_arg(a[1], "device index");
        return heap_.call(const_cast<Object*>(&fn), a);
      }
      case Global::Set:
      case Global::FrozenSet: {
        const auto& a = args_of(args, 0, 1, fn.name.c_str());
        Object* s = heap_.make(fn.name == "set" ? Kind::Set : Kind::FrozenSet);
        if (!a.empty()) {
          if (!a[0]->is(Kind::List) && !a[0]->is(Kind::Tuple)) fail(fn.name, "(): expected a list");
          s->items = a[0]->items;
        }
        return s;
      }
      case Global::Bytes:
        args_of(args, 0, 0, "bytes");
        return heap_.bytes("");
      case Global::CodecsEncode: {
        const auto& a = args_of(args, 2, 2, "_codecs.encode");
        if (!a[0]->is(Kind::Str) || !a[1]->is(Kind::Str) || a[1]->text != "latin1")
          fail("_codecs.encode: only (str, 'latin1') is supported (how pickle writes bytes)");
        return heap_.bytes(latin1(a[0]->text));
      }
      case Global::StorageClass:
      case Global::DType: break;
    }
    fail("Trying to call reduce for unrecognized function ", fn.qualified_name());
  }

  std::string latin1(const std::string& utf8) {
    std::string out;
    for (size_t i = 0; i < utf8.size(); ++i) {
      auto c = static_cast<unsigned char>(utf8[i]);
      if (c < 0x80) out.push_back(static_cast<char>(c));
      else if ((c & 0xfe) == 0xc2 && i + 1 < utf8.size())
        out.push_back(static_cast<char>(((c & 0x03) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3f)));
      else fail("_codecs.encode: text is not latin-1");
    }
    return out;
  }

  void build(Object* inst, Object& state) {
    if (inst->is(Kind::OrderedDict)) {
      // OrderedDict's state is its __dict__ (PyTorch's state dicts carry `_metadata` there).
      if (state.is(Kind::None)) return;
      if (!state.is(Kind::Dict)) fail("OrderedDict state must be a dict, got ", kind_name(state.kind));
      if (!inst->attrs) inst->attrs = heap_.dict();
      inst->attrs->entries.insert(inst->attrs->entries.end(), state.entries.begin(), state.entries.end());
      return;
    }
    if (inst->is(Kind::Tensor)) {
      // An empty state (no Python attributes) is all PyTorch writes for plain tensors.
      if (state.is(Kind::None) || ((state.is(Kind::Dict) || state.is(Kind::OrderedDict)) && state.entries.empty()))
        return;
      fail("tensor attributes in a checkpoint (BUILD state) are not supported");
    }
    fail("Can only build Tensor, parameter or dict objects, but got ", kind_name(inst->kind));
  }

  Heap& heap_;
  std::string_view data_;
  bool weights_only_;
  const PersistentLoad& persistent_load_;
  size_t pos_ = 0, op_at_ = 0;
  std::vector<Object*> stack_;
  std::vector<size_t> marks_;
  std::unordered_map<uint32_t, Object*> memo_;
};

}  // namespace

Object* unpickle(Heap& heap, std::string_view data, bool weights_only, const PersistentLoad& persistent_load) {
  return Unpickler(heap, data, weights_only, persistent_load).run();
}

void check_nesting(const Object& root, int limit) {
  // Post-order depth-first walk with an explicit stack. A node met again while it is
  // on the current path closes a cycle; finished nodes keep their height, so shared
  // subtrees are walked once.
  constexpr int kOnPath = -1;
  std::unordered_map<const Object*, int> height;  // kOnPath while being walked
  auto count = [](const Object* o) { return o->items.size() + 2 * o->entries.size() + (o->attrs ? 1 : 0); };
  auto child = [](const Object* o, size_t i) -> const Object* {
    if (i < o->items.size()) return o->items[i];
    i -= o->items.size();
    if (i < 2 * o->entries.size()) return i % 2 ? o->entries[i / 2].second : o->entries[i / 2].first;
    return o->attrs;
  };
  struct Frame {
    const Object* o;
    size_t next;  // children looked at so far
    int height;   // 1 + the tallest finished child
  };
  std::vector<Frame> path{{&root, 0, 1}};
  height[&root] = kOnPath;
  while (!path.empty()) {
    Frame& f = path.back();
    const Object* pending = nullptr;
    while (!pending && f.next < count(f.o)) {
      const Object* c = child(f.o, f.next++);
      auto it = height.find(c);
      if (it == height.end()) pending = c;
      else if (it->second == kOnPath) TS_ERROR("the checkpoint contains a reference cycle, which tscript cannot load");
      else f.height = std::max(f.height, it->second + 1);
    }
    if (pending) {
      TS_CHECK(static_cast<int>(path.size()) < limit, "the checkpoint nests containers deeper than ", limit, " levels");
      height[pending] = kOnPath;
      path.push_back({pending, 0, 1});
      continue;
    }
    int h = f.height;
    TS_CHECK(h <= limit, "the checkpoint nests containers deeper than ", limit, " levels");
    height[f.o] = h;
    path.pop_back();
    if (!path.empty()) path.back().height = std::max(path.back().height, h + 1);
  }
}

}  // namespace tscript::rt::serialize
