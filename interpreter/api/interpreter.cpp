// tscript::Interpreter: one VM per interpreter, made current on the calling thread for the
// duration of each call, with its policy, limits and output sinks.
#include "tscript/interpreter.h"

#include <fstream>
#include <sstream>

#include "interpreter/api/errors.h"
#include "interpreter/api/handle_access.h"
#include "interpreter/api/host_function.h"
#include "interpreter/api/limits.h"
#include "interpreter/objects/protocol.h"
#include "interpreter/vm/vm.h"
#include "backends/cpu/allocator.h"

namespace tscript {

struct Interpreter::State {
  VM vm;
  Ref<Dict> globals;  // __main__
  Policy policy;
  ExecutionLimits limits;
  int depth = 0;  // nested entries (a host function calling back into this interpreter)
  // The tensor memory cap in force (null: none), and every cap ever set: storages keep a
  // pointer to the allocator that made them, so none is freed while one may be in use.
  rt::cpu::CappedAllocator* tensor_cap = nullptr;
  std::vector<std::unique_ptr<rt::cpu::CappedAllocator>> caps;
};

namespace {

// The interpreter entered last on this thread (vm() has no "none" state to read back).
thread_local VM* t_entered = nullptr;

// Makes an interpreter's VM current on this thread; the outermost entry starts the
// call's budget. Script exceptions leave as tscript::Error, except in a nested call
// (a host function calling back into its script), where the exception object itself
// travels on to the script's handlers.
class Entered {
 public:
  explicit Entered(Interpreter::State& s)
      : s_(s), prev_(t_entered), outermost_(s.depth == 0), allocator_(s.tensor_cap) {
    t_entered = &s.vm;
    set_current_vm(&s.vm);
    ++s_.depth;
    if (outermost_) start_call(s.vm, s.limits);
  }
  // False inside a host function called by this interpreter's script.
  bool outermost() const { return outermost_; }
  ~Entered() {
    --s_.depth;
    t_entered = prev_;
    set_current_vm(prev_);
  }
  Entered(const Entered&) = delete;
  Entered& operator=(const Entered&) = delete;

