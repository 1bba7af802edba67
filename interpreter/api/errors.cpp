// Exceptions across the host boundary (see errors.h).
#include "interpreter/api/errors.h"

#include "interpreter/bindings/tensor_object.h"
#include "interpreter/objects/protocol.h"

namespace tscript {

Error to_host_error(VM& v, const Value& exc) {
  std::string type = exc.is_obj() ? exc.obj()->type->name : type_name(exc);
  return Error(type, exception_message(exc), v.format_exception(exc));
}

namespace {
Type* builtin_exception_type(const std::string& name) {
  Value t = vm().builtins->get(intern(name));
  if (!is_exception_type(t)) return nullptr;
  return static_cast<Type*>(t.obj());
}
}  // namespace

void raise_host_exception() {
  try {
    throw;
  } catch (ScriptError&) {
    throw;
  } catch (const Error& e) {
    if (Type* t = builtin_exception_type(e.type())) raise(t, e.message());
    raise(exc_types().runtime_error, e.type() + ": " + e.message());
  } catch (const std::bad_alloc&) {
    throw;  // the VM reports MemoryError
  } catch (const std::exception&) {
    bindings::raise_current_exception();
  } catch (...) {
    raise(exc_types().runtime_error, "unknown C++ exception in a host function");
  }
}

}  // namespace tscript
