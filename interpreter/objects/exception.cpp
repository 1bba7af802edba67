#include "interpreter/objects/exception.h"

#include "interpreter/objects/format.h"
#include "interpreter/objects/function.h"
#include "interpreter/objects/protocol.h"

namespace tscript {

Exception::Exception(Type* t) : Object(t), args(make<Tuple>()), dict(make<Dict>()) { incref(t); }
Exception::~Exception() { decref(type); }

namespace {

Value construct_exception(Type* cls, const Value* args, int nargs, const Tuple* kwnames) {
  auto e = Ref<Exception>(new Exception(cls));
  e->args = make<Tuple>(std::vector<Value>(args, args + nargs));
  return Value(static_cast<Object*>(e.get()));
}

ExceptionTypes* create_exception_types() {
  auto* x = new ExceptionTypes();
  Type* meta = types().type;
  auto mk = [&](const char* name, Type* base) {
    Type* t = new Type(meta, name);
    t->refcnt = 1u << 30;
    t->layout = Layout::Exception;
    t->base = base ? base : types().object;
    t->builtin = true;
    t->module_name = "builtins";
    t->dict = make<Dict>();
    t->mro.push_back(t);
    for (Type* b : t->base->mro) t->mro.push_back(b);
    t->construct = construct_exception;
    return t;
  };
  x->base_exception = mk("BaseException", nullptr);
  x->system_exit = mk("SystemExit", x->base_exception);
  x->keyboard_interrupt = mk("KeyboardInterrupt", x->base_exception);
  x->generator_exit = mk("GeneratorExit", x->base_exception);
  x->exception = mk("Exception", x->base_exception);
  x->stop_iteration = mk("StopIteration", x->exception);
  x->arithmetic_error = mk("ArithmeticError", x->exception);
  x->overflow_error = mk("OverflowError", x->arithmetic_error);
  x->zero_division_error = mk("ZeroDivisionError", x->arithmetic_error);
  x->assertion_error = mk("AssertionError", x->exception);
  x->attribute_error = mk("AttributeError", x->exception);
  x->eof_error = mk("EOFError", x->exception);
  x->import_error = mk("ImportError", x->exception);
  x->module_not_found_error = mk("ModuleNotFoundError", x->import_error);
  x->lookup_error = mk("LookupError", x->exception);
  x->index_error = mk("IndexError", x->lookup_error);
  x->key_error = mk("KeyError", x->lookup_error);
  x->memory_error = mk("MemoryError", x->exception);
  x->name_error = mk("NameError", x->exception);
  x->unbound_local_error = mk("UnboundLocalError", x->name_error);
  x->os_error = mk("OSError", x->exception);
  x->file_not_found_error = mk("FileNotFoundError", x->os_error);
  x->file_exists_error = mk("FileExistsError", x->os_error);
  x->permission_error = mk("PermissionError", x->os_error);
  x->is_a_directory_error = mk("IsADirectoryError", x->os_error);
  x->not_a_directory_error = mk("NotADirectoryError", x->os_error);
  x->timeout_error = mk("TimeoutError", x->os_error);
  x->runtime_error = mk("RuntimeError", x->exception);
  x->not_implemented_error = mk("NotImplementedError", x->runtime_error);
  x->recursion_error = mk("RecursionError", x->runtime_error);
  x->syntax_error = mk("SyntaxError", x->exception);
  x->indentation_error = mk("IndentationError", x->syntax_error);
  x->tab_error = mk("TabError", x->indentation_error);
  x->type_error = mk("TypeError", x->exception);
  x->value_error = mk("ValueError", x->exception);
  x->unicode_error = mk("UnicodeError", x->value_error);
  x->warning = mk("Warning", x->exception);
  x->user_warning = mk("UserWarning", x->warning);
  x->deprecation_warning = mk("DeprecationWarning", x->warning);
  return x;
}

}  // namespace

const ExceptionTypes& exc_types() {
  static ExceptionTypes* x = create_exception_types();
  return *x;
}

Value make_exception(Type* type, std::vector<Value> args) {
  auto e = Ref<Exception>(new Exception(type));
  e->args = make<Tuple>(std::move(args));
  return Value(static_cast<Object*>(e.get()));
}

Value make_exception(Type* type, const std::string& msg) {
  if (msg.empty()) return make_exception(type, std::vector<Value>{});
  return make_exception(type, std::vector<Value>{str(msg)});
}

void raise(Type* type, const std::string& msg) { throw ScriptError{make_exception(type, msg)}; }
void raise_value(Value exc) { throw ScriptError{std::move(exc)}; }
void type_error(const std::string& msg) { raise(exc_types().type_error, msg); }
void value_error(const std::string& msg) { raise(exc_types().value_error, msg); }
void index_error(const std::string& msg) { raise(exc_types().index_error, msg); }
void runtime_error(const std::string& msg) { raise(exc_types().runtime_error, msg); }
void overflow_error() {
  raise(exc_types().overflow_error, "integer overflow: tscript ints are 64-bit");
}

void raise_format_error(const FormatError& e) {
  const ExceptionTypes& x = exc_types();
  Type* t = e.kind == PyErrorKind::ZeroDivisionError ? x.zero_division_error
            : e.kind == PyErrorKind::OverflowError   ? x.overflow_error
            : e.kind == PyErrorKind::TypeError       ? x.type_error
                                                     : x.value_error;
  raise(t, e.what());
}

bool is_exception_type(const Value& v) {
  auto* t = v.as<Type>();
  return t && t->is_subtype(exc_types().base_exception);
}

std::string exception_message(const Value& exc) {
  auto* e = exc.as<Exception>();
  if (!e) return to_str(exc);
  Value custom = type_lookup(exc, intern("__str__"));
  if (!custom.is_null() && custom.is<Function>()) return to_str(call(custom, {exc}));
  const auto& args = e->args->items;
  if (args.empty()) return "";
  if (args.size() == 1) {
    if (e->type->is_subtype(exc_types().key_error)) return repr(args[0]);
    return to_str(args[0]);
  }
  return repr(Value(static_cast<Object*>(e->args.get())));
}

}  // namespace tscript
