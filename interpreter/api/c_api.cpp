// The C API (include/tscript/tscript_c.h) over tscript::Interpreter: C++ exceptions stop
// here and become a status code plus the interpreter's last-error text.
#include "tscript/tscript_c.h"

#include <string>

#include "tscript/interpreter.h"

struct tscript_interp {
  tscript::Interpreter interp;
  std::string error_type, error_text, string_result;
};

namespace {

template <class F>
int status_of(tscript_interp* i, F&& f) {
  i->error_type.clear();
  i->error_text.clear();
  try {
    f();
    return 0;
  } catch (const tscript::Error& e) {
    i->error_type = e.type();
    i->error_text = e.traceback().empty() ? std::string(e.what()) : e.traceback();
  } catch (const std::exception& e) {
    i->error_type = "RuntimeError";
    i->error_text = std::string("RuntimeError: ") + e.what();
  }
  return -1;
}

}  // namespace

extern "C" {

tscript_interp* tscript_create(void) {
  try {
    return new tscript_interp();
  } catch (...) {
    return nullptr;
  }
}

void tscript_destroy(tscript_interp* i) { delete i; }

int tscript_exec(tscript_interp* i, const char* source, const char* filename) {
  return status_of(i, [&] { i->interp.exec(source, filename ? filename : "<embed>"); });
}

int tscript_set_int(tscript_interp* i, const char* name, int64_t value) {
  return status_of(i, [&] { i->interp.set(name, value); });
}
int tscript_set_float(tscript_interp* i, const char* name, double value) {
  return status_of(i, [&] { i->interp.set(name, value); });
}
int tscript_set_string(tscript_interp* i, const char* name, const char* value) {
  return status_of(i, [&] { i->interp.set(name, std::string(value)); });
}
int tscript_get_int(tscript_interp* i, const char* name, int64_t* out) {
  return status_of(i, [&] { *out = i->interp.get<int64_t>(name); });
}
int tscript_get_float(tscript_interp* i, const char* name, double* out) {
  return status_of(i, [&] { *out = i->interp.get<double>(name); });
}
const char* tscript_get_string(tscript_interp* i, const char* name) {
  int rc = status_of(i, [&] { i->string_result = i->interp.get<std::string>(name); });
  return rc == 0 ? i->string_result.c_str() : nullptr;
}

const char* tscript_last_error_type(const tscript_interp* i) { return i->error_type.c_str(); }
const char* tscript_last_error(const tscript_interp* i) { return i->error_text.c_str(); }

void tscript_set_instruction_limit(tscript_interp* i, int64_t max_instructions) {
  tscript::Limits l;
  l.max_instructions = max_instructions;
  i->interp.set_limits(l);
}
void tscript_interrupt(tscript_interp* i) { i->interp.interrupt(); }

}  // extern "C"
