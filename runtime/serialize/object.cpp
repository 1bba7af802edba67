#include "runtime/serialize/object.h"

namespace tscript::rt::serialize {

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::None: return "None";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float";
    case Kind::Str: return "str";
    case Kind::Bytes: return "bytes";
    case Kind::List: return "list";
    case Kind::Tuple: return "tuple";
    case Kind::Set: return "set";
    case Kind::FrozenSet: return "frozenset";
    case Kind::Dict: return "dict";
    case Kind::OrderedDict: return "collections.OrderedDict";
    case Kind::Tensor: return "torch.Tensor";
    case Kind::Storage: return "storage";
    case Kind::Global: return "global";
    case Kind::Call: return "call";
  }
  return "?";
}

Object* Heap::make(Kind k) {
  objects_.emplace_back();
  objects_.back().kind = k;
  return &objects_.back();
}

Object* Heap::boolean(bool b) {
  Object* o = make(Kind::Bool);
  o->boolean = b;
  return o;
}

Object* Heap::integer(int64_t i) {
  Object* o = make(Kind::Int);
  o->integer = i;
  return o;
}

Object* Heap::real(double d) {
  Object* o = make(Kind::Float);
  o->real = d;
  return o;
}

Object* Heap::str(std::string s) {
  Object* o = make(Kind::Str);
  o->text = std::move(s);
  return o;
}

Object* Heap::bytes(std::string s) {
  Object* o = make(Kind::Bytes);
  o->text = std::move(s);
  return o;
}

Object* Heap::list(std::vector<Object*> items) {
  Object* o = make(Kind::List);
  o->items = std::move(items);
  return o;
}

Object* Heap::tuple(std::vector<Object*> items) {
  Object* o = make(Kind::Tuple);
  o->items = std::move(items);
  return o;
}

Object* Heap::dict(bool ordered) { return make(ordered ? Kind::OrderedDict : Kind::Dict); }

Object* Heap::tensor(Tensor t, bool parameter) {
  Object* o = make(Kind::Tensor);
  o->tensor = std::move(t);
  o->parameter = parameter;
  return o;
}

Object* Heap::global(const std::string& module, const std::string& name) {
  Object* o = make(Kind::Global);
  o->text = module;
  o->name = name;
  return o;
}

Object* Heap::call(Object* global, std::vector<Object*> args) {
  Object* o = make(Kind::Call);
  o->items = {global, tuple(std::move(args))};
  return o;
}

}  // namespace tscript::rt::serialize
