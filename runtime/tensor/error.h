// Errors raised by the tensor library. Each carries the Python exception class
// it maps to, so a host (the interpreter) can re-raise it faithfully.
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>

namespace tscript::rt {

enum class ErrorKind { Runtime, Index, Type, Value, NotImplemented, Assertion };

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const noexcept { return kind_; }
  // "RuntimeError", "IndexError", ... — the Python class name.
  const char* python_name() const noexcept;

 private:
  ErrorKind kind_;
};

namespace detail {
template <class... Args>
std::string concat(const Args&... args) {
  std::ostringstream os;
  (os << ... << args);
  return os.str();
}
}  // namespace detail

[[noreturn]] void throw_error(ErrorKind kind, const std::string& message);

}  // namespace tscript::rt

// TS_CHECK(cond, parts...) throws RuntimeError with the parts concatenated; the
// _INDEX/_TYPE/_VALUE variants pick the other Python classes.
#define TS_CHECK_KIND(kind, cond, ...)                                                   \
  do {                                                                                    \
    if (!(cond)) ::tscript::rt::throw_error(kind, ::tscript::rt::detail::concat(__VA_ARGS__)); \
  } while (0)
#define TS_CHECK(cond, ...) TS_CHECK_KIND(::tscript::rt::ErrorKind::Runtime, cond, __VA_ARGS__)
#define TS_CHECK_INDEX(cond, ...) TS_CHECK_KIND(::tscript::rt::ErrorKind::Index, cond, __VA_ARGS__)
#define TS_CHECK_TYPE(cond, ...) TS_CHECK_KIND(::tscript::rt::ErrorKind::Type, cond, __VA_ARGS__)
#define TS_CHECK_VALUE(cond, ...) TS_CHECK_KIND(::tscript::rt::ErrorKind::Value, cond, __VA_ARGS__)
#define TS_ERROR(...) ::tscript::rt::throw_error(::tscript::rt::ErrorKind::Runtime, ::tscript::rt::detail::concat(__VA_ARGS__))
