// The sys, time, os and os.path modules.
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <dirent.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include "interpreter/api/policy.h"
#include "interpreter/builtins/builtins_internal.h"

extern char** environ;

namespace tscript {

namespace {

// ---- sys ----

// sys.stdout / sys.stderr: minimal text streams.
struct Stream : Object {
  static constexpr Layout kLayout = Layout::Native;
  bool err;
  Stream(Type* t, bool e) : Object(t), err(e) {}
};

Type* stream_type() {
  static Type* t = [] {
    Type* x = new Type(types().type, "TextIOWrapper");
    x->refcnt = 1u << 30;
    x->layout = Layout::Native;
    x->builtin = true;
    x->base = types().object;
    x->mro = {x, types().object};
    x->module_name = "_io";
    x->dict = make<Dict>();
    return x;
  }();
  return t;
}

Value stream_write(Value* a, const Value&) {
  auto* s = static_cast<Stream*>(a[0].obj());
  std::string text = arg_str(a[1], "write");
  if (s->err) vm().write_stderr(text);
  else vm().write_stdout(text);
  return Value(format_detail::utf8_length(text) > 0 ? static_cast<int64_t>(format_detail::utf8_length(text)) : int64_t(0));
}
Value stream_flush(Value* a, const Value&) {
  std::fflush(static_cast<Stream*>(a[0].obj())->err ? stderr : stdout);
  return Value();
}

Value sys_exit(Value* a, const Value&) {
  throw ScriptError{make_exception(exc_types().system_exit, a[0].is_null() ? std::vector<Value>{} : std::vector<Value>{a[0]})};
}

Value sys_getrecursionlimit(Value*, const Value&) { return Value(static_cast<int64_t>(vm().recursion_limit)); }
Value sys_setrecursionlimit(Value* a, const Value&) {
  int64_t n = arg_int(a[0], "setrecursionlimit");
  if (n < 1) value_error("recursion limit must be greater or equal than 1");
  vm().recursion_limit = static_cast<int>(std::min<int64_t>(n, 100000));
  return Value();
}

Ref<Module> make_sys(VM& v) {
  auto m = make<Module>("sys");
  Dict* d = m->dict.get();
  static bool once = [] {
    method(stream_type(), "write(self, s, /)", stream_write);
    method(stream_type(), "flush(self)", stream_flush);
    return true;
  }();
  (void)once;
  auto argv = make<List>();
  for (auto& a : v.argv) argv->items.push_back(str(a));
  set_global(d, "argv", Value(static_cast<Object*>(argv.get())));
  auto path = make<List>();
  for (auto& p : v.search_path) path->items.push_back(str(p));
  set_global(d, "path", Value(static_cast<Object*>(path.get())));
  set_global(d, "modules", Value(static_cast<Object*>(v.modules.get())));
  set_global(d, "stdout", Value::steal(new Stream(stream_type(), false)));
  set_global(d, "stderr", Value::steal(new Stream(stream_type(), true)));
  set_global(d, "maxsize", Value(static_cast<int64_t>(INT64_MAX)));
  set_global(d, "platform", str("linux"));
  set_global(d, "version", str("3.11.0 (tscript 0.1.0)"));
  set_global(d, "version_info", Value::steal(new Tuple({Value(int64_t(3)), Value(int64_t(11)), Value(int64_t(0)), str("final"), Value(int64_t(0))})));
  set_global(d, "executable", str("tscript"));
  auto ex = native("exit(status=None, /)", sys_exit);
  ex->defaults = {Value::null()};
  set_global(d, "exit", Value(static_cast<Object*>(ex.get())));
  def(d, "getrecursionlimit()", sys_getrecursionlimit);
  def(d, "setrecursionlimit(limit, /)", sys_setrecursionlimit);
  return m;
}

// ---- time ----

double now_seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration<double>(t.time_since_epoch()).count();
}
Value time_time(Value*, const Value&) { return Value(now_seconds(std::chrono::system_clock::now())); }
Value time_perf_counter(Value*, const Value&) {
  return Value(std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count());
}
Value time_perf_counter_ns(Value*, const Value&) {
  return Value(static_cast<int64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count()));
}
Value time_time_ns(Value*, const Value&) {
  return Value(static_cast<int64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count()));
}
Value time_sleep(Value* a, const Value&) {
  double s = arg_float(a[0], "sleep");
  if (s < 0) value_error("sleep length must be non-negative");
  // Sleep in slices so an interrupt request is honoured promptly.
  auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(s);
  while (std::chrono::steady_clock::now() < end) {
    if (vm().interrupt_requested.load()) {
      vm().interrupt_requested = false;
      raise(exc_types().keyboard_interrupt, "");
    }
    auto left = end - std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::min<std::chrono::duration<double>>(left, std::chrono::milliseconds(20)));
  }
  return Value();
}

