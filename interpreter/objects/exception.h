// Script exceptions: objects of the BaseException hierarchy, and the C++ exception that
// carries one through native code (native functions raise by throwing ScriptError).
#pragma once

#include <string>
#include <vector>

#include "interpreter/objects/object.h"

namespace tscript {

struct TracebackEntry {
  std::string filename;
  int line;
  std::string funcname;
};

struct Exception : Object {
  static constexpr Layout kLayout = Layout::Exception;
  Ref<Tuple> args;
  Ref<Dict> dict;  // attributes set by scripts (user exception classes)
  std::vector<TracebackEntry> traceback;  // innermost call last, as printed
  Value cause;     // raise ... from cause
  Value context;   // the exception being handled when this one was raised
  bool suppress_context = false;
  explicit Exception(Type* t);
  ~Exception() override;
};

// Thrown by native code and the VM to propagate a script exception.
struct ScriptError {
  Value exc;  // an Exception object
};

struct ExceptionTypes {
  Type *base_exception, *exception, *arithmetic_error, *assertion_error, *attribute_error,
      *import_error, *module_not_found_error, *index_error, *key_error, *lookup_error,
      *keyboard_interrupt, *name_error, *unbound_local_error, *not_implemented_error,
      *os_error, *file_not_found_error, *file_exists_error, *permission_error, *overflow_error,
      *recursion_error, *runtime_error, *stop_iteration, *syntax_error, *indentation_error,
      *tab_error, *system_exit, *type_error, *value_error, *zero_division_error,
      *generator_exit, *unicode_error, *memory_error, *eof_error, *warning, *user_warning,
      *deprecation_warning, *is_a_directory_error, *not_a_directory_error, *timeout_error;
};
const ExceptionTypes& exc_types();

// Creates an exception instance of `type` with one string argument.
Value make_exception(Type* type, const std::string& msg);
Value make_exception(Type* type, std::vector<Value> args);
[[noreturn]] void raise(Type* type, const std::string& msg);
[[noreturn]] void raise_value(Value exc);
[[noreturn]] void type_error(const std::string& msg);
[[noreturn]] void value_error(const std::string& msg);
[[noreturn]] void index_error(const std::string& msg);
[[noreturn]] void runtime_error(const std::string& msg);
[[noreturn]] void overflow_error();
// Raises the Python exception a formatting/parsing helper reported (objects/format.h).
struct FormatError;
[[noreturn]] void raise_format_error(const FormatError& e);

// str(exc) as Python prints it after "Type: " (KeyError shows repr of its single arg).
std::string exception_message(const Value& exc);
bool is_exception_type(const Value& v);

}  // namespace tscript
