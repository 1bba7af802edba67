// PyTorch-compatible CPU random number generator.
//
// tscript promises that `torch.manual_seed(s)` followed by any random op prints the same
// numbers as PyTorch's CPU generator (DESIGN.md decision 7). That needs two things: the
// same bit stream (this file: PyTorch's mt19937 variant, at::CPUGeneratorImpl) and the
// same per-op use of that stream (distributions.h).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

namespace tscript::random {

// Seed of a freshly constructed generator (c10's default_rng_seed_val), what
// `torch.Generator().initial_seed()` reports.
inline constexpr uint64_t kDefaultSeed = 67280421310721ULL;

// Size of the byte blob of get_state()/set_state(): sizeof(at::CPUGeneratorImplState)
// on x86-64/aarch64 Linux, i.e. what torch.get_rng_state() returns.
inline constexpr std::size_t kStateBytes = 5056;

// mt19937 exactly as at::mt19937 (MT19937RNGEngine.h): the reference algorithm, seeded
// with init_genrand from the low 32 bits of the seed; the full 64-bit seed is remembered.
class MT19937 {
public:
  static constexpr int N = 624;

  explicit MT19937(uint64_t seed = 5489) { reseed(seed); }
  void reseed(uint64_t seed);
  // Inline: every sampler calls this once or twice per element.
  uint32_t operator()() {
    if (--left == 0) twist();
    uint32_t y = state[next++];
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= (y >> 18);
    return y;
  }

  // Raw state, as at::mt19937_data_pod holds it (for get/set_state).
  uint64_t seed = 0;
  int left = 1;      // words left before the next twist (1 means: twist on next draw)
  bool seeded = false;
  uint32_t next = 0; // index of the next word to temper
  std::array<uint32_t, N> state{};

private:
  void twist();
};

// at::CPUGeneratorImpl: the engine plus the cached second Box-Muller sample of the
// scalar normal path (PyTorch keeps one for double and one for float; the CPU kernels
// only ever use the double one, but both are part of the saved state).
class Generator {
public:
  explicit Generator(uint64_t seed = kDefaultSeed) : engine_(seed) {}
  // Copies clone the stream state (Generator.clone_state / graph-safe snapshots); the
  // mutex is per object.
  Generator(const Generator& other);
  Generator& operator=(const Generator& other);

  // torch.manual_seed / Generator.manual_seed: reseeds and drops the normal caches.
  void manual_seed(uint64_t seed);
  // A nondeterministic seed (8 bytes of /dev/urandom, as c10 does); returns it.
  uint64_t seed();
  uint64_t initial_seed() const { return engine_.seed; }

  uint32_t random() { return engine_(); }
  // Two draws, the first one is the high word (CPUGeneratorImpl::random64).
  uint64_t random64() {
    uint32_t hi = engine_();
    uint32_t lo = engine_();
    return (static_cast<uint64_t>(hi) << 32) | lo;
  }

  std::optional<double> next_double_normal_sample;
  std::optional<float> next_float_normal_sample;

  // torch.get_rng_state(): kStateBytes bytes in CPUGeneratorImplState's layout.
  std::vector<uint8_t> get_state() const;
  // torch.set_rng_state(); throws std::invalid_argument on a wrong size or an invalid
  // engine state (PyTorch's messages), leaving the generator untouched.
  void set_state(const uint8_t* data, std::size_t size);

  // Held by callers that share a generator between threads (PyTorch locks per op).
  std::mutex& mutex() { return mutex_; }

private:
  MT19937 engine_;
  std::mutex mutex_;
};

// The process-wide generator behind torch.manual_seed()/torch.rand() etc. Like PyTorch's
// default CPU generator it starts from a nondeterministic seed; scripts that want
// reproducible numbers call manual_seed.
Generator& default_generator();

// c10::detail::getNonDeterministicRandom() for the CPU: 64 bits from /dev/urandom
// (falls back to std::random_device where that is not available).
uint64_t nondeterministic_seed();

}  // namespace tscript::random
