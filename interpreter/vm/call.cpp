// Calling anything: argument binding, native functions from signature strings, bound
// methods, class instantiation, *args/**kwargs calls, class creation and super().
#include <algorithm>
#include <cstring>

#include "interpreter/objects/format.h"
#include "interpreter/objects/function.h"
#include "interpreter/objects/iterator.h"
#include "interpreter/objects/protocol.h"
#include "interpreter/vm/vm.h"
#include "interpreter/vm/vm_internal.h"

namespace tscript {

Code::Code() : Object(types().code) {}
Function::Function(Ref<Code> c, Ref<Dict> g) : Object(types().function), code(std::move(c)), globals(std::move(g)) {
  name = Ref<Str>(intern(code->name));
  qualname = new_str(code->sig.name);
  module = globals->get(intern("__name__"));
  if (module.is_null()) module = Value();
}
NativeFunction::NativeFunction(Signature s, NativeImpl f)
    : Object(types().native_function), sig(std::move(s)), fn(f) {}
BoundMethod::BoundMethod(Value s, Value f) : Object(types().bound_method), self(std::move(s)), func(std::move(f)) {}

namespace {

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
    out += "'" + names[i] + "'";
  }
  return out;
}

int find_param(const Signature& sig, const Str* name, int from, int to) {
  for (int i = from; i < to; ++i)
    if (sig.params[i].get() == name || sig.params[i]->s == name->s) return i;
  return -1;
}

}  // namespace

void bind_arguments(const Signature& sig, const Value* defaults, int ndefaults, const Value* kwdefaults,
                    const Value* args, int nargs, const Tuple* kwnames, Value* out) {
  const int argc = sig.argcount;
  const int nslots = sig.nslots();
  for (int i = 0; i < nslots; ++i) out[i] = Value::null();
  const int varargs_slot = argc + sig.kwonly;
  const int varkw_slot = varargs_slot + (sig.varargs ? 1 : 0);
  const std::string& fname = sig.name;

  int npos = std::min(nargs, argc);
  for (int i = 0; i < npos; ++i) out[i] = args[i];
  if (nargs > argc) {
    if (sig.varargs) {
      out[varargs_slot] = Value::steal(new Tuple(std::vector<Value>(args + argc, args + nargs)));
    } else {
      int kwgiven = 0;
      if (kwnames)
        for (auto& k : kwnames->items)
          if (find_param(sig, k.as<Str>(), argc, argc + sig.kwonly) >= 0) ++kwgiven;
      std::string takes;
      if (ndefaults > 0) takes = "from " + std::to_string(argc - ndefaults) + " to " + std::to_string(argc);
      else takes = std::to_string(argc);
      std::string msg = fname + "() takes " + takes + " positional argument" + (argc == 1 && ndefaults == 0 ? "" : "s") +
                        " but " + std::to_string(nargs) + (nargs == 1 ? " was" : " were") + " given";
      if (kwgiven)
        msg = fname + "() takes " + takes + " positional argument" + (argc == 1 ? "" : "s") + " but " +
              std::to_string(nargs) + " positional argument" + (nargs == 1 ? "" : "s") + " (and " +
              std::to_string(kwgiven) + " keyword-only argument" + (kwgiven == 1 ? "" : "s") + ") were given";
      type_error(msg);
    }
  } else if (sig.varargs) {
    out[varargs_slot] = Value::steal(new Tuple());
  }
  Dict* kwdict = nullptr;
  if (sig.varkw) {
    auto d = make<Dict>();
    kwdict = d.get();
    out[varkw_slot] = Value(static_cast<Object*>(d.get()));
  }
  if (kwnames) {
    std::vector<std::string> posonly_as_kw;
    for (size_t k = 0; k < kwnames->items.size(); ++k) {
      auto* name = kwnames->items[k].as<Str>();
      const Value& v = args[nargs + k];
      int j = find_param(sig, name, sig.posonly, argc + sig.kwonly);
      if (j >= 0) {
        if (!out[j].is_null()) type_error(fname + "() got multiple values for argument '" + name->s + "'");
        out[j] = v;
      } else if (kwdict) {
        kwdict->set(kwnames->items[k], v);
      } else if (find_param(sig, name, 0, sig.posonly) >= 0) {
        posonly_as_kw.push_back(name->s);
      } else {
        type_error(fname + "() got an unexpected keyword argument '" + name->s + "'");
      }
    }
    if (!posonly_as_kw.empty()) {
      std::string names;
      for (size_t i = 0; i < posonly_as_kw.size(); ++i) names += (i ? ", " : "") + posonly_as_kw[i];
      type_error(fname + "() got some positional-only arguments passed as keyword arguments: '" + names + "'");
    }
  }
  std::vector<std::string> missing;
  for (int i = npos; i < argc; ++i) {
    if (!out[i].is_null()) continue;
    int d = i - (argc - ndefaults);
    if (d >= 0) out[i] = defaults[d];
    else missing.push_back(sig.params[i]->s);
  }
  if (!missing.empty()) {
    type_error(fname + "() missing " + std::to_string(missing.size()) + " required positional argument" +
               (missing.size() == 1 ? "" : "s") + ": " + quoted_list(missing));
  }
  for (int k = 0; k < sig.kwonly; ++k) {
    int i = argc + k;
    if (!out[i].is_null()) continue;
    if (kwdefaults && (!kwdefaults[k].is_null() || (sig.kw_optional >> k) & 1)) out[i] = kwdefaults[k];
    else missing.push_back(sig.params[i]->s);
  }
  if (!missing.empty()) {
    type_error(fname + "() missing " + std::to_string(missing.size()) + " required keyword-only argument" +
               (missing.size() == 1 ? "" : "s") + ": " + quoted_list(missing));
  }
}

