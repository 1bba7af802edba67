// The `torch` native module: builds the namespace from the op tables, adds the dtype
// objects and types, the module-level functions (seeds and RNG state, print options,
// default dtype, type promotion queries, grad mode), and the torch.cuda /
// torch.backends stubs of a CPU-only build.
#include <cmath>
#include <map>
#include <thread>

#include "interpreter/bindings/arg_parser.h"
#include "interpreter/bindings/autograd.h"
#include "interpreter/bindings/grad_mode.h"
#include "interpreter/builtins/builtins_internal.h"
#include "runtime/tensor/print.h"

namespace tscript::bindings {

namespace {

void set(Dict* d, const char* name, const Value& v) { d->set(str(name), v); }

// ---- grad mode: no_grad / enable_grad / set_grad_enabled / inference_mode ----

struct GradModeObject : Object {
  static constexpr Layout kLayout = Layout::Native;
  bool target;       // the mode inside the block
  bool prev = true;  // restored on exit
  GradModeObject(Type* t, bool mode) : Object(t), target(mode) {}
};

// Sets the grad mode for a scope, restoring it on the way out (exceptions included).
struct GradModeScope {
  bool prev;
  explicit GradModeScope(bool mode) : prev(grad_enabled()) { grad_enabled() = mode; }
  ~GradModeScope() { grad_enabled() = prev; }
};

// The function a guard decorates: runs it with the guard's mode.
Value run_decorated(Value* slots, const Value& data) {
  auto* d = data.as<Tuple>();
  GradModeScope scope(d->items[1].as_bool());
  return call_with_kwargs(d->items[0], slots[0], slots[1]);
}

Value guard_call(const Value& self, const Value* args, int nargs, const Tuple* kwnames) {
  if (nargs != 1 || kwnames) type_error("a grad-mode decorator takes one function");
  auto* g = static_cast<GradModeObject*>(self.obj());
  auto f = native("decorated(*args, **kwargs)", run_decorated,
                  Value::steal(new Tuple({args[0], Value(g->target)})));
  Value name = find_attr(args[0], intern("__name__"));
  if (name.is<Str>()) f->sig.name = name.as<Str>()->s;
  return Value(static_cast<Object*>(f.get()));
}

Value guard_enter(Value* a, const Value&) {
  auto* g = static_cast<GradModeObject*>(a[0].obj());
  g->prev = grad_enabled();
  grad_enabled() = g->target;
  return Value();
}

Value guard_exit(Value* a, const Value&) {
  grad_enabled() = static_cast<GradModeObject*>(a[0].obj())->prev;
  return Value(false);
}

// set_grad_enabled(mode) takes effect when constructed (it also works as a plain call).
Value construct_guard(Type* cls, const Value* args, int nargs, const Tuple* kwnames) {
  std::string n = cls->name;
  int nkw = kwnames ? static_cast<int>(kwnames->items.size()) : 0;
  if (n == "set_grad_enabled") {
    if (nargs + nkw != 1 || !args[0].is_bool()) type_error("set_grad_enabled(): argument 'mode' must be bool");
    auto* g = new GradModeObject(cls, args[0].as_bool());
    g->prev = grad_enabled();
    grad_enabled() = g->target;
    return Value::steal(g);
  }
  bool mode = n == "enable_grad";
  if (n == "inference_mode" && nargs + nkw == 1) mode = !truthy(args[0]);
  return Value::steal(new GradModeObject(cls, mode));
}

// One type per guard for the whole process (like every built-in type).
Type* guard_type(const char* name) {
  static std::map<std::string, Type*> made;
  if (auto it = made.find(name); it != made.end()) return it->second;
  Type* t = new Type(types().type, name);
  made[name] = t;
  t->refcnt = 1u << 30;
  t->layout = Layout::Native;
  t->builtin = true;
  t->base = types().object;
  t->mro = {t, types().object};
  t->module_name = "torch.autograd.grad_mode";
  t->dict = make<Dict>();
  t->construct = construct_guard;
  static NativeTypeHooks h = [] {
    NativeTypeHooks k;
    k.call = guard_call;
    return k;
  }();
  t->hooks = &h;
  method(t, "__enter__(self)", guard_enter);
  method(t, "__exit__(self, *args)", guard_exit);
  if (std::string(name) == "set_grad_enabled") {
    // Its mode is already set; entering does nothing, leaving restores.
    method(t, "__enter__(self)", [](Value*, const Value&) { return Value(); });
  }
  return t;
}

// ---- module-level functions ----

// PyTorch takes a seed modulo 2^64 (negative Python ints included).
uint64_t seed_of(int64_t s) { return static_cast<uint64_t>(s); }

Value set_printoptions(Args& a) {
  rt::PrintOptions& o = rt::print_options();
  if (a.has(4)) {
    std::string p = a.string(4);
    if (p == "default") o = rt::PrintOptions{};
    else if (p == "short") o = rt::PrintOptions{2, 1000, 2, 80, std::nullopt};
    else if (p == "full") o = rt::PrintOptions{4, INT64_MAX, 3, 80, std::nullopt};
  }
  if (a.has(0)) o.precision = static_cast<int>(a.int64(0));
  if (a.has(1)) {
    double t = a.float64(1);
    o.threshold = std::isinf(t) || t >= 9.2e18 ? INT64_MAX : static_cast<int64_t>(t);
  }
  if (a.has(2)) o.edgeitems = a.int64(2);
  if (a.has(3)) o.linewidth = static_cast<int>(a.int64(3));
  // As PyTorch: sci_mode is always assigned (None means automatic again).
  o.sci_mode = a.has(5) ? std::optional<bool>(a.boolean(5)) : std::nullopt;
  return Value();
}

Value result_type(Args& a) {
  rt::ResultTypeState s;
  for (int i = 0; i < 2; ++i) {
    if (auto* t = as_tensor(a[i])) s.add(t->t);
    else s.add(a.scalar(i));
  }
  return dtype_value(s.result());
}

[[noreturn]] void no_cuda() { rt::throw_error(rt::ErrorKind::Assertion, "Torch not compiled with CUDA enabled"); }

const OpDef kModuleOps[] = {
    {"manual_seed(int seed)",
     [](Args& a) {
       random::default_generator().manual_seed(seed_of(a.int64(0)));
       return default_generator_value();
     }},
    {"seed()", [](Args&) { return Value(static_cast<int64_t>(random::default_generator().seed())); }},
    {"initial_seed()", [](Args&) { return Value(static_cast<int64_t>(random::default_generator().initial_seed())); }},
    {"get_rng_state()",
     [](Args&) {
       std::vector<uint8_t> s = random::default_generator().get_state();
       return wrap(rt::from_data(s.data(), rt::DType::UInt8, {static_cast<int64_t>(s.size())}));
     }},
    {"set_rng_state(Tensor new_state)",
     [](Args& a) {
       rt::Tensor s = rt::contiguous(a.tensor(0));
       TS_CHECK_TYPE(s.dtype() == rt::DType::UInt8, "RNG state must be a torch.ByteTensor");
       random::default_generator().set_state(static_cast<const uint8_t*>(s.data_ptr()), static_cast<size_t>(s.numel()));
       return Value();
     }},
    {"set_printoptions(int? precision=None, float? threshold=None, int? edgeitems=None, int? linewidth=None, "
     "str? profile=None, bool? sci_mode=None)",
     set_printoptions},
    {"get_default_dtype()", [](Args&) { return dtype_value(rt::default_dtype()); }},
    {"set_default_dtype(ScalarType d)",
     [](Args& a) {
       rt::DType d = *a.dtype(0);
       if (d != rt::DType::Float32 && d != rt::DType::Float64)
         type_error("only floating-point types are supported as the default type");
       rt::set_default_dtype(d);
       return Value();
     }},
    {"is_tensor(object obj)", [](Args& a) { return Value(as_tensor(a[0]) != nullptr); }},
    {"is_storage(object obj)", [](Args&) { return Value(false); }},
    {"is_grad_enabled()", [](Args&) { return Value(grad_enabled()); }},
    {"is_inference_mode_enabled()", [](Args&) { return Value(false); }},
    {"result_type(Tensor|Scalar tensor, Tensor|Scalar other)", result_type},
    {"promote_types(ScalarType type1, ScalarType type2)",
     [](Args& a) { return dtype_value(rt::promote_types(*a.dtype(0), *a.dtype(1))); }},
    {"can_cast(ScalarType from, ScalarType to)",
     [](Args& a) { return Value(rt::can_cast(*a.dtype(0), *a.dtype(1))); }},
    {"get_num_threads()",
     [](Args&) { return Value(static_cast<int64_t>(std::max(1u, std::thread::hardware_concurrency()))); }},
    {"set_num_threads(int num)", [](Args&) { return Value(); }},
    // torch.compile: the eager module is already the compiled one here.
    {"compile(object model=None, *, bool fullgraph=False, object dynamic=None, object backend='inductor', "
     "object mode=None, object options=None, bool disable=False)",
     [](Args& a) { return a[0]; }},
};

const OpDef kCudaOps[] = {
    {"is_available()", [](Args&) { return Value(false); }},
    {"is_initialized()", [](Args&) { return Value(false); }},
    {"device_count()", [](Args&) { return Value(int64_t{0}); }},
    // Seeding CUDA without CUDA is silently deferred in PyTorch, i.e. a no-op.
    {"manual_seed(int seed)", [](Args&) { return Value(); }},
    {"manual_seed_all(int seed)", [](Args&) { return Value(); }},
    {"seed()", [](Args&) { return Value(); }},
    {"seed_all()", [](Args&) { return Value(); }},
    {"empty_cache()", [](Args&) { return Value(); }},
    {"memory_allocated(object device=None)", [](Args&) { return Value(int64_t{0}); }},
    {"max_memory_allocated(object device=None)", [](Args&) { return Value(int64_t{0}); }},
    {"memory_reserved(object device=None)", [](Args&) { return Value(int64_t{0}); }},
    {"synchronize(object device=None)", [](Args&) -> Value { no_cuda(); }},
    {"current_device()", [](Args&) -> Value { no_cuda(); }},
    {"get_device_name(object device=None)", [](Args&) -> Value { no_cuda(); }},
    {"set_device(object device)", [](Args&) -> Value { no_cuda(); }},
};

const OpDef kFalseQueries[] = {
    {"is_available()", [](Args&) { return Value(false); }},
    {"is_built()", [](Args&) { return Value(false); }},
    {"version()", [](Args&) { return Value(); }},
};

Ref<Module> submodule(VM& v, const std::string& name, std::initializer_list<std::span<const OpDef>> tables) {
  auto m = make<Module>(name);
  for (auto table : tables)
    for (const OpDef& row : table) {
      Value op = make_op(row.signature, row.impl);
      std::string sig = row.signature;
      m->dict->set(str(sig.substr(0, sig.find('('))), op);
    }
  v.modules->set(str(name), Value(static_cast<Object*>(m.get())));
  return m;
}

Value module_value(const Ref<Module>& m) { return Value(static_cast<Object*>(m.get())); }

}  // namespace

}  // namespace tscript::bindings

