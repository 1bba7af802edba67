// Measures what an embedding host pays to start scripting: creating an Interpreter and
// running exec("x = 1"), first in the process (cold) and then repeatedly (warm).
//
//   embed_startup [repetitions]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "tscript/interpreter.h"

int main(int argc, char** argv) {
  int reps = argc > 1 ? std::atoi(argv[1]) : 200;
  using clock = std::chrono::steady_clock;
  auto once = [] {
    auto t0 = clock::now();
    tscript::Interpreter interp;
    interp.exec("x = 1");
    return std::chrono::duration<double, std::milli>(clock::now() - t0).count();
  };
  double cold = once();
  if (reps < 1) reps = 1;
  std::vector<double> warm(reps);
  for (double& t : warm) t = once();
  std::sort(warm.begin(), warm.end());
  // The median, not the mean: on a shared machine a few runs are descheduled.
  std::printf("Interpreter() + exec(\"x = 1\"): cold %.3f ms, warm median %.3f ms, best %.3f ms (%d runs)\n", cold,
              warm[warm.size() / 2], warm.front(), reps);
  return 0;
}
