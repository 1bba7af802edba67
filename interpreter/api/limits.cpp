// The slow path of the VM's poll countdown: interrupts, instruction budgets, deadlines.
#include "interpreter/api/limits.h"

#include <algorithm>

#include "interpreter/bindings/tensor_object.h"
#include "interpreter/vm/vm.h"
#include "interpreter/vm/vm_internal.h"

namespace tscript {

namespace {
// Once a limit is hit the countdown stays at 1, so a script that catches the exception
// with `except BaseException` gets it again at its next backward jump or call.
[[noreturn]] void exceeded(VM& v, ExecutionLimits& l, const std::string& what) {
  l.chunk = 1;
  v.poll_countdown = 1;
  raise(limit_exceeded_type(), what);
}
}  // namespace

Type* limit_exceeded_type() {
  static Type* t = bindings::new_type("ExecutionLimitExceeded", "builtins", Layout::Exception,
                                      exc_types().base_exception);
  return t;
}

void start_call(VM& v, ExecutionLimits& l) {
  l.budget_left = l.config.max_instructions;
  l.has_deadline = l.config.timeout.count() > 0;
  if (l.has_deadline) l.deadline = std::chrono::steady_clock::now() + l.config.timeout;
  l.chunk = l.budget_left >= 0 ? std::min(VM::kPollInterval, std::max<int64_t>(l.budget_left, 1)) : VM::kPollInterval;
  v.poll_countdown = l.chunk;
}

void poll_limits(VM& v) {
  check_interrupt();
  ExecutionLimits* l = v.limits;
  if (!l) {
    v.poll_countdown = VM::kPollInterval;
    return;
  }
  if (l->budget_left >= 0) {
    l->budget_left = std::max<int64_t>(0, l->budget_left - (l->chunk - v.poll_countdown));
    if (l->budget_left == 0)
      exceeded(v, *l, "instruction budget of " + std::to_string(l->config.max_instructions) + " exhausted");
  }
  if (l->has_deadline && std::chrono::steady_clock::now() >= l->deadline)
    exceeded(v, *l, "time limit of " + std::to_string(l->config.timeout.count()) + " ms exceeded");
  l->chunk = l->budget_left >= 0 ? std::min(VM::kPollInterval, l->budget_left) : VM::kPollInterval;
  v.poll_countdown = l->chunk;
}

}  // namespace tscript
