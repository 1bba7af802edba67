#include "interpreter/builtins/stdlib_files.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace tscript {

namespace {

// The part of `path` below "<stdlib>/", or false when it is not a stdlib path.
bool relative(const std::string& path, std::string& rel) {
  if (path.size() <= kStdlibRoot.size() + 1 || path.compare(0, kStdlibRoot.size(), kStdlibRoot) != 0 ||
      path[kStdlibRoot.size()] != '/')
    return false;
  rel = path.substr(kStdlibRoot.size() + 1);
  return true;
}

const char* override_dir() {
  const char* dir = std::getenv("TSCRIPT_STDLIB");
  return dir && *dir ? dir : nullptr;
}

}  // namespace

bool stdlib_is_file(const std::string& path) {
  std::string rel;
  if (!relative(path, rel)) return false;
  if (const char* dir = override_dir()) {
    struct stat st;
    return ::stat((std::string(dir) + "/" + rel).c_str(), &st) == 0 && S_ISREG(st.st_mode);
  }
  return embedded_stdlib().count(rel) != 0;
}

bool stdlib_read(const std::string& path, std::string& out) {
  std::string rel;
  if (!relative(path, rel)) return false;
  if (const char* dir = override_dir()) {
    std::ifstream in(std::string(dir) + "/" + rel, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
  }
  auto it = embedded_stdlib().find(rel);
  if (it == embedded_stdlib().end()) return false;
  out.assign(it->second);
  return true;
}

}  // namespace tscript
