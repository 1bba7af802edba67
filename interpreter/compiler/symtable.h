// Scope analysis: decides for every name in every scope whether it is a fast local, a
// cell (captured by an inner function), a free variable (captured from an enclosing
// function), or global — Python's rules, including `global`/`nonlocal` and class scopes
// that inner functions skip.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "interpreter/front/ast.h"

namespace tscript {

enum class ScopeKind { Module, Function, Class };
enum class NameKind { Local, Cell, Free, GlobalExplicit, GlobalImplicit, ClassLocal };

struct Scope {
  ScopeKind kind = ScopeKind::Function;
  std::string name;
  Scope* parent = nullptr;
  std::vector<std::unique_ptr<Scope>> children;
  const void* node = nullptr;  // the FunctionDef/Lambda/ClassDef/comprehension it belongs to
  int line = 0;

  std::vector<std::string> params;  // in slot order
  std::vector<std::string> assigned_order;
  std::map<std::string, bool> assigned;  // bound in this scope (any binding form)
  std::map<std::string, bool> used;
  std::map<std::string, int> global_decl;    // name -> line
  std::map<std::string, int> nonlocal_decl;  // name -> line
  bool is_generator = false;
  bool uses_super = false;  // zero-argument super() appears

  // Results.
  std::unordered_map<std::string, NameKind> symbols;
  std::vector<std::string> varnames;  // fast locals: params first
  std::vector<std::string> cellvars;
  std::vector<std::string> freevars;

  NameKind lookup(const std::string& n) const;
  int varname_index(const std::string& n) const;
  // Index into the frame's cells (cellvars then freevars), or -1.
  int cell_index(const std::string& n) const;
};

// Builds and resolves the scope tree of a module. Throws front::SyntaxError for
// declaration errors ("name 'x' is used prior to global declaration",
// "no binding for nonlocal 'x' found", "nonlocal declaration not allowed at module level").
std::unique_ptr<Scope> analyze_scopes(const ast::Module& module, const std::string& filename,
                                      const std::vector<std::string>* source_lines);

// Finds the child scope created for `node` (a FunctionDef, Lambda, ClassDef or comprehension).
Scope* child_scope(const Scope* parent, const void* node);

}  // namespace tscript
