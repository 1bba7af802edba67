// The import system: sys.modules cache, native modules, .tscript files and packages on
// the search path, relative imports, `from m import *`.
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <sys/stat.h>

#include "interpreter/api/policy.h"
#include "interpreter/builtins/builtins_internal.h"
#include "interpreter/builtins/stdlib_files.h"
#include "interpreter/vm/vm_internal.h"

namespace tscript {

namespace {

std::map<std::string, ModuleFactory>& factories() {
  static std::map<std::string, ModuleFactory> m;
  return m;
}
std::mutex& factories_mutex() {
  static std::mutex mu;
  return mu;
}

bool is_file(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

[[noreturn]] void not_found(const std::string& name) {
  Value e = make_exception(exc_types().module_not_found_error, "No module named '" + name + "'");
  e.as<Exception>()->dict->set(str("name"), str(name));
  throw ScriptError{e};
}

Value cached(const std::string& name) { return vm().modules->get(str(name)); }

// Runs `src` as module `full` (its __file__ and, for a package, __path__ set first); on
// failure the half-made module leaves sys.modules again.
Value exec_new_module(Ref<Module> mod, const std::string& full, const std::string& file, const std::string& pkgdir,
                      const std::string& src) {
  VM& v = vm();
  mod->dict->set(str("__file__"), str(file));
  if (!pkgdir.empty()) {
    mod->dict->set(str("__path__"), Value::steal(new List({str(pkgdir)})));
    mod->dict->set(str("__package__"), str(full));
  } else {
    size_t dot = full.rfind('.');
    mod->dict->set(str("__package__"), str(dot == std::string::npos ? "" : full.substr(0, dot)));
  }
  Value mv(static_cast<Object*>(mod.get()));
  v.modules->set(str(full), mv);
  try {
    v.exec_module(src, file, full, mod->dict);
  } catch (...) {
    v.modules->erase(str(full));
    throw;
  }
  return cached(full);
}

bool module_file(const std::string& path) { return stdlib_is_file(path) || is_file(path); }

// Finds `full` as a .tscript file or package folder in one of `dirs` and runs it;
// Null when none has it.
Value load_file(const std::string& full, const std::vector<std::string>& dirs) {
  std::string leaf = full.substr(full.rfind('.') == std::string::npos ? 0 : full.rfind('.') + 1);
  for (auto& dir : dirs) {
    std::string base = dir.empty() ? leaf : dir + "/" + leaf;
    std::string file, pkgdir;
    if (module_file(base + "/__init__.tscript")) {
      file = base + "/__init__.tscript";
      pkgdir = base;
    } else if (module_file(base + ".tscript")) {
      file = base + ".tscript";
    } else {
      continue;
    }
    std::string src;
    if (!stdlib_read(file, src) && !read_file(file, src)) continue;
    return exec_new_module(make<Module>(full), full, file, pkgdir, src);
  }
  return Value::null();
}

// A native module may be completed by a stdlib package of the same name (torch's
// Python layer: torch.nn, torch.optim, ... live in stdlib/torch/): its __init__ runs
// in the native module's namespace, and its folder becomes the module's __path__.
Value load_native(const std::string& full, ModuleFactory factory) {
  VM& v = vm();
  Ref<Module> mod = factory(v);
  std::string pkgdir = std::string(kStdlibRoot) + "/" + full;
  for (auto& c : pkgdir)
    if (c == '.') c = '/';
  std::string src;
  if (stdlib_read(pkgdir + "/__init__.tscript", src)) return exec_new_module(mod, full, pkgdir + "/__init__.tscript", pkgdir, src);
  Value mv(static_cast<Object*>(mod.get()));
  v.modules->set(str(full), mv);
  return mv;
}

// Loads one module (its parent package already imported). `dirs` are the directories
// of the parent package (its __path__), or the search path for a top-level module, which
// is looked for on disk, then among the native modules, then in the built-in stdlib.
Value load(const std::string& full, const std::vector<std::string>& dirs, bool top_level) {
  Value m = cached(full);
  if (!m.is_null()) return m;
  m = load_file(full, dirs);
  if (!m.is_null()) return m;
  ModuleFactory factory = nullptr;
  {
    std::lock_guard<std::mutex> lock(factories_mutex());
    auto it = factories().find(full);
    if (it != factories().end()) factory = it->second;
  }
  if (factory) return load_native(full, factory);
  if (top_level) {
    m = load_file(full, {std::string(kStdlibRoot)});
    if (!m.is_null()) return m;
  }
  not_found(full);
}

std::vector<std::string> package_dirs(const Value& pkg) {
  std::vector<std::string> dirs;
  if (auto* m = pkg.as<Module>()) {
    Value p = m->dict->get(intern("__path__"));
    if (auto* l = p.as<List>())
      for (auto& d : l->items)
        if (auto* s = d.as<Str>()) dirs.push_back(s->s);
  }
  return dirs;
}

Value import_dotted(const std::string& name) {
  VM& v = vm();
  Value top = Value::null();
  Value parent = Value::null();  // Null until the first component is loaded
  std::string prefix;
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    std::string part = name.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    std::string full = prefix.empty() ? part : prefix + "." + part;
    Value m = parent.is_null() ? load(full, v.search_path, true) : load(full, package_dirs(parent), false);
    if (!parent.is_null()) {
      if (auto* pm = parent.as<Module>()) pm->dict->set(str(part), m);
    }
    if (top.is_null()) top = m;
    parent = m;
    prefix = full;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parent;
}

}  // namespace

void register_native_module(const std::string& name, ModuleFactory f) {
  std::lock_guard<std::mutex> lock(factories_mutex());
  factories()[name] = f;
}

Value import_module(const std::string& name_in, const Value& fromlist, int level, Dict* globals) {
  std::string name = name_in;
  if (level > 0) {
    Value pkg = globals ? globals->get(intern("__package__")) : Value::null();
    std::string base = pkg.is<Str>() ? pkg.as<Str>()->s : "";
    if (base.empty()) {
      raise(exc_types().import_error, "attempted relative import with no known parent package");
    }
    for (int i = 1; i < level; ++i) {
      size_t dot = base.rfind('.');
      if (dot == std::string::npos) raise(exc_types().import_error, "attempted relative import beyond top-level package");
      base = base.substr(0, dot);
    }
    name = name.empty() ? base : base + "." + name;
  }
  check_import(name, globals);
  Value leaf = import_dotted(name);
  bool has_fromlist = fromlist.is<Tuple>() && !fromlist.as<Tuple>()->items.empty();
  // `import a.b` binds the top-level package; `from a.b import x` needs a.b itself.
  if (has_fromlist) return leaf;
  return cached(name.substr(0, name.find('.')));
}

Value import_from(const Value& module, Str* name) {
  Value v = find_attr(module, name);
  if (!v.is_null()) return v;
  if (auto* m = module.as<Module>()) {
    std::string full = m->name->s + "." + name->s;
    try {
      return import_dotted(full);
    } catch (ScriptError& e) {
      if (!is_instance(e.exc, exc_types().module_not_found_error)) throw;
    }
    Value file = m->dict->get(intern("__file__"));
    std::string where = file.is<Str>() ? " (" + file.as<Str>()->s + ")" : " (unknown location)";
    Value e = make_exception(exc_types().import_error,
                             "cannot import name '" + name->s + "' from '" + m->name->s + "'" + where);
    throw ScriptError{e};
  }
  raise(exc_types().import_error, "cannot import name '" + name->s + "'");
}

void import_star(const Value& module, Dict* ns) {
  auto* m = module.as<Module>();
  if (!m) return;
  Value all = m->dict->get(intern("__all__"));
  if (!all.is_null()) {
    for (auto& n : to_vector(all)) {
      auto* s = n.as<Str>();
      if (!s) type_error("Item in " + m->name->s + ".__all__ must be str, not " + type_name(n));
      ns->set(Value(static_cast<Object*>(intern(s->s))), get_attr(module, intern(s->s)));
    }
    return;
  }
  for (auto& e : m->dict->table.entries()) {
    if (e.key.is_null()) continue;
    auto* s = e.key.as<Str>();
    if (s && !s->s.empty() && s->s[0] != '_') ns->set(e.key, e.value);
  }
}

}  // namespace tscript
