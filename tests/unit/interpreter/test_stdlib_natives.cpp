// The native pieces under the random module and open(): SHA-512 and MT19937 against their
// published reference outputs, and FileStream's write-to-temp-then-rename protocol and
// newline handling, which scripts cannot observe the same way under CPython.
#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "interpreter/builtins/file_stream.h"
#include "interpreter/builtins/mersenne_twister.h"
#include "interpreter/builtins/sha512.h"

using tscript::FileStream;
namespace fs = std::filesystem;

namespace {

std::string hex(const std::array<uint8_t, 64>& d) {
  std::string out;
  char buf[3];
  for (uint8_t b : d) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    out += buf;
  }
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("tscript_stream_" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  size_t entries() const { return static_cast<size_t>(std::distance(fs::directory_iterator(path), {})); }
};

}  // namespace

TEST_CASE("sha512 matches FIPS 180-4 examples") {
  CHECK(hex(tscript::sha512("abc")) ==
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  CHECK(hex(tscript::sha512("")) ==
        "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
        "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
  // Two blocks (the padding does not fit after 112 bytes).
  CHECK(hex(tscript::sha512("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")) ==
        "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
        "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");
}

TEST_CASE("MT19937 reproduces mt19937ar.out and CPython's seeding") {
  tscript::MersenneTwister mt;
  mt.seed({0x123, 0x234, 0x345, 0x456});  // the reference program's init_by_array key
  for (uint32_t want : {1067595299u, 955945823u, 477289528u, 4107218783u, 4228976476u}) CHECK(mt.next_u32() == want);
  mt.seed({42});  // random.seed(42); [random.getrandbits(32) for _ in range(3)] in CPython 3.11
  for (uint32_t want : {2746317213u, 478163327u, 107420369u}) CHECK(mt.next_u32() == want);
  mt.seed({42});
  CHECK(mt.next_double() == 0.6394267984578837);  // random.seed(42); random.random()
}

TEST_CASE("'w' files are written beside the target and renamed onto it on close") {
  TempDir dir;
  fs::path target = dir.path / "out.txt";
  std::ofstream(target) << "old";
  ::chmod(target.c_str(), 0640);
  FileStream f;
  REQUIRE(f.open(target.string(), 'w', false, false, FileStream::Newline::Universal) == 0);
  REQUIRE(f.write("new"));
  REQUIRE(f.flush() == 0);
  CHECK(slurp(target) == "old");  // readers see the previous file until close()
  CHECK(dir.entries() == 2);      // the target and the temporary file
  REQUIRE(f.close() == 0);
  CHECK(slurp(target) == "new");
  CHECK(dir.entries() == 1);
  struct stat st;
  REQUIRE(::stat(target.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);  // an existing file keeps its permissions
  CHECK(f.close() == 0);               // closing twice is harmless
}

TEST_CASE("writing through a symlink replaces the file it names") {
  TempDir dir;
  std::ofstream(dir.path / "real.txt") << "old";
  fs::create_symlink(dir.path / "real.txt", dir.path / "link.txt");
  FileStream f;
  REQUIRE(f.open((dir.path / "link.txt").string(), 'w', false, false, FileStream::Newline::Universal) == 0);
  REQUIRE(f.write("new"));
  REQUIRE(f.close() == 0);
  CHECK(fs::is_symlink(dir.path / "link.txt"));
  CHECK(slurp(dir.path / "real.txt") == "new");
}

TEST_CASE("a 'w' file still open at process exit is committed") {
  TempDir dir;
  fs::path target = dir.path / "exit.txt";
  std::fflush(nullptr);  // nothing buffered gets written twice by the child
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto* f = new FileStream();  // never freed, like a script object kept alive by a cycle
    bool ok = f->open(target.string(), 'w', false, false, FileStream::Newline::Universal) == 0 && f->write("bye");
    std::exit(ok ? 0 : 1);  // runs the exit hooks, as the end of a script does
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  CHECK(slurp(target) == "bye");
  CHECK(dir.entries() == 1);
}

TEST_CASE("an unclosed 'w' file is committed when the stream is destroyed") {
  TempDir dir;
  fs::path target = dir.path / "late.txt";
  {
    FileStream f;
    REQUIRE(f.open(target.string(), 'w', false, false, FileStream::Newline::Universal) == 0);
    REQUIRE(f.write("data"));
    CHECK_FALSE(fs::exists(target));
  }
  CHECK(slurp(target) == "data");
  CHECK(dir.entries() == 1);
}

TEST_CASE("'x' does not replace a file that appeared while writing") {
  TempDir dir;
  fs::path target = dir.path / "x.txt";
  FileStream f;
  REQUIRE(f.open(target.string(), 'x', false, false, FileStream::Newline::Universal) == 0);
  REQUIRE(f.write("mine"));
  std::ofstream(target) << "theirs";
  CHECK(f.close() == EEXIST);
  CHECK(slurp(target) == "theirs");
  CHECK(dir.entries() == 1);  // the temporary file is gone
  FileStream g;
  CHECK(g.open(target.string(), 'x', false, false, FileStream::Newline::Universal) == EEXIST);
}

TEST_CASE("opening reports the errno CPython would") {
  TempDir dir;
  FileStream f;
  CHECK(f.open((dir.path / "missing").string(), 'r', false, false, FileStream::Newline::Universal) == ENOENT);
  CHECK(f.open((dir.path / "no" / "x").string(), 'w', false, false, FileStream::Newline::Universal) == ENOENT);
  CHECK(f.open(dir.path.string(), 'r', false, false, FileStream::Newline::Universal) == EISDIR);
  CHECK(f.open(dir.path.string(), 'w', false, false, FileStream::Newline::Universal) == EISDIR);
  CHECK_FALSE(f.is_open());
  CHECK(dir.entries() == 0);
}

TEST_CASE("newline modes translate and split lines like CPython") {
  TempDir dir;
  fs::path p = dir.path / "nl.txt";
  std::ofstream(p, std::ios::binary) << "ab\r\ncd\re\n";
  auto lines = [&](FileStream::Newline nl) {
    FileStream f;
    REQUIRE(f.open(p.string(), 'r', false, false, nl) == 0);
    std::string all;
    for (std::string l; !(l = f.read_line(-1)).empty();) all += "[" + l + "]";
    return all;
  };
  CHECK(lines(FileStream::Newline::Universal) == "[ab\n][cd\n][e\n]");
  CHECK(lines(FileStream::Newline::Keep) == "[ab\r\n][cd\r][e\n]");
  CHECK(lines(FileStream::Newline::LF) == "[ab\r\n][cd\re\n]");
  CHECK(lines(FileStream::Newline::CR) == "[ab\r][\ncd\r][e\n]");
  CHECK(lines(FileStream::Newline::CRLF) == "[ab\r\n][cd\re\n]");
  FileStream f;
  REQUIRE(f.open(p.string(), 'r', false, false, FileStream::Newline::Universal) == 0);
  CHECK(f.read(3) == "ab\n");  // "\r\n" is one character
  CHECK(f.read(-1) == "cd\ne\n");
}
