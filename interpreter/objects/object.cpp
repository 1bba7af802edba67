#include "interpreter/objects/object.h"

#include <atomic>
#include <mutex>
#include <unordered_map>

#include "interpreter/objects/exception.h"
#include "interpreter/objects/format.h"
#include "interpreter/objects/function.h"
#include "interpreter/objects/protocol.h"

namespace tscript {

// Objects created once per process (types, interned strings) start with this count so no
// sequence of increments and decrements can free them.
constexpr uint32_t kImmortal = 1u << 30;

void destroy_object(Object* o) { delete o; }

// ---- types ----

namespace {
// Runs inside the one-time initialisation of types(): must not call types() itself.
Type* make_builtin_type(Type* meta, const char* name, Layout layout, Type* base) {
  Type* t = new Type(meta, name);
  t->refcnt = kImmortal;
  t->layout = layout;
  t->base = base;
  t->builtin = true;
  t->module_name = "builtins";
  t->mro.push_back(t);
  if (base)
    for (Type* b : base->mro) t->mro.push_back(b);
  return t;
}
}  // namespace

const BuiltinTypes& types() {
  static BuiltinTypes* bt = [] {
    auto* t = new BuiltinTypes();
    // `type` is its own type and `object` its base.
    Type* ty = make_builtin_type(nullptr, "type", Layout::Type, nullptr);
    ty->type = ty;
    Type* obj = make_builtin_type(ty, "object", Layout::Instance, nullptr);
    ty->base = obj;
    ty->mro = {ty, obj};
    t->type = ty;
    t->object = obj;
    std::vector<Type*> all = {ty, obj};
    auto mk = [&](const char* name, Layout l, Type* base = nullptr) {
      Type* x = make_builtin_type(ty, name, l, base ? base : obj);
      all.push_back(x);
      return x;
    };
    t->dict = mk("dict", Layout::Dict);
    t->none = mk("NoneType", Layout::Singleton);
    t->int_ = mk("int", Layout::Singleton);
    t->bool_ = mk("bool", Layout::Singleton, t->int_);
    t->float_ = mk("float", Layout::Singleton);
    t->str = mk("str", Layout::Str);
    t->tuple = mk("tuple", Layout::Tuple);
    t->list = mk("list", Layout::List);
    t->set = mk("set", Layout::Set);
    t->frozenset = mk("frozenset", Layout::Set);
    t->range = mk("range", Layout::Range);
    t->slice = mk("slice", Layout::Slice);
    t->cell = mk("cell", Layout::Cell);
    t->module = mk("module", Layout::Module);
    t->function = mk("function", Layout::Function);
    t->native_function = mk("builtin_function_or_method", Layout::NativeFunction);
    t->bound_method = mk("method", Layout::BoundMethod);
    t->code = mk("code", Layout::Code);
    t->property = mk("property", Layout::Property);
    t->staticmethod = mk("staticmethod", Layout::StaticMethod);
    t->classmethod = mk("classmethod", Layout::ClassMethod);
    t->super = mk("super", Layout::Super);
    t->not_implemented = mk("NotImplementedType", Layout::Singleton);
    t->ellipsis = mk("ellipsis", Layout::Singleton);
    t->iterator = mk("iterator", Layout::Iterator);
    t->generator = mk("generator", Layout::Generator);
    t->dict_keys = mk("dict_keys", Layout::Iterator);
    t->dict_values = mk("dict_values", Layout::Iterator);
    t->dict_items = mk("dict_items", Layout::Iterator);
    for (Type* x : all) x->dict = Ref<Dict>(new Dict(t->dict));
    return t;
  }();
  return *bt;
}

Type* type_type() { return types().type; }

namespace {

std::atomic<uint64_t> g_type_epoch{1};

void bump_type_epoch() { g_type_epoch.fetch_add(1, std::memory_order_relaxed); }

// Direct-mapped cache of (type, interned name) -> where the MRO walk found it. The
// pointer targets a value slot inside a watched type dict, so it stays valid until the
// epoch moves (any change to a type dict, or a type freed and its address reused).
struct TypeLookupEntry {
  const Type* type = nullptr;
  const Str* name = nullptr;
  uint64_t epoch = 0;
  const Value* found = nullptr;
};
constexpr size_t kTypeLookupSlots = 4096;
thread_local TypeLookupEntry t_type_lookup[kTypeLookupSlots];

}  // namespace

uint64_t type_lookup_epoch() { return g_type_epoch.load(std::memory_order_relaxed); }

Type::~Type() { bump_type_epoch(); }

bool Type::is_subtype(const Type* other) const {
  for (const Type* t : mro)
    if (t == other) return true;
  return false;
}

const Value* Type::lookup_ref(Str* name) const {
  uint64_t epoch = type_lookup_epoch();
  size_t slot = ((reinterpret_cast<uintptr_t>(this) >> 4) ^ (reinterpret_cast<uintptr_t>(name) >> 3) * 31) &
                (kTypeLookupSlots - 1);
  TypeLookupEntry& e = t_type_lookup[slot];
  if (e.type == this && e.name == name && e.epoch == epoch) return e.found;
  const Value* found = nullptr;
  Value key(static_cast<Object*>(name));
  for (const Type* t : mro) {
    if (!t->dict) continue;
    HashTable& table = t->dict->table;
    table.watch();
    int64_t i = table.find(key, name->hash());
    if (i >= 0) {
      found = table.value_at(i);
      break;
    }
  }
  // find() may run __eq__ of a non-str key, which may change a dict: re-read the epoch.
  if (name->interned && type_lookup_epoch() == epoch) e = {this, name, epoch, found};
  return found;
}

Value Type::lookup(Str* name) const {
  const Value* v = lookup_ref(name);
  return v ? *v : Value::null();
}

Value not_implemented() {
  static Singleton* s = [] {
    auto* o = new Singleton(types().not_implemented, "NotImplemented");
    o->refcnt = kImmortal;
    return o;
  }();
  return Value(static_cast<Object*>(s));
}

Value ellipsis() {
  static Singleton* s = [] {
    auto* o = new Singleton(types().ellipsis, "Ellipsis");
    o->refcnt = kImmortal;
    return o;
  }();
  return Value(static_cast<Object*>(s));
}

Type* type_of(const Value& v) {
  const BuiltinTypes& t = types();
  switch (v.tag()) {
    case Tag::None: case Tag::Null: return t.none;
    case Tag::Bool: return t.bool_;
    case Tag::Int: return t.int_;
    case Tag::Float: return t.float_;
    case Tag::Obj: return v.obj()->type;
  }
  return t.none;
}

// ---- str ----

Str::Str(std::string v) : Object(types().str), s(std::move(v)) {}

int64_t Str::hash() const {
  if (hash_ == -1) {
    // FNV-1a; CPython randomises str hashes, so no script can depend on the values.
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    int64_t r = static_cast<int64_t>(h >> 1);
    hash_ = r == -1 ? -2 : r;
  }
  return hash_;
}

int64_t Str::length() const {
  if (length_ < 0) length_ = static_cast<int64_t>(format_detail::utf8_length(s));
  return length_;
}

Str* intern(std::string_view s) {
  static std::mutex mu;
  static auto* table = new std::unordered_map<std::string, Str*>();
  std::lock_guard<std::mutex> lock(mu);
  auto it = table->find(std::string(s));
  if (it != table->end()) return it->second;
  Str* o = new Str(std::string(s));
  o->refcnt = kImmortal;
  o->interned = true;
  table->emplace(std::string(s), o);
  return o;
}

Value str(std::string s) { return Value(static_cast<Object*>(new Str(std::move(s)))); }
Ref<Str> new_str(std::string s) { return Ref<Str>(new Str(std::move(s))); }

// ---- containers ----

Tuple::Tuple() : Object(types().tuple) {}
Tuple::Tuple(std::vector<Value> v) : Object(types().tuple), items(std::move(v)) {}
List::List() : Object(types().list) {}
List::List(std::vector<Value> v) : Object(types().list), items(std::move(v)) {}
Dict::Dict() : Object(types().dict) {}
Set::Set() : Object(types().set) {}

// Versions are unique across all tables, so a cache keyed on (table address, version)
// can never confuse a table with a later one at the same address.
static uint64_t next_table_version() {
  static std::atomic<uint64_t> counter{1};
  return counter.fetch_add(1, std::memory_order_relaxed);
}

int64_t HashTable::find(const Value& key, int64_t hash) const {
  if (index_.empty()) return -1;
  size_t mask = index_.size() - 1;
  size_t i = static_cast<size_t>(hash) & mask;
  uint64_t perturb = static_cast<uint64_t>(hash);
  for (;;) {
    int32_t e = index_[i];
    if (e == -1) return -1;
    if (e >= 0) {
      const Entry& en = entries_[e];
      if (en.hash == hash && (en.key.identical(key) || values_equal(en.key, key))) {
        // values_equal may have run script code that mutated the table.
        if (static_cast<size_t>(e) < entries_.size() && !entries_[e].key.is_null()) return e;
        return find(key, hash);
      }
    }
    perturb >>= 5;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

void HashTable::rebuild(size_t capacity) {
  // Compact the entries, then re-index.
  std::vector<Entry> live;
  live.reserve(used_);
  for (auto& e : entries_)
    if (!e.key.is_null()) live.push_back(std::move(e));
  entries_ = std::move(live);
  index_.assign(capacity, -1);
  size_t mask = capacity - 1;
  for (size_t n = 0; n < entries_.size(); ++n) {
    uint64_t perturb = static_cast<uint64_t>(entries_[n].hash);
    size_t i = static_cast<size_t>(entries_[n].hash) & mask;
    while (index_[i] != -1) {
      perturb >>= 5;
      i = (i * 5 + 1 + perturb) & mask;
    }
    index_[i] = static_cast<int32_t>(n);
  }
}

bool HashTable::insert(const Value& key, int64_t hash, const Value& value) {
  int64_t i = find(key, hash);
  if (i >= 0) {
    entries_[i].value = value;
    if (watched_) changed();
    return false;
  }
  if ((entries_.size() + 1) * 3 >= index_.size() * 2) {
    size_t cap = 8;
    while (cap * 2 <= (used_ + 1) * 3) cap <<= 1;
    while ((used_ + 1) * 3 >= cap * 2) cap <<= 1;
    rebuild(cap);
  }
  size_t mask = index_.size() - 1;
  uint64_t perturb = static_cast<uint64_t>(hash);
  size_t j = static_cast<size_t>(hash) & mask;
  while (index_[j] >= 0) {
    perturb >>= 5;
    j = (j * 5 + 1 + perturb) & mask;
  }
  index_[j] = static_cast<int32_t>(entries_.size());
  entries_.push_back({hash, key, value});
  ++used_;
  version_ = next_table_version();
  if (watched_) changed();
  return true;
}

bool HashTable::erase(const Value& key, int64_t hash) {
  int64_t i = find(key, hash);
  if (i < 0) return false;
  // Mark the index slot as a tombstone (-2) and the entry as a hole.
  size_t mask = index_.size() - 1;
  uint64_t perturb = static_cast<uint64_t>(hash);
  size_t j = static_cast<size_t>(hash) & mask;
  while (index_[j] != i) {
    perturb >>= 5;
    j = (j * 5 + 1 + perturb) & mask;
  }
  index_[j] = -2;
  Value old_key = std::move(entries_[i].key);
  Value old_value = std::move(entries_[i].value);
  entries_[i].key = Value::null();
  entries_[i].value = Value::null();
  --used_;
  version_ = next_table_version();
  if (watched_) changed();
  if (used_ == 0) {
    entries_.clear();
    std::fill(index_.begin(), index_.end(), -1);
  }
  return true;
}

void HashTable::clear() {
  std::vector<Entry> old;
  old.swap(entries_);
  index_.clear();
  used_ = 0;
  version_ = next_table_version();
  if (watched_) changed();
}

void HashTable::changed() { bump_type_epoch(); }

Value Dict::get(Str* key) const {
  int64_t i = table.find(Value(static_cast<Object*>(key)), key->hash());
  return i < 0 ? Value::null() : table.entries()[i].value;
}

Value Dict::get(const Value& key) const {
  int64_t i = table.find(key, hash_value(key));
  return i < 0 ? Value::null() : table.entries()[i].value;
}

void Dict::set(const Value& key, const Value& value) { table.insert(key, hash_value(key), value); }
bool Dict::erase(const Value& key) { return table.erase(key, hash_value(key)); }

bool Set::contains(const Value& v) const { return table.find(v, hash_value(v)) >= 0; }
void Set::add(const Value& v) { table.insert(v, hash_value(v), Value::null()); }

Range::Range(int64_t a, int64_t b, int64_t c) : Object(types().range), start(a), stop(b), step(c) {}

int64_t Range::length() const {
  if (step > 0 && start < stop) return static_cast<int64_t>((static_cast<__int128>(stop) - start - 1) / step + 1);
  if (step < 0 && start > stop) return static_cast<int64_t>((static_cast<__int128>(start) - stop - 1) / (-static_cast<__int128>(step)) + 1);
  return 0;
}

Slice::Slice(Value a, Value b, Value c)
    : Object(types().slice), start(std::move(a)), stop(std::move(b)), step(std::move(c)) {}

namespace {
int64_t slice_index(const Value& v) {
  if (v.is_intlike()) return v.as_int();
  return index_value(v);
}
}  // namespace

int64_t Slice::indices(int64_t length, int64_t* pstart, int64_t* pstop, int64_t* pstep) const {
  int64_t st = step.is_none() ? 1 : slice_index(step);
  if (st == 0) value_error("slice step cannot be zero");
  int64_t lower = st < 0 ? -1 : 0;
  int64_t upper = st < 0 ? length - 1 : length;
  auto clamp = [&](const Value& v, int64_t dflt) {
    if (v.is_none()) return dflt;
    int64_t i = slice_index(v);
    if (i < 0) {
      i += length;
      if (i < lower) i = lower;
    } else if (i > upper) {
      i = upper;
    }
    return i;
  };
  int64_t a = clamp(start, st < 0 ? upper : lower);
  int64_t b = clamp(stop, st < 0 ? lower : upper);
  *pstart = a;
  *pstop = b;
  *pstep = st;
  if (st > 0) return a < b ? (b - a - 1) / st + 1 : 0;
  return a > b ? (a - b - 1) / (-st) + 1 : 0;
}

Cell::Cell() : Object(types().cell) {}

Module::Module(const std::string& n) : Object(types().module), name(intern(n)), dict(make<Dict>()) {
  dict->set(Value(static_cast<Object*>(intern("__name__"))), Value(static_cast<Object*>(name.get())));
}

Instance::Instance(Type* t) : Object(t), dict(make<Dict>()) { incref(t); }
Instance::~Instance() {
  Type* t = type;
  dict = Ref<Dict>();
  decref(t);
}

Property::Property(Value g, Value s, Value d)
    : Object(types().property), fget(std::move(g)), fset(std::move(s)), fdel(std::move(d)) {}
StaticMethod::StaticMethod(Value f) : Object(types().staticmethod), func(std::move(f)) {}
ClassMethod::ClassMethod(Value f) : Object(types().classmethod), func(std::move(f)) {}
Super::Super(Type* s, Value o) : Object(types().super), start(s), self(std::move(o)) {}

}  // namespace tscript
