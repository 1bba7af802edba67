#include "interpreter/compiler/opcodes.h"

#include <climits>
#include <sstream>

#include "interpreter/compiler/compiler.h"
#include "interpreter/objects/function.h"

namespace tscript {

namespace {
struct OpInfo {
  const char* name;
  int effect;
};
constexpr OpInfo kOps[] = {
#define TSCRIPT_OP_INFO(name, effect, doc) {#name, effect},
    TSCRIPT_OPCODES(TSCRIPT_OP_INFO)
#undef TSCRIPT_OP_INFO
};
}  // namespace

const char* op_name(Op op) { return kOps[static_cast<int>(op)].name; }

bool is_jump(Op op) {
  switch (op) {
    case Op::JUMP: case Op::POP_JUMP_IF_FALSE: case Op::POP_JUMP_IF_TRUE:
    case Op::JUMP_IF_FALSE_OR_POP: case Op::JUMP_IF_TRUE_OR_POP: case Op::FOR_ITER:
      return true;
    default:
      return false;
  }
}

int stack_effect(Op op, uint32_t a, bool jump) {
  const int n = static_cast<int>(a);
  switch (op) {
    case Op::JUMP_IF_FALSE_OR_POP:
    case Op::JUMP_IF_TRUE_OR_POP: return jump ? 0 : -1;
    case Op::FOR_ITER: return jump ? -1 : 1;
    case Op::BUILD_TUPLE: case Op::BUILD_LIST: case Op::BUILD_SET:
    case Op::BUILD_SLICE: case Op::BUILD_STRING: return 1 - n;
    case Op::BUILD_MAP: return 1 - 2 * n;
    case Op::UNPACK_SEQUENCE: return n - 1;
    case Op::UNPACK_EX: return static_cast<int>((a & 0xff) + (a >> 8));
    case Op::FORMAT_VALUE: return (a & 4) ? -1 : 0;
    case Op::CALL: return -n;
    case Op::CALL_KW: return -n - 1;
    case Op::CALL_EX: return -1 - static_cast<int>(a & 1);
    case Op::CALL_METHOD: return -n - 1;
    case Op::CALL_METHOD_KW: return -n - 2;
    case Op::MAKE_FUNCTION: return -(((a & 1) ? 1 : 0) + ((a & 2) ? 1 : 0) + ((a & 8) ? 1 : 0));
    case Op::BUILD_CLASS: return -(n + 1);
    case Op::RAISE: return -n;
    default: return kOps[static_cast<int>(op)].effect;
  }
}

namespace {
void disassemble_into(const Code& code, std::ostringstream& out) {
  out << "code " << code.sig.name << " (" << code.filename << ":" << code.firstline
      << ") nlocals=" << code.nlocals << " stack=" << code.stacksize << "\n";
  for (size_t pc = 0; pc < code.code.size(); ++pc) {
    Op op = op_of(code.code[pc]);
    out << "  " << pc << "\tL" << code.lines[pc] << "\t" << op_name(op) << " " << arg_of(code.code[pc]) << "\n";
  }
  for (auto& e : code.exc_table)
    out << "  handler [" << e.start << ", " << e.end << ") -> " << e.handler << " depth " << e.depth << "\n";
  for (auto& c : code.consts)
    if (auto* sub = c.as<Code>()) disassemble_into(*sub, out);
}
}  // namespace

std::string disassemble(const Code& code) {
  std::ostringstream out;
  disassemble_into(code, out);
  return out.str();
}

}  // namespace tscript
