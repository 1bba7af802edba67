// tscript::Handle — a counted reference to a script value — and Convert<T>, the automatic
// conversion between host types and script values used by Interpreter::set/get/call/def.
//
// Conversions: bool <-> bool; integral types <-> int (range-checked); floating types <->
// float (an int converts to double); std::string / std::string_view / const char* -> str;
// rt::Tensor <-> Tensor (the same TensorImpl: no copy); std::vector<T> <-> list (a tuple
// converts too); std::map<K, V> <-> dict; std::optional<T> <-> None or T; Handle as is.
// A failed conversion throws tscript::Error("TypeError" / "OverflowError", ...); inside a
// registered function it becomes that script exception.
//
// Handles may only be used on the thread running their interpreter and must not outlive it.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "runtime/tensor/tensor.h"
#include "tscript/error.h"

namespace tscript {

class Handle {
 public:
  Handle() noexcept;  // None
  Handle(const Handle& o) noexcept;
  Handle(Handle&& o) noexcept;
  Handle& operator=(const Handle& o) noexcept;
  Handle& operator=(Handle&& o) noexcept;
  ~Handle();

  bool is_none() const noexcept;
  std::string type_name() const;  // "int", "Tensor", "Linear", ...
  std::string repr() const;       // repr(value), calling a script __repr__
  template <class T>
  T as() const;

 private:
  friend struct HandleAccess;  // interpreter/api: reads and writes the stored Value
  alignas(8) unsigned char value_[16];
};

// Primitive conversions (interpreter/api/handle.cpp); Convert<T> composes them.
namespace detail {
Handle make_bool(bool v);
Handle make_int(int64_t v);
Handle make_float(double v);
Handle make_str(std::string_view v);
Handle make_tensor(const rt::Tensor& t);
Handle make_list(std::vector<Handle> items);
Handle make_dict(std::vector<std::pair<Handle, Handle>> items);
bool get_bool(const Handle& h);
int64_t get_int(const Handle& h);
double get_float(const Handle& h);
std::string get_str(const Handle& h);
rt::Tensor get_tensor(const Handle& h);
std::vector<Handle> get_sequence(const Handle& h);                // list or tuple
std::vector<std::pair<Handle, Handle>> get_items(const Handle& h);  // dict
[[noreturn]] void overflow(const char* target);
}  // namespace detail

template <class T, class Enable = void>
struct Convert;  // specialise to teach the API a host type: static Handle to(const T&), static T from(const Handle&)

template <>
struct Convert<Handle> {
  static Handle to(const Handle& h) { return h; }
  static Handle from(const Handle& h) { return h; }
};
template <>
struct Convert<bool> {
  static Handle to(bool v) { return detail::make_bool(v); }
  static bool from(const Handle& h) { return detail::get_bool(h); }
};
template <class T>
struct Convert<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>> {
  static Handle to(T v) {
    if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(int64_t)) {
      if (v > static_cast<T>(std::numeric_limits<int64_t>::max())) detail::overflow("int");
    }
    return detail::make_int(static_cast<int64_t>(v));
  }
  static T from(const Handle& h) {
    int64_t v = detail::get_int(h);
    if (!std::in_range<T>(v)) detail::overflow("a C++ integer of this width");
    return static_cast<T>(v);
  }
};
template <class T>
struct Convert<T, std::enable_if_t<std::is_floating_point_v<T>>> {
  static Handle to(T v) { return detail::make_float(static_cast<double>(v)); }
  static T from(const Handle& h) { return static_cast<T>(detail::get_float(h)); }
};
template <>
struct Convert<std::string> {
  static Handle to(const std::string& v) { return detail::make_str(v); }
  static std::string from(const Handle& h) { return detail::get_str(h); }
};
template <>
struct Convert<std::string_view> {
  static Handle to(std::string_view v) { return detail::make_str(v); }
};
template <>
struct Convert<const char*> {
  static Handle to(const char* v) { return detail::make_str(v); }
};
template <>
struct Convert<rt::Tensor> {
  static Handle to(const rt::Tensor& t) { return detail::make_tensor(t); }
  static rt::Tensor from(const Handle& h) { return detail::get_tensor(h); }
};
template <class T>
struct Convert<std::optional<T>> {
  static Handle to(const std::optional<T>& v) { return v ? Convert<T>::to(*v) : Handle(); }
  static std::optional<T> from(const Handle& h) {
    if (h.is_none()) return std::nullopt;
    return Convert<T>::from(h);
  }
};
template <class T>
struct Convert<std::vector<T>> {
  static Handle to(const std::vector<T>& v) {
    std::vector<Handle> items;
    items.reserve(v.size());
    for (const auto& x : v) items.push_back(Convert<T>::to(x));
    return detail::make_list(std::move(items));
  }
  static std::vector<T> from(const Handle& h) {
    std::vector<T> out;
    for (const Handle& x : detail::get_sequence(h)) out.push_back(Convert<T>::from(x));
    return out;
  }
};
template <class K, class V>
struct Convert<std::map<K, V>> {
  static Handle to(const std::map<K, V>& m) {
    std::vector<std::pair<Handle, Handle>> items;
    items.reserve(m.size());
    for (const auto& [k, v] : m) items.emplace_back(Convert<K>::to(k), Convert<V>::to(v));
    return detail::make_dict(std::move(items));
  }
  static std::map<K, V> from(const Handle& h) {
    std::map<K, V> out;
    for (const auto& [k, v] : detail::get_items(h)) out.emplace(Convert<K>::from(k), Convert<V>::from(v));
    return out;
  }
};

// Host value -> Handle, picking the Convert for T (string literals included).
template <class T>
Handle to_handle(const T& v) {
  using D = std::decay_t<T>;
  if constexpr (std::is_same_v<D, char*>) return Convert<const char*>::to(v);
  else return Convert<D>::to(v);
}

template <class T>
T Handle::as() const {
  return Convert<T>::from(*this);
}

}  // namespace tscript
