// tscript::Policy — what an embedded script may import and which files it may touch.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tscript {

enum class FileAccess { Read, Write };

// Consulted by `import` and by every built-in that touches the filesystem (torch.save,
// torch.load, the safetensors functions, datasets' IDX reader, os.path.exists/isfile/isdir,
// os.listdir/makedirs/remove/rmdir, open()).
// A default Policy grants no file and every module; the `tscript` command runs without one.
class Policy {
 public:
  // Everything allowed, as the command-line tool does.
  static Policy unrestricted();

  // Files under `dir` (after resolving `..` and symlinks) may be read / read and written.
  Policy& grant_read(std::string dir);
  Policy& grant_write(std::string dir);
  Policy& grant_all_files();
  // Only these top-level modules (and their submodules) may be imported by scripts; modules
  // the stdlib imports for itself are not checked. Without a call, every module may be.
  Policy& allow_modules(std::vector<std::string> names);
  Policy& allow_module(std::string name);

  bool may_access(const std::string& path, FileAccess access) const;
  bool may_import(std::string_view module) const;

 private:
  bool all_files_ = false;
  std::vector<std::string> read_dirs_, write_dirs_;  // canonical, without trailing '/'
  std::optional<std::set<std::string, std::less<>>> modules_;  // nullopt: all
};

}  // namespace tscript
