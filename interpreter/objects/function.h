// Callables: code objects, script functions, native functions bound by signature string,
// bound methods; and the parameter binder they all share.
#pragma once

#include <string>
#include <vector>

#include "interpreter/objects/object.h"

namespace tscript {

// Parameters in CPython's co_varnames order: positional (posonly first), keyword-only,
// then the *args and **kwargs names when present.
struct Signature {
  std::string name;  // qualified name used in error messages ("Foo.bar")
  std::vector<Ref<Str>> params;
  int argcount = 0;  // positional parameters, including positional-only
  int posonly = 0;
  int kwonly = 0;
  bool varargs = false;
  bool varkw = false;
  // Natives only: keyword-only parameters (bit k) whose Null default means "absent".
  uint32_t kw_optional = 0;
  int nslots() const { return argcount + kwonly + (varargs ? 1 : 0) + (varkw ? 1 : 0); }
};

// Binds a call's arguments to `sig`'s slots in `out` (nslots() Values).
// args: nargs positional values followed by len(kwnames) keyword values.
// defaults: values of the last ndefaults positional parameters; kwdefaults: one per
// keyword-only parameter (Null = required). Raises TypeError like CPython.
void bind_arguments(const Signature& sig, const Value* defaults, int ndefaults,
                    const Value* kwdefaults, const Value* args, int nargs, const Tuple* kwnames,
                    Value* out);

struct ExceptionEntry {
  uint32_t start, end;  // protected instruction range [start, end)
  uint32_t handler;     // jump target
  uint32_t depth;       // value-stack depth to unwind to before pushing the exception
};

enum CodeFlags : uint32_t {
  kCodeGenerator = 1,
  kCodeModule = 2,   // module/class body: names resolve through dicts
  kCodeClassBody = 4,
};

struct Code : Object {
  static constexpr Layout kLayout = Layout::Code;
  Signature sig;  // sig.name is the qualified name
  std::string name;
  std::vector<uint32_t> code;          // 8-bit opcode | 24-bit argument
  std::vector<int32_t> lines;          // source line of each instruction
  std::vector<Value> consts;
  std::vector<Ref<Str>> names;         // global/attribute names
  std::vector<Ref<Str>> varnames;      // fast locals (parameters first)
  std::vector<Ref<Str>> cellvars;      // locals captured by inner functions
  std::vector<Ref<Str>> freevars;      // captured from enclosing functions
  std::vector<int32_t> cell2arg;       // per cellvar: parameter slot to copy in, or -1
  std::vector<ExceptionEntry> exc_table;  // innermost ranges first
  uint32_t flags = 0;
  // No cells, not a generator, only positional parameters: calls can skip the binder.
  bool simple_call = false;
  int nlocals = 0;
  int stacksize = 0;
  std::string filename;
  int firstline = 0;
  // Inline caches, one per instruction. LOAD_GLOBAL: where the name was found, valid while
  // neither table has gained or lost a key (values are re-read, so rebinding is seen).
  // LOAD_ATTR/STORE_ATTR/LOAD_METHOD: `index` is the entry where the name was last found
  // in an instance dict (a hint, checked before use).
  struct InlineCache {
    const void* owner = nullptr;   // LOAD_GLOBAL: the globals table; attribute ops: the type
    uint64_t version = 0;          // LOAD_GLOBAL: that table's version; attribute ops: type_lookup_epoch()
    uint64_t builtins_version = 0;
    const Value* found = nullptr;  // attribute ops: the type's attribute (nullptr: none)
    int64_t index = -1;
    bool in_builtins = false;
  };
  std::vector<InlineCache> inline_cache;
  Code();
  int line_at(size_t pc) const { return pc < lines.size() ? lines[pc] : firstline; }
};

struct Function : Object {
  static constexpr Layout kLayout = Layout::Function;
  Ref<Code> code;
  Ref<Dict> globals;
  std::vector<Value> defaults;
  std::vector<Value> kwdefaults;  // one per keyword-only parameter (Null = none)
  std::vector<Ref<Cell>> closure;
  Ref<Str> name;
  Ref<Str> qualname;
  Value module;  // the defining module's name
  Ref<Dict> dict;  // function attributes (lazily created)
  Type* owner_class = nullptr;  // the class a method was defined in (zero-arg super)
  Function(Ref<Code> c, Ref<Dict> g);
};

// Native callables receive their bound slots (see Signature) and a data Value
// (the `self` context for per-module natives).
using NativeImpl = Value (*)(Value* slots, const Value& data);

struct NativeFunction : Object {
  static constexpr Layout kLayout = Layout::NativeFunction;
  Signature sig;
  std::vector<Value> defaults;
  std::vector<Value> kwdefaults;
  NativeImpl fn;
  Value data;
  NativeFunction(Signature s, NativeImpl f);
};

// Builds a native function from a Python signature string, e.g.
//   native("print(*args, sep=' ', end='\\n', file=None, flush=False)", fn)
// Default values may be literals: None True False ints floats and quoted strings.
Ref<NativeFunction> native(const char* signature, NativeImpl fn, Value data = Value());

struct BoundMethod : Object {
  static constexpr Layout kLayout = Layout::BoundMethod;
  Value self;
  Value func;
  BoundMethod(Value s, Value f);
};

}  // namespace tscript
