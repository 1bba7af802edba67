// An application embedding tscript: it registers a C++ logging function, loads a model
// script, hands its own float buffers to the model as tensors (no copies in or out), runs
// inference and checks the scores against the same arithmetic done here in C++.
//
//   embed_host [path/to/model.tscript]
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "runtime/ops/ops.h"
#include "tscript/interpreter.h"

namespace rt = tscript::rt;

namespace {

// y = relu(x W1^T + b1) W2^T + b2 computed from the script model's parameters.
std::vector<float> reference_scores(tscript::Interpreter& interp, const float* input, int rows) {
  auto param = [&](const char* expr) { return rt::contiguous(interp.eval<rt::Tensor>(expr)); };
  rt::Tensor w1 = param("model.hidden.weight.detach()"), b1 = param("model.hidden.bias.detach()");
  rt::Tensor w2 = param("model.out.weight.detach()"), b2 = param("model.out.bias.detach()");
  int in = static_cast<int>(w1.size(1)), hid = static_cast<int>(w1.size(0)), out = static_cast<int>(w2.size(0));
  std::vector<float> scores(rows * out);
  for (int r = 0; r < rows; ++r) {
    std::vector<float> h(hid);
    for (int j = 0; j < hid; ++j) {
      float s = b1.data<float>()[j];
      for (int k = 0; k < in; ++k) s += input[r * in + k] * w1.data<float>()[j * in + k];
      h[j] = s > 0 ? s : 0;
    }
    for (int j = 0; j < out; ++j) {
      float s = b2.data<float>()[j];
      for (int k = 0; k < hid; ++k) s += h[k] * w2.data<float>()[j * hid + k];
      scores[r * out + j] = s;
    }
  }
  return scores;
}

}  // namespace

int main(int argc, char** argv) {
  std::string model_path = argc > 1 ? argv[1] : "model.tscript";
  try {
    tscript::Interpreter interp;  // sandboxed: the script gets no file access
    interp.def("log(message)", [](const std::string& m) { std::printf("[model] %s\n", m.c_str()); });
    interp.exec_file(model_path);

    // The application's own memory: two rows of four features in, three scores out.
    float input[2][4] = {{0.5f, -1.0f, 2.0f, 0.25f}, {-0.3f, 0.8f, 0.1f, 1.5f}};
    float scores[2][3] = {};
    rt::Tensor x = rt::from_blob(input, {2, 4}, rt::DType::Float32);
    rt::Tensor y = rt::from_blob(scores, {2, 3}, rt::DType::Float32);

    auto classes = interp.call<std::vector<int64_t>>("predict", x, y);

    std::vector<float> expected = reference_scores(interp, &input[0][0], 2);
    bool ok = true;
    for (int r = 0; r < 2; ++r) {
      std::printf("row %d: scores", r);
      for (int c = 0; c < 3; ++c) {
        std::printf(" %+.5f", scores[r][c]);
        ok = ok && std::fabs(scores[r][c] - expected[r * 3 + c]) < 1e-5f;
      }
      std::printf("  -> class %lld\n", static_cast<long long>(classes[r]));
    }
    if (!ok) {
      std::fprintf(stderr, "embed_host: the scores differ from the C++ reference\n");
      return 1;
    }
    std::printf("ok: scores match the C++ reference\n");
    return 0;
  } catch (const tscript::Error& e) {
    std::fprintf(stderr, "%s", e.traceback().empty() ? (std::string(e.what()) + "\n").c_str() : e.traceback().c_str());
    return 1;
  }
}
