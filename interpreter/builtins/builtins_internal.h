// Shared helpers for the files that define built-in functions, types and modules.
#pragma once

#include <string>

#include "interpreter/objects/exception.h"
#include "interpreter/objects/format.h"
#include "interpreter/objects/function.h"
#include "interpreter/objects/iterator.h"
#include "interpreter/objects/protocol.h"
#include "interpreter/vm/vm.h"

namespace tscript {

// Binds a native function into a namespace dict under its own name.
inline void def(Dict* ns, const char* signature, NativeImpl fn, Value data = Value()) {
  auto f = native(signature, fn, std::move(data));
  ns->set(Value(static_cast<Object*>(intern(f->sig.name))), Value(static_cast<Object*>(f.get())));
}
// Adds a method to a built-in type (the signature names `self` first).
inline void method(Type* t, const char* signature, NativeImpl fn) {
  auto f = native(signature, fn);
  std::string name = f->sig.name;
  f->sig.name = t->name + "." + name;
  t->dict->set(Value(static_cast<Object*>(intern(name))), Value(static_cast<Object*>(f.get())));
}
inline void set_global(Dict* ns, const char* name, const Value& v) {
  ns->set(Value(static_cast<Object*>(intern(name))), v);
}

// A built-in class for native objects (immortal; single base, object when null).
inline Type* new_builtin_type(const char* name, const char* module, Layout layout, Type* base) {
  Type* t = new Type(types().type, name);
  t->refcnt = 1u << 30;
  t->layout = layout;
  t->builtin = true;
  t->base = base ? base : types().object;
  t->mro = {t};
  for (Type* b : t->base->mro) t->mro.push_back(b);
  t->module_name = module;
  t->dict = make<Dict>();
  return t;
}

// Raises the OSError subclass CPython picks for `err` (FileNotFoundError for ENOENT, ...)
// with its message "[Errno 2] No such file or directory: 'name'" and the errno, strerror
// and filename attributes (file_object.cpp); without a filename, "[Errno 22] Invalid argument".
[[noreturn]] void raise_os_error(int err, const std::string& filename);
[[noreturn]] void raise_os_error(int err);

// Argument helpers with Python's error messages.
std::string arg_str(const Value& v, const char* fname);
int64_t arg_int(const Value& v, const char* fname);
double arg_float(const Value& v, const char* fname);  // int or float (or __float__)
[[noreturn]] inline void rethrow_format(const FormatError& e) { raise_format_error(e); }

// Each file registers its part.
void install_core_functions(VM& v, Dict* b);
void install_type_constructors(VM& v, Dict* b);
void install_str_methods();
void install_list_methods();
void install_dict_methods();
void install_iter_builtins(VM& v, Dict* b);
void install_exceptions(VM& v, Dict* b);
void install_modules(VM& v);
void install_file_builtins(VM& v, Dict* b);  // open()

Value make_table_iter(const Value& owner, HashTable* t, int mode);
Ref<NativeFunction> object_init_function();
// sorted()/list.sort() core: stable, with key and reverse.
void sort_values(std::vector<Value>& items, const Value& key, bool reverse);

}  // namespace tscript