namespace tscript {

// Registered in install_modules (interpreter/builtins/sys_os_time.cpp).
Ref<Module> make_torch(VM& v) {
  using namespace bindings;
  auto m = make<Module>("torch");
  Dict* d = m->dict.get();
  install_ops(d, tensor_type(),
              {creation_ops(), random_ops(), pointwise_ops(), reduce_ops(), shape_ops(), index_ops(), linalg_ops(),
               tensor_info_ops(), data_ops(), nn_ops(), loss_ops(), tensor_autograd_ops()});
  install_ops(d, nullptr, {module_ops(), serialize_ops()});  // functions only

  set(d, "__version__", str("1.13.1"));
  set(d, "Tensor", Value(static_cast<Object*>(tensor_type())));
  set(d, "Size", Value(static_cast<Object*>(size_type())));
  set(d, "dtype", Value(static_cast<Object*>(dtype_type())));
  set(d, "device", Value(static_cast<Object*>(device_type())));
  set(d, "Generator", Value(static_cast<Object*>(generator_type())));
  set(d, "default_generator", default_generator_value());
  set(d, "strided", layout_value());
  // Every torch attribute name of each dtype (torch.float is torch.float32, ...).
  for (const char* name : {"float32", "float", "float64", "double", "float16", "half", "bfloat16", "int64", "long",
                           "int32", "int", "int16", "short", "int8", "uint8", "bool"})
    set(d, name, dtype_value(*rt::dtype_from_name(name)));
  set(d, "inf", Value(HUGE_VAL));
  set(d, "nan", Value(std::nan("")));
  set(d, "pi", Value(M_PI));
  set(d, "e", Value(M_E));

  for (const char* name : {"no_grad", "enable_grad", "set_grad_enabled", "inference_mode"})
    set(d, name, Value(static_cast<Object*>(guard_type(name))));

  auto autograd = submodule(v, "torch.autograd", {autograd_module_ops()});
  for (const char* name : {"no_grad", "enable_grad", "set_grad_enabled", "inference_mode"})
    set(autograd->dict.get(), name, d->get(intern(name)));
  set(d, "autograd", module_value(autograd));
  set(d, "cuda", module_value(submodule(v, "torch.cuda", {kCudaOps})));
  auto backends = submodule(v, "torch.backends", {});
  set(backends->dict.get(), "mps", module_value(submodule(v, "torch.backends.mps", {kFalseQueries})));
  auto cudnn = submodule(v, "torch.backends.cudnn", {kFalseQueries});
  set(cudnn->dict.get(), "enabled", Value(true));
  set(cudnn->dict.get(), "benchmark", Value(false));
  set(cudnn->dict.get(), "deterministic", Value(false));
  set(backends->dict.get(), "cudnn", module_value(cudnn));
  set(d, "backends", module_value(backends));
  set(d, "return_types", module_value(submodule(v, "torch.return_types", {})));
  // torch.random: the seeding functions again, under their module name.
  auto random = submodule(v, "torch.random", {});
  for (const char* name : {"manual_seed", "seed", "initial_seed", "get_rng_state", "set_rng_state"})
    set(random->dict.get(), name, d->get(intern(name)));
  set(d, "random", module_value(random));
  return m;
}

}  // namespace tscript

namespace tscript::bindings {
std::span<const OpDef> module_ops() { return kModuleOps; }
}  // namespace tscript::bindings
