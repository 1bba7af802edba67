// Attribute access with Python's descriptor rules: properties, methods binding to
// instances, static/class methods, __getattr__/__setattr__ hooks, super() objects.
#include <algorithm>

#include "interpreter/objects/exception.h"
#include "interpreter/objects/function.h"
#include "interpreter/objects/protocol.h"
#include "interpreter/vm/vm.h"

namespace tscript {

Value bind_method(const Value& func, const Value& self) {
  if (func.is<Function>() || func.is<NativeFunction>()) return Value::steal(new BoundMethod(self, func));
  return func;
}

namespace {

// Applies the descriptor protocol to a value found on a type for an instance `self`.
Value bind_descriptor(const Value& found, const Value& self, Type* owner_type) {
  if (!found.is_obj()) return found;
  switch (found.obj()->type->layout) {
    case Layout::Function:
    case Layout::NativeFunction: return Value::steal(new BoundMethod(self, found));
    case Layout::Property: {
      auto* p = found.as<Property>();
      if (p->fget.is_none()) raise(exc_types().attribute_error, "unreadable attribute");
      return call(p->fget, {self});
    }
    case Layout::StaticMethod: return found.as<StaticMethod>()->func;
    case Layout::ClassMethod:
      return Value::steal(new BoundMethod(Value(static_cast<Object*>(owner_type)), found.as<ClassMethod>()->func));
    default: break;
  }
  // User-defined descriptors (__get__).
  if (!found.obj()->type->builtin) {
    Value get = found.obj()->type->lookup(intern("__get__"));
    if (!get.is_null()) return call(get, {found, self, Value(static_cast<Object*>(owner_type))});
  }
  return found;
}

Value special_attr(const Value& obj, Str* name) {
  const std::string& n = name->s;
  if (n == "__class__") return Value(static_cast<Object*>(type_of(obj)));
  Object* o = obj.is_obj() ? obj.obj() : nullptr;
  if (!o) return Value::null();
  switch (o->type->layout) {
    case Layout::Type: {
      auto* t = static_cast<Type*>(o);
      if (n == "__name__") return str(t->name);
      if (n == "__qualname__") {
        Value q = t->dict->get(intern("__qualname__"));
        return q.is_null() ? str(t->name) : q;
      }
      if (n == "__module__") return str(t->module_name);
      if (n == "__mro__") {
        std::vector<Value> v;
        for (Type* x : t->mro) v.push_back(Value(static_cast<Object*>(x)));
        return Value::steal(new Tuple(std::move(v)));
      }
      if (n == "__bases__") {
        std::vector<Value> v;
        if (t->bases.empty() && t->base) v.push_back(Value(static_cast<Object*>(t->base)));
        for (auto& b : t->bases) v.push_back(Value(static_cast<Object*>(b.get())));
        return Value::steal(new Tuple(std::move(v)));
      }
      if (n == "__base__") return t->base ? Value(static_cast<Object*>(t->base)) : Value();
      if (n == "__dict__") return Value(static_cast<Object*>(t->dict.get()));
      if (n == "__doc__") {
        Value d = t->dict->get(name);
        return d.is_null() ? Value() : d;
      }
      break;
    }
    case Layout::Function: {
      auto* f = static_cast<Function*>(o);
      if (n == "__name__") return Value(static_cast<Object*>(f->name.get()));
      if (n == "__qualname__") return Value(static_cast<Object*>(f->qualname.get()));
      if (n == "__module__") return f->module;
      if (n == "__defaults__")
        return f->defaults.empty() ? Value() : Value::steal(new Tuple(f->defaults));
      if (n == "__dict__") {
        if (!f->dict) f->dict = make<Dict>();
        return Value(static_cast<Object*>(f->dict.get()));
      }
      if (n == "__doc__") return Value();
      if (n == "__code__") return Value(static_cast<Object*>(f->code.get()));
      if (n == "__globals__") return Value(static_cast<Object*>(f->globals.get()));
      if (f->dict) {
        Value v = f->dict->get(name);
        if (!v.is_null()) return v;
      }
      break;
    }
    case Layout::NativeFunction: {
      auto* f = static_cast<NativeFunction*>(o);
      if (n == "__name__" || n == "__qualname__") return str(f->sig.name);
      if (n == "__doc__") return Value();
      break;
    }
    case Layout::BoundMethod: {
      auto* m = static_cast<BoundMethod*>(o);
      if (n == "__self__") return m->self;
      if (n == "__func__") return m->func;
      return find_attr(m->func, name);
    }
    case Layout::Module: {
      if (n == "__dict__") return Value(static_cast<Object*>(static_cast<Module*>(o)->dict.get()));
      break;
    }
    case Layout::Exception: {
      auto* e = static_cast<Exception*>(o);
      if (n == "args") return Value(static_cast<Object*>(e->args.get()));
      if (n == "__cause__") return e->cause;
      if (n == "__context__") return e->context;
      if (n == "__traceback__") return Value();
      if (n == "__suppress_context__") return Value(e->suppress_context);
      if (n == "__dict__") return Value(static_cast<Object*>(e->dict.get()));
      Value v = e->dict->get(name);
      if (!v.is_null()) return v;
      if (n == "value" && e->type->is_subtype(exc_types().stop_iteration))
        return e->args->items.empty() ? Value() : e->args->items[0];
      if (n == "code" && e->type->is_subtype(exc_types().system_exit))
        return e->args->items.empty() ? Value() : e->args->items[0];
      break;
    }
    case Layout::Instance: {
      if (n == "__dict__") return Value(static_cast<Object*>(static_cast<Instance*>(o)->dict.get()));
      break;
    }
    case Layout::Slice: {
      auto* s = static_cast<Slice*>(o);
      if (n == "start") return s->start;
      if (n == "stop") return s->stop;
      if (n == "step") return s->step;
      break;
    }
    case Layout::Range: {
      auto* r = static_cast<Range*>(o);
      if (n == "start") return Value(r->start);
      if (n == "stop") return Value(r->stop);
      if (n == "step") return Value(r->step);
      break;
    }
    case Layout::Property: {
      auto* p = static_cast<Property*>(o);
      if (n == "fget") return p->fget;
      if (n == "fset") return p->fset;
      break;
    }
    case Layout::Generator: {
      if (n == "__name__") return Value(static_cast<Object*>(static_cast<Generator*>(o)->func->name.get()));
      break;
    }
    default: break;
  }
  return Value::null();
}

Dict* instance_dict(Object* o) {
  if (o->type->layout == Layout::Instance) return static_cast<Instance*>(o)->dict.get();
  if (o->type->layout == Layout::Exception) return static_cast<Exception*>(o)->dict.get();
  if (o->type->layout == Layout::Module) return static_cast<Module*>(o)->dict.get();
  return nullptr;
}

Value super_attr(Super* s, Str* name) {
  Type* t = type_of(s->self);
  bool self_is_type = s->self.is<Type>() && static_cast<Type*>(s->self.obj())->is_subtype(s->start);
  if (self_is_type) t = static_cast<Type*>(s->self.obj());
  bool after = false;
  for (Type* x : t->mro) {
    if (after) {
      Value v = x->dict ? x->dict->get(name) : Value::null();
      if (!v.is_null()) {
        if (self_is_type) {
          if (auto* cm = v.as<ClassMethod>()) return Value::steal(new BoundMethod(s->self, cm->func));
          if (auto* sm = v.as<StaticMethod>()) return sm->func;
          return v;
        }
        return bind_descriptor(v, s->self, t);
      }
    }
    if (x == s->start) after = true;
  }
  return Value::null();
}

}  // namespace

Value find_attr(const Value& obj, Str* name) {
  Type* t = type_of(obj);
  if (obj.is_obj()) {
    Object* o = obj.obj();
    if (o->type->layout == Layout::Super) return super_attr(static_cast<Super*>(o), name);
    if (auto* h = hooks_of(t); h && h->get_attr) {
      Value v = h->get_attr(obj, name);
      if (!v.is_null()) return v;
    }
    if (o->type->layout == Layout::Type) {
      auto* cls = static_cast<Type*>(o);
      Value sp = special_attr(obj, name);
      if (!sp.is_null()) return sp;
      Value v = cls->lookup(name);
      if (!v.is_null()) {
        if (auto* cm = v.as<ClassMethod>()) return Value::steal(new BoundMethod(obj, cm->func));
        if (auto* sm = v.as<StaticMethod>()) return sm->func;
        return v;
      }
      // Attributes of `type` itself (e.g. type.__name__ handled above; methods like mro()).
      Value meta = types().type->lookup(name);
      if (!meta.is_null()) return bind_descriptor(meta, obj, types().type);
      return Value::null();
    }
    if (o->type->layout == Layout::Module) {
      Value v = static_cast<Module*>(o)->dict->get(name);
      if (!v.is_null()) return v;
      Value ga = static_cast<Module*>(o)->dict->get(intern("__getattr__"));
      if (!ga.is_null()) {
        try {
          return call(ga, {Value(static_cast<Object*>(name))});
        } catch (ScriptError& e) {
          if (is_instance(e.exc, exc_types().attribute_error)) return Value::null();
          throw;
        }
      }
      return special_attr(obj, name);
    }
  }
  // Data descriptors on the type win over the instance dict.
  Value found = t->lookup(name);
  if (!found.is_null() && found.is<Property>()) return bind_descriptor(found, obj, t);
  if (obj.is_obj()) {
    if (Dict* d = instance_dict(obj.obj())) {
      Value v = d->get(name);
      if (!v.is_null()) return v;
    }
    Value sp = special_attr(obj, name);
    if (!sp.is_null()) return sp;
  } else if (name->s == "__class__") {
    return Value(static_cast<Object*>(t));
  }
  if (!found.is_null()) return bind_descriptor(found, obj, t);
  if (t->has_getattr_hook) {
    Value ga = t->lookup(intern("__getattr__"));
    try {
      return call(ga, {obj, Value(static_cast<Object*>(name))});
    } catch (ScriptError& e) {
      if (is_instance(e.exc, exc_types().attribute_error)) return Value::null();
      throw;
    }
  }
  return Value::null();
}

Value get_attr(const Value& obj, Str* name) {
  Type* t = type_of(obj);
  // __getattr__ errors propagate with their own message.
  if (t->has_getattr_hook && obj.is_obj() && obj.obj()->type->layout != Layout::Type) {
    Value found = t->lookup(name);
    if (!found.is_null() && found.is<Property>()) return bind_descriptor(found, obj, t);
    if (Dict* d = instance_dict(obj.obj())) {
      Value v = d->get(name);
      if (!v.is_null()) return v;
    }
    if (!found.is_null()) return bind_descriptor(found, obj, t);
    Value sp = special_attr(obj, name);
    if (!sp.is_null()) return sp;
    return call(t->lookup(intern("__getattr__")), {obj, Value(static_cast<Object*>(name))});
  }
  Value v = find_attr(obj, name);
  if (!v.is_null()) return v;
  if (auto* m = obj.as<Module>())
    raise(exc_types().attribute_error, "module '" + m->name->s + "' has no attribute '" + name->s + "'");
  if (auto* cls = obj.as<Type>())
    raise(exc_types().attribute_error, "type object '" + cls->name + "' has no attribute '" + name->s + "'");
  raise(exc_types().attribute_error, "'" + type_name(obj) + "' object has no attribute '" + name->s + "'");
}

bool super_method(Type* start, const Value& self, Str* name, Value& out) {
  if (self.is<Type>()) return false;
  const std::vector<Type*>& mro = type_of(self)->mro;
  auto it = std::find(mro.begin(), mro.end(), start);
  if (it == mro.end()) return false;
  for (++it; it != mro.end(); ++it) {
    Value v = (*it)->dict ? (*it)->dict->get(name) : Value::null();
    if (v.is_null()) continue;
    if (!v.is<Function>()) return false;
    out = std::move(v);
    return true;
  }
  return false;
}

bool lookup_method(const Value& obj, Str* name, Value& out) {
  Type* t = type_of(obj);
  if (obj.is_obj()) {
    Layout l = obj.obj()->type->layout;
    if (l == Layout::Instance || l == Layout::Exception || (t->builtin && l != Layout::Type && l != Layout::Module &&
                                                            l != Layout::Super && !t->hooks)) {
      Value found = t->lookup(name);
      if (found.is<Function>() || found.is<NativeFunction>()) {
        Dict* d = instance_dict(obj.obj());
        if (!d || d->get(name).is_null()) {
          out = found;
          return true;
        }
      }
    }
  } else {
    Value found = t->lookup(name);
    if (found.is<NativeFunction>()) {
      out = found;
      return true;
    }
  }
  out = get_attr(obj, name);
  return false;
}

void set_attr(const Value& obj, Str* name, const Value& v) {
  Type* t = type_of(obj);
  if (t->has_setattr_hook) {
    call(t->lookup(intern("__setattr__")), {obj, Value(static_cast<Object*>(name)), v});
    return;
  }
  if (obj.is_obj()) {
    Object* o = obj.obj();
    if (auto* h = hooks_of(t); h && h->set_attr && h->set_attr(obj, name, v)) return;
    Value found = t->lookup(name);
    if (auto* p = found.as<Property>()) {
      if (p->fset.is_none()) raise(exc_types().attribute_error, "can't set attribute '" + name->s + "'");
      call(p->fset, {obj, v});
      return;
    }
    if (Dict* d = instance_dict(o)) {
      d->set(Value(static_cast<Object*>(name)), v);
      return;
    }
    if (o->type->layout == Layout::Type) {
      auto* cls = static_cast<Type*>(o);
      if (cls->builtin) type_error("cannot set '" + name->s + "' attribute of immutable type '" + cls->name + "'");
      cls->dict->set(Value(static_cast<Object*>(name)), v);
      if (name->s == "__getattr__") cls->has_getattr_hook = true;
      return;
    }
    if (o->type->layout == Layout::Function) {
      auto* f = static_cast<Function*>(o);
      if (!f->dict) f->dict = make<Dict>();
      f->dict->set(Value(static_cast<Object*>(name)), v);
      return;
    }
    if (o->type->layout == Layout::Exception) {
      auto* e = static_cast<Exception*>(o);
      if (name->s == "__cause__") {
        e->cause = v;
        e->suppress_context = true;
        return;
      }
      if (name->s == "__context__") {
        e->context = v;
        return;
      }
    }
  }
  raise(exc_types().attribute_error, "'" + type_name(obj) + "' object has no attribute '" + name->s + "'");
}

void del_attr(const Value& obj, Str* name) {
  Type* t = type_of(obj);
  Value hook = t->lookup(intern("__delattr__"));
  if (!hook.is_null() && hook.is<Function>()) {
    call(hook, {obj, Value(static_cast<Object*>(name))});
    return;
  }
  if (obj.is_obj()) {
    if (Dict* d = instance_dict(obj.obj())) {
      if (d->erase(Value(static_cast<Object*>(name)))) return;
    } else if (auto* cls = obj.as<Type>(); cls && !cls->builtin) {
      if (cls->dict->erase(Value(static_cast<Object*>(name)))) return;
    }
  }
  raise(exc_types().attribute_error, "'" + type_name(obj) + "' object has no attribute '" + name->s + "'");
}

}  // namespace tscript
