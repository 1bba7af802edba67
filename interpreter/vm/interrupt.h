// Ctrl-C: SIGINT asks the running VM to raise KeyboardInterrupt. The VM checks
// `interrupt_requested` in poll_limits(), which its countdown runs from backward jumps and
// frame entries, so neither loops nor recursion run on after Ctrl-C.
#pragma once

#include <csignal>

#include "interpreter/vm/vm.h"

namespace tscript {

// While alive, SIGINT sets `v.interrupt_requested` instead of terminating the process
// (the handler may run on any thread; it only stores to the atomic flag). Scopes nest:
// the previous handler and target come back on destruction.
class SigintToInterrupt {
 public:
  explicit SigintToInterrupt(VM& v);
  ~SigintToInterrupt();
  SigintToInterrupt(const SigintToInterrupt&) = delete;
  SigintToInterrupt& operator=(const SigintToInterrupt&) = delete;

 private:
  struct sigaction previous_action_;
  std::atomic<bool>* previous_target_;
};

}  // namespace tscript
