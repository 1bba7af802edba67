// Every script of the project parses: the conformance corpus, the self-checking scripts and
// the benchmarks (the repository's and the shared ones when present). Also guards the
// grammar's prediction cost (DESIGN.md: keep lookahead short) and offers a timing check.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "interpreter/front/front_internal.h"
#include "interpreter/front/parser.h"

using namespace tscript;
namespace fs = std::filesystem;

namespace {

fs::path repo_root() { return fs::path(__FILE__).parent_path().parent_path().parent_path().parent_path(); }

std::vector<fs::path> corpus() {
  std::vector<fs::path> files;
  fs::path root = repo_root();
  for (fs::path dir : {root / "tests" / "conformance", root / "tests" / "scripts", root / "bench",
                       fs::path("/work/shared/bench")}) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    for (auto& e : fs::directory_iterator(dir, ec))
      if (e.path().extension() == ".tscript") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("corpus: every script parses", "[front][corpus]") {
  auto files = corpus();
  REQUIRE(files.size() >= 10);  // the conformance corpus is there
  for (auto& f : files) {
    INFO(f.string());
    std::string error;
    try {
      front::parse_module(read(f), f.string());
    } catch (const front::SyntaxError& e) {
      error = front::format_syntax_error(e.info());
    }
    CHECK(error == "");
  }
}

TEST_CASE("corpus: prediction looks at most a few tokens ahead", "[front][corpus]") {
  // Left-factored grammar: SLL prediction never needs full-context (LL) fallback and, apart
  // from `with (` (parenthesised items or a parenthesised expression), looks <= 3 tokens ahead.
  for (auto& f : corpus()) {
    INFO(f.string());
    front::Source src(read(f), f.string());
    front::ByteInputStream input(src.text());
    grammar::TScriptLexer lexer(&input);
    front::LayoutTokenSource layout(lexer, src, src.text().size(), false);
    antlr4::CommonTokenStream tokens(&layout);
    grammar::TScriptParser parser(&tokens);
    parser.removeErrorListeners();
    parser.setProfile(true);
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    CHECK_NOTHROW(parser.file_input());
    for (auto& d : parser.getParseInfo().getDecisionInfo()) {
      size_t rule = parser.getATN().decisionToState[d.decision]->ruleIndex;
      INFO("decision " << d.decision << " in rule " << parser.getRuleNames()[rule]);
      CHECK(d.LL_Fallback == 0);
      if (rule != grammar::TScriptParser::RuleWith_stmt) CHECK(d.SLL_MaxLook <= 3);
    }
  }
}

TEST_CASE("corpus: parse time (run with [.perf])", "[.perf]") {
  // Not a timed test: prints how long the corpus takes (DESIGN.md target: a 650-line file in
  // well under 50 ms).
  std::string all;
  for (auto& f : corpus()) all += read(f) + "\n";
  int lines = static_cast<int>(std::count(all.begin(), all.end(), '\n'));
  for (int rep = 0; rep < 3; ++rep) {
    auto t0 = std::chrono::steady_clock::now();
    auto m = front::parse_module(all, "corpus");
    auto t1 = std::chrono::steady_clock::now();
    double ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
    WARN(lines << " lines in " << ms << " ms (" << ms * 650 / lines << " ms per 650 lines)");
  }
}
