// The object protocol: Python's generic operations on any Value (truth, hashing,
// equality, operators, attributes, items, calls, repr/str). Built-in types are handled
// natively; user classes through their dunder methods; native extension types (tensors)
// through the hooks in NativeTypeHooks.
#pragma once

#include <string>
#include <vector>

#include "interpreter/front/ast.h"
#include "interpreter/objects/object.h"

namespace tscript {

bool truthy(const Value& v);
int64_t hash_value(const Value& v);
bool values_equal(const Value& a, const Value& b);  // bool(a == b)
// operator.index(v): ints/bools, or objects with __index__; TypeError otherwise.
int64_t index_value(const Value& v);

Value binary_op(ast::Operator op, const Value& a, const Value& b);
Value inplace_op(ast::Operator op, const Value& a, const Value& b);
Value unary_op(ast::UnaryOperator op, const Value& v);
Value compare_op(ast::CmpOp op, const Value& a, const Value& b);
bool contains(const Value& container, const Value& item);
// a < b for sorting (raises TypeError for unorderable values).
bool less_than(const Value& a, const Value& b);

// Attribute access. get_attr raises AttributeError; find_attr returns Null when missing.
Value get_attr(const Value& obj, Str* name);
Value find_attr(const Value& obj, Str* name);
void set_attr(const Value& obj, Str* name, const Value& v);
void del_attr(const Value& obj, Str* name);
inline Value get_attr(const Value& obj, const char* name) { return get_attr(obj, intern(name)); }
inline bool has_attr(const Value& obj, const char* name) { return !find_attr(obj, intern(name)).is_null(); }

Value get_item(const Value& obj, const Value& key);
void set_item(const Value& obj, const Value& key, const Value& v);
void del_item(const Value& obj, const Value& key);
int64_t length(const Value& v);  // len(v)

// Calls. args holds nargs positional values then one value per keyword name.
Value call(const Value& callable, const Value* args, int nargs, const Tuple* kwnames = nullptr);
inline Value call(const Value& callable, std::initializer_list<Value> args) {
  std::vector<Value> v(args);
  return call(callable, v.data(), static_cast<int>(v.size()));
}
// obj.name(*args) (Null when obj has no such attribute and `optional` is set).
Value call_method(const Value& obj, Str* name, std::initializer_list<Value> args);
// Looks a dunder up on the type only (as Python does for operators); Null when absent.
Value type_lookup(const Value& obj, Str* name);
bool is_callable(const Value& v);

std::string repr(const Value& v);
// object.__repr__: the built-in form, ignoring a user __repr__ (native hooks still apply).
std::string default_repr(const Value& v);
std::string to_str(const Value& v);
std::string format_value(const Value& v, const std::string& spec);
std::string type_name(const Value& v);
bool is_instance(const Value& v, Type* t);

// Hooks a native extension type (e.g. Tensor) installs on its Type.
struct NativeTypeHooks {
  // Return Null to fall back (NotImplemented semantics).
  Value (*binary)(ast::Operator op, const Value& a, const Value& b, bool inplace) = nullptr;
  Value (*unary)(ast::UnaryOperator op, const Value& v) = nullptr;
  Value (*compare)(ast::CmpOp op, const Value& a, const Value& b) = nullptr;
  Value (*get_item)(const Value& obj, const Value& key) = nullptr;
  void (*set_item)(const Value& obj, const Value& key, const Value& v) = nullptr;
  Value (*get_attr)(const Value& obj, Str* name) = nullptr;  // Null when missing
  bool (*set_attr)(const Value& obj, Str* name, const Value& v) = nullptr;
  std::string (*repr)(const Value& v) = nullptr;
  std::string (*str)(const Value& v) = nullptr;
  bool (*truthy)(const Value& v) = nullptr;
  int64_t (*length)(const Value& v) = nullptr;
  Value (*iter)(const Value& v) = nullptr;
  Value (*call)(const Value& self, const Value* args, int nargs, const Tuple* kwnames) = nullptr;
  std::string (*format)(const Value& v, const std::string& spec) = nullptr;
};
// Hooks are attached to types with layout Native.
const NativeTypeHooks* hooks_of(const Type* t);
void set_hooks(Type* t, const NativeTypeHooks* hooks);

}  // namespace tscript
