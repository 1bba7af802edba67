// Embedding API: the policy on files and imports.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <unistd.h>

#include "api_test_support.h"
#include "tscript/interpreter.h"

using api_test::error_type_of;
using tscript::Interpreter;
namespace fs = std::filesystem;

namespace {
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("tscript_policy_" + std::to_string(::getpid()));
    fs::create_directories(path / "granted");
    fs::create_directories(path / "secret");
    std::ofstream(path / "secret" / "key.txt") << "hunter2";
  }
  ~TempDir() { fs::remove_all(path); }
};
std::string slurp_file(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
}  // namespace

TEST_CASE("embedded interpreters have no file access by default") {
  TempDir dir;
  Interpreter interp;
  interp.set("secret", (dir.path / "secret" / "key.txt").string());
  interp.set("out", (dir.path / "granted" / "t.pt").string());
  CHECK(error_type_of(interp, "import torch\ntorch.save(torch.ones(2), out)") == "PermissionError");
  CHECK(error_type_of(interp, "import torch\ntorch.load(secret)") == "PermissionError");
  CHECK(error_type_of(interp, "import torch\ntorch._read_idx(secret)") == "PermissionError");
  CHECK(error_type_of(interp, "import os\nos.listdir('/')") == "PermissionError");
  CHECK_FALSE(interp.eval<bool>("__import__('os').path.exists(secret)"));
  CHECK_FALSE(fs::exists(dir.path / "granted" / "t.pt"));
}

TEST_CASE("granted paths are usable, others are not") {
  TempDir dir;
  tscript::Options o;
  o.policy.grant_write((dir.path / "granted").string());
  Interpreter interp(std::move(o));
  interp.set("granted", (dir.path / "granted").string());
  interp.set("secret", (dir.path / "secret" / "key.txt").string());
  interp.exec(
      "import torch, os\n"
      "torch.save({'w': torch.arange(3)}, granted + '/t.pt')\n"
      "back = torch.load(granted + '/t.pt')['w'].tolist()\n"
      "seen = os.path.exists(secret)\n");
  CHECK(interp.get<std::vector<int64_t>>("back") == std::vector<int64_t>{0, 1, 2});
  CHECK_FALSE(interp.get<bool>("seen"));
  // `..` and symlinks do not lead out of a granted folder.
  CHECK(error_type_of(interp, "torch.load(granted + '/../secret/key.txt')") == "PermissionError");
  fs::create_directory_symlink(dir.path / "secret", dir.path / "granted" / "link");
  CHECK(error_type_of(interp, "torch.load(granted + '/link/key.txt')") == "PermissionError");
}

TEST_CASE("read-only grants refuse writes") {
  TempDir dir;
  tscript::Options o;
  o.policy.grant_read(dir.path.string());
  Interpreter interp(std::move(o));
  interp.set("p", (dir.path / "granted" / "t.pt").string());
  CHECK(error_type_of(interp, "import torch\ntorch.save(torch.ones(1), p)") == "PermissionError");
  CHECK(interp.eval<bool>("__import__('os').path.isdir(p[:p.rindex('/')])"));
}

TEST_CASE("a module allow-list") {
  tscript::Options o;
  o.policy.allow_modules({"torch", "math"});
  Interpreter interp(std::move(o));
  interp.exec("import math\nimport torch\nimport torch.nn as nn\nm = nn.Linear(2, 1)\n");  // torch's own imports pass
  CHECK(error_type_of(interp, "import os") == "ImportError");
  CHECK(error_type_of(interp, "from sys import argv") == "ImportError");
  interp.module("hostmod").set("v", 1);  // host modules are allowed implicitly
  interp.exec("import hostmod");
}

TEST_CASE("open() asks the policy: nothing by default, reads and writes per grant") {
  TempDir dir;
  std::string granted = (dir.path / "granted").string();
  std::ofstream(dir.path / "granted" / "in.txt") << "text";
  {
    Interpreter interp;  // a default Policy: no files at all
    interp.set("secret", (dir.path / "secret" / "key.txt").string());
    interp.set("out", granted + "/new.txt");
    CHECK(error_type_of(interp, "open(secret)") == "PermissionError");
    CHECK(error_type_of(interp, "open(out, 'w')") == "PermissionError");
    CHECK(error_type_of(interp, "import io\nio.open(secret, 'rb')") == "PermissionError");
    CHECK_FALSE(fs::exists(dir.path / "granted" / "new.txt"));
  }
  {
    tscript::Options o;
    o.policy.grant_read(granted);
    Interpreter interp(std::move(o));
    interp.set("d", granted);
    interp.exec("with open(d + '/in.txt') as f:\n    text = f.read()\n");
    CHECK(interp.get<std::string>("text") == "text");
    for (const char* mode : {"w", "a", "x", "r+", "wb"})
      CHECK(error_type_of(interp, std::string("open(d + '/in.txt', '") + mode + "')") == "PermissionError");
    CHECK(error_type_of(interp, "open(d + '/../secret/key.txt')") == "PermissionError");
    CHECK(slurp_file(dir.path / "granted" / "in.txt") == "text");
  }
  {
    tscript::Options o;
    o.policy.grant_write(granted);
    Interpreter interp(std::move(o));
    interp.set("d", granted);
    interp.exec(
        "with open(d + '/out.txt', 'w') as f:\n    f.write('written')\n"
        "with open(d + '/out.txt', 'a') as f:\n    f.write('!')\n"
        "back = open(d + '/out.txt').read()\n");
    CHECK(interp.get<std::string>("back") == "written!");
    CHECK(error_type_of(interp, "open(d + '/../secret/key.txt', 'w')") == "PermissionError");
  }
}
