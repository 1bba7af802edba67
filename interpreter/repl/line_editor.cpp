// The REPL's line source on a terminal: libedit with history, completion and Ctrl-C.
#include <histedit.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <clocale>
#include <cstring>

#include "interpreter/repl/history.h"
#include "interpreter/repl/input.h"
#include "interpreter/repl/line_reader.h"

namespace tscript::repl {

namespace {

// libedit decodes keys with the C library's multibyte functions: without a UTF-8 LC_CTYPE
// it would reject every non-ASCII character typed.
void use_utf8_ctype() {
  const char* name = std::setlocale(LC_CTYPE, "");
  if (!name || std::strcmp(name, "C") == 0 || std::strcmp(name, "POSIX") == 0) std::setlocale(LC_CTYPE, "C.UTF-8");
}

int terminal_columns() {
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

class TerminalReader : public LineReader {
 public:
  TerminalReader(Completer completer, const std::string& history_path)
      : completer_(std::move(completer)), history_(history_path) {
    use_utf8_ctype();
    el_ = el_init("tscript", stdin, stdout, stderr);
    el_set(el_, EL_CLIENTDATA, this);
    el_set(el_, EL_EDITOR, "emacs");
    el_set(el_, EL_PROMPT, &TerminalReader::prompt_text);
    el_set(el_, EL_HIST, history, history_.handle());
    // While a line is edited Ctrl-C must reach us as a key: as SIGINT it would not end
    // el_gets (libedit retries interrupted reads). libedit restores the normal terminal
    // modes, signals included, whenever it returns, so a running statement gets SIGINT.
    el_set(el_, EL_SETTY, "-d", "-isig", nullptr);
    el_set(el_, EL_ADDFN, "tscript-complete", "Complete the name before the cursor", &TerminalReader::on_tab);
    el_set(el_, EL_ADDFN, "tscript-interrupt", "Discard the line (KeyboardInterrupt)", &TerminalReader::on_interrupt);
    el_set(el_, EL_ADDFN, "tscript-eof-or-delete", "End of input on an empty line, else delete a character",
           &TerminalReader::on_ctrl_d);
    el_set(el_, EL_BIND, "^I", "tscript-complete", nullptr);
    el_set(el_, EL_BIND, "^C", "tscript-interrupt", nullptr);
    el_set(el_, EL_BIND, "^D", "tscript-eof-or-delete", nullptr);
    el_source(el_, nullptr);  // the user's ~/.editrc may rebind keys
  }
  ~TerminalReader() override { el_end(el_); }

  ReadResult read(const std::string& prompt) override {
    prompt_ = prompt;
    interrupted_ = false;
    el_resize(el_);  // the window may have changed size while a statement ran
    // libedit switches the terminal to edit mode only when it reads the first key, after
    // drawing the prompt: keys typed in between would be echoed twice and Ctrl-C would be
    // a signal. Switch before the prompt appears (el_gets restores the mode on return).
    el_set(el_, EL_PREP_TERM, 1);
    int count = 0;
    const char* line = el_gets(el_, &count);
    if (interrupted_) return {ReadStatus::Interrupted, ""};
    if (!line || count <= 0) {
      std::fputs("\n", stdout);
      return {ReadStatus::EndOfInput, ""};
    }
    std::string text(line, static_cast<size_t>(count));
    if (!text.empty() && text.back() == '\n') text.pop_back();
    if (!is_blank(text)) history_.add(text);
    return {ReadStatus::Line, std::move(text)};
  }

 private:
  static TerminalReader& self(EditLine* el) {
    void* p = nullptr;
    el_get(el, EL_CLIENTDATA, &p);
    return *static_cast<TerminalReader*>(p);
  }

  static char* prompt_text(EditLine* el) { return self(el).prompt_.data(); }

  // Tab: indents a blank line; otherwise inserts what all completions share, or lists
  // them when they share nothing more than what was typed.
  static unsigned char on_tab(EditLine* el, int) {
    TerminalReader& r = self(el);
    const LineInfo* li = el_line(el);
    std::string before(li->buffer, li->cursor);
    if (is_blank(before)) {
      el_insertstr(el, "    ");
      return CC_REFRESH;
    }
    Completion c = r.completer_(before);
    if (c.candidates.empty()) return CC_REFRESH_BEEP;
    size_t typed = before.size() - c.start;
    std::string common = common_prefix(c.candidates);
    if (common.size() > typed) {
      el_insertstr(el, common.c_str() + typed);
      return CC_REFRESH;
    }
    if (c.candidates.size() == 1) return CC_NORM;
    list_candidates(c.candidates);
    return CC_REDISPLAY;
  }

  // Ctrl-C: ends the line as Enter would (so KeyboardInterrupt appears below the text),
  // and read() discards it.
  static unsigned char on_interrupt(EditLine* el, int) {
    self(el).interrupted_ = true;
    const LineInfoW* li = el_wline(el);
    el_cursor(el, static_cast<int>(li->lastchar - li->cursor));
    el_push(el, "\n");
    return CC_REFRESH;
  }

  // Ctrl-D: libedit's own binding echoes "^D" before ending the input; CPython's does not.
  static unsigned char on_ctrl_d(EditLine* el, int) {
    const LineInfoW* li = el_wline(el);
    if (li->buffer == li->lastchar) return CC_EOF;
    if (li->cursor == li->lastchar) return CC_REFRESH_BEEP;
    el_cursor(el, 1);  // delete the character under the cursor
    el_deletestr(el, 1);
    return CC_REFRESH;
  }

  // Prints candidates in columns below the line; libedit then redraws the prompt.
  static void list_candidates(const std::vector<std::string>& names) {
    size_t width = 0;
    for (const auto& n : names) width = std::max(width, n.size());
    width += 2;
    size_t columns = std::max<size_t>(1, static_cast<size_t>(terminal_columns()) / width);
    size_t rows = (names.size() + columns - 1) / columns;
    std::string out = "\n";
    for (size_t row = 0; row < rows; ++row) {
      for (size_t col = 0; col < columns; ++col) {
        size_t i = col * rows + row;
        if (i >= names.size()) break;
        out += names[i];
        if (col + 1 < columns && i + rows < names.size()) out.append(width - names[i].size(), ' ');
      }
      out += "\n";
    }
    std::fputs(out.c_str(), stdout);
    std::fflush(stdout);
  }

  Completer completer_;
  HistoryFile history_;
  EditLine* el_ = nullptr;
  std::string prompt_;
  bool interrupted_ = false;
};

}  // namespace

std::unique_ptr<LineReader> make_terminal_reader(Completer completer, const std::string& history_path) {
  return std::make_unique<TerminalReader>(std::move(completer), history_path);
}

}  // namespace tscript::repl
