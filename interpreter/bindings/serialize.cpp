// torch.save / torch.load and the native `tscript` module (safetensors): script
// values to and from the checkpoint object model of runtime/serialize.
//
// Only data crosses: tensors (nn.Parameter kept as such), numbers, strings, None,
// lists, tuples, dicts, collections.OrderedDict, sets, torch.Size, torch.dtype and
// torch.device. Instances of script classes cannot be saved (tscript does not
// pickle arbitrary objects) and the loader never builds one.
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unordered_map>

#include "interpreter/api/policy.h"
#include "interpreter/bindings/arg_parser.h"
#include "interpreter/builtins/builtins_internal.h"
#include "runtime/serialize/checkpoint.h"
#include "runtime/serialize/safetensors.h"

namespace tscript::bindings {

namespace ser = rt::serialize;

namespace {

// ---- script value -> object model ----

class ToModel {
 public:
  explicit ToModel(ser::Heap& heap) : heap_(heap) {}

  ser::Object* convert(const Value& v, int depth = 0) {
    if (depth > ser::kMaxLoadDepth) rt::throw_error(rt::ErrorKind::Value, "torch.save: object nested too deeply");
    if (v.is_none()) return heap_.none();
    if (v.is_bool()) return heap_.boolean(v.as_bool());
    if (v.is_int()) return heap_.integer(v.as_int());
    if (v.is_float()) return heap_.real(v.as_float());
    Object* o = v.obj();
    if (auto it = memo_.find(o); it != memo_.end()) return it->second;  // shared stays shared
    ser::Object* m = make(v, depth);
    memo_[o] = m;
    return m;
  }

 private:
  ser::Object* make(const Value& v, int depth) {
    if (auto* t = as_tensor(v)) return heap_.tensor(t->t, type_of(v)->name == "Parameter");
    if (auto d = as_dtype(v)) return heap_.global("torch", rt::dtype_name(*d));
    if (auto d = as_device(v)) {
      std::vector<ser::Object*> args{heap_.str(d->type == rt::DeviceType::CPU ? "cpu" : "cuda")};
      if (d->index >= 0) args.push_back(heap_.integer(d->index));
      return heap_.call(heap_.global("torch", "device"), std::move(args));
    }
    Type* type = type_of(v);
    if (auto* s = v.as<Str>()) return heap_.str(s->s);
    if (auto* t = v.as<Tuple>()) {
      std::vector<ser::Object*> items;
      for (const Value& x : t->items) items.push_back(convert(x, depth + 1));
      if (type->is_subtype(size_type()))  // torch.Size pickles as torch.Size((d0, d1, ...))
        return heap_.call(heap_.global("torch", "Size"), {heap_.tuple(std::move(items))});
      check_builtin(v, types().tuple);
      return heap_.tuple(std::move(items));
    }
    if (auto* l = v.as<List>()) {
      check_builtin(v, types().list);
      ser::Object* out = heap_.list();
      memo_[v.obj()] = out;  // before the items: a list may contain itself
      for (const Value& x : l->items) out->items.push_back(convert(x, depth + 1));
      return out;
    }
    if (auto* d = v.as<Dict>()) {
      bool ordered = type->name == "OrderedDict";
      if (!ordered) check_builtin(v, types().dict);
      ser::Object* out = heap_.dict(ordered);
      memo_[v.obj()] = out;
      for (const auto& e : d->table.entries())
        if (!e.key.is_null()) out->entries.emplace_back(convert(e.key, depth + 1), convert(e.value, depth + 1));
      return out;
    }
    if (auto* s = v.as<Set>()) {
      ser::Object* out = heap_.make(s->frozen || type == types().frozenset ? ser::Kind::FrozenSet : ser::Kind::Set);
      for (const auto& e : s->table.entries())
        if (!e.key.is_null()) out->items.push_back(convert(e.key, depth + 1));
      return out;
    }
    unsupported(v);
  }

  // A subclass of list/tuple/dict would lose its class: refuse rather than change it.
  static void check_builtin(const Value& v, Type* builtin) {
    if (type_of(v) != builtin) unsupported(v);
  }
  [[noreturn]] static void unsupported(const Value& v) {
    type_error("torch.save: cannot save an object of type '" + type_name(v) +
               "': tscript checkpoints hold only tensors, numbers, strings, None, lists, tuples, dicts, "
               "OrderedDicts, sets, torch.Size, torch.dtype and torch.device (it does not pickle class instances)");
  }

