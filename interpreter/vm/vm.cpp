// VM state, frames, script-function calls, generators, raising and tracebacks.
#include "interpreter/vm/vm.h"

#include <sys/mman.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "interpreter/compiler/compiler.h"
#include "interpreter/front/parser.h"
#include "interpreter/objects/protocol.h"
#include "interpreter/vm/vm_internal.h"

namespace tscript {

namespace {
thread_local VM* g_current = nullptr;
constexpr size_t kArenaSlots = 1 << 20;  // 16 MiB of Values for ordinary frames

std::vector<std::string> split_lines(const std::string& src) {
  std::vector<std::string> lines;
  std::string cur;
  for (size_t i = 0; i < src.size(); ++i) {
    char c = src[i];
    if (c == '\n') {
      lines.push_back(cur);
      cur.clear();
    } else if (c == '\r') {
      lines.push_back(cur);
      cur.clear();
      if (i + 1 < src.size() && src[i + 1] == '\n') ++i;
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) lines.push_back(cur);
  return lines;
}
}  // namespace

VM& vm() { return *g_current; }
void set_current_vm(VM* v) { g_current = v; }

VM::VM() {
  arena_size_ = kArenaSlots;
  // Straight from mmap: the pages come zeroed (all-zero bytes are None Values) and are
  // only touched as frames use them. calloc of a freed 16 MiB block may instead come
  // from the heap and clear every byte, which made each new interpreter cost ~1.5 ms.
  void* p = ::mmap(nullptr, arena_size_ * sizeof(Value), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  arena_ = static_cast<Value*>(p);
  modules = make<Dict>();
  builtins = make<Dict>();
  write_stdout = [](const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); };
  write_stderr = [](const std::string& s) {
    std::fflush(stdout);
    std::fwrite(s.data(), 1, s.size(), stderr);
  };
  VM* prev = g_current;
  g_current = this;
  install_builtins(*this);
  g_current = prev ? prev : this;
}

VM::~VM() {
  VM* prev = g_current;
  g_current = this;
  handled_exc = Value();
  // Module dicts reference functions that reference the dicts: break the cycles.
  for (auto& e : modules->table.entries()) {
    if (auto* m = e.value.as<Module>()) m->dict->table.clear();
  }
  modules = Ref<Dict>();
  builtins->table.clear();
  builtins = Ref<Dict>();
  g_current = prev == this ? nullptr : prev;
  ::munmap(arena_, arena_size_ * sizeof(Value));  // every slot is None again once its frame is gone
}

ScriptError memory_error() { return ScriptError{make_exception(exc_types().memory_error, "")}; }

Value* unwind_to_handler(VM& v, Frame* f, ScriptError& err, uint32_t fault, Value* sp, uint32_t& pc) {
  auto* exc = err.exc.as<Exception>();
  if (exc) {
    if (!v.reraising_) {
      exc->traceback.push_back({f->code->filename, f->code->line_at(fault), f->code->name});
    }
    if (exc->context.is_none() && !v.handled_exc.is_none() && !v.handled_exc.identical(err.exc))
      exc->context = v.handled_exc;
  }
  v.reraising_ = false;
  for (auto& e : f->code->exc_table) {
    if (fault >= e.start && fault < e.end) {
      Value* target = f->stack + e.depth;
      while (sp > target) *--sp = Value();
      *sp++ = err.exc;
      pc = e.handler;
      return sp;
    }
  }
  // Not handled here: clear this frame's stack; the caller frees the slots.
  while (sp > f->stack) *--sp = Value();
  f->sp = sp;
  return nullptr;
}

void throw_reraise(const Value& exc) {
  vm().reraising_ = true;
  throw ScriptError{exc};
}

void check_interrupt() {
  VM& v = vm();
  if (v.interrupt_requested.exchange(false)) raise(exc_types().keyboard_interrupt, "");
}

// ---- script function calls ----

namespace {
// Creates closure cells (copying parameters that are captured) and installs free cells.
void setup_cells(Code* co, Function* fn, Value* fast) {
  Value* cells = fast + co->nlocals;
  for (size_t i = 0; i < co->cellvars.size(); ++i) {
    auto c = make<Cell>();
    int arg = co->cell2arg[i];
    if (arg >= 0) c->value = fast[arg];
    cells[i] = Value(static_cast<Object*>(c.get()));
  }
  size_t ncell = co->cellvars.size();
  for (size_t i = 0; i < co->freevars.size(); ++i)
    cells[ncell + i] = Value(static_cast<Object*>(fn->closure[i].get()));
}

void bind_into(Code* co, Function* fn, const Value* args, int nargs, const Tuple* kwnames, Value* fast) {
  const Signature& sig = co->sig;
  int nslots = sig.nslots();
  if (!kwnames && nargs == sig.argcount && !sig.varargs && !sig.varkw && sig.kwonly == 0) {
    for (int i = 0; i < nargs; ++i) fast[i] = args[i];
  } else {
    bind_arguments(sig, fn->defaults.data(), static_cast<int>(fn->defaults.size()),
                   fn->kwdefaults.empty() ? nullptr : fn->kwdefaults.data(), args, nargs, kwnames, fast);
  }
  for (int i = nslots; i < co->nlocals; ++i) fast[i] = Value::null();
}
}  // namespace

Value VM::call_function(Function* fn, const Value* args, int nargs, const Tuple* kwnames) {
  Code* co = fn->code.get();
  size_t nfast = co->nlocals + co->cellvars.size() + co->freevars.size();
  size_t total = nfast + co->stacksize;
  if (co->flags & kCodeGenerator) {
    auto gen = make<Generator>(Ref<Function>(fn), total);
    Value* fast = gen->storage.get();
    bind_into(co, fn, args, nargs, kwnames, fast);
    setup_cells(co, fn, fast);
    return Value(static_cast<Object*>(gen.get()));
  }
  SlotLease lease(*this, total);
  Value* base = lease.base;
  bind_into(co, fn, args, nargs, kwnames, base);
  if (nfast > static_cast<size_t>(co->nlocals)) setup_cells(co, fn, base);
  Frame fr;
  fr.code = co;
  fr.func = fn;
  fr.globals = fn->globals.get();
  fr.fast = base;
  fr.stack = base + nfast;
  fr.sp = fr.stack;
  return run(&fr);
}

// ---- generators ----

Generator::Generator(Ref<Function> f, size_t nslots) : Object(types().generator), func(std::move(f)) {
  storage.reset(new Value[nslots]);
  Code* co = func->code.get();
  size_t nfast = co->nlocals + co->cellvars.size() + co->freevars.size();
  frame.code = co;
  frame.func = func.get();
  frame.globals = func->globals.get();
  frame.fast = storage.get();
  frame.stack = storage.get() + nfast;
  frame.sp = frame.stack;
}

Generator::~Generator() = default;

bool Generator::resume(const Value& sent, Value& out) {
  if (finished) {
    out = Value();
    return false;
  }
  if (running) value_error("generator already executing");
  if (!started && !sent.is_none()) type_error("can't send non-None value to a just-started generator");
  if (started) *frame.sp++ = sent;
  started = true;
  running = true;
  VM& v = vm();
  std::swap(v.handled_exc, handled_exc);
  try {
    out = v.run(&frame);
  } catch (ScriptError& e) {
    std::swap(v.handled_exc, handled_exc);
    running = false;
    finished = true;
    storage.reset();
    if (is_instance(e.exc, exc_types().stop_iteration)) {
      Value err = make_exception(exc_types().runtime_error, "generator raised StopIteration");
      err.as<Exception>()->cause = e.exc;
      throw ScriptError{err};
    }
    throw;
  }
  std::swap(v.handled_exc, handled_exc);
  running = false;
  if (frame.yielded) {
    frame.yielded = false;
    return true;
  }
  finished = true;
  storage.reset();
  return false;
}

// ---- raising ----

void do_raise(const Value& exc_in, const Value& cause_in) {
  Value exc = exc_in;
  if (auto* t = exc.as<Type>()) {
    if (!t->is_subtype(exc_types().base_exception))
      type_error("exceptions must derive from BaseException");
    exc = call(exc, {});
  }
  auto* e = exc.as<Exception>();
  if (!e) type_error("exceptions must derive from BaseException");
  if (!cause_in.is_null()) {
    Value cause = cause_in;
    if (auto* t = cause.as<Type>()) {
      if (!t->is_subtype(exc_types().base_exception))
        type_error("exception causes must derive from BaseException");
      cause = call(cause, {});
    }
    if (!cause.is_none() && !cause.is<Exception>()) type_error("exception causes must derive from BaseException");
    e->cause = cause;
    e->suppress_context = true;
  }
  throw ScriptError{exc};
}

bool exception_matches(const Value& exc, const Value& type) {
  if (auto* t = type.as<Tuple>()) {
    for (auto& x : t->items)
      if (exception_matches(exc, x)) return true;
    return false;
  }
  auto* t = type.as<Type>();
  if (!t || !t->is_subtype(exc_types().base_exception))
    type_error("catching classes that do not inherit from BaseException is not allowed");
  return type_of(exc)->is_subtype(t);
}

// ---- running modules ----

Value VM::exec_module(const std::string& source, const std::string& filename, const std::string& name,
                      Ref<Dict> globals, bool interactive) {
  auto lines = split_lines(source);
  sources[filename] = lines;
  ast::Module tree;
  try {
    tree = front::parse_module(source, filename);
  } catch (front::SyntaxError& e) {
    const auto& info = e.info();
    Type* t = info.type == "IndentationError" ? exc_types().indentation_error
              : info.type == "TabError"       ? exc_types().tab_error
                                              : exc_types().syntax_error;
    Value exc = make_exception(t, info.msg);
    auto* x = exc.as<Exception>();
    x->dict->set(str("filename"), str(info.filename));
    x->dict->set(str("lineno"), Value(static_cast<int64_t>(info.line)));
    x->dict->set(str("offset"), Value(static_cast<int64_t>(info.col)));
    x->dict->set(str("text"), str(info.text));
    x->dict->set(str("msg"), str(info.msg));
    x->dict->set(str("_formatted"), str(front::format_syntax_error(info)));
    throw ScriptError{exc};
  }
  Ref<Code> code;
  try {
    CompileOptions opts;
    opts.interactive = interactive;
    code = compile_module(tree, filename, lines, opts);
  } catch (front::SyntaxError& e) {
    Value exc = make_exception(exc_types().syntax_error, e.info().msg);
    exc.as<Exception>()->dict->set(str("_formatted"), str(front::format_syntax_error(e.info())));
    throw ScriptError{exc};
  }
  if (!globals) {
    auto mod = make<Module>(name);
    globals = mod->dict;
    globals->set(str("__file__"), str(filename));
    modules->set(str(name), Value(static_cast<Object*>(mod.get())));
  }
  if (globals->get(intern("__builtins__")).is_null())
    globals->set(Value(static_cast<Object*>(intern("__builtins__"))), Value(static_cast<Object*>(builtins.get())));
  size_t total = code->stacksize;
  SlotLease lease(*this, total);
  Value* base = lease.base;
  Frame fr;
  fr.code = code.get();
  fr.globals = globals.get();
  fr.fast = base;
  fr.stack = base;
  fr.sp = base;
  return run(&fr);
}

std::string VM::format_exception(const Value& exc_v) {
  std::string out;
  auto* exc = exc_v.as<Exception>();
  if (!exc) return repr(exc_v) + "\n";
  if (!exc->cause.is_none() && exc->cause.is<Exception>()) {
    out += format_exception(exc->cause);
    out += "\nThe above exception was the direct cause of the following exception:\n\n";
  } else if (!exc->suppress_context && exc->context.is<Exception>()) {
    out += format_exception(exc->context);
    out += "\nDuring handling of the above exception, another exception occurred:\n\n";
  }
  Value formatted = exc->dict ? exc->dict->get(intern("_formatted")) : Value::null();
  if (!exc->traceback.empty()) {
    out += "Traceback (most recent call last):\n";
    for (auto it = exc->traceback.rbegin(); it != exc->traceback.rend(); ++it) {
      out += "  File \"" + it->filename + "\", line " + std::to_string(it->line) + ", in " + it->funcname + "\n";
      auto src = sources.find(it->filename);
      if (src != sources.end() && it->line >= 1 && it->line <= static_cast<int>(src->second.size())) {
        std::string l = src->second[it->line - 1];
        size_t b = l.find_first_not_of(" \t");
        if (b != std::string::npos) out += "    " + l.substr(b) + "\n";
      }
    }
  }
  if (formatted.is<Str>()) {
    out += formatted.as<Str>()->s;
    return out;
  }
  std::string msg = exception_message(exc_v);
  std::string name = exc->type->name;
  if (!exc->type->builtin && exc->type->module_name != "__main__" && exc->type->module_name != "builtins")
    name = exc->type->module_name + "." + name;
  out += msg.empty() ? name + "\n" : name + ": " + msg + "\n";
  return out;
}

void VM::warn(const std::string& category, const std::string& message) {
  std::string file = "sys";
  int line = 1;
  if (frame) {
    file = frame->code->filename;
    line = frame->code->line_at(frame->pc > 0 ? frame->pc - 1 : 0);
  }
  std::string where = file + ":" + std::to_string(line) + ": ";
  if (!warned_.insert(where + category + message).second) return;
  std::string out = where + category + ": " + message + "\n";
  auto src = sources.find(file);
  if (src != sources.end() && line >= 1 && line <= static_cast<int>(src->second.size())) {
    const std::string& l = src->second[line - 1];
    size_t b = l.find_first_not_of(" \t");
    if (b != std::string::npos) out += "  " + l.substr(b) + "\n";
  }
  write_stderr(out);
}

}  // namespace tscript