Ref<Module> make_time(VM&) {
  auto m = make<Module>("time");
  Dict* d = m->dict.get();
  def(d, "time()", time_time);
  def(d, "time_ns()", time_time_ns);
  def(d, "perf_counter()", time_perf_counter);
  def(d, "perf_counter_ns()", time_perf_counter_ns);
  def(d, "monotonic()", time_perf_counter);
  def(d, "process_time()", time_perf_counter);
  def(d, "sleep(seconds, /)", time_sleep);
  return m;
}

// ---- os / os.path ----

std::string path_arg(const Value& v, const char* f) { return arg_str(v, f); }

Value os_path_join(Value* a, const Value&) {
  std::string out = path_arg(a[0], "join");
  for (auto& p : a[1].as<Tuple>()->items) {
    std::string s = path_arg(p, "join");
    if (!s.empty() && s[0] == '/') out = s;
    else if (out.empty() || out.back() == '/') out += s;
    else out += "/" + s;
  }
  return str(out);
}

// A path the host's policy hides does not exist as far as scripts can tell.
bool stat_ok(const std::string& p, struct stat* st) {
  return file_access_allowed(p, FileAccess::Read) && ::stat(p.c_str(), st) == 0;
}

Value os_path_exists(Value* a, const Value&) {
  struct stat st;
  return Value(a[0].is<Str>() && stat_ok(a[0].as<Str>()->s, &st));
}
Value os_path_isfile(Value* a, const Value&) {
  struct stat st;
  return Value(a[0].is<Str>() && stat_ok(a[0].as<Str>()->s, &st) && S_ISREG(st.st_mode));
}
Value os_path_isdir(Value* a, const Value&) {
  struct stat st;
  return Value(a[0].is<Str>() && stat_ok(a[0].as<Str>()->s, &st) && S_ISDIR(st.st_mode));
}
Value os_path_basename(Value* a, const Value&) {
  std::string p = path_arg(a[0], "basename");
  size_t i = p.rfind('/');
  return str(i == std::string::npos ? p : p.substr(i + 1));
}
Value os_path_dirname(Value* a, const Value&) {
  std::string p = path_arg(a[0], "dirname");
  size_t i = p.rfind('/');
  if (i == std::string::npos) return str("");
  std::string head = p.substr(0, i + 1);
  while (head.size() > 1 && head.back() == '/') head.pop_back();
  return str(head);
}
Value os_path_split(Value* a, const Value& d) {
  return Value::steal(new Tuple({os_path_dirname(a, d), os_path_basename(a, d)}));
}
Value os_path_splitext(Value* a, const Value&) {
  std::string p = path_arg(a[0], "splitext");
  size_t slash = p.rfind('/');
  size_t dot = p.rfind('.');
  size_t name_start = slash == std::string::npos ? 0 : slash + 1;
  // A leading dot (".bashrc") is not an extension.
  size_t first_non_dot = p.find_first_not_of('.', name_start);
  if (dot == std::string::npos || dot < name_start || first_non_dot == std::string::npos || dot < first_non_dot)
    return Value::steal(new Tuple({str(p), str("")}));
  return Value::steal(new Tuple({str(p.substr(0, dot)), str(p.substr(dot))}));
}
Value os_path_abspath(Value* a, const Value&) {
  std::string p = path_arg(a[0], "abspath");
  if (p.empty() || p[0] != '/') {
    char buf[PATH_MAX];
    if (::getcwd(buf, sizeof buf)) p = std::string(buf) + "/" + p;
  }
  return str(p);
}
Value os_path_getsize(Value* a, const Value&) {
  struct stat st;
  std::string p = path_arg(a[0], "getsize");
  if (!stat_ok(p, &st)) raise(exc_types().file_not_found_error, "[Errno 2] No such file or directory: '" + p + "'");
  return Value(static_cast<int64_t>(st.st_size));
}
Value os_path_expanduser(Value* a, const Value&) {
  std::string p = path_arg(a[0], "expanduser");
  if (!p.empty() && p[0] == '~') {
    const char* home = std::getenv("HOME");
    if (home) p = std::string(home) + p.substr(1);
  }
  return str(p);
}

