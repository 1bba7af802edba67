// Per-call execution limits of an embedded interpreter (an instruction budget and a wall
// clock deadline), polled by the VM through VM::poll_countdown / poll_limits().
#pragma once

#include <chrono>
#include <cstdint>

#include "interpreter/objects/object.h"
#include "tscript/interpreter.h"

namespace tscript {

struct ExecutionLimits {
  Limits config;
  int64_t budget_left = -1;  // ticks left in this call; -1: unlimited
  int64_t chunk = 0;         // what poll_countdown was last armed with
  std::chrono::steady_clock::time_point deadline{};
  bool has_deadline = false;
};

// Gives the VM a fresh budget for one host call (and arms its countdown).
void start_call(VM& v, ExecutionLimits& limits);
// ExecutionLimitExceeded: derives from BaseException so that `except Exception` does not
// swallow it.
Type* limit_exceeded_type();

}  // namespace tscript
