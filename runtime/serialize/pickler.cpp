#include "runtime/serialize/pickler.h"

#include <bit>
#include <cstring>
#include <map>

#include "runtime/serialize/pickle_opcodes.h"
#include "runtime/serialize/storage_types.h"
#include "runtime/tensor/error.h"

namespace tscript::rt::serialize {

const StorageTable::Entry& StorageTable::add(const Tensor& t) {
  const StorageImpl* s = t.storage().get();
  if (auto it = index_.find(s); it != index_.end()) {
    const Entry& e = entries_[it->second];
    TS_CHECK(e.dtype == t.dtype(),
             "Cannot save multiple tensors or storages that view the same data as different types");
    return e;
  }
  TS_CHECK(t.device().type == DeviceType::CPU, "torch.save: only CPU tensors can be saved yet, got a tensor on ",
           t.device().str());
  index_[s] = entries_.size();
  entries_.push_back({t.storage(), t.dtype(), std::to_string(entries_.size())});
  return entries_.back();
}

namespace {

class Pickler {
 public:
  explicit Pickler(StorageTable& storages) : storages_(storages) {}

  std::string run(const Object& root) {
    op(Op::PROTO);
    out_.push_back(2);
    save(root, 0);
    op(Op::STOP);
    return std::move(out_);
  }

 private:
  void op(Op o) { out_.push_back(static_cast<char>(o)); }
  void raw(const void* p, size_t n) { out_.append(static_cast<const char*>(p), n); }
  template <class T>
  void little(T v) {  // little-endian fixed-width field
    for (size_t i = 0; i < sizeof(T); ++i) out_.push_back(static_cast<char>((static_cast<uint64_t>(v) >> (8 * i)) & 0xff));
  }

  // Memo: Python's pickler remembers every container, string and global it writes
  // and refers back to it with BINGET; we do the same so shared objects stay shared.
  void put() {
    uint32_t idx = next_memo_++;
    if (idx < 256) {
      op(Op::BINPUT);
      out_.push_back(static_cast<char>(idx));
    } else {
      op(Op::LONG_BINPUT);
      little<uint32_t>(idx);
    }
  }
  void get(uint32_t idx) {
    if (idx < 256) {
      op(Op::BINGET);
      out_.push_back(static_cast<char>(idx));
    } else {
      op(Op::LONG_BINGET);
      little<uint32_t>(idx);
    }
  }
  bool recall(const void* key) {
    auto it = memo_.find(key);
    if (it == memo_.end()) return false;
    get(it->second);
    return true;
  }
  void remember(const void* key) {
    memo_[key] = next_memo_;
    put();
  }

  void save_int(int64_t v) {
    if (v >= 0 && v <= 0xff) {
      op(Op::BININT1);
      out_.push_back(static_cast<char>(v));
    } else if (v >= 0 && v <= 0xffff) {
      op(Op::BININT2);
      little<uint16_t>(static_cast<uint16_t>(v));
    } else if (v >= INT32_MIN && v <= INT32_MAX) {
      op(Op::BININT);
      little<uint32_t>(static_cast<uint32_t>(static_cast<int32_t>(v)));
    } else {
      // LONG1: the shortest two's-complement little-endian form (pickle.encode_long).
      uint8_t bytes[8];
      for (int i = 0; i < 8; ++i) bytes[i] = static_cast<uint8_t>(static_cast<uint64_t>(v) >> (8 * i));
      int n = 8;
      while (n > 1 && ((bytes[n - 1] == 0x00 && !(bytes[n - 2] & 0x80)) || (bytes[n - 1] == 0xff && (bytes[n - 2] & 0x80)))) --n;
      op(Op::LONG1);
      out_.push_back(static_cast<char>(n));
      raw(bytes, static_cast<size_t>(n));
    }
  }

  void save_float(double d) {
    op(Op::BINFLOAT);
    uint64_t bits = std::bit_cast<uint64_t>(d);
    for (int i = 7; i >= 0; --i) out_.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
  }

