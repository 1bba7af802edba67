// tscript::Error — how script exceptions reach the host, and how host code raises them.
#pragma once

#include <stdexcept>
#include <string>

namespace tscript {

// A script exception seen from C++ (thrown by every Interpreter call that runs code), and
// the way a registered C++ function raises a particular script exception:
//   throw tscript::Error("ValueError", "negative size");
// type(): the Python class name ("ZeroDivisionError"); message(): str(exc);
// traceback(): the CPython-style report ("Traceback (most recent call last): ...").
class Error : public std::runtime_error {
 public:
  Error(std::string type, std::string message, std::string traceback = {})
      : std::runtime_error(type + ": " + message),
        type_(std::move(type)),
        message_(std::move(message)),
        traceback_(std::move(traceback)) {}
  const std::string& type() const noexcept { return type_; }
  const std::string& message() const noexcept { return message_; }
  const std::string& traceback() const noexcept { return traceback_; }

 private:
  std::string type_, message_, traceback_;
};

}  // namespace tscript
