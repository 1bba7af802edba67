# Writes OUT: a C++ file holding every stdlib/**/*.tscript as a string literal, keyed by
# its path under stdlib/ ("torch/nn/__init__.tscript"). Run with cmake -P at build time.
file(GLOB_RECURSE files RELATIVE "${STDLIB_DIR}" "${STDLIB_DIR}/*.tscript")
list(SORT files)
set(body "")
foreach(rel IN LISTS files)
  file(READ "${STDLIB_DIR}/${rel}" text)
  string(APPEND body "    {\"${rel}\", R\"TSCRIPT_STDLIB(${text})TSCRIPT_STDLIB\"},\n")
endforeach()
set(content "// Generated from stdlib/ by cmake/embed_stdlib.cmake; do not edit.
#include \"interpreter/builtins/stdlib_files.h\"

namespace tscript {

const std::map<std::string, std::string_view>& embedded_stdlib() {
  static const std::map<std::string, std::string_view> files = {
${body}  };
  return files;
}

}  // namespace tscript
")
# Only touch the output when it changes, so unrelated rebuilds stay incremental.
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
  if(old STREQUAL content)
    return()
  endif()
endif()
file(WRITE "${OUT}" "${content}")
