#include "interpreter/cli.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "interpreter/front/parser.h"
#include "interpreter/objects/protocol.h"
#include "interpreter/vm/vm.h"

namespace tscript {

namespace {

// Prints an uncaught exception like CPython and returns the exit status it implies.
int report(VM& vm, const Value& exc) {
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
    return report(vm, e.exc);
  }
}

bool read_all(std::istream& in, std::string& out) {
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

int repl(VM& vm, Ref<Dict> globals) {
  bool tty = isatty(0);
  if (tty) {
    std::printf("tscript %s (Python 3.11 subset with a PyTorch-compatible torch module)\n", kVersion);
    std::printf("Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n");
  }
  std::string buffer;
  std::string line;
  for (;;) {
    if (tty) {
      std::fputs(buffer.empty() ? ">>> " : "... ", stdout);
      std::fflush(stdout);
    }
    if (!std::getline(std::cin, line)) {
      if (tty) std::fputs("\n", stdout);
      if (buffer.empty()) return 0;
      line.clear();
    }
    bool eof = std::cin.eof();
    bool continuing = !buffer.empty();
    buffer += line + "\n";
    bool run_now = false;
    try {
      front::parse_module(buffer, "<stdin>");
      // A compound statement continues until a blank line.
      run_now = !continuing || line.find_first_not_of(" \t") == std::string::npos;
      // A line ending in ':' opens a block even when it already parses (`else:` etc.).
      size_t last = line.find_last_not_of(" \t");
      if (!continuing && last != std::string::npos && line[last] == ':') run_now = false;
    } catch (front::SyntaxError& e) {
      run_now = !e.info().incomplete || eof;
    }
    if (eof) run_now = true;
    if (!run_now) continue;
    std::string src;
    src.swap(buffer);
    if (src.find_first_not_of(" \t\n") == std::string::npos) {
      if (eof) return 0;
      continue;
    }
    try {
      vm.exec_module(src, "<stdin>", "__main__", globals, /*interactive=*/true);
    } catch (ScriptError& e) {
      if (is_instance(e.exc, exc_types().system_exit)) return report(vm, e.exc);
      report(vm, e.exc);
    }
    if (eof) return 0;
  }
}

}  // namespace

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
    if (opts.file == "-" || !isatty(0)) {
      std::string src;
      read_all(std::cin, src);
      status = run_source(vm, src, "<stdin>", globals);
    } else {
      return repl(vm, globals);
    }
  }
  if (opts.interactive_after && isatty(0)) return repl(vm, globals);
  std::fflush(stdout);
  return status;
}

}  // namespace tscript
