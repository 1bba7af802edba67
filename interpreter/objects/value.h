// Value: the 16-byte tagged word every script value travels in (DESIGN.md decision 1).
// None/bool/int/float live inline; everything else is an intrusively refcounted Object,
// freed the moment its last reference goes (tensors and their memory included).
#pragma once

#include <cstdint>
#include <cstring>
#include <utility>

namespace tscript {

struct Type;

// Base of every heap object. `refcnt` is not atomic: one interpreter runs on one thread.
struct Object {
  uint32_t refcnt = 0;
  Type* type;
  explicit Object(Type* t) : type(t) {}
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;
  virtual ~Object() = default;
};

inline void incref(Object* o) { ++o->refcnt; }
void destroy_object(Object* o);  // runs the destructor (may cascade), defined in object.cpp
inline void decref(Object* o) {
  if (--o->refcnt == 0) destroy_object(o);
}

enum class Tag : uint8_t { None, Bool, Int, Float, Obj, Null };

// Null is internal only (an empty slot: unbound local, "no self" in method calls).
class Value {
 public:
  Value() : tag_(Tag::None) { u_.i = 0; }
  Value(bool b) : tag_(Tag::Bool) { u_.i = 0; u_.b = b; }
  Value(int v) : tag_(Tag::Int) { u_.i = v; }
  Value(int64_t v) : tag_(Tag::Int) { u_.i = v; }
  Value(double v) : tag_(Tag::Float) { u_.f = v; }
  // Takes a new reference to o (o must not be null).
  Value(Object* o) : tag_(Tag::Obj) { u_.o = o; incref(o); }
  static Value null() { Value v; v.tag_ = Tag::Null; return v; }
  // Takes the first reference to a newly allocated object (objects start at refcount 0).
  static Value steal(Object* o) { return Value(o); }

  Value(const Value& o) : tag_(o.tag_), u_(o.u_) { if (tag_ == Tag::Obj) incref(u_.o); }
  Value(Value&& o) noexcept : tag_(o.tag_), u_(o.u_) { o.tag_ = Tag::None; }
  Value& operator=(const Value& o) {
    if (o.tag_ == Tag::Obj) incref(o.u_.o);
    release();
    tag_ = o.tag_;
    u_ = o.u_;
    return *this;
  }
  Value& operator=(Value&& o) noexcept {
    if (this != &o) {
      release();
      tag_ = o.tag_;
      u_ = o.u_;
      o.tag_ = Tag::None;
    }
    return *this;
  }
  ~Value() { release(); }

  Tag tag() const { return tag_; }
  bool is_none() const { return tag_ == Tag::None; }
  bool is_bool() const { return tag_ == Tag::Bool; }
  bool is_int() const { return tag_ == Tag::Int; }
  bool is_float() const { return tag_ == Tag::Float; }
  bool is_obj() const { return tag_ == Tag::Obj; }
  bool is_null() const { return tag_ == Tag::Null; }
  // bool is an int subclass in Python: arithmetic treats it as 0/1.
  bool is_intlike() const { return tag_ == Tag::Int || tag_ == Tag::Bool; }
  bool is_number() const { return tag_ == Tag::Int || tag_ == Tag::Bool || tag_ == Tag::Float; }

  bool as_bool() const { return u_.b; }
  int64_t as_int() const { return tag_ == Tag::Bool ? (u_.b ? 1 : 0) : u_.i; }
  double as_float() const { return u_.f; }
  // int, bool or float as a double.
  double to_double() const { return tag_ == Tag::Float ? u_.f : static_cast<double>(as_int()); }
  Object* obj() const { return u_.o; }
  // The object when this is one of type T (exact C++ class check through the Type).
  template <class T>
  T* as() const;
  template <class T>
  bool is() const { return as<T>() != nullptr; }

  // Identity (Python `is`).
  bool identical(const Value& o) const {
    if (tag_ != o.tag_) return false;
    switch (tag_) {
      case Tag::None: case Tag::Null: return true;
      case Tag::Bool: return u_.b == o.u_.b;
      case Tag::Int: return u_.i == o.u_.i;
      case Tag::Float: return std::memcmp(&u_.f, &o.u_.f, sizeof(double)) == 0;
      case Tag::Obj: return u_.o == o.u_.o;
    }
    return false;
  }

 private:
  void release() {
    if (tag_ == Tag::Obj) decref(u_.o);
  }
  Tag tag_;
  union {
    bool b;
    int64_t i;
    double f;
    Object* o;
  } u_;
};

static_assert(sizeof(Value) == 16, "Value must stay 16 bytes");

// A strong reference to an object of class T (like Value, but typed).
template <class T>
class Ref {
 public:
  Ref() = default;
  Ref(T* p) : p_(p) { if (p_) incref(p_); }
  static Ref steal(T* p) { Ref r; r.p_ = p; return r; }
  Ref(const Ref& o) : p_(o.p_) { if (p_) incref(p_); }
  Ref(Ref&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
  template <class U>
  Ref(const Ref<U>& o) : p_(o.get()) { if (p_) incref(p_); }
  Ref& operator=(Ref o) noexcept { std::swap(p_, o.p_); return *this; }
  ~Ref() { if (p_) decref(p_); }
  T* get() const { return p_; }
  T* operator->() const { return p_; }
  T& operator*() const { return *p_; }
  explicit operator bool() const { return p_ != nullptr; }
  operator Value() const { return p_ ? Value(static_cast<Object*>(p_)) : Value(); }
  T* release() { T* p = p_; p_ = nullptr; return p; }

 private:
  T* p_ = nullptr;
};

// Allocates an object with refcount 0 wrapped in a Ref (refcount 1).
template <class T, class... Args>
Ref<T> make(Args&&... args) {
  return Ref<T>(new T(std::forward<Args>(args)...));
}

}  // namespace tscript
