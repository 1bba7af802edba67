// tscript::Interpreter — the embedding API. Include "tscript/interpreter.h", link
// tscript_core. Guide: docs/embedding.md.
//
//   tscript::Interpreter interp;                       // sandboxed: no file access
//   interp.def("scale(x, factor=2.0)", [](double x, double f) { return x * f; });
//   interp.exec("y = scale(21.0)");
//   double y = interp.get<double>("y");                // 42.0
//
// Each Interpreter owns a VM: its own globals, sys.modules and limits. Several may live in
// one process and run on different threads (one thread per interpreter at a time).
// Every call that runs script code throws tscript::Error when the script raises.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "tscript/error.h"
#include "tscript/policy.h"
#include "tscript/value.h"

namespace tscript {

class VM;
class Interpreter;

struct Options {
  // Where print() writes (default: the process's stdout / stderr).
  std::function<void(std::string_view)> write_stdout;
  std::function<void(std::string_view)> write_stderr;
  // Imports and file access (default: every module, no file).
  Policy policy;
  // Directories `import` searches for .tscript files (none by default; the built-in stdlib
  // is always there). These are trusted by the host, not checked against the policy.
  std::vector<std::string> module_paths;
  std::vector<std::string> argv;  // sys.argv
};

// Per-call limits: each exec/exec_file/eval/call gets the whole budget afresh.
// Exceeding one raises ExecutionLimitExceeded (a BaseException, so `except Exception`
// in the script does not swallow it) and the call throws tscript::Error.
struct Limits {
  int64_t max_instructions = -1;          // backward jumps + calls; -1: unlimited
  std::chrono::milliseconds timeout{0};   // wall clock; 0: unlimited
  // Bytes of tensor memory the interpreter's calls may hold at once (0: unlimited);
  // an allocation past it raises RuntimeError in the script.
  std::size_t max_tensor_bytes = 0;
};

// A C++ function callable from scripts: receives the bound arguments (one per
// parameter of its signature, defaults filled in) and returns the result.
using HostFunction = std::function<Handle(std::vector<Handle>& args)>;

namespace detail {
// The parameter and result types of a lambda, function pointer or functor.
template <class T>
struct Callable : Callable<decltype(&T::operator())> {};
template <class R, class... A>
struct Callable<R (*)(A...)> {
  using Args = std::tuple<A...>;
};
template <class C, class R, class... A>
struct Callable<R (C::*)(A...) const> : Callable<R (*)(A...)> {};
template <class C, class R, class... A>
struct Callable<R (C::*)(A...)> : Callable<R (*)(A...)> {};

template <class F, class... A, std::size_t... I>
Handle invoke_converted(F& fn, std::vector<Handle>& args, std::tuple<A...>*, std::index_sequence<I...>) {
  using R = std::invoke_result_t<F&, A...>;
  if constexpr (std::is_void_v<R>) {
    fn(Convert<std::decay_t<A>>::from(args[I])...);
    return Handle();
  } else {
    return to_handle(fn(Convert<std::decay_t<A>>::from(args[I])...));
  }
}

// Wraps a typed callable as a HostFunction; `arity` receives its parameter count.
template <class F>
HostFunction bind_typed(F fn, std::size_t& arity) {
  using Args = typename Callable<std::decay_t<F>>::Args;
  arity = std::tuple_size_v<Args>;
  return [fn = std::move(fn)](std::vector<Handle>& args) mutable -> Handle {
    return invoke_converted(fn, args, static_cast<Args*>(nullptr), std::make_index_sequence<std::tuple_size_v<Args>>{});
  };
}
}  // namespace detail

// A native module built by the host (Interpreter::module): `import name` in scripts.
class ModuleBuilder {
 public:
  // Adds a function bound from a Python signature, e.g. "area(w, h=1.0)".
  template <class F>
  ModuleBuilder& def(std::string_view signature, F fn);
  template <class T>
  ModuleBuilder& set(std::string_view name, const T& value);

 private:
  friend class Interpreter;
  ModuleBuilder(Interpreter& interp, Handle module) : interp_(interp), module_(std::move(module)) {}
  Interpreter& interp_;
  Handle module_;
};

class Interpreter {
 public:
  explicit Interpreter(Options options = {});
  ~Interpreter();
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  // Runs statements in the interpreter's __main__ module.
  void exec(std::string_view source, std::string_view filename = "<embed>");
  // Reads and runs a file (the host's choice: not checked against the policy).
  void exec_file(const std::string& path);
  // The value of one expression evaluated in __main__.
  Handle eval(std::string_view expression);
  template <class T>
  T eval(std::string_view expression) { return eval(expression).as<T>(); }

  // Globals of __main__. get() throws Error("NameError") when the name is unbound.
  template <class T>
  void set(std::string_view name, const T& value) { set_handle(name, to_handle(value)); }
  Handle get(std::string_view name);
  template <class T>
  T get(std::string_view name) { return get(name).as<T>(); }
  bool has(std::string_view name);

  // Calls a callable (a global's name, or a Handle) with converted arguments.
  template <class R = Handle, class... A>
  R call(std::string_view function, const A&... args) {
    return convert_result<R>(call_handle(get(function), {to_handle(args)...}, {}));
  }
  template <class R = Handle, class... A>
  R call(const Handle& function, const A&... args) {
    return convert_result<R>(call_handle(function, {to_handle(args)...}, {}));
  }
  // With keyword arguments.
  Handle call_handle(const Handle& function, std::vector<Handle> args,
                     std::vector<std::pair<std::string, Handle>> kwargs);
  // getattr(object, name) / setattr(object, name, value).
  Handle attr(const Handle& object, std::string_view name);
  void set_attr(const Handle& object, std::string_view name, const Handle& value);

  // Registers a global function bound from a Python signature string; arguments are
  // converted to the callable's parameter types, its result back to a script value.
  // C++ exceptions become script exceptions: tscript::Error by its type name,
  // std::invalid_argument/out_of_range/... as rt::Error kinds map them, others RuntimeError.
  template <class F>
  void def(std::string_view signature, F fn) {
    std::size_t arity = 0;
    HostFunction h = detail::bind_typed(std::move(fn), arity);
    def_host(nullptr, signature, std::move(h), arity);
  }
  // A module scripts can import; its functions and values are added through the builder.
  ModuleBuilder module(const std::string& name);

  // Limits applied to each later call; interrupt() may be called from any thread and stops
  // the running call (or the next one) with KeyboardInterrupt.
  void set_limits(Limits limits);
  void interrupt() noexcept;
  Policy& policy();  // may be changed between calls

  // Internal (used by the templates above and the C API).
  void set_handle(std::string_view name, const Handle& value);
  void def_host(const Handle* module, std::string_view signature, HostFunction fn, std::size_t arity);
  VM& vm();
  struct State;  // the VM, __main__, policy and limits (interpreter/api/interpreter.cpp)

 private:
  template <class R>
  static R convert_result(Handle h) {
    if constexpr (std::is_void_v<R>) return;
    else return h.template as<R>();
  }
  std::unique_ptr<State> s_;
};

template <class F>
ModuleBuilder& ModuleBuilder::def(std::string_view signature, F fn) {
  std::size_t arity = 0;
  HostFunction h = detail::bind_typed(std::move(fn), arity);
  interp_.def_host(&module_, signature, std::move(h), arity);
  return *this;
}

template <class T>
ModuleBuilder& ModuleBuilder::set(std::string_view name, const T& value) {
  interp_.set_attr(module_, name, to_handle(value));
  return *this;
}

}  // namespace tscript
