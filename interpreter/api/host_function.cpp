// Host functions: a NativeFunction whose data Value holds the std::function to call.
#include "interpreter/api/host_function.h"

#include <stdexcept>
#include <string>

#include "interpreter/api/errors.h"
#include "interpreter/api/handle_access.h"
#include "interpreter/bindings/tensor_object.h"

namespace tscript {

namespace {

struct HostCallable : Object {
  static constexpr Layout kLayout = Layout::Native;
  HostFunction fn;
  int nslots;
  HostCallable(Type* t, HostFunction f, int n) : Object(t), fn(std::move(f)), nslots(n) {}
};

Type* host_callable_type() {
  static Type* t = bindings::new_type("host_callable", "builtins");
  return t;
}

Value call_host(Value* slots, const Value& data) {
  auto* h = static_cast<HostCallable*>(data.obj());
  std::vector<Handle> args;
  args.reserve(h->nslots);
  // Absent optional keywords arrive as Null: the host sees None.
  for (int i = 0; i < h->nslots; ++i) args.push_back(handle_of(slots[i].is_null() ? Value() : slots[i]));
  try {
    Handle r = h->fn(args);
    return value_of(r);
  } catch (...) {
    raise_host_exception();
  }
}

}  // namespace

Ref<NativeFunction> make_host_function(std::string_view signature, HostFunction fn, std::size_t arity) {
  std::string sig(signature);
  size_t open = sig.find('(');
  if (open == 0 || open == std::string::npos || sig.back() != ')')
    throw std::invalid_argument("def: expected a signature like 'name(a, b=1)', got '" + sig + "'");
  Ref<NativeFunction> f = native(sig.c_str(), call_host);
  int nslots = f->sig.nslots();
  if (static_cast<std::size_t>(nslots) != arity)
    throw std::invalid_argument("def: the signature '" + sig + "' declares " + std::to_string(nslots) +
                                " parameters but the C++ function takes " + std::to_string(arity));
  f->data = Value::steal(new HostCallable(host_callable_type(), std::move(fn), nslots));
  return f;
}

}  // namespace tscript
