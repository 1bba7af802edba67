// Iterators over built-in containers and the lazy built-ins (enumerate, zip, map, ...).
#pragma once

#include "interpreter/objects/object.h"

namespace tscript {

// A native iterator: next() stores the next item and returns true, or returns false
// when exhausted (no StopIteration is created on the fast path).
struct Iterator : Object {
  static constexpr Layout kLayout = Layout::Iterator;
  explicit Iterator(Type* t);
  virtual bool next(Value& out) = 0;
  // Remaining length when cheap to know (for list(...) preallocation), else -1.
  virtual int64_t length_hint() const { return -1; }
};

// iter(v): raises TypeError "'int' object is not iterable".
Value get_iter(const Value& v);
// Advances any iterator (native, generator or script object with __next__).
// Returns false when exhausted.
bool iter_next(const Value& it, Value& out);
// Collects any iterable into a vector.
std::vector<Value> to_vector(const Value& iterable);

}  // namespace tscript