  ser::Heap& heap_;
  std::unordered_map<Object*, ser::Object*> memo_;
};

// ---- object model -> script values ----

// `from module import name`, or Null when the import fails (the stdlib module is optional).
Value optional_import(const char* module, const char* name) {
  try {
    Value m = import_module(module, Value::steal(new Tuple({str(name)})), 0, nullptr);
    return find_attr(m, intern(name));
  } catch (const ScriptError&) {
    return Value::null();
  }
}

class FromModel {
 public:
  Value convert(const ser::Object* o) {
    using K = ser::Kind;
    switch (o->kind) {
      case K::None: return Value();
      case K::Bool: return Value(o->boolean);
      case K::Int: return Value(o->integer);
      case K::Float: return Value(o->real);
      case K::Str: return str(o->text);
      default: break;
    }
    if (auto it = memo_.find(o); it != memo_.end()) return it->second;
    Value v = make(o);
    memo_[o] = v;
    return v;
  }

 private:
  Value make(const ser::Object* o) {
    using K = ser::Kind;
    switch (o->kind) {
      case K::List: {
        auto l = Value::steal(new List());
        memo_[o] = l;
        for (const ser::Object* x : o->items) l.as<List>()->items.push_back(convert(x));
        return l;
      }
      case K::Tuple: {
        std::vector<Value> items;
        for (const ser::Object* x : o->items) items.push_back(convert(x));
        return Value::steal(new Tuple(std::move(items)));
      }
      case K::Set:
      case K::FrozenSet: {
        auto s = Value::steal(new Set());
        for (const ser::Object* x : o->items) s.as<Set>()->add(convert(x));
        return o->kind == K::Set ? s : call(Value(static_cast<Object*>(types().frozenset)), {s});
      }
      case K::Dict:
      case K::OrderedDict: {
        Value d = Value::steal(new Dict());
        // OrderedDict comes from the stdlib `collections` module when it is there.
        if (o->kind == K::OrderedDict) {
          if (ordered_dict_.is_null()) ordered_dict_ = optional_import("collections", "OrderedDict");
          if (!ordered_dict_.is_null()) d = call(ordered_dict_, {});
        }
        memo_[o] = d;
        Dict* dict = d.as<Dict>();
        if (!dict) type_error("collections.OrderedDict is not a dict subclass");
        for (auto& [k, v] : o->entries) dict->set(convert(k), convert(v));
        // PyTorch's `_metadata` attribute is dropped: tscript dict subclasses hold no attributes.
        return d;
      }
      case K::Tensor: {
        Value t = wrap(o->tensor);
        if (!o->parameter) return t;
        if (parameter_.is_null()) parameter_ = optional_import("torch.nn", "Parameter");
        if (parameter_.is_null()) return t;  // no nn yet: the tensor keeps its requires_grad
        return call(parameter_, {t, Value(o->tensor.requires_grad())});
      }
      case K::Global:
        if (o->text == "torch")
          if (auto d = rt::dtype_from_name(o->name)) return dtype_value(*d);
        break;
      case K::Call: {
        std::string fn = o->callee();
        const auto& args = o->call_args();
        if (fn == "torch.Size") {
          std::vector<int64_t> sizes;
          for (const ser::Object* x : args[0]->items) sizes.push_back(x->integer);
          return make_size(sizes);
        }
        if (fn == "torch.device") {
          rt::Device d = rt::Device::parse(args[0]->text);
          if (args.size() == 2) d.index = static_cast<int16_t>(args[1]->integer);
          return device_value(d);
        }
        break;
      }
      case K::Bytes: type_error("torch.load: the checkpoint holds a bytes value, which tscript has no type for");
      case K::Storage: type_error("torch.load: the checkpoint holds a bare storage; tscript loads tensors only");
      default: break;
    }
    type_error(std::string("torch.load: cannot convert a ") + ser::kind_name(o->kind) + " to a tscript value");
  }