Value os_getcwd(Value*, const Value&) {
  char buf[PATH_MAX];
  if (!::getcwd(buf, sizeof buf)) raise(exc_types().os_error, "getcwd failed");
  return str(buf);
}
Value os_listdir(Value* a, const Value&) {
  std::string p = a[0].is_none() ? "." : path_arg(a[0], "listdir");
  check_file_access(p, FileAccess::Read);
  DIR* dir = ::opendir(p.c_str());
  if (!dir) raise(exc_types().file_not_found_error, "[Errno 2] No such file or directory: '" + p + "'");
  auto l = make<List>();
  while (dirent* e = ::readdir(dir)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") l->items.push_back(str(n));
  }
  ::closedir(dir);
  return Value(static_cast<Object*>(l.get()));
}
Value os_makedirs(Value* a, const Value&) {
  std::string p = path_arg(a[0], "makedirs");
  check_file_access(p, FileAccess::Write);
  bool exist_ok = truthy(a[2]);
  struct stat st;
  if (stat_ok(p, &st)) {
    if (exist_ok && S_ISDIR(st.st_mode)) return Value();
    raise(exc_types().file_exists_error, "[Errno 17] File exists: '" + p + "'");
  }
  std::string cur;
  for (size_t i = 0; i <= p.size(); ++i) {
    if (i == p.size() || p[i] == '/') {
      if (!cur.empty() && !stat_ok(cur, &st) && ::mkdir(cur.c_str(), 0777) != 0)
        raise(exc_types().os_error, "cannot create directory '" + cur + "'");
    }
    if (i < p.size()) cur += p[i];
  }
  return Value();
}
Value os_remove(Value* a, const Value&) {
  std::string p = path_arg(a[0], "remove");
  check_file_access(p, FileAccess::Write);
  if (::unlink(p.c_str()) != 0) raise_os_error(errno, p);
  return Value();
}
Value os_rmdir(Value* a, const Value&) {
  std::string p = path_arg(a[0], "rmdir");
  check_file_access(p, FileAccess::Write);
  if (::rmdir(p.c_str()) != 0) raise_os_error(errno, p);
  return Value();
}
Value os_getenv(Value* a, const Value&) {
  const char* v = std::getenv(path_arg(a[0], "getenv").c_str());
  return v ? str(v) : a[1];
}

Ref<Module> make_os_path(VM&) {
  auto m = make<Module>("os.path");
  Dict* d = m->dict.get();
  def(d, "join(a, *p)", os_path_join);
  def(d, "exists(path)", os_path_exists);
  def(d, "isfile(path)", os_path_isfile);
  def(d, "isdir(path)", os_path_isdir);
  def(d, "basename(p)", os_path_basename);
  def(d, "dirname(p)", os_path_dirname);
  def(d, "split(p)", os_path_split);
  def(d, "splitext(p)", os_path_splitext);
  def(d, "abspath(path)", os_path_abspath);
  def(d, "getsize(filename)", os_path_getsize);
  def(d, "expanduser(path)", os_path_expanduser);
  set_global(d, "sep", str("/"));
  return m;
}

Ref<Module> make_os(VM& v) {
  auto m = make<Module>("os");
  Dict* d = m->dict.get();
  def(d, "getcwd()", os_getcwd);
  def(d, "listdir(path=None)", os_listdir);
  def(d, "makedirs(name, mode=511, exist_ok=False)", os_makedirs);
  def(d, "remove(path)", os_remove);
  def(d, "unlink(path)", os_remove);
  def(d, "rmdir(path)", os_rmdir);
  def(d, "getenv(key, default=None)", os_getenv);
  auto env = make<Dict>();
  for (char** e = environ; e && *e; ++e) {
    std::string kv = *e;
    size_t eq = kv.find('=');
    if (eq != std::string::npos) env->set(str(kv.substr(0, eq)), str(kv.substr(eq + 1)));
  }
  set_global(d, "environ", Value(static_cast<Object*>(env.get())));
  set_global(d, "sep", str("/"));
  set_global(d, "name", str("posix"));
  Ref<Module> path = make_os_path(v);
  v.modules->set(str("os.path"), Value(static_cast<Object*>(path.get())));
  set_global(d, "path", Value(static_cast<Object*>(path.get())));
  return m;
}

}  // namespace

Ref<Module> make_math(VM& v);
Ref<Module> make_random(VM& v);  // random_module.cpp
Ref<Module> make_json(VM& v);    // json_module.cpp
Ref<Module> make_io(VM& v);      // file_object.cpp

void install_modules(VM& v) {
  static bool once = [] {
    register_native_module("sys", make_sys);
    register_native_module("time", make_time);
    register_native_module("os", make_os);
    register_native_module("os.path", make_os_path);
    register_native_module("math", make_math);
    register_native_module("random", make_random);
    register_native_module("json", make_json);
    register_native_module("io", make_io);
    register_native_module("torch", [](VM& vm) { Ref<Module> make_torch(VM&); return make_torch(vm); });  // interpreter/bindings
    return true;
  }();
  (void)once;
}

}  // namespace tscript
