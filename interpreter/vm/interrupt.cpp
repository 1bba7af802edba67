#include "interpreter/vm/interrupt.h"

namespace tscript {

namespace {

// The flag SIGINT sets. An atomic pointer to an atomic flag: both are lock-free, so the
// handler stays async-signal-safe.
std::atomic<std::atomic<bool>*> g_sigint_target{nullptr};
static_assert(std::atomic<std::atomic<bool>*>::is_always_lock_free);
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_sigint(int) {
  if (std::atomic<bool>* flag = g_sigint_target.load()) flag->store(true);
}

}  // namespace

SigintToInterrupt::SigintToInterrupt(VM& v) : previous_target_(g_sigint_target.exchange(&v.interrupt_requested)) {
  struct sigaction action = {};
  action.sa_handler = on_sigint;
  sigemptyset(&action.sa_mask);
  // Restart interrupted system calls: the VM notices the flag at its next poll, and a
  // blocking read should not fail with EINTR because of it.
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, &previous_action_);
}

SigintToInterrupt::~SigintToInterrupt() {
  sigaction(SIGINT, &previous_action_, nullptr);
  g_sigint_target.store(previous_target_);
}

}  // namespace tscript
