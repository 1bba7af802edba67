// The built-in standard library (stdlib/**/*.tscript), compiled into the binary so the
// CLI and embedders need no files on disk. Modules are found under the virtual
// directory "<stdlib>", searched after the search path. Setting TSCRIPT_STDLIB to a
// directory makes "<stdlib>" read from there instead (edit stdlib without rebuilding).
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace tscript {

inline constexpr std::string_view kStdlibRoot = "<stdlib>";

// Path under stdlib/ -> source (generated at build time).
const std::map<std::string, std::string_view>& embedded_stdlib();

// Whether `path` names a stdlib module file, and its source.
bool stdlib_is_file(const std::string& path);
bool stdlib_read(const std::string& path, std::string& out);

}  // namespace tscript
