#include "interpreter/cli.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "interpreter/objects/protocol.h"
#include "interpreter/repl/repl.h"
#include "interpreter/vm/vm.h"

namespace tscript {

namespace {

std::string directory_of(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return "";
  return slash == 0 ? "/" : path.substr(0, slash);
}

void setup_search_path(VM& vm, const std::string& first) {
  vm.search_path.push_back(first);
  if (const char* env = std::getenv("TSCRIPT_PATH")) {
    std::string s = env;
    size_t start = 0;
    while (start <= s.size()) {
      size_t colon = s.find(':', start);
      std::string part = s.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
      if (!part.empty()) vm.search_path.push_back(part);
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
  }
}

// Runs source in __main__; returns the exit status.
int run_source(VM& vm, const std::string& source, const std::string& filename, Ref<Dict> globals) {
  try {
    vm.exec_module(source, filename, "__main__", globals);
    return 0;
  } catch (ScriptError& e) {
    return report_exception(vm, e.exc);
  }
}

bool read_all(std::istream& in, std::string& out) {
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

}  // namespace

int report_exception(VM& vm, const Value& exc) {
  if (is_instance(exc, exc_types().system_exit)) {
    auto* e = exc.as<Exception>();
    if (e->args->items.empty()) return 0;
    const Value& code = e->args->items[0];
    if (code.is_none()) return 0;
    if (code.is_intlike()) return static_cast<int>(code.as_int() & 0xff);
    vm.write_stderr(to_str(code) + "\n");
    return 1;
  }
  std::fflush(stdout);
  vm.write_stderr(vm.format_exception(exc));
  return 1;
}

int run_cli(const CliOptions& opts) {
  VM vm;
  set_current_vm(&vm);
  vm.argv = opts.argv.empty() ? std::vector<std::string>{""} : opts.argv;
  auto main_mod = make<Module>("__main__");
  Ref<Dict> globals = main_mod->dict;
  vm.modules->set(str("__main__"), Value(static_cast<Object*>(main_mod.get())));
  int status = 0;
  if (opts.has_command) {
    setup_search_path(vm, "");
    status = run_source(vm, opts.command, "<string>", globals);
  } else if (!opts.file.empty() && opts.file != "-") {
    std::ifstream in(opts.file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "tscript: can't open file '%s': [Errno 2] No such file or directory\n", opts.file.c_str());
      return 2;
    }
    std::string src;
    read_all(in, src);
    setup_search_path(vm, directory_of(opts.file));
    globals->set(str("__file__"), str(opts.file));
    status = run_source(vm, src, opts.file, globals);
  } else {
    setup_search_path(vm, "");
    // `tscript -i < input` reads the input as typed statements, as CPython does.
    if (opts.interactive_after || (opts.file.empty() && isatty(0)))
      return repl::run_repl(vm, globals, /*show_banner=*/true);
    std::string src;
    read_all(std::cin, src);
    status = run_source(vm, src, "<stdin>", globals);
  }
  // As CPython's -i: inspect even when stdin is not a terminal (prompts then go to stderr).
  if (opts.interactive_after) return repl::run_repl(vm, globals, /*show_banner=*/false);
  std::fflush(stdout);
  return status;
}

}  // namespace tscript