 private:
  Interpreter::State& s_;
  VM* prev_;
  bool outermost_;
  rt::cpu::AllocatorScope allocator_;  // tensors made by the call count against the cap
};

template <class F>
auto guarded_call(Interpreter::State& s, F&& f) -> decltype(f()) {
  Entered e(s);
  try {
    return f();
  } catch (ScriptError& err) {
    if (!e.outermost()) throw;
    throw to_host_error(s.vm, err.exc);
  } catch (const std::bad_alloc&) {
    throw Error("MemoryError", "out of memory");
  }
}

std::function<void(const std::string&)> sink(std::function<void(std::string_view)> f) {
  return [f = std::move(f)](const std::string& s) { f(s); };
}

}  // namespace

Interpreter::Interpreter(Options options) {
  // install_builtins (in VM's constructor) creates objects that may consult vm().
  VM* prev = t_entered;
  s_ = std::make_unique<State>();
  set_current_vm(prev);
  State& s = *s_;
  s.policy = std::move(options.policy);
  s.vm.policy = &s.policy;
  s.vm.limits = &s.limits;
  s.vm.argv = options.argv.empty() ? std::vector<std::string>{""} : std::move(options.argv);
  s.vm.search_path = std::move(options.module_paths);
  if (options.write_stdout) s.vm.write_stdout = sink(std::move(options.write_stdout));
  if (options.write_stderr) s.vm.write_stderr = sink(std::move(options.write_stderr));
  Entered e(s);
  auto main_mod = make<Module>("__main__");
  s.globals = main_mod->dict;
  s.vm.modules->set(str("__main__"), Value(static_cast<Object*>(main_mod.get())));
}

Interpreter::~Interpreter() {
  {
    // Values die with the VM current (destructors may reach the VM).
    Entered e(*s_);
    s_->globals = Ref<Dict>();
  }
  // A cap with live tensors (held by the VM until it goes, or by the host) must outlive
  // them: it is left allocated, a few bytes, rather than dangling.
  for (auto& cap : s_->caps)
    if (cap->in_use() > 0) (void)cap.release();
}

VM& Interpreter::vm() { return s_->vm; }
Policy& Interpreter::policy() { return s_->policy; }
void Interpreter::set_limits(Limits limits) {
  s_->limits.config = limits;
  s_->tensor_cap = nullptr;
  if (limits.max_tensor_bytes > 0) {
    s_->caps.push_back(std::make_unique<rt::cpu::CappedAllocator>(limits.max_tensor_bytes));
    s_->tensor_cap = s_->caps.back().get();
  }
}
void Interpreter::interrupt() noexcept { s_->vm.interrupt_requested.store(true); }

void Interpreter::exec(std::string_view source, std::string_view filename) {
  guarded_call(*s_, [&] { s_->vm.exec_module(std::string(source), std::string(filename), "__main__", s_->globals); });
}

void Interpreter::exec_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("FileNotFoundError", "[Errno 2] No such file or directory: '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  exec(ss.str(), path);
}

// The expression runs as an assignment to a reserved global (the parser has no expression
// mode), so errors report "<eval>", line 1, as CPython's eval() does.
Handle Interpreter::eval(std::string_view expression) {
  static constexpr const char* kSlot = "__tscript_eval_result__";
  return guarded_call(*s_, [&] {
    std::string src = std::string(kSlot) + " = (" + std::string(expression) + "\n)\n";
    s_->vm.exec_module(src, "<eval>", "__main__", s_->globals);
    Value r = s_->globals->get(intern(kSlot));
    s_->globals->erase(Value(static_cast<Object*>(intern(kSlot))));
    return handle_of(r);
  });
}

void Interpreter::set_handle(std::string_view name, const Handle& value) {
  guarded_call(*s_, [&] { s_->globals->set(Value(static_cast<Object*>(intern(name))), value_of(value)); });
}

Handle Interpreter::get(std::string_view name) {
  return guarded_call(*s_, [&] {
    Value v = s_->globals->get(intern(name));
    if (v.is_null()) v = s_->vm.builtins->get(intern(name));
    if (v.is_null()) raise(exc_types().name_error, "name '" + std::string(name) + "' is not defined");
    return handle_of(v);
  });
}

bool Interpreter::has(std::string_view name) {
  return guarded_call(*s_, [&] { return !s_->globals->get(intern(name)).is_null(); });
}

Handle Interpreter::call_handle(const Handle& function, std::vector<Handle> args,
                                std::vector<std::pair<std::string, Handle>> kwargs) {
  return guarded_call(*s_, [&] {
    std::vector<Value> argv;
    argv.reserve(args.size() + kwargs.size());
    for (auto& a : args) argv.push_back(value_of(a));
    Ref<Tuple> kwnames;
    if (!kwargs.empty()) {
      kwnames = make<Tuple>();
      for (auto& [k, v] : kwargs) {
        kwnames->items.push_back(Value(static_cast<Object*>(intern(k))));
        argv.push_back(value_of(v));
      }
    }
    return handle_of(tscript::call(value_of(function), argv.data(), static_cast<int>(args.size()), kwnames.get()));
  });
}

Handle Interpreter::attr(const Handle& object, std::string_view name) {
  return guarded_call(*s_, [&] { return handle_of(get_attr(value_of(object), intern(name))); });
}

void Interpreter::set_attr(const Handle& object, std::string_view name, const Handle& value) {
  guarded_call(*s_, [&] { tscript::set_attr(value_of(object), intern(name), value_of(value)); });
}

void Interpreter::def_host(const Handle* module, std::string_view signature, HostFunction fn, std::size_t arity) {
  guarded_call(*s_, [&] {
    Ref<NativeFunction> f = make_host_function(signature, std::move(fn), arity);
    Value key(static_cast<Object*>(intern(f->sig.name)));
    Value fv(static_cast<Object*>(f.get()));
    if (module) {
      auto* m = value_of(*module).as<Module>();
      if (m) f->sig.name = m->name->s + "." + f->sig.name;  // error messages name the module
      tscript::set_attr(value_of(*module), static_cast<Str*>(key.obj()), fv);
    } else {
      s_->globals->set(key, fv);
    }
  });
}

ModuleBuilder Interpreter::module(const std::string& name) {
  Handle h = guarded_call(*s_, [&] {
    Value existing = s_->vm.modules->get(str(name));
    if (existing.is<Module>()) return handle_of(existing);
    auto m = make<Module>(name);
    Value mv(static_cast<Object*>(m.get()));
    s_->vm.modules->set(str(name), mv);  // `import name` finds it in sys.modules
    return handle_of(mv);
  });
  // A module the host provides is importable even under a module allow-list.
  if (!s_->policy.may_import(name)) s_->policy.allow_module(name);
  return ModuleBuilder(*this, std::move(h));
}

}  // namespace tscript
