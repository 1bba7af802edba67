// tscript::Handle and the primitive host <-> script conversions Convert<T> builds on.
#include <new>

#include "interpreter/api/handle_access.h"
#include "interpreter/bindings/tensor_object.h"
#include "interpreter/objects/protocol.h"

namespace tscript {

Handle::Handle() noexcept { new (value_) Value(); }
Handle::Handle(const Handle& o) noexcept { new (value_) Value(value_of(o)); }
Handle::Handle(Handle&& o) noexcept { new (value_) Value(std::move(HandleAccess::value(o))); }
Handle& Handle::operator=(const Handle& o) noexcept {
  HandleAccess::value(*this) = value_of(o);
  return *this;
}
Handle& Handle::operator=(Handle&& o) noexcept {
  HandleAccess::value(*this) = std::move(HandleAccess::value(o));
  return *this;
}
Handle::~Handle() { HandleAccess::value(*this).~Value(); }

bool Handle::is_none() const noexcept { return value_of(*this).is_none(); }
std::string Handle::type_name() const { return tscript::type_name(value_of(*this)); }

namespace {
[[noreturn]] void wrong_type(const char* expected, const Handle& h) {
  throw Error("TypeError", std::string("expected ") + expected + ", got '" + h.type_name() + "'");
}
}  // namespace

namespace detail {

Handle make_bool(bool v) { return handle_of(Value(v)); }
Handle make_int(int64_t v) { return handle_of(Value(v)); }
Handle make_float(double v) { return handle_of(Value(v)); }
Handle make_str(std::string_view v) { return handle_of(str(std::string(v))); }
Handle make_tensor(const rt::Tensor& t) { return handle_of(bindings::wrap(t)); }

Handle make_list(std::vector<Handle> items) {
  auto l = make<List>();
  l->items.reserve(items.size());
  for (auto& h : items) l->items.push_back(std::move(HandleAccess::value(h)));
  return handle_of(Value(static_cast<Object*>(l.get())));
}

Handle make_dict(std::vector<std::pair<Handle, Handle>> items) {
  auto d = make<Dict>();
  for (auto& [k, v] : items) d->set(value_of(k), value_of(v));
  return handle_of(Value(static_cast<Object*>(d.get())));
}

bool get_bool(const Handle& h) {
  const Value& v = value_of(h);
  if (!v.is_bool()) wrong_type("bool", h);
  return v.as_bool();
}

int64_t get_int(const Handle& h) {
  const Value& v = value_of(h);
  if (!v.is_intlike()) wrong_type("int", h);
  return v.as_int();
}

double get_float(const Handle& h) {
  const Value& v = value_of(h);
  if (!v.is_number()) wrong_type("float", h);
  return v.to_double();
}

std::string get_str(const Handle& h) {
  auto* s = value_of(h).as<Str>();
  if (!s) wrong_type("str", h);
  return s->s;
}

rt::Tensor get_tensor(const Handle& h) {
  auto* t = bindings::as_tensor(value_of(h));
  if (!t) wrong_type("Tensor", h);
  return t->t;
}

std::vector<Handle> get_sequence(const Handle& h) {
  const Value& v = value_of(h);
  const std::vector<Value>* items = nullptr;
  if (auto* l = v.as<List>()) items = &l->items;
  else if (auto* t = v.as<Tuple>()) items = &t->items;
  else wrong_type("list or tuple", h);
  std::vector<Handle> out;
  out.reserve(items->size());
  for (const Value& x : *items) out.push_back(handle_of(x));
  return out;
}

std::vector<std::pair<Handle, Handle>> get_items(const Handle& h) {
  auto* d = value_of(h).as<Dict>();
  if (!d) wrong_type("dict", h);
  std::vector<std::pair<Handle, Handle>> out;
  for (const auto& e : d->table.entries()) {
    if (e.key.is_null()) continue;  // a deleted slot
    out.emplace_back(handle_of(e.key), handle_of(e.value));
  }
  return out;
}

void overflow(const char* target) { throw Error("OverflowError", std::string("int too large to convert to ") + target); }

}  // namespace detail
}  // namespace tscript

namespace tscript {
std::string Handle::repr() const { return tscript::repr(value_of(*this)); }
}  // namespace tscript