  void write_unicode(const std::string& s) {
    TS_CHECK(s.size() <= UINT32_MAX, "torch.save: strings longer than 4 GiB cannot be saved");
    op(Op::BINUNICODE);
    little<uint32_t>(static_cast<uint32_t>(s.size()));
    raw(s.data(), s.size());
  }
  // Strings PyTorch's and pickle's own code write ('storage', 'cpu', storage keys):
  // one Python object each, so memoized by value.
  void save_str(const std::string& s) {
    if (auto it = strings_.find(s); it != strings_.end()) return get(it->second);
    write_unicode(s);
    strings_[s] = next_memo_;
    put();
  }

  void save_global(const std::string& module, const std::string& name) {
    std::string key = module + "\n" + name + "\n";
    if (auto it = globals_.find(key); it != globals_.end()) return get(it->second);
    op(Op::GLOBAL);
    out_ += key;
    globals_[key] = next_memo_;
    put();
  }

  // A tuple of already-known parts, as save_tuple writes it.
  template <class F>
  void save_tuple_of(size_t n, F&& save_items) {
    if (n == 0) return op(Op::EMPTY_TUPLE);
    if (n > 3) op(Op::MARK);
    save_items();
    if (n == 1) op(Op::TUPLE1);
    else if (n == 2) op(Op::TUPLE2);
    else if (n == 3) op(Op::TUPLE3);
    else op(Op::TUPLE);
  }
  void save_ints_tuple(IntArrayRef v) {
    save_tuple_of(v.size(), [&] {
      for (int64_t x : v) save_int(x);
    });
    if (!v.empty()) put();
  }

  // OrderedDict() with no entries: the backward-hooks argument of the rebuild calls.
  void save_empty_ordered_dict() {
    save_global("collections", "OrderedDict");
    op(Op::EMPTY_TUPLE);
    op(Op::REDUCE);
    put();
  }

  void save_tensor(const Object& o) {
    const Tensor& t = o.tensor;
    if (o.parameter) save_global("torch._utils", "_rebuild_parameter");
    save_global("torch._utils", "_rebuild_tensor_v2");
    const StorageTable::Entry& e = storages_.add(t);
    op(Op::MARK);
    // The persistent id (a fresh tuple each time, as PyTorch's persistent_id returns).
    op(Op::MARK);
    save_str("storage");
    save_global("torch", storage_class_name(e.dtype));
    save_str(e.key);
    save_str(t.device().str());
    save_int(static_cast<int64_t>(e.storage->nbytes() / itemsize(e.dtype)));
    op(Op::TUPLE);
    put();
    op(Op::BINPERSID);
    save_int(t.storage_offset());
    save_ints_tuple(t.sizes());
    save_ints_tuple(t.strides());
    // A parameter's data is saved as a plain tensor; requires_grad goes to _rebuild_parameter.
    save_bool(!o.parameter && t.requires_grad());
    save_empty_ordered_dict();
    op(Op::TUPLE);
    put();
    op(Op::REDUCE);
    put();
    if (o.parameter) {
      save_bool(t.requires_grad());
      save_empty_ordered_dict();
      op(Op::TUPLE3);
      put();
      op(Op::REDUCE);
      put();
    }
  }

  void save_bool(bool b) { op(b ? Op::NEWTRUE : Op::NEWFALSE); }

  template <class F>
  void batched(size_t n, Op one, Op many, F&& save_at) {
    // Python batches APPENDS/SETITEMS 1000 items at a time; a lone item uses APPEND/SETITEM.
    for (size_t start = 0; start < n; start += 1000) {
      size_t end = std::min(n, start + 1000);
      if (end - start > 1) op(Op::MARK);
      for (size_t i = start; i < end; ++i) save_at(i);
      op(end - start > 1 ? many : one);
    }
  }

  void save_entries(const Object& o, int depth) {
    batched(o.entries.size(), Op::SETITEM, Op::SETITEMS, [&](size_t i) {
      save(*o.entries[i].first, depth + 1);
      save(*o.entries[i].second, depth + 1);
    });
  }

