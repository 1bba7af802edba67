// MT19937 exactly as CPython's Modules/_randommodule.c uses it, so `random` scripts draw
// the numbers CPython draws: init_by_array seeding, genrand_res53 for random() and the
// word order of getrandbits().
#pragma once

#include <cstdint>
#include <vector>

namespace tscript {

class MersenneTwister {
 public:
  static constexpr int N = 624;

  // init_by_array(): the key is the seed's absolute value in 32-bit words, least
  // significant first (at least one word).
  void seed(const std::vector<uint32_t>& key) {
    init_genrand(19650218u);
    uint32_t i = 1, j = 0;
    const uint32_t len = static_cast<uint32_t>(key.size());
    for (uint32_t k = N > len ? N : len; k; --k) {
      mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1664525u)) + key[j] + j;
      ++i, ++j;
      if (i >= N) mt_[0] = mt_[N - 1], i = 1;
      if (j >= len) j = 0;
    }
    for (uint32_t k = N - 1; k; --k) {
      mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1566083941u)) - i;
      ++i;
      if (i >= N) mt_[0] = mt_[N - 1], i = 1;
    }
    mt_[0] = 0x80000000u;  // MSB is 1, assuring a non-zero initial array
    index_ = N;
  }

  uint32_t next_u32() {
    static constexpr uint32_t kMag01[2] = {0u, 0x9908b0dfu};
    if (index_ >= N) {
      int k = 0;
      for (; k < N - 397; ++k) {
        uint32_t y = (mt_[k] & 0x80000000u) | (mt_[k + 1] & 0x7fffffffu);
        mt_[k] = mt_[k + 397] ^ (y >> 1) ^ kMag01[y & 1u];
      }
      for (; k < N - 1; ++k) {
        uint32_t y = (mt_[k] & 0x80000000u) | (mt_[k + 1] & 0x7fffffffu);
        mt_[k] = mt_[k + (397 - N)] ^ (y >> 1) ^ kMag01[y & 1u];
      }
      uint32_t y = (mt_[N - 1] & 0x80000000u) | (mt_[0] & 0x7fffffffu);
      mt_[N - 1] = mt_[396] ^ (y >> 1) ^ kMag01[y & 1u];
      index_ = 0;
    }
    uint32_t y = mt_[index_++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
  }

  // random(): a 53-bit float in [0, 1) from two words (genrand_res53).
  double next_double() {
    uint32_t a = next_u32() >> 5, b = next_u32() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  // getrandbits(k) for 0 <= k <= 64: words fill from the least significant end and the
  // last one drops its low bits, as CPython's _random_Random_getrandbits_impl.
  uint64_t bits(int k) {
    if (k == 0) return 0;
    if (k <= 32) return next_u32() >> (32 - k);
    uint64_t lo = next_u32();
    uint64_t hi = next_u32() >> (64 - k);
    return lo | (hi << 32);
  }

  // getstate()/setstate(): the 624 words and the position.
  const uint32_t* words() const { return mt_; }
  int index() const { return index_; }
  void set_state(const uint32_t* words, int index) {
    for (int i = 0; i < N; ++i) mt_[i] = words[i];
    index_ = index;
  }

 private:
  void init_genrand(uint32_t s) {
    mt_[0] = s;
    for (int i = 1; i < N; ++i) mt_[i] = 1812433253u * (mt_[i - 1] ^ (mt_[i - 1] >> 30)) + static_cast<uint32_t>(i);
    index_ = N;
  }

  uint32_t mt_[N] = {};
  int index_ = N + 1;
};

}  // namespace tscript
