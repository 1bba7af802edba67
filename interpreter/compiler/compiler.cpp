// Statement code generation, label/region bookkeeping and code-object assembly.
#include "interpreter/compiler/compiler.h"

#include <cstring>
#include <functional>

#include "interpreter/compiler/codegen.h"
#include "interpreter/front/parser.h"
#include "interpreter/objects/object.h"

namespace tscript {

using namespace ast;

CodeGen::CodeGen(Scope* scope, const std::string& filename, const std::vector<std::string>& lines,
                 const std::string& qualname, const CompileOptions& options)
    : scope_(scope), filename_(filename), lines_(lines), qualname_(qualname), options_(options) {
  code_ = make<Code>();
  code_->filename = filename;
  code_->firstline = scope->line > 0 ? scope->line : 1;
  line_ = code_->firstline;
}

void CodeGen::emit(Op op, uint32_t arg) {
  if (arg > kMaxArg) error("too many constants, names or arguments in one code object", Node{});
  code_->code.push_back(encode(op, arg));
  code_->lines.push_back(line_);
  handler_of_.push_back(open_regions_.empty() ? -1 : open_regions_.back());
}

int CodeGen::new_label() {
  labels_.push_back(-1);
  return static_cast<int>(labels_.size() - 1);
}

void CodeGen::bind(int label) { labels_[label] = static_cast<int>(code_->code.size()); }

void CodeGen::emit_jump(Op op, int label) {
  patches_.push_back({code_->code.size(), label});
  emit(op, 0);
}

uint32_t CodeGen::add_const(const Value& v) {
  auto& consts = code_->consts;
  if (auto* s = v.as<Str>()) {
    auto it = str_consts_.find(s->s);
    if (it != str_consts_.end()) return it->second;
    uint32_t i = static_cast<uint32_t>(consts.size());
    consts.push_back(v);
    str_consts_[s->s] = i;
    return i;
  }
  if (!v.is_obj()) {
    for (size_t i = 0; i < consts.size(); ++i)
      if (consts[i].tag() == v.tag() && consts[i].identical(v)) return static_cast<uint32_t>(i);
  }
  consts.push_back(v);
  return static_cast<uint32_t>(consts.size() - 1);
}

uint32_t CodeGen::add_name(const std::string& n) {
  auto it = names_.find(n);
  if (it != names_.end()) return it->second;
  uint32_t i = static_cast<uint32_t>(code_->names.size());
  code_->names.push_back(Ref<Str>(intern(n)));
  names_[n] = i;
  return i;
}

void CodeGen::push_region(int handler_label, int depth) {
  regions_.push_back({handler_label, depth});
  open_regions_.push_back(static_cast<int>(regions_.size() - 1));
}

void CodeGen::pop_region() { open_regions_.pop_back(); }

void CodeGen::error(const std::string& msg, const Node& at) {
  front::SyntaxErrorInfo info;
  info.msg = msg;
  info.filename = filename_;
  info.line = at.span.line > 0 ? at.span.line : line_;
  info.col = at.span.col + 1;
  if (info.line >= 1 && info.line <= static_cast<int>(lines_.size())) info.text = lines_[info.line - 1];
  throw front::SyntaxError(info);
}

// ---- statements ----

void CodeGen::stmts(const StmtList& body) {
  for (auto& s : body) stmt(*s);
}

void CodeGen::stmt(const Stmt& s) {
  set_line(s.span.line);
  switch (s.kind) {
    case StmtKind::FunctionDef: {
      auto& f = static_cast<const FunctionDef&>(s);
      function(&f, f, f.name, f.args, &f.body, nullptr, f.decorator_list);
      store_name(f.name);
      break;
    }
    case StmtKind::ClassDef: compile_class(static_cast<const ClassDef&>(s)); break;
    case StmtKind::Return: {
      auto& r = static_cast<const Return&>(s);
      if (scope_->kind != ScopeKind::Function) error("'return' outside function", s);
      if (r.value) expr(r.value.get());
      else emit(Op::LOAD_CONST, add_const(Value()));
      unwind_for_return();
      emit(Op::RETURN_VALUE);
      break;
    }
    case StmtKind::Delete:
      for (auto& t : static_cast<const Delete&>(s).targets) del(t.get());
      break;
    case StmtKind::Assign: {
      auto& a = static_cast<const Assign&>(s);
      expr(a.value.get());
      for (size_t i = 0; i < a.targets.size(); ++i) {
        if (i + 1 < a.targets.size()) emit(Op::DUP_TOP);
        store(a.targets[i].get());
      }
      break;
    }
    case StmtKind::AugAssign: {
      auto& a = static_cast<const AugAssign&>(s);
      auto op = static_cast<uint32_t>(a.op);
      if (auto* n = as<Name>(a.target.get())) {
        load_name(n->id);
        expr(a.value.get());
        set_line(s.span.line);
        emit(Op::INPLACE_OP, op);
        store_name(n->id);
      } else if (auto* at = as<Attribute>(a.target.get())) {
        expr(at->value.get());
        emit(Op::DUP_TOP);
        emit(Op::LOAD_ATTR, add_name(at->attr));
        expr(a.value.get());
        set_line(s.span.line);
        emit(Op::INPLACE_OP, op);
        emit(Op::ROT_TWO);
        emit(Op::STORE_ATTR, add_name(at->attr));
      } else if (auto* sub = as<Subscript>(a.target.get())) {
        expr(sub->value.get());
        expr(sub->slice.get());
        emit(Op::DUP_TOP_TWO);
        emit(Op::BINARY_SUBSCR);
        expr(a.value.get());
        set_line(s.span.line);
        emit(Op::INPLACE_OP, op);
        emit(Op::ROT_THREE);
        emit(Op::STORE_SUBSCR);
      } else {
        error("'" + std::string("expression") + "' is an illegal expression for augmented assignment", s);
      }
      break;
    }
    case StmtKind::AnnAssign: {
      auto& a = static_cast<const AnnAssign&>(s);
      if (a.value) {
        expr(a.value.get());
        store(a.target.get());
      }
      break;
    }
    case StmtKind::For: {
      auto& f = static_cast<const For&>(s);
      int top = new_label(), orelse = new_label(), brk = new_label(), end = new_label();
      expr(f.iter.get());
      set_line(s.span.line);
      emit(Op::GET_ITER);
      bind(top);
      set_line(s.span.line);
      emit_jump(Op::FOR_ITER, orelse);
      ++depth_;
      store(f.target.get());
      fblocks_.push_back({FBlockKind::ForLoop, top, brk, nullptr, open_regions_.size()});
      stmts(f.body);
      fblocks_.pop_back();
      --depth_;
      emit_jump(Op::JUMP, top);
      bind(orelse);
      stmts(f.orelse);
      emit_jump(Op::JUMP, end);
      bind(brk);
      bind(end);
      break;
    }
    case StmtKind::While: {
      auto& w = static_cast<const While&>(s);
      int top = new_label(), orelse = new_label(), end = new_label();
      bind(top);
      expr(w.test.get());
      emit_jump(Op::POP_JUMP_IF_FALSE, orelse);
      fblocks_.push_back({FBlockKind::WhileLoop, top, end, nullptr, open_regions_.size()});
      stmts(w.body);
      fblocks_.pop_back();
      set_line(s.span.line);
      emit_jump(Op::JUMP, top);
      bind(orelse);
      stmts(w.orelse);
      bind(end);
      break;
    }
    case StmtKind::If: {
      auto& i = static_cast<const If&>(s);
      int orelse = new_label(), end = new_label();
      expr(i.test.get());
      emit_jump(Op::POP_JUMP_IF_FALSE, orelse);
      stmts(i.body);
      if (!i.orelse.empty()) emit_jump(Op::JUMP, end);
      bind(orelse);
      stmts(i.orelse);
      bind(end);
      break;
    }
    case StmtKind::With: compile_with(static_cast<const With&>(s), 0); break;
    case StmtKind::Raise: {
      auto& r = static_cast<const Raise&>(s);
      uint32_t n = 0;
      if (r.exc) {
        expr(r.exc.get());
        n = 1;
        if (r.cause) {
          expr(r.cause.get());
          n = 2;
        }
      }
      set_line(s.span.line);
      emit(Op::RAISE, n);
      break;
    }
    case StmtKind::Try: compile_try(static_cast<const Try&>(s)); break;
    case StmtKind::Assert: {
      auto& a = static_cast<const Assert&>(s);
      int end = new_label();
      expr(a.test.get());
      emit_jump(Op::POP_JUMP_IF_TRUE, end);
      set_line(s.span.line);
      emit(Op::LOAD_ASSERTION_ERROR);
      if (a.msg) {
        expr(a.msg.get());
        emit(Op::CALL, 1);
      }
      emit(Op::RAISE, 1);
      bind(end);
      break;
    }
    case StmtKind::Import:
    case StmtKind::ImportFrom: compile_import(s); break;
    case StmtKind::Global:
    case StmtKind::Nonlocal:
    case StmtKind::Pass: break;
    case StmtKind::Expr: {
      auto& e = static_cast<const ExprStmt&>(s);
      expr(e.value.get());
      if (options_.interactive && scope_->kind == ScopeKind::Module) emit(Op::PRINT_EXPR);
      else emit(Op::POP_TOP);
      break;
    }
    case StmtKind::Break:
      unwind_until_loop(true);
      break;
    case StmtKind::Continue:
      unwind_until_loop(false);
      break;
  }
}

// Runs the cleanup a block needs when control leaves it early.
void CodeGen::unwind_block(const FBlock& b, bool for_return) {
  switch (b.kind) {
    case FBlockKind::WhileLoop: break;
    case FBlockKind::ForLoop:
      if (for_return) {  // the return value sits above the iterator
        emit(Op::ROT_TWO);
      }
      emit(Op::POP_TOP);
      break;
    case FBlockKind::HandlerBody:
      if (for_return) emit(Op::ROT_TWO);
      emit(Op::POP_EXCEPT);
      break;
    case FBlockKind::ExceptFinally:
      if (for_return) {
        emit(Op::ROT_THREE);
        emit(Op::POP_TOP);
      } else {
        emit(Op::POP_TOP);
      }
      emit(Op::POP_EXCEPT);
      break;
    case FBlockKind::With:
      if (for_return) emit(Op::ROT_TWO);
      emit(Op::WITH_EXIT);
      break;
    case FBlockKind::Finally: {
      // Runs the finally body inline, outside this try's own handler region.
      auto saved_regions = open_regions_;
      open_regions_.resize(b.region_depth);
      auto saved_blocks = fblocks_;
      int saved_depth = depth_;
      if (for_return) ++depth_;
      stmts(*b.finalbody);
      depth_ = saved_depth;
      fblocks_ = saved_blocks;
      open_regions_ = saved_regions;
      break;
    }
  }
}

void CodeGen::unwind_for_return() {
  auto saved = fblocks_;
  auto saved_regions = open_regions_;
  while (!fblocks_.empty()) {
    FBlock b = fblocks_.back();
    fblocks_.pop_back();
    open_regions_.resize(std::min(open_regions_.size(), b.region_depth));
    unwind_block(b, true);
  }
  fblocks_ = saved;
  open_regions_ = saved_regions;
}

void CodeGen::unwind_until_loop(bool is_break) {
  auto saved_blocks = fblocks_;
  auto saved_regions = open_regions_;
  while (!fblocks_.empty()) {
    FBlock b = fblocks_.back();
    if (b.kind == FBlockKind::WhileLoop || b.kind == FBlockKind::ForLoop) {
      if (is_break) {
        if (b.kind == FBlockKind::ForLoop) emit(Op::POP_TOP);
        emit_jump(Op::JUMP, b.break_label);
      } else {
        emit_jump(Op::JUMP, b.continue_label);
      }
      fblocks_ = saved_blocks;
      open_regions_ = saved_regions;
      return;
    }
    fblocks_.pop_back();
    open_regions_.resize(std::min(open_regions_.size(), b.region_depth));
    unwind_block(b, false);
  }
  fblocks_ = saved_blocks;
  open_regions_ = saved_regions;
  error(is_break ? "'break' outside loop" : "'continue' not properly in loop", Node{});
}

void CodeGen::compile_try(const Try& t) {
  if (t.finalbody.empty()) {
    compile_try_except(t);
    return;
  }
  int handler = new_label(), cleanup = new_label(), after = new_label();
  int d = depth_;
  push_region(handler, d);
  fblocks_.push_back({FBlockKind::Finally, -1, -1, &t.finalbody, open_regions_.size() - 1});
  if (t.handlers.empty()) {
    stmts(t.body);
    stmts(t.orelse);
  } else {
    compile_try_except(t);
  }
  fblocks_.pop_back();
  pop_region();
  stmts(t.finalbody);
  emit_jump(Op::JUMP, after);
  // Exceptional path: [exc] -> [prev, exc], run the body, re-raise.
  bind(handler);
  emit(Op::PUSH_EXC_INFO);
  push_region(cleanup, d + 1);
  depth_ = d + 2;
  fblocks_.push_back({FBlockKind::ExceptFinally, -1, -1, nullptr, open_regions_.size()});
  stmts(t.finalbody);
  fblocks_.pop_back();
  depth_ = d;
  emit(Op::RERAISE);
  pop_region();
  bind(cleanup);
  emit(Op::CLEANUP_RERAISE);
  bind(after);
}

void CodeGen::compile_try_except(const Try& t) {
  int handler = new_label(), cleanup = new_label(), end = new_label();
  int d = depth_;
  push_region(handler, d);
  stmts(t.body);
  pop_region();
  stmts(t.orelse);
  emit_jump(Op::JUMP, end);

  bind(handler);  // stack: [exc]
  emit(Op::PUSH_EXC_INFO);  // [prev, exc]
  push_region(cleanup, d + 1);
  for (auto& h : t.handlers) {
    set_line(h.span.line);
    int next = new_label();
    if (h.type) {
      expr(h.type.get());
      emit(Op::CHECK_EXC_MATCH);
      emit_jump(Op::POP_JUMP_IF_FALSE, next);
    }
    depth_ = d + 2;
    if (!h.name.empty()) store_name(h.name);
    else emit(Op::POP_TOP);
    depth_ = d + 1;
    fblocks_.push_back({FBlockKind::HandlerBody, -1, -1, nullptr, open_regions_.size()});
    stmts(h.body);
    fblocks_.pop_back();
    emit(Op::POP_EXCEPT);
    if (!h.name.empty()) {  // `except E as e` unbinds e afterwards, as Python does
      emit(Op::LOAD_CONST, add_const(Value()));
      store_name(h.name);
      delete_name(h.name);
    }
    emit_jump(Op::JUMP, end);
    bind(next);
    if (!h.type) break;
  }
  depth_ = d;
  emit(Op::RERAISE);  // no clause matched
  pop_region();
  bind(cleanup);
  emit(Op::CLEANUP_RERAISE);
  bind(end);
}

void CodeGen::compile_with(const With& w, size_t item) {
  if (item == w.items.size()) {
    stmts(w.body);
    return;
  }
  auto& it = w.items[item];
  int handler = new_label(), cleanup = new_label(), suppress = new_label(), after = new_label();
  int d = depth_;
  expr(it.context_expr.get());
  set_line(w.span.line);
  emit(Op::BEFORE_WITH);  // [exit, value]
  if (it.optional_vars) store(it.optional_vars.get());
  else emit(Op::POP_TOP);
  depth_ = d + 1;
  push_region(handler, d + 1);
  fblocks_.push_back({FBlockKind::With, -1, -1, nullptr, open_regions_.size() - 1});
  compile_with(w, item + 1);
  fblocks_.pop_back();
  pop_region();
  set_line(w.span.line);
  emit(Op::WITH_EXIT);
  emit_jump(Op::JUMP, after);
  bind(handler);  // [exit, exc]
  emit(Op::PUSH_EXC_INFO);  // [exit, prev, exc]
  push_region(cleanup, d + 2);
  emit(Op::WITH_EXCEPT);  // [exit, prev, exc, suppress]
  emit_jump(Op::POP_JUMP_IF_TRUE, suppress);
  emit(Op::RERAISE);
  pop_region();
  bind(cleanup);  // [exit, prev, exc2]
  emit(Op::CLEANUP_RERAISE);
  bind(suppress);  // [exit, prev, exc]
  emit(Op::POP_TOP);
  emit(Op::POP_EXCEPT);
  emit(Op::POP_TOP);
  bind(after);
  depth_ = d;
}

void CodeGen::compile_class(const ClassDef& c) {
  for (auto& d : c.decorator_list) expr(d.get());
  Scope* child = child_scope(scope_, &c);
  std::string qual = scope_->kind == ScopeKind::Module ? c.name
                     : scope_->kind == ScopeKind::Class ? qualname_ + "." + c.name
                                                        : qualname_ + ".<locals>." + c.name;
  Ref<Code> body = compile_child(child, qual, [&](CodeGen& g) {
    g.load_name("__name__");
    g.emit(Op::STORE_NAME, g.add_name("__module__"));
    g.emit(Op::LOAD_CONST, g.add_const(str(qual)));
    g.emit(Op::STORE_NAME, g.add_name("__qualname__"));
    g.stmts(c.body);
    g.emit(Op::LOAD_CONST, g.add_const(Value()));
    g.emit(Op::RETURN_VALUE);
  });
  body->name = c.name;
  body->flags |= kCodeClassBody;
  set_line(c.span.line);
  make_closure(child, body, 0);
  emit(Op::LOAD_CONST, add_const(str(c.name)));
  for (auto& b : c.bases) expr(b.get());
  set_line(c.span.line);
  emit(Op::BUILD_CLASS, static_cast<uint32_t>(c.bases.size()));
  for (size_t i = 0; i < c.decorator_list.size(); ++i) emit(Op::CALL, 1);
  store_name(c.name);
}

void CodeGen::compile_import(const Stmt& s) {
  if (auto* im = as<Import>(const_cast<Stmt*>(&s))) {
    for (auto& a : im->names) {
      emit(Op::LOAD_CONST, add_const(Value()));
      emit(Op::IMPORT_NAME, add_name(a.name));
      if (a.asname.empty()) {
        store_name(a.name.substr(0, a.name.find('.')));
      } else {
        // `import a.b.c as x` binds the innermost module.
        size_t pos = a.name.find('.');
        while (pos != std::string::npos) {
          size_t next = a.name.find('.', pos + 1);
          emit(Op::IMPORT_FROM, add_name(a.name.substr(pos + 1, next - pos - 1)));
          emit(Op::ROT_TWO);
          emit(Op::POP_TOP);
          pos = next;
        }
        store_name(a.asname);
      }
    }
    return;
  }
  auto& im = static_cast<const ImportFrom&>(s);
  std::vector<Value> fromlist;
  for (auto& a : im.names) fromlist.push_back(str(a.name));
  if (im.level > 0) emit(Op::IMPORT_LEVEL, static_cast<uint32_t>(im.level));
  emit(Op::LOAD_CONST, add_const(Value(make<tscript::Tuple>(std::move(fromlist)).get())));
  emit(Op::IMPORT_NAME, add_name(im.module));
  if (im.names.size() == 1 && im.names[0].name == "*") {
    emit(Op::IMPORT_STAR);
    return;
  }
  for (auto& a : im.names) {
    emit(Op::IMPORT_FROM, add_name(a.name));
    store_name(a.asname.empty() ? a.name : a.asname);
  }
  emit(Op::POP_TOP);
}

Ref<Code> CodeGen::compile_child(Scope* child, const std::string& qualname,
                                 const std::function<void(CodeGen&)>& body) {
  CodeGen g(child, filename_, lines_, qualname, options_);
  body(g);
  Ref<Code> c = g.finish();
  c->sig.name = qualname;
  return c;
}

void CodeGen::make_closure(Scope* child, Ref<Code> child_code, uint32_t flags) {
  if (!child->freevars.empty()) {
    for (auto& n : child->freevars) {
      int idx = scope_->cell_index(n);
      if (idx < 0) error("internal compiler error: free variable '" + n + "' not found", Node{});
      emit(Op::LOAD_CLOSURE, static_cast<uint32_t>(idx));
    }
    emit(Op::BUILD_TUPLE, static_cast<uint32_t>(child->freevars.size()));
    flags |= 8;
  }
  emit(Op::LOAD_CONST, add_const(Value(static_cast<Object*>(child_code.get()))));
  emit(Op::MAKE_FUNCTION, flags);
}

// ---- assembly ----

Ref<Code> CodeGen::finish() {
  Code& c = *code_;
  if (c.code.empty() || op_of(c.code.back()) != Op::RETURN_VALUE) {
    emit(Op::LOAD_CONST, add_const(Value()));
    emit(Op::RETURN_VALUE);
  }
  for (auto& [pc, label] : patches_) {
    c.code[pc] = encode(op_of(c.code[pc]), static_cast<uint32_t>(labels_[label]));
  }
  for (size_t pc = 0; pc < handler_of_.size();) {
    int r = handler_of_[pc];
    size_t end = pc + 1;
    while (end < handler_of_.size() && handler_of_[end] == r) ++end;
    if (r >= 0) {
      c.exc_table.push_back({static_cast<uint32_t>(pc), static_cast<uint32_t>(end),
                             static_cast<uint32_t>(labels_[regions_[r].label]),
                             static_cast<uint32_t>(regions_[r].depth)});
    }
    pc = end;
  }
  // Fast locals, cells and the parameter signature.
  if (scope_->kind == ScopeKind::Function) {
    for (auto& v : scope_->varnames) c.varnames.push_back(Ref<Str>(intern(v)));
    c.nlocals = static_cast<int>(c.varnames.size());
  }
  for (auto& v : scope_->cellvars) {
    c.cellvars.push_back(Ref<Str>(intern(v)));
    int arg = -1;
    for (size_t i = 0; i < scope_->params.size(); ++i)
      if (scope_->params[i] == v) arg = static_cast<int>(i);
    c.cell2arg.push_back(arg);
  }
  for (auto& v : scope_->freevars) c.freevars.push_back(Ref<Str>(intern(v)));
  if (scope_->is_generator) c.flags |= kCodeGenerator;
  if (scope_->kind == ScopeKind::Module) c.flags |= kCodeModule;
  c.stacksize = compute_stacksize();
  c.simple_call = c.cellvars.empty() && c.freevars.empty() && !(c.flags & kCodeGenerator) &&
                  !c.sig.varargs && !c.sig.varkw && c.sig.kwonly == 0;
  c.inline_cache.resize(c.code.size());
  fuse_instructions();
  return code_;
}

// `local.attr` and `local.method(...)` are the commonest pairs: the LOAD_FAST becomes a
// fused instruction that also does the attribute step. The second instruction stays in
// place (and runs alone when the fused fast path does not apply), so jump targets, line
// and exception tables, and stack depths are unchanged.
void CodeGen::fuse_instructions() {
  auto& code = code_->code;
  for (size_t i = 0; i + 1 < code.size(); ++i) {
    if (static_cast<Op>(code[i] & 0xff) != Op::LOAD_FAST) continue;
    Op next = static_cast<Op>(code[i + 1] & 0xff);
    Op fused = next == Op::LOAD_ATTR ? Op::LOAD_FAST_ATTR : next == Op::LOAD_METHOD ? Op::LOAD_FAST_METHOD : Op::NOP;
    if (fused != Op::NOP) code[i] = (code[i] & ~0xffu) | static_cast<uint32_t>(fused);
  }
}

int CodeGen::compute_stacksize() {
  const auto& code = code_->code;
  std::vector<int> depth_at(code.size() + 1, -1);
  std::vector<size_t> work;
  auto visit = [&](size_t pc, int d) {
    if (pc >= code.size() || d < 0) return;
    if (depth_at[pc] >= d) return;
    depth_at[pc] = d;
    work.push_back(pc);
  };
  visit(0, 0);
  for (auto& e : code_->exc_table) visit(e.handler, static_cast<int>(e.depth) + 1);
  int maxd = 0;
  while (!work.empty()) {
    size_t pc = work.back();
    work.pop_back();
    int d = depth_at[pc];
    Op op = op_of(code[pc]);
    uint32_t arg = arg_of(code[pc]);
    int fall = d + stack_effect(op, arg, false);
    maxd = std::max({maxd, d, fall});
    if (is_jump(op)) {
      int jd = d + stack_effect(op, arg, true);
      maxd = std::max(maxd, jd);
      visit(arg, jd);
    }
    bool ends = op == Op::JUMP || op == Op::RETURN_VALUE || op == Op::RERAISE ||
                op == Op::CLEANUP_RERAISE || op == Op::RAISE;
    if (!ends) visit(pc + 1, fall);
    // Handlers also see the depth of their regions, already seeded above.
  }
  return maxd + 2;
}

Ref<Code> compile_module(const ast::Module& module, const std::string& filename,
                         const std::vector<std::string>& source_lines, const CompileOptions& options) {
  auto root = analyze_scopes(module, filename, &source_lines);
  CodeGen g(root.get(), filename, source_lines, "<module>", options);
  g.stmts(module.body);
  Ref<Code> code = g.finish();
  code->name = "<module>";
  code->sig.name = "<module>";
  return code;
}

}  // namespace tscript