  void save(const Object& o, int depth) {
    TS_CHECK(depth <= kMaxPickleDepth, "torch.save: objects nested deeper than ", kMaxPickleDepth,
             " levels cannot be saved");
    switch (o.kind) {
      case Kind::None: return op(Op::NONE);
      case Kind::Bool: return save_bool(o.boolean);
      case Kind::Int: return save_int(o.integer);
      case Kind::Float: return save_float(o.real);
      case Kind::Global: return save_global(o.text, o.name);
      default: break;
    }
    // Everything else is memoized by identity, as Python's pickler does.
    if (recall(&o)) return;
    switch (o.kind) {
      case Kind::Str:
        write_unicode(o.text);
        return remember(&o);
      case Kind::Bytes:
        // Protocol 2 has no bytes opcode: Python 3 writes _codecs.encode(latin-1 text, 'latin1').
        if (o.text.empty()) {
          save_global("__builtin__", "bytes");
          op(Op::EMPTY_TUPLE);
        } else {
          save_global("_codecs", "encode");
          std::string latin1;
          for (unsigned char c : o.text) {
            if (c < 0x80) latin1.push_back(static_cast<char>(c));
            else {
              latin1.push_back(static_cast<char>(0xc0 | (c >> 6)));
              latin1.push_back(static_cast<char>(0x80 | (c & 0x3f)));
            }
          }
          write_unicode(latin1);  // a fresh str object in Python
          put();
          save_str("latin1");
          op(Op::TUPLE2);
          put();
        }
        op(Op::REDUCE);
        return remember(&o);
      case Kind::List:
        op(Op::EMPTY_LIST);
        remember(&o);
        batched(o.items.size(), Op::APPEND, Op::APPENDS, [&](size_t i) { save(*o.items[i], depth + 1); });
        return;
      case Kind::Tuple:
        save_tuple_of(o.items.size(), [&] {
          for (const Object* item : o.items) save(*item, depth + 1);
        });
        // Python checks the memo again: a tuple that contains itself through a list
        // was memoized while its items were written.
        if (!o.items.empty()) {
          if (memo_.count(&o)) {
            // Drop the partial tuple and take the memoized one (pickle's POP_MARK/POPs).
            if (o.items.size() > 3) op(Op::POP_MARK);
            else
              for (size_t i = 0; i < o.items.size(); ++i) op(Op::POP);
            get(memo_[&o]);
            return;
          }
          remember(&o);
        }
        return;
      case Kind::Set:
      case Kind::FrozenSet:
        save_global("__builtin__", o.kind == Kind::Set ? "set" : "frozenset");
        op(Op::EMPTY_LIST);
        put();
        batched(o.items.size(), Op::APPEND, Op::APPENDS, [&](size_t i) { save(*o.items[i], depth + 1); });
        op(Op::TUPLE1);
        put();
        op(Op::REDUCE);
        return remember(&o);
      case Kind::Dict:
        op(Op::EMPTY_DICT);
        remember(&o);
        return save_entries(o, depth);
      case Kind::OrderedDict:
        save_global("collections", "OrderedDict");
        op(Op::EMPTY_TUPLE);
        op(Op::REDUCE);
        remember(&o);
        save_entries(o, depth);
        if (o.attrs && !o.attrs->entries.empty()) {
          save(*o.attrs, depth + 1);
          op(Op::BUILD);
        }
        return;
      case Kind::Tensor:
        save_tensor(o);
        memo_[&o] = next_memo_ - 1;  // the REDUCE result just memoized
        return;
      case Kind::Call:
        TS_CHECK(o.items.size() == 2 && o.items[0]->is(Kind::Global) && o.items[1]->is(Kind::Tuple),
                 "torch.save: malformed call object");
        save(*o.items[0], depth + 1);
        save(*o.items[1], depth + 1);
        op(Op::REDUCE);
        return remember(&o);
      case Kind::Storage:
        TS_ERROR("torch.save: saving a bare storage is not supported; save a tensor instead");
      default:
        TS_ERROR("torch.save: cannot pickle a ", kind_name(o.kind));
    }
  }

  StorageTable& storages_;
  std::string out_;
  uint32_t next_memo_ = 0;
  std::unordered_map<const void*, uint32_t> memo_;
  std::map<std::string, uint32_t> strings_;
  std::map<std::string, uint32_t> globals_;
};

}  // namespace

std::string pickle(const Object& root, StorageTable& storages) { return Pickler(storages).run(root); }

}  // namespace tscript::rt::serialize
