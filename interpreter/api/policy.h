// The one place file-touching built-ins and `import` ask the running interpreter's
// tscript::Policy (VM::policy; none for the command-line tool, which allows everything).
#pragma once

#include <string>

#include "interpreter/objects/object.h"
#include "tscript/policy.h"

namespace tscript {

// Raises PermissionError unless scripts may read (or write) `path`.
void check_file_access(const std::string& path, FileAccess access);
// False when the policy denies the path (for os.path.exists & co., which answer False).
bool file_access_allowed(const std::string& path, FileAccess access);
// Raises ImportError unless the module `name` (absolute, dotted) may be imported by code
// running with `importer` globals; imports made by the built-in stdlib are not checked.
void check_import(const std::string& name, Dict* importer);

}  // namespace tscript
