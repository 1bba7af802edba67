// The interpreter state and the bytecode evaluation loop.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "interpreter/objects/exception.h"
#include "interpreter/objects/function.h"
#include "interpreter/objects/object.h"

namespace tscript {

class Policy;             // include/tscript/policy.h
struct ExecutionLimits;   // interpreter/api/limits.h

struct Frame {
  Code* code = nullptr;
  Function* func = nullptr;  // null for module code
  Dict* globals = nullptr;
  Dict* locals = nullptr;    // class-body namespace (LOAD_NAME/STORE_NAME), else null
  Value* fast = nullptr;     // nlocals locals, then cells (cellvars, freevars)
  Value* stack = nullptr;    // value stack base
  Value* sp = nullptr;       // next free stack slot
  uint32_t pc = 0;
  Frame* back = nullptr;
  bool yielded = false;      // set when the frame suspended at a yield
  // Frames of script-to-script calls run inside their caller's VM::run loop, with no C++
  // recursion (see push_frame in eval.cpp). For those, ret_sp is the caller's stack slot
  // that receives the result (everything above it is popped on return); null otherwise.
  Value* ret_sp = nullptr;
  uint32_t nslots = 0;       // arena slots of an inline frame, the Frame itself included
  Value saved_handled;       // the caller's handled exception, restored on return
};

struct Generator;
class VM;

// Per-thread interpreter state. One interpreter runs on one thread at a time.
class VM {
 public:
  VM();
  ~VM();

  Ref<Dict> builtins;
  Ref<Dict> modules;          // sys.modules
  Value handled_exc;          // the exception being handled (bare `raise`, __context__)
  Frame* frame = nullptr;     // innermost running frame
  int depth = 0;
  int recursion_limit = 1000;
  std::vector<std::string> argv;
  std::vector<std::string> search_path;
  // Source lines by file name, for tracebacks and error carets.
  std::unordered_map<std::string, std::vector<std::string>> sources;
  // Where print() writes by default.
  std::function<void(const std::string&)> write_stdout;
  std::function<void(const std::string&)> write_stderr;
  std::atomic<bool> interrupt_requested{false};
  // Backward jumps and frame entries count this down; at zero the loop calls
  // poll_limits(), so interrupts, budgets and deadlines cost one branch on the fast path.
  int64_t poll_countdown = kPollInterval;
  static constexpr int64_t kPollInterval = 1024;
  ExecutionLimits* limits = nullptr;  // embedding API budgets; null: unlimited
  const Policy* policy = nullptr;     // embedding API sandbox; null: everything allowed (CLI)
  int import_level_ = 0;  // set by IMPORT_LEVEL for the next IMPORT_NAME
  std::unordered_set<std::string> warned_;  // locations already warned about
  bool reraising_ = false;  // the exception in flight is a re-raise (no new traceback line)

  // Runs a frame until it returns (or yields, for generator frames).
  Value run(Frame* f);
  // Inline frames (see Frame::ret_sp): entered and left by the dispatch loop.
  Frame* push_frame(Function* fn, Value* args, uint32_t nargs, Value* ret_sp);
  void pop_frame(Frame* f);
  bool unwind_inline(Frame*& f, ScriptError& err);
  // Calls a script function.
  Value call_function(Function* fn, const Value* args, int nargs, const Tuple* kwnames);

  // Value-stack arena for frames of ordinary calls (generators own their storage).
  Value* alloc_slots(size_t n) {
    if (arena_top_ + n > arena_size_) raise(exc_types().recursion_error, "maximum recursion depth exceeded");
    Value* base = arena_ + arena_top_;
    arena_top_ += n;
    return base;
  }
  void free_slots(Value* base, size_t n) { free_slots(base, n, n); }
  // Releases `total` slots of which only the first `used` may hold values.
  void free_slots(Value* base, size_t used, size_t total) {
    for (size_t i = 0; i < used; ++i) base[i] = Value();
    arena_top_ -= total;
  }

  // Compiles and runs source as the module `name` (registered in sys.modules).
  Value exec_module(const std::string& source, const std::string& filename, const std::string& name,
                    Ref<Dict> globals = Ref<Dict>(), bool interactive = false);
  // The formatted traceback of an exception, as CPython prints it.
  std::string format_exception(const Value& exc);
  // Python's default warning action: "file:line: Category: message" and the source line
  // on stderr, once per location and message (warnings.warn from native code).
  void warn(const std::string& category, const std::string& message);

 private:
  Value* arena_ = nullptr;  // mmap-ed: all-zero bytes are None Values
  size_t arena_size_ = 0;
  size_t arena_top_ = 0;
};

// Value slots for one frame, taken from the VM's arena and given back on scope exit.
struct SlotLease {
  SlotLease(VM& v, size_t n);
  ~SlotLease();
  SlotLease(const SlotLease&) = delete;
  SlotLease& operator=(const SlotLease&) = delete;
  VM& vm;
  size_t n;
  Value* base;
};
inline SlotLease::SlotLease(VM& v, size_t count) : vm(v), n(count), base(v.alloc_slots(count)) {}
inline SlotLease::~SlotLease() { vm.free_slots(base, n); }

// The slow path of the countdown: raises KeyboardInterrupt or the limit error, re-arms it
// (interpreter/api/limits.cpp).
void poll_limits(VM& v);

// The VM of the calling thread (set while an interpreter runs).
VM& vm();
void set_current_vm(VM* v);

struct Generator : Object {
  static constexpr Layout kLayout = Layout::Generator;
  Ref<Function> func;
  std::unique_ptr<Value[]> storage;
  Frame frame;
  bool started = false, running = false, finished = false;
  Value handled_exc;  // the generator's own handled exception while suspended
  Generator(Ref<Function> f, size_t nslots);
  ~Generator() override;
  // Resumes with `sent`. Returns true and sets out to the yielded value, or false and sets
  // out to the returned value when the generator finished.
  bool resume(const Value& sent, Value& out);
};

// Registers the built-in functions, exception types and standard modules in a VM.
void install_builtins(VM& v);
// Built-in modules implemented natively (math, time, sys, ...): name -> factory.
using ModuleFactory = Ref<Module> (*)(VM& v);
void register_native_module(const std::string& name, ModuleFactory f);
// Imports a module by dotted name (level > 0: relative to the package of `globals`).
Value import_module(const std::string& name, const Value& fromlist, int level, Dict* globals);

}  // namespace tscript
