// Base class of the generated TScriptParser (grammar option superClass): bounds the rule
// nesting depth so that pathological input (`- - - ... x`, deeply nested brackets) ends in a
// SyntaxError instead of a stack overflow.
#pragma once

#include <cstddef>

#include "antlr4-runtime.h"

namespace tscript::grammar {

// Thrown when the parse nests deeper than TScriptParserBase::max_depth rules.
struct NestingTooDeep {
  antlr4::Token* token;
};

class TScriptParserBase : public antlr4::Parser {
 public:
  explicit TScriptParserBase(antlr4::TokenStream* input) : antlr4::Parser(input) {}

  // Each bracket level costs about 20 rules; CPython allows 200 levels of brackets.
  static constexpr int kDefaultMaxDepth = 5000;
  int max_depth = kDefaultMaxDepth;
  int depth = 0;

  // Hide Parser::enterRule / exitRule (the generated code calls them unqualified).
  void enterRule(antlr4::ParserRuleContext* localctx, size_t state, size_t ruleIndex) override {
    if (depth >= max_depth) throw NestingTooDeep{getCurrentToken()};
    ++depth;
    antlr4::Parser::enterRule(localctx, state, ruleIndex);
  }
  void exitRule() {
    --depth;
    antlr4::Parser::exitRule();
  }
};

}  // namespace tscript::grammar
