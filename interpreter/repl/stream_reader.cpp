// The REPL's line source when stdin is not a terminal (`tscript -i FILE < input`).
#include "interpreter/repl/line_reader.h"

namespace tscript::repl {

namespace {

class StreamReader : public LineReader {
 public:
  explicit StreamReader(std::FILE* in) : in_(in) {}

  ReadResult read(const std::string& prompt) override {
    std::fflush(stdout);
    std::fputs(prompt.c_str(), stderr);
    std::fflush(stderr);
    std::string line;
    int c;
    bool any = false;
    while ((c = std::getc(in_)) != EOF) {
      any = true;
      if (c == '\n') break;
      line.push_back(static_cast<char>(c));
    }
    if (!any) {
      std::fputs("\n", stderr);
      return {ReadStatus::EndOfInput, ""};
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return {ReadStatus::Line, std::move(line)};
  }

 private:
  std::FILE* in_;
};

}  // namespace

std::unique_ptr<LineReader> make_stream_reader(std::FILE* in) { return std::make_unique<StreamReader>(in); }

}  // namespace tscript::repl
