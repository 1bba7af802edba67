// The built-in object layouts: str, tuple, list, dict, set, range, slice, cell, type,
// instance, module and the small helper objects. Functions, code and frames are in
// function.h; exceptions in exception.h; iterators in iterator.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "interpreter/objects/value.h"

namespace tscript {

// Which C++ class an object is; a user class inherits its layout from its built-in base.
enum class Layout : uint8_t {
  Instance, Type, Str, Tuple, List, Dict, Set, Range, Slice, Cell, Module,
  Function, NativeFunction, BoundMethod, Code, Property, StaticMethod, ClassMethod,
  Exception, Iterator, Generator, Super, Singleton, Native,
};

struct Dict;
struct Str;
struct Tuple;

struct NativeTypeHooks;

// A class object. Built-in types are created once per process and never freed.
struct Type : Object {
  static constexpr Layout kLayout = Layout::Type;
  std::string name;
  Layout layout = Layout::Instance;
  Type* base = nullptr;
  std::vector<Ref<Type>> bases;  // user classes keep their bases alive
  std::vector<Type*> mro;  // this type first, then bases, ending with object
  Ref<Dict> dict;
  bool builtin = false;
  bool has_getattr_hook = false;   // defines __getattr__ (after normal lookup fails)
  bool has_setattr_hook = false;   // defines __setattr__
  std::string module_name;         // for repr: <class '__main__.Foo'>
  const NativeTypeHooks* hooks = nullptr;  // native extension types (Layout::Native)
  // Constructs an instance when the type is called (built-in types; user classes inherit it).
  Value (*construct)(Type* cls, const Value* args, int nargs, const Tuple* kwnames) = nullptr;
  explicit Type(Type* meta, std::string n) : Object(meta), name(std::move(n)) {}
  ~Type() override;
  bool is_subtype(const Type* other) const;
  // Looks `name` up along the MRO; a Null Value when absent. Interned names are answered
  // from a per-thread cache that any change to a type dict invalidates.
  Value lookup(Str* name) const;
  // As lookup, without the copy: a pointer into the owning dict (valid until the next
  // change to any type dict), or nullptr when absent.
  const Value* lookup_ref(Str* name) const;
};

// The type of every type (Python's `type`).
Type* type_type();

struct Str : Object {
  static constexpr Layout kLayout = Layout::Str;
  std::string s;       // UTF-8
  mutable int64_t hash_ = -1;
  mutable int64_t length_ = -1;  // in code points
  bool interned = false;
  explicit Str(std::string v);
  int64_t hash() const;
  bool ascii() const { return length() == static_cast<int64_t>(s.size()); }
  int64_t length() const;
};

struct Tuple : Object {
  static constexpr Layout kLayout = Layout::Tuple;
  std::vector<Value> items;
  Tuple();
  explicit Tuple(std::vector<Value> v);
  explicit Tuple(Type* t, std::vector<Value> v) : Object(t), items(std::move(v)) {}
};

struct List : Object {
  static constexpr Layout kLayout = Layout::List;
  std::vector<Value> items;
  List();
  explicit List(std::vector<Value> v);
};

// Insertion-ordered hash table shared by dict and set (a set stores Null values).
class HashTable {
 public:
  struct Entry {
    int64_t hash;
    Value key;
    Value value;
  };
  int64_t size() const { return used_; }
  // Index of the entry for key, or -1. May run script code (__eq__), hence may throw.
  int64_t find(const Value& key, int64_t hash) const;
  // Inserts or overwrites; returns true when the key was new.
  bool insert(const Value& key, int64_t hash, const Value& value);
  bool erase(const Value& key, int64_t hash);
  void clear();
  // Iteration in insertion order: entries may contain holes (key Null) after erasure.
  const std::vector<Entry>& entries() const { return entries_; }
  std::vector<Entry>& entries() { return entries_; }
  Value* value_at(int64_t i) { return &entries_[i].value; }
  uint64_t version() const { return version_; }  // bumped on insert/erase (iteration guards)
  // A watched table (a type's attribute dict) bumps type_lookup_epoch() on every change,
  // overwrites included, which invalidates the type attribute cache (Type::lookup).
  void watch() { watched_ = true; }

