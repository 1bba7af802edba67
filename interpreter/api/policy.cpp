// tscript::Policy and the checks built-ins call through interpreter/api/policy.h.
#include "interpreter/api/policy.h"

#include <filesystem>
#include <system_error>

#include "interpreter/builtins/stdlib_files.h"
#include "interpreter/vm/vm.h"

namespace tscript {

namespace {

// Absolute, with `.`/`..` and symlinks of the existing part resolved, so neither
// "granted/../secret" nor a symlink inside a granted folder leads out of it.
std::string canonical_path(const std::string& path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  if (ec) return {};
  std::string s = p.lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

bool under_any(const std::string& path, const std::vector<std::string>& dirs) {
  for (const auto& d : dirs) {
    if (d == "/") return true;
    if (path.compare(0, d.size(), d) == 0 && (path.size() == d.size() || path[d.size()] == '/')) return true;
  }
  return false;
}

std::string top_level(std::string_view module) { return std::string(module.substr(0, module.find('.'))); }

}  // namespace

Policy Policy::unrestricted() {
  Policy p;
  p.all_files_ = true;
  return p;
}

Policy& Policy::grant_read(std::string dir) {
  std::string c = canonical_path(dir);
  if (!c.empty()) read_dirs_.push_back(std::move(c));
  return *this;
}

Policy& Policy::grant_write(std::string dir) {
  std::string c = canonical_path(dir);
  if (!c.empty()) write_dirs_.push_back(std::move(c));
  return *this;
}

Policy& Policy::grant_all_files() {
  all_files_ = true;
  return *this;
}

Policy& Policy::allow_modules(std::vector<std::string> names) {
  if (!modules_) modules_.emplace();
  for (auto& n : names) modules_->insert(top_level(n));
  return *this;
}

Policy& Policy::allow_module(std::string name) { return allow_modules({std::move(name)}); }

bool Policy::may_access(const std::string& path, FileAccess access) const {
  if (all_files_) return true;
  if (read_dirs_.empty() && write_dirs_.empty()) return false;
  std::string c = canonical_path(path);
  if (c.empty()) return false;
  // A writable folder is readable too.
  if (under_any(c, write_dirs_)) return true;
  return access == FileAccess::Read && under_any(c, read_dirs_);
}

bool Policy::may_import(std::string_view module) const {
  return !modules_ || modules_->count(top_level(module)) != 0;
}

bool file_access_allowed(const std::string& path, FileAccess access) {
  const Policy* p = vm().policy;
  return !p || p->may_access(path, access);
}

void check_file_access(const std::string& path, FileAccess access) {
  if (file_access_allowed(path, access)) return;
  raise(exc_types().permission_error, std::string("[Errno 13] Permission denied by the host's policy (") +
                                          (access == FileAccess::Write ? "write" : "read") + "): '" + path + "'");
}

void check_import(const std::string& name, Dict* importer) {
  const Policy* p = vm().policy;
  if (!p || p->may_import(name)) return;
  if (importer) {
    Value file = importer->get(intern("__file__"));
    if (auto* s = file.as<Str>(); s && s->s.rfind(kStdlibRoot, 0) == 0) return;
  }
  raise(exc_types().import_error, "import of '" + name + "' is not allowed by the host's policy");
}

}  // namespace tscript
