// Helpers for the serialization tests: temporary files, structural comparison of
// object graphs, and a hand-written pickle builder for malformed inputs.
#pragma once

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

#include "runtime/serialize/checkpoint.h"
#include "runtime/tensor/error.h"

namespace tscript::rt::test {

namespace ser = rt::serialize;

// A fresh directory under /tmp, removed (with its files) at scope exit.
struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/tscript_serialize_XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
  std::string file(const std::string& name) const { return path + "/" + name; }
};

inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// The message of the rt::Error that f throws ("" when it does not throw).
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// Same kind, values, and sharing shape; tensors equal in dtype, geometry, data.
bool same_tensor(const Tensor& a, const Tensor& b);
bool same_graph(const ser::Object& a, const ser::Object& b);

}  // namespace tscript::rt::test
