// The bridge between the public tscript::Handle and the interpreter's Value.
#pragma once

#include <new>

#include "interpreter/objects/value.h"
#include "tscript/value.h"

namespace tscript {

static_assert(sizeof(Value) == 16 && alignof(Value) <= 8, "Handle stores one Value inline");

struct HandleAccess {
  static Value& value(Handle& h) { return *std::launder(reinterpret_cast<Value*>(h.value_)); }
  static const Value& value(const Handle& h) { return *std::launder(reinterpret_cast<const Value*>(h.value_)); }
  static Handle wrap(Value v) {
    Handle h;
    value(h) = std::move(v);
    return h;
  }
};

inline const Value& value_of(const Handle& h) { return HandleAccess::value(h); }
inline Handle handle_of(Value v) { return HandleAccess::wrap(std::move(v)); }

}  // namespace tscript