// ---- native functions from signature strings ----

namespace {

Value parse_default(std::string_view text) {
  std::string t(text);
  while (!t.empty() && t.back() == ' ') t.pop_back();
  while (!t.empty() && t.front() == ' ') t.erase(t.begin());
  if (t == "None") return Value();
  if (t == "True") return Value(true);
  if (t == "False") return Value(false);
  if (t.size() >= 2 && (t[0] == '\'' || t[0] == '"')) {
    std::string s = t.substr(1, t.size() - 2), out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\\' && i + 1 < s.size()) {
        char c = s[++i];
        out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
      } else {
        out += s[i];
      }
    }
    return str(out);
  }
  if (auto i = parse_int(t, 10)) return Value(*i);
  if (auto f = parse_float(t)) return Value(*f);
  return Value();
}

}  // namespace

Ref<NativeFunction> native(const char* signature, NativeImpl fn, Value data) {
  std::string s(signature);
  size_t open = s.find('(');
  size_t close = s.rfind(')');
  Signature sig;
  sig.name = s.substr(0, open);
  std::vector<Value> defaults, kwdefaults;
  bool kwonly = false;
  std::string body = s.substr(open + 1, close - open - 1);
  // Split on commas outside quotes.
  std::vector<std::string> parts;
  std::string cur;
  char quote = 0;
  for (char c : body) {
    if (quote) {
      cur += c;
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
      cur += c;
    } else if (c == ',') {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) parts.push_back(cur);
  std::vector<Ref<Str>> positional, kwonly_names;
  Ref<Str> varargs, varkw;
  for (auto p : parts) {
    while (!p.empty() && p.front() == ' ') p.erase(p.begin());
    while (!p.empty() && p.back() == ' ') p.pop_back();
    if (p.empty()) continue;
    if (p == "/") {
      sig.posonly = static_cast<int>(positional.size());
      continue;
    }
    if (p == "*") {
      kwonly = true;
      continue;
    }
    if (p.rfind("**", 0) == 0) {
      varkw = Ref<Str>(intern(p.substr(2)));
      continue;
    }
    if (p[0] == '*') {
      varargs = Ref<Str>(intern(p.substr(1)));
      kwonly = true;
      continue;
    }
    size_t eq = p.find('=');
    std::string name = p.substr(0, eq);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    Value dflt = eq == std::string::npos ? Value::null() : parse_default(std::string_view(p).substr(eq + 1));
    if (kwonly) {
      kwonly_names.push_back(Ref<Str>(intern(name)));
      kwdefaults.push_back(dflt);
    } else {
      positional.push_back(Ref<Str>(intern(name)));
      if (!dflt.is_null()) defaults.push_back(dflt);
    }
  }
  sig.argcount = static_cast<int>(positional.size());
  sig.kwonly = static_cast<int>(kwonly_names.size());
  sig.varargs = static_cast<bool>(varargs);
  sig.varkw = static_cast<bool>(varkw);
  sig.params = positional;
  for (auto& k : kwonly_names) sig.params.push_back(k);
  if (varargs) sig.params.push_back(varargs);
  if (varkw) sig.params.push_back(varkw);
  auto f = make<NativeFunction>(std::move(sig), fn);
  f->defaults = std::move(defaults);
  f->kwdefaults = std::move(kwdefaults);
  f->data = std::move(data);
  return f;
}

// ---- calling ----

namespace {

Value call_native(NativeFunction* nf, const Value* args, int nargs, const Tuple* kwnames) {
  const Signature& sig = nf->sig;
  int n = sig.nslots();
  Value small[8];
  std::vector<Value> big;
  Value* slots = small;
  if (n > 8) {
    big.resize(n);
    slots = big.data();
  }
  if (!kwnames && nargs == sig.argcount && !sig.varargs && !sig.varkw && sig.kwonly == 0) {
    for (int i = 0; i < nargs; ++i) slots[i] = args[i];
  } else {
    bind_arguments(sig, nf->defaults.data(), static_cast<int>(nf->defaults.size()),
                   nf->kwdefaults.empty() ? nullptr : nf->kwdefaults.data(), args, nargs, kwnames, slots);
  }
  return nf->fn(slots, nf->data);
}

Value call_with_self(const Value& func, const Value& self, const Value* args, int nargs, const Tuple* kwnames) {
  int total = nargs + (kwnames ? static_cast<int>(kwnames->items.size()) : 0);
  Value small[9];
  std::vector<Value> big;
  Value* buf = small;
  if (total + 1 > 9) {
    big.resize(total + 1);
    buf = big.data();
  }
  buf[0] = self;
  for (int i = 0; i < total; ++i) buf[i + 1] = args[i];
  return call(func, buf, nargs + 1, kwnames);
}

Value object_init_native(Value* slots, const Value&) { return Value(); }

Value construct_user_instance(Type* cls, const Value* args, int nargs, const Tuple* kwnames) {
  // The nearest built-in base decides the memory layout.
  Type* builtin_base = nullptr;
  for (Type* t : cls->mro)
    if (t->builtin) {
      builtin_base = t;
      break;
    }
  Value self;
  if (builtin_base->layout == Layout::Exception) {
    auto e = Ref<Exception>(new Exception(cls));
    e->args = make<Tuple>(std::vector<Value>(args, args + nargs));
    self = Value(static_cast<Object*>(e.get()));
  } else if (builtin_base->layout == Layout::Instance) {
    self = Value::steal(new Instance(cls));
  } else if (builtin_base->construct) {
    self = builtin_base->construct(cls, args, nargs, kwnames);
    return self;
  } else {
    type_error("cannot create '" + cls->name + "' instances");
  }
  Value init = cls->lookup(intern("__init__"));
  if (init.is_null() || (init.is<NativeFunction>() && init.as<NativeFunction>()->fn == object_init_native)) {
    if (builtin_base->layout == Layout::Instance && (nargs > 0 || kwnames))
      type_error(cls->name + "() takes no arguments");
    return self;
  }
  Value r = call_with_self(init, self, args, nargs, kwnames);
  if (!r.is_none()) type_error("__init__() should return None, not '" + type_name(r) + "'");
  return self;
}

}  // namespace

Ref<NativeFunction> object_init_function() { return native("__init__(self, *args, **kwargs)", object_init_native); }

Value call(const Value& callable, const Value* args, int nargs, const Tuple* kwnames) {
  if (!callable.is_obj()) type_error("'" + type_name(callable) + "' object is not callable");
  Object* o = callable.obj();
  switch (o->type->layout) {
    case Layout::Function: return vm().call_function(static_cast<Function*>(o), args, nargs, kwnames);
    case Layout::NativeFunction: return call_native(static_cast<NativeFunction*>(o), args, nargs, kwnames);
    case Layout::BoundMethod: {
      auto* bm = static_cast<BoundMethod*>(o);
      return call_with_self(bm->func, bm->self, args, nargs, kwnames);
    }
    case Layout::Type: {
      auto* t = static_cast<Type*>(o);
      if (t == types().type && nargs == 1 && !kwnames) return Value(static_cast<Object*>(type_of(args[0])));
      if (t->builtin) {
        if (t->construct) return t->construct(t, args, nargs, kwnames);
        type_error("cannot create '" + t->name + "' instances");
      }
      return construct_user_instance(t, args, nargs, kwnames);
    }
    default: break;
  }
  if (auto* h = hooks_of(o->type); h && h->call) return h->call(callable, args, nargs, kwnames);
  Value dunder = type_lookup(callable, intern("__call__"));
  if (!dunder.is_null()) return call_with_self(dunder, callable, args, nargs, kwnames);
  type_error("'" + type_name(callable) + "' object is not callable");
}

Value call_method(const Value& obj, Str* name, std::initializer_list<Value> args) {
  Value fn;
  std::vector<Value> v(args);
  if (lookup_method(obj, name, fn)) {
    v.insert(v.begin(), obj);
    return call(fn, v.data(), static_cast<int>(v.size()));
  }
  return call(fn, v.data(), static_cast<int>(v.size()));
}

bool is_callable(const Value& v) {
  if (!v.is_obj()) return false;
  switch (v.obj()->type->layout) {
    case Layout::Function: case Layout::NativeFunction: case Layout::BoundMethod: case Layout::Type: return true;
    default: break;
  }
  if (auto* h = hooks_of(v.obj()->type); h && h->call) return true;
  return !type_lookup(v, intern("__call__")).is_null();
}

Value call_ex(const Value& fn, const Value& args, const Value& kwargs) {
  std::vector<Value> argv = args.as<Tuple>() ? args.as<Tuple>()->items : to_vector(args);
  int nargs = static_cast<int>(argv.size());
  if (kwargs.is_none() || kwargs.is_null()) return call(fn, argv.data(), nargs);
  auto* d = kwargs.as<Dict>();
  std::vector<Value> names;
  for (auto& e : d->table.entries()) {
    if (e.key.is_null()) continue;
    auto* k = e.key.as<Str>();
    if (!k) type_error("keywords must be strings");
    names.push_back(Value(static_cast<Object*>(intern(k->s))));
    argv.push_back(e.value);
  }
  auto kw = make<Tuple>(std::move(names));
  return call(fn, argv.data(), nargs, kw.get());
}

void dict_update(Dict* d, const Value& m, bool for_call) {
  if (auto* src = m.as<Dict>()) {
    for (auto& e : src->table.entries()) {
      if (e.key.is_null()) continue;
      if (for_call) {
        if (!e.key.is<Str>()) type_error("keywords must be strings");
        if (!d->get(e.key).is_null()) type_error("got multiple values for keyword argument '" + e.key.as<Str>()->s + "'");
      }
      d->set(e.key, e.value);
    }
    return;
  }
  Value keys = find_attr(m, intern("keys"));
  if (keys.is_null()) {
    if (for_call) type_error("argument after ** must be a mapping, not " + type_name(m));
    type_error("'" + type_name(m) + "' object is not a mapping");
  }
  for (auto& k : to_vector(call(keys, {}))) d->set(k, get_item(m, k));
}

// ---- classes ----

namespace {

// C3 linearisation of the bases' MROs.
std::vector<Type*> c3_mro(Type* cls, const std::vector<Type*>& bases) {
  std::vector<std::vector<Type*>> seqs;
  for (Type* b : bases) seqs.push_back(b->mro);
  seqs.push_back(bases);
  std::vector<Type*> out{cls};
  for (;;) {
    seqs.erase(std::remove_if(seqs.begin(), seqs.end(), [](auto& s) { return s.empty(); }), seqs.end());
    if (seqs.empty()) return out;
    Type* cand = nullptr;
    for (auto& s : seqs) {
      Type* head = s.front();
      bool in_tail = false;
      for (auto& t : seqs)
        if (std::find(t.begin() + 1, t.end(), head) != t.end()) in_tail = true;
      if (!in_tail) {
        cand = head;
        break;
      }
    }
    if (!cand) type_error("Cannot create a consistent method resolution order (MRO)");
    out.push_back(cand);
    for (auto& s : seqs)
      if (s.front() == cand) s.erase(s.begin());
  }
}

void set_owner(const Value& v, Type* cls) {
  if (auto* f = v.as<Function>()) f->owner_class = cls;
  else if (auto* s = v.as<StaticMethod>()) set_owner(s->func, cls);
  else if (auto* c = v.as<ClassMethod>()) set_owner(c->func, cls);
  else if (auto* p = v.as<Property>()) {
    set_owner(p->fget, cls);
    set_owner(p->fset, cls);
  }
}

}  // namespace

Value build_class(const Value& body, const Value& name, const std::vector<Value>& bases) {
  auto ns = make<Dict>();
  // Run the class body with `ns` as its namespace.
  auto* fn = body.as<Function>();
  Code* co = fn->code.get();
  size_t nfast = co->cellvars.size() + co->freevars.size();
  size_t total = nfast + co->stacksize;
  VM& v = vm();
  SlotLease lease(v, total);
  Value* base = lease.base;
  for (size_t i = 0; i < co->cellvars.size(); ++i) base[i] = Value::steal(new Cell());
  for (size_t i = 0; i < co->freevars.size(); ++i)
    base[co->cellvars.size() + i] = Value(static_cast<Object*>(fn->closure[i].get()));
  Frame fr;
  fr.code = co;
  fr.func = fn;
  fr.globals = fn->globals.get();
  fr.locals = ns.get();
  fr.fast = base;
  fr.stack = base + nfast;
  fr.sp = fr.stack;
  v.run(&fr);
  return make_class(name.as<Str>()->s, bases, ns);
}

Value make_class(const std::string& name, const std::vector<Value>& bases, Ref<Dict> ns) {
  std::vector<Type*> base_types;
  for (auto& b : bases) {
    auto* t = b.as<Type>();
    if (!t) type_error("bases must be types");
    if (t == types().bool_) type_error("type 'bool' is not an acceptable base type");
    base_types.push_back(t);
  }
  if (base_types.empty()) base_types.push_back(types().object);
  auto cls = Ref<Type>(new Type(types().type, name));
  cls->dict = ns;
  cls->base = base_types[0];
  for (Type* b : base_types) cls->bases.push_back(Ref<Type>(b));
  cls->mro = c3_mro(cls.get(), base_types);
  cls->layout = Layout::Instance;
  for (Type* t : cls->mro) {
    if (t->builtin && t->layout != Layout::Instance) {
      cls->layout = t->layout;
      break;
    }
  }
  for (Type* t : cls->mro)
    if (t->hooks && !cls->hooks) cls->hooks = t->hooks;
  Value mod = ns->get(intern("__module__"));
  cls->module_name = mod.is<Str>() ? mod.as<Str>()->s : "__main__";
  cls->has_getattr_hook = !cls->lookup(intern("__getattr__")).is_null();
  Value sa = cls->lookup(intern("__setattr__"));
  cls->has_setattr_hook = !sa.is_null() && sa.is<Function>();
  for (auto& e : ns->table.entries())
    if (!e.key.is_null()) set_owner(e.value, cls.get());
  return Value(static_cast<Object*>(cls.get()));
}

Value zero_arg_super(Frame* f) {
  Type* start;
  Value self;
  super_args(f, start, self);
  return Value::steal(new Super(start, std::move(self)));
}

void super_args(Frame* f, Type*& start, Value& self) {
  Function* fn = f->func;
  if (!fn || !fn->owner_class) runtime_error("super(): __class__ cell not found");
  Code* co = fn->code.get();
  if (co->sig.argcount == 0 && !co->sig.varargs) runtime_error("super(): no arguments");
  self = f->fast[0];
  for (size_t i = 0; i < co->cell2arg.size(); ++i)
    if (co->cell2arg[i] == 0) self = static_cast<Cell*>(f->fast[co->nlocals + i].obj())->value;
  if (self.is_null()) runtime_error("super(): arg[0] deleted");
  start = fn->owner_class;
}

}  // namespace tscript
