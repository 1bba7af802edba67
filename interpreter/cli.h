// What the `tscript` command does once its options are parsed (also used by tests).
#pragma once

#include <string>
#include <vector>

namespace tscript {

class VM;
class Value;

constexpr const char* kVersion = "0.1.0";

struct CliOptions {
  std::string file;               // script path, "-" for stdin, empty for the REPL
  std::string command;            // -c CODE
  bool has_command = false;
  bool interactive_after = false;  // -i
  std::vector<std::string> argv;  // sys.argv
};

// Runs a script/command/REPL and returns the process exit status.
int run_cli(const CliOptions& options);

// Prints an uncaught exception as CPython does (SystemExit: its message, if any) and
// returns the exit status it implies.
int report_exception(VM& vm, const Value& exc);

}  // namespace tscript
