// Registers the exception hierarchy in builtins, with BaseException's methods.
#include "interpreter/builtins/builtins_internal.h"

namespace tscript {

namespace {

Value exc_init(Value* a, const Value&) {
  auto* e = a[0].as<Exception>();
  if (e) e->args = Ref<Tuple>(a[1].as<Tuple>());
  return Value();
}

Value exc_with_traceback(Value* a, const Value&) { return a[0]; }

Value exc_str(Value* a, const Value&) { return str(exception_message(a[0])); }
Value exc_repr(Value* a, const Value&) { return str(repr(a[0])); }

}  // namespace

void install_exceptions(VM& v, Dict* b) {
  const ExceptionTypes& x = exc_types();
  static bool once = [&] {
    Type* base = x.base_exception;
    method(base, "__init__(self, *args)", exc_init);
    method(base, "with_traceback(self, tb, /)", exc_with_traceback);
    method(base, "__str__(self)", exc_str);
    method(base, "__repr__(self)", exc_repr);
    return true;
  }();
  (void)once;
  for (Type* t : {x.base_exception, x.exception, x.arithmetic_error, x.assertion_error, x.attribute_error,
                  x.import_error, x.module_not_found_error, x.index_error, x.key_error, x.lookup_error,
                  x.keyboard_interrupt, x.name_error, x.unbound_local_error, x.not_implemented_error,
                  x.os_error, x.file_not_found_error, x.file_exists_error, x.permission_error,
                  x.overflow_error, x.recursion_error, x.runtime_error, x.stop_iteration, x.syntax_error,
                  x.indentation_error, x.tab_error, x.system_exit, x.type_error, x.value_error,
                  x.zero_division_error, x.generator_exit, x.unicode_error, x.memory_error, x.eof_error,
                  x.warning, x.user_warning, x.deprecation_warning, x.is_a_directory_error,
                  x.not_a_directory_error, x.timeout_error}) {
    set_global(b, t->name.c_str(), Value(static_cast<Object*>(t)));
  }
  set_global(b, "IOError", Value(static_cast<Object*>(x.os_error)));
  set_global(b, "EnvironmentError", Value(static_cast<Object*>(x.os_error)));
}

}  // namespace tscript
