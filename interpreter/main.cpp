// The `tscript` command: run a file, run -c code, or start the REPL.
#include <pthread.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "interpreter/cli.h"

namespace {

const char* kUsage =
    "usage: tscript [option] ... [-c cmd | file | -] [arg] ...\n"
    "Options:\n"
    "  -c cmd    program passed in as string (terminates option list)\n"
    "  -i        inspect interactively after running the script\n"
    "  -h        print this help message and exit (also --help)\n"
    "  -V        print the tscript version number and exit (also --version)\n"
    "file        program read from script file\n"
    "-           program read from stdin (default; interactive mode if a tty)\n"
    "arg ...     arguments passed to program in sys.argv[1:]\n"
    "Environment:\n"
    "  TSCRIPT_PATH  ':'-separated directories searched for modules\n";

struct Job {
  int argc;
  char** argv;
  int status = 0;
};

void* run_job(void* p) {
  auto* job = static_cast<Job*>(p);
  std::vector<std::string> args(job->argv + 1, job->argv + job->argc);
  tscript::CliOptions opts;
  size_t i = 0;
  while (i < args.size()) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      job->status = 0;
      return nullptr;
    }
    if (a == "-V" || a == "--version") {
      std::printf("tscript %s\n", tscript::kVersion);
      job->status = 0;
      return nullptr;
    }
    if (a == "-i") {
      opts.interactive_after = true;
      ++i;
      continue;
    }
    if (a == "-c") {
      if (i + 1 >= args.size()) {
        std::fputs("Argument expected for the -c option\n", stderr);
        std::fputs(kUsage, stderr);
        job->status = 2;
        return nullptr;
      }
      opts.command = args[i + 1];
      opts.has_command = true;
      opts.argv.push_back("-c");
      opts.argv.insert(opts.argv.end(), args.begin() + i + 2, args.end());
      break;
    }
    if (a.size() > 1 && a[0] == '-' && a != "-") {
      std::fprintf(stderr, "Unknown option: %s\n", a.c_str());
      std::fputs(kUsage, stderr);
      job->status = 2;
      return nullptr;
    }
    opts.file = a;
    opts.argv.assign(args.begin() + i, args.end());
    break;
  }
  job->status = tscript::run_cli(opts);
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  // Deep script recursion needs a deep native stack: run on a thread with 256 MiB of
  // (lazily committed) stack.
  Job job{argc, argv};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 256u << 20);
  pthread_t t;
  if (pthread_create(&t, &attr, run_job, &job) != 0) {
    run_job(&job);
  } else {
    pthread_join(t, nullptr);
  }
  pthread_attr_destroy(&attr);
  std::fflush(stdout);
  return job.status;
}
