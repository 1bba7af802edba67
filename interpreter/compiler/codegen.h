// Internal to the compiler: the per-code-object emitter shared by compiler.cpp
// (statements) and compile_expr.cpp (expressions).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/compiler/opcodes.h"
#include "interpreter/compiler/symtable.h"
#include "interpreter/front/ast.h"
#include "interpreter/objects/function.h"

namespace tscript {

struct CompileOptions;

// Finally-blocks and friends that break/continue/return must unwind through.
enum class FBlockKind { WhileLoop, ForLoop, HandlerBody, Finally, ExceptFinally, With };

struct FBlock {
  FBlockKind kind;
  int continue_label = -1;
  int break_label = -1;
  const ast::StmtList* finalbody = nullptr;
  size_t region_depth = 0;  // handler regions active outside this block
};

class CodeGen {
 public:
  CodeGen(Scope* scope, const std::string& filename, const std::vector<std::string>& lines,
          const std::string& qualname, const CompileOptions& options);

  Ref<Code> finish();  // resolves labels, builds the exception table, computes stack depth
  Code& code() { return *code_; }

  // ---- emission ----
  void emit(Op op, uint32_t arg = 0);
  int new_label();
  void bind(int label);
  void emit_jump(Op op, int label);
  uint32_t add_const(const Value& v);
  uint32_t add_name(const std::string& n);
  void set_line(int line) { if (line > 0) line_ = line; }
  int line() const { return line_; }

  // Handler regions: instructions emitted while a region is open jump to its handler
  // label on an exception, after unwinding the value stack to `depth`.
  void push_region(int handler_label, int depth);
  void pop_region();

  // ---- statements (compiler.cpp) ----
  void stmts(const ast::StmtList& body);
  void stmt(const ast::Stmt& s);

  // ---- expressions (compile_expr.cpp) ----
  void expr(const ast::Expr* e);
  void store(const ast::Expr* target);
  void del(const ast::Expr* target);
  void load_name(const std::string& n);
  void store_name(const std::string& n);
  void delete_name(const std::string& n);
  // `key` is the FunctionDef or Lambda pointer the scope table was built with.
  void function(const void* key, const ast::Node& node, const std::string& name, const ast::Arguments& args,
                const ast::StmtList* body, const ast::Expr* lambda_body,
                const ast::ExprList& decorators);
  void comprehension(const ast::Expr* node, int kind, const std::vector<ast::Comprehension>& gens,
                     const ast::Expr* elt, const ast::Expr* value);
  // Emits closure tuple + code constant + MAKE_FUNCTION for a child scope's code.
  void make_closure(Scope* child, Ref<Code> child_code, uint32_t flags);
  Ref<Code> compile_child(Scope* child, const std::string& name,
                          const std::function<void(CodeGen&)>& body);
  [[noreturn]] void error(const std::string& msg, const ast::Node& at);

  Scope* scope_;
  std::string filename_;
  const std::vector<std::string>& lines_;
  std::string qualname_;
  const CompileOptions& options_;
  std::vector<FBlock> fblocks_;
  int depth_ = 0;  // value-stack depth at statement level (loops, with, handlers keep items)

 private:
  void unwind_for_return();
  void unwind_until_loop(bool is_break);
  void unwind_block(const FBlock& b, bool for_return);
  void compile_try(const ast::Try& t);
  void compile_try_except(const ast::Try& t);
  void compile_with(const ast::With& w, size_t item);
  void compile_class(const ast::ClassDef& c);
  void compile_import(const ast::Stmt& s);
  int compute_stacksize();
  void fuse_instructions();

  Ref<Code> code_;
  int line_ = 1;
  std::vector<int> labels_;
  std::vector<std::pair<size_t, int>> patches_;
  struct Region { int label; int depth; };
  std::vector<Region> regions_;
  std::vector<int> open_regions_;
  std::vector<int> handler_of_;  // per instruction: innermost region or -1
  std::map<std::string, uint32_t> names_;
  std::map<std::string, uint32_t> str_consts_;
};

// Folds a constant integer expression (used for `-2 ** 63` style literals, which only fit
// in 64 bits after the unary minus). Returns nullopt when not a pure int constant.
std::optional<Value> fold_constant(const ast::Expr* e);

}  // namespace tscript