  std::unordered_map<const ser::Object*, Value> memo_;
  Value ordered_dict_ = Value::null(), parameter_ = Value::null();
};

// ---- torch.save / torch.load ----

std::string path_arg(const Value& f, const char* fn, FileAccess access) {
  if (auto* s = f.as<Str>()) {
    check_file_access(s->s, access);
    return s->s;
  }
  type_error(std::string(fn) + ": tscript takes a file path (str), got '" + type_name(f) + "'");
}

Value torch_save(Args& a) {
  ser::Heap heap;
  ser::Object* root = ToModel(heap).convert(a[0]);
  ser::save(*root, path_arg(a[1], "torch.save", FileAccess::Write));
  return Value();
}

// map_location: None, 'cpu', torch.device, or a dict of saved location -> location.
ser::LoadOptions load_options(const Value& map_location, bool weights_only) {
  ser::LoadOptions opt;
  opt.weights_only = weights_only;
  if (map_location.is_none()) return opt;
  if (auto* s = map_location.as<Str>()) opt.map_all = rt::Device::parse(s->s).str();
  else if (auto d = as_device(map_location)) opt.map_all = d->str();
  else if (auto* m = map_location.as<Dict>()) {
    for (const auto& e : m->table.entries()) {
      if (e.key.is_null()) continue;
      if (!e.key.is<Str>() || !e.value.is<Str>()) type_error("torch.load: a map_location dict maps str to str");
      opt.map[e.key.as<Str>()->s] = e.value.as<Str>()->s;
    }
  } else {
    type_error("torch.load: map_location must be None, a str, a torch.device or a dict (tscript does not call "
               "functions as map_location)");
  }
  // "cpu:0" style spellings name the CPU too.
  if (opt.map_all && opt.map_all->rfind("cpu", 0) == 0) opt.map_all = "cpu";
  return opt;
}

Value torch_load(Args& a) {
  std::string path = path_arg(a[0], "torch.load", FileAccess::Read);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    int err = errno;
    Type* t = err == ENOENT ? exc_types().file_not_found_error : exc_types().os_error;
    raise(t, "[Errno " + std::to_string(err) + "] " + std::strerror(err) + ": '" + path + "'");
  }
  ser::Checkpoint c = ser::load(path, load_options(a[1], a.boolean(3)));
  return FromModel().convert(c.root);
}

const OpDef kSerializeOps[] = {
    {"save(object obj, object f, object pickle_module=None, int pickle_protocol=2, "
     "bool _use_new_zipfile_serialization=True)",
     torch_save},
    {"load(object f, object map_location=None, object pickle_module=None, *, bool weights_only=False)", torch_load},
};

// ---- the `tscript` module: safetensors ----

Value save_safetensors(Args& a) {
  auto* d = a[0].as<Dict>();
  if (!d) type_error("save_safetensors: expected a dict of str -> Tensor, got '" + type_name(a[0]) + "'");
  std::vector<std::pair<std::string, rt::Tensor>> tensors;
  for (const auto& e : d->table.entries()) {
    if (e.key.is_null()) continue;
    auto* t = as_tensor(e.value);
    if (!e.key.is<Str>() || !t) type_error("save_safetensors: expected a dict of str -> Tensor");
    tensors.emplace_back(e.key.as<Str>()->s, t->t);
  }
  std::map<std::string, std::string> metadata;
  if (auto* m = a[2].as<Dict>()) {
    for (const auto& e : m->table.entries()) {
      if (e.key.is_null()) continue;
      if (!e.key.is<Str>() || !e.value.is<Str>()) type_error("save_safetensors: metadata maps str to str");
      metadata[e.key.as<Str>()->s] = e.value.as<Str>()->s;
    }
  } else if (!a[2].is_none()) {
    type_error("save_safetensors: metadata must be a dict or None");
  }
  check_file_access(a.string(1), FileAccess::Write);
  ser::save_safetensors(tensors, a.string(1), metadata);
  return Value();
}

Value load_safetensors(Args& a) {
  check_file_access(a.string(0), FileAccess::Read);
  ser::SafetensorsFile f = ser::load_safetensors(a.string(0));
  auto d = Value::steal(new Dict());
  for (auto& [name, t] : f.tensors) d.as<Dict>()->set(str(name), wrap(t));
  return d;
}

const OpDef kTscriptModuleOps[] = {
    {"save_safetensors(object tensors, str path, object metadata=None)", save_safetensors},
    {"load_safetensors(str path)", load_safetensors},
};

Ref<Module> make_tscript_module(VM&) {
  auto m = make<Module>("tscript");
  install_ops(m->dict.get(), nullptr, {kTscriptModuleOps});
  return m;
}

// `import tscript` works without importing torch first: the module registers itself
// when this file is linked in (torch_module.cpp references serialize_ops()).
const bool registered = [] {
  register_native_module("tscript", make_tscript_module);
  return true;
}();

}  // namespace

std::span<const OpDef> serialize_ops() { return kSerializeOps; }

}  // namespace tscript::bindings
