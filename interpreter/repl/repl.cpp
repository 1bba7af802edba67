#include "interpreter/repl/repl.h"

#include <unistd.h>

#include <optional>

#include "interpreter/cli.h"
#include "interpreter/objects/protocol.h"
#include "interpreter/repl/history.h"
#include "interpreter/repl/input.h"
#include "interpreter/repl/line_reader.h"
#include "interpreter/vm/interrupt.h"

namespace tscript::repl {

namespace {

constexpr const char* kPrimaryPrompt = ">>> ";
constexpr const char* kContinuationPrompt = "... ";
constexpr const char* kFilename = "<stdin>";

// Runs one statement; returns the exit status when it raised SystemExit.
std::optional<int> execute(VM& vm, const Ref<Dict>& globals, const std::string& source) {
  std::optional<int> exit_status;
  try {
    vm.exec_module(source, kFilename, "__main__", globals, /*interactive=*/true);
  } catch (ScriptError& e) {
    // Every input is "<stdin>": its lines would be misattributed to functions defined by
    // earlier inputs, so tracebacks show none (as CPython 3.11's REPL).
    vm.sources.erase(kFilename);
    int status = report_exception(vm, e.exc);
    if (is_instance(e.exc, exc_types().system_exit)) exit_status = status;
  }
  vm.sources.erase(kFilename);
  // A Ctrl-C that came too late to stop the statement must not stop the next one.
  vm.interrupt_requested.store(false);
  return exit_status;
}

std::unique_ptr<LineReader> make_reader(VM& vm, const Ref<Dict>& globals) {
  if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) return make_stream_reader(stdin);
  Dict* g = globals.get();
  return make_terminal_reader([&vm, g](std::string_view line) { return complete(vm, g, line); },
                              history_file_path());
}

}  // namespace

int run_repl(VM& vm, Ref<Dict> globals, bool show_banner) {
  if (show_banner && isatty(STDIN_FILENO)) {
    std::fprintf(stderr, "tscript %s (Python 3.11 subset with a PyTorch-compatible torch module)\n", kVersion);
    std::fprintf(stderr, "Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n");
  }
  std::unique_ptr<LineReader> reader = make_reader(vm, globals);
  SigintToInterrupt sigint(vm);
  std::string buffer;  // the lines of the statement being typed
  for (;;) {
    std::fflush(stdout);
    ReadResult in = reader->read(buffer.empty() ? kPrimaryPrompt : kContinuationPrompt);
    vm.interrupt_requested.store(false);  // SIGINT while waiting for input stops nothing
    if (in.status == ReadStatus::Interrupted) {
      buffer.clear();
      std::fflush(stdout);
      vm.write_stderr("KeyboardInterrupt\n");
      continue;
    }
    if (in.status == ReadStatus::EndOfInput) {
      // An unfinished block at the end of the input still runs, as in CPython.
      if (!buffer.empty() && classify_input(buffer, true) != InputState::Empty) {
        if (auto status = execute(vm, globals, buffer)) return *status;
      }
      return 0;
    }
    buffer += in.text;
    buffer += '\n';
    switch (classify_input(buffer, is_blank(in.text))) {
      case InputState::Incomplete:
        continue;
      case InputState::Empty:
        break;
      case InputState::Complete:
        if (auto status = execute(vm, globals, buffer)) return *status;
        break;
    }
    buffer.clear();
  }
}

}  // namespace tscript::repl
