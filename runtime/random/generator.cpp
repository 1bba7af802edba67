#include "runtime/random/generator.h"

#include <cstdio>
#include <cstring>
#include <bit>
#include <type_traits>
#include <random>
#include <stdexcept>
#include <string>

namespace tscript::random {

namespace {
constexpr int kM = 397;
constexpr uint32_t kMatrixA = 0x9908b0df;
constexpr uint32_t kUpperMask = 0x80000000;
constexpr uint32_t kLowerMask = 0x7fffffff;

inline uint32_t twist_pair(uint32_t u, uint32_t v) {
  uint32_t mixed = (u & kUpperMask) | (v & kLowerMask);
  return (mixed >> 1) ^ ((v & 1) ? kMatrixA : 0);
}

// Byte offsets of at::detail::CPUGeneratorImplState (x86-64 / aarch64 ABI):
//   legacy_pod { u64 the_initial_seed; int left; int seeded; u64 next; u64 state[624];
//                double normal_x, normal_y, normal_rho; int normal_is_valid; }  (+4 pad)
//   float next_float_normal_sample; bool is_next_float_normal_sample_valid;  (+3 pad)
constexpr std::size_t kOffSeed = 0, kOffLeft = 8, kOffSeeded = 12, kOffNext = 16,
                      kOffState = 24, kOffNormalY = 5024, kOffNormalValid = 5040,
                      kOffFloatNormal = 5048, kOffFloatValid = 5052;

// The blob is little-endian on every platform PyTorch ships; write it byte by byte so
// the layout does not depend on the host.
template <typename T>
void put(uint8_t* out, std::size_t off, T value) {
  static_assert(std::is_trivially_copyable_v<T>);
  uint8_t bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  if constexpr (std::endian::native == std::endian::big) {
    for (std::size_t i = 0; i < sizeof(T); ++i) out[off + i] = bytes[sizeof(T) - 1 - i];
  } else {
    std::memcpy(out + off, bytes, sizeof(T));
  }
}

template <typename T>
T get(const uint8_t* in, std::size_t off) {
  uint8_t bytes[sizeof(T)];
  if constexpr (std::endian::native == std::endian::big) {
    for (std::size_t i = 0; i < sizeof(T); ++i) bytes[i] = in[off + sizeof(T) - 1 - i];
  } else {
    std::memcpy(bytes, in + off, sizeof(T));
  }
  T value;
  std::memcpy(&value, bytes, sizeof(T));
  return value;
}
}  // namespace

void MT19937::reseed(uint64_t s) {
  seed = s;
  seeded = true;
  state[0] = static_cast<uint32_t>(s & 0xffffffffu);
  for (int j = 1; j < N; ++j) {
    state[j] = 1812433253u * (state[j - 1] ^ (state[j - 1] >> 30)) + static_cast<uint32_t>(j);
  }
  left = 1;
  next = 0;
}

void MT19937::twist() {
  left = N;
  next = 0;
  int k = 0;
  for (; k < N - kM; ++k) state[k] = state[k + kM] ^ twist_pair(state[k], state[k + 1]);
  for (; k < N - 1; ++k) state[k] = state[k + kM - N] ^ twist_pair(state[k], state[k + 1]);
  state[N - 1] = state[kM - 1] ^ twist_pair(state[N - 1], state[0]);
}

Generator::Generator(const Generator& other)
    : next_double_normal_sample(other.next_double_normal_sample),
      next_float_normal_sample(other.next_float_normal_sample),
      engine_(other.engine_) {}

Generator& Generator::operator=(const Generator& other) {
  if (this != &other) {
    engine_ = other.engine_;
    next_double_normal_sample = other.next_double_normal_sample;
    next_float_normal_sample = other.next_float_normal_sample;
  }
  return *this;
}

void Generator::manual_seed(uint64_t s) {
  next_float_normal_sample.reset();
  next_double_normal_sample.reset();
  engine_.reseed(s);
}

uint64_t Generator::seed() {
  uint64_t s = nondeterministic_seed();
  manual_seed(s);
  return s;
}

std::vector<uint8_t> Generator::get_state() const {
  std::vector<uint8_t> out(kStateBytes, 0);  // PyTorch value-initialises: padding is zero
  uint8_t* p = out.data();
  put<uint64_t>(p, kOffSeed, engine_.seed);
  put<int32_t>(p, kOffLeft, engine_.left);
  put<int32_t>(p, kOffSeeded, engine_.seeded ? 1 : 0);
  put<uint64_t>(p, kOffNext, engine_.next);
  for (int i = 0; i < MT19937::N; ++i) put<uint64_t>(p, kOffState + 8 * i, engine_.state[i]);
  // normal_x and normal_rho are legacy fields PyTorch always writes as 0.0.
  if (next_double_normal_sample) {
    put<double>(p, kOffNormalY, *next_double_normal_sample);
    put<int32_t>(p, kOffNormalValid, 1);
  }
  if (next_float_normal_sample) {
    put<float>(p, kOffFloatNormal, *next_float_normal_sample);
    p[kOffFloatValid] = 1;
  }
  return out;
}

void Generator::set_state(const uint8_t* data, std::size_t size) {
  if (size != kStateBytes) {
    throw std::invalid_argument("Expected a CPUGeneratorImplState of size " +
                                std::to_string(kStateBytes) +
                                " but found the input RNG state size to be " +
                                std::to_string(size));
  }
  MT19937 engine;
  engine.seed = get<uint64_t>(data, kOffSeed);
  engine.left = get<int32_t>(data, kOffLeft);
  engine.seeded = get<int32_t>(data, kOffSeeded) != 0;
  // PyTorch narrows the legacy 64-bit fields to the engine's 32-bit ones.
  engine.next = static_cast<uint32_t>(get<uint64_t>(data, kOffNext));
  for (int i = 0; i < MT19937::N; ++i) {
    engine.state[i] = static_cast<uint32_t>(get<uint64_t>(data, kOffState + 8 * i));
  }
  // at::mt19937::is_valid()
  if (!(engine.seeded && engine.left > 0 && engine.left <= MT19937::N &&
        engine.next <= static_cast<uint32_t>(MT19937::N))) {
    throw std::invalid_argument("Invalid mt19937 state");
  }
  engine_ = engine;
  next_double_normal_sample.reset();
  next_float_normal_sample.reset();
  if (get<int32_t>(data, kOffNormalValid) != 0) {
    next_double_normal_sample = get<double>(data, kOffNormalY);
  }
  if (data[kOffFloatValid] != 0) next_float_normal_sample = get<float>(data, kOffFloatNormal);
}

uint64_t nondeterministic_seed() {
  uint64_t s = 0;
  if (std::FILE* f = std::fopen("/dev/urandom", "rb")) {
    bool ok = std::fread(&s, sizeof(s), 1, f) == 1;
    std::fclose(f);
    if (ok) return s;
  }
  std::random_device rd;
  return (static_cast<uint64_t>(rd()) << 32) | rd();
}

Generator& default_generator() {
  static Generator gen(nondeterministic_seed());
  return gen;
}

}  // namespace tscript::random