 private:
  void rebuild(size_t capacity);
  void changed();
  std::vector<Entry> entries_;
  std::vector<int32_t> index_;  // -1 empty; otherwise an entry position
  int64_t used_ = 0;
  uint64_t version_ = 0;
  bool watched_ = false;
};

// Bumped whenever a watched table changes or a type is destroyed (see Type::lookup).
uint64_t type_lookup_epoch();

struct Dict : Object {
  static constexpr Layout kLayout = Layout::Dict;
  HashTable table;
  Dict();
  explicit Dict(Type* t) : Object(t) {}
  // Convenience for string keys (attribute dicts, globals).
  Value get(Str* key) const;  // Null when absent
  Value get(const Value& key) const;
  void set(const Value& key, const Value& value);
  bool erase(const Value& key);
  int64_t size() const { return table.size(); }
};

struct Set : Object {
  static constexpr Layout kLayout = Layout::Set;
  HashTable table;
  bool frozen = false;
  Set();
  bool contains(const Value& v) const;
  void add(const Value& v);
};

struct Range : Object {
  static constexpr Layout kLayout = Layout::Range;
  int64_t start, stop, step;
  Range(int64_t a, int64_t b, int64_t c);
  int64_t length() const;
};

struct Slice : Object {
  static constexpr Layout kLayout = Layout::Slice;
  Value start, stop, step;
  Slice(Value a, Value b, Value c);
  // Python's slice.indices(): clamps to a sequence of `length`; returns the item count.
  int64_t indices(int64_t length, int64_t* start, int64_t* stop, int64_t* step) const;
};

// A closure variable.
struct Cell : Object {
  static constexpr Layout kLayout = Layout::Cell;
  Value value = Value::null();
  Cell();
};

struct Module : Object {
  static constexpr Layout kLayout = Layout::Module;
  Ref<Str> name;
  Ref<Dict> dict;
  explicit Module(const std::string& n);
};

// An instance of a user class (its attributes live in `dict`).
struct Instance : Object {
  static constexpr Layout kLayout = Layout::Instance;
  Ref<Dict> dict;
  explicit Instance(Type* t);
  ~Instance() override;
};

struct Property : Object {
  static constexpr Layout kLayout = Layout::Property;
  Value fget, fset, fdel;
  Property(Value g, Value s, Value d);
};
struct StaticMethod : Object {
  static constexpr Layout kLayout = Layout::StaticMethod;
  Value func;
  explicit StaticMethod(Value f);
};
struct ClassMethod : Object {
  static constexpr Layout kLayout = Layout::ClassMethod;
  Value func;
  explicit ClassMethod(Value f);
};
struct Super : Object {
  static constexpr Layout kLayout = Layout::Super;
  Type* start;  // lookup begins after this type in the MRO of obj's type
  Value self;
  Super(Type* s, Value o);
};

// None/NotImplemented/Ellipsis are the Singleton layout (NotImplemented and Ellipsis are objects).
struct Singleton : Object {
  static constexpr Layout kLayout = Layout::Singleton;
  std::string repr;
  Singleton(Type* t, std::string r) : Object(t), repr(std::move(r)) {}
};

template <class T>
T* Value::as() const {
  if (tag_ != Tag::Obj || u_.o->type->layout != T::kLayout) return nullptr;
  return static_cast<T*>(u_.o);
}

// ---- the built-in types ----
struct BuiltinTypes {
  Type *object, *type, *none, *bool_, *int_, *float_, *str, *tuple, *list, *dict, *set,
      *frozenset, *range, *slice, *cell, *module, *function, *native_function, *bound_method,
      *code, *property, *staticmethod, *classmethod, *super, *not_implemented, *ellipsis,
      *iterator, *generator, *dict_keys, *dict_values, *dict_items;
};
const BuiltinTypes& types();
Value not_implemented();
Value ellipsis();

// Interned string for names (identity comparable). Lives for the whole process.
Str* intern(std::string_view s);
Value str(std::string s);
Ref<Str> new_str(std::string s);

// The Python type of any value.
Type* type_of(const Value& v);

}  // namespace tscript
