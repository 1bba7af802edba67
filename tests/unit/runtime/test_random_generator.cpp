// The PyTorch-compatible generator: mt19937 stream, seeding, normal cache and the
// torch.get_rng_state() byte layout. Expected values come from PyTorch 1.13.1.
#include <random>
#include <stdexcept>

#include "test_random_support.h"

using namespace tscript_random_test;

TEST_CASE("engine is the reference mt19937 seeded with the low 32 bits", "[random]") {
  // PyTorch's at::mt19937 is the classic generator; std::mt19937 is the same algorithm.
  for (uint64_t seed : {uint64_t{0}, uint64_t{42}, uint64_t{1234}, (uint64_t{7} << 32) | 5u}) {
    INFO("seed " << seed);
    Generator g(seed);
    std::mt19937 ref(static_cast<uint32_t>(seed));
    for (int i = 0; i < 2000; ++i) {  // crosses several twists
      REQUIRE(g.random() == ref());
    }
  }
}

TEST_CASE("random64 joins two draws, the first one high", "[random]") {
  Generator a(7), b(7);
  for (int i = 0; i < 10; ++i) {
    uint64_t hi = b.random(), lo = b.random();
    CHECK(a.random64() == ((hi << 32) | lo));
  }
}

TEST_CASE("seeds: default, manual_seed and initial_seed", "[random]") {
  Generator g;  // torch.Generator()
  CHECK(g.initial_seed() == 67280421310721ull);
  float v[3];
  uniform(g, v, 3);  // torch.rand(3, generator=torch.Generator())
  CHECK(v[0] == 0x1.11b5d8p-2f);
  CHECK(v[1] == 0x1.bebc08p-1f);
  CHECK(v[2] == 0x1.5755f4p-2f);

  // The whole 64-bit seed is remembered even though only 32 bits seed the engine
  // (torch.manual_seed(-1) is seed 2^64 - 1).
  g.manual_seed(~uint64_t{0});
  CHECK(g.initial_seed() == ~uint64_t{0});
  uniform(g, v, 2);
  CHECK(v[0] == 0x1.fcd346p-1f);  // torch.manual_seed(-1); torch.rand(2)
  CHECK(v[1] == 0x1.248244p-1f);

  // seed() picks a nondeterministic seed and reports it.
  uint64_t s = g.seed();
  CHECK(g.initial_seed() == s);
}

TEST_CASE("manual_seed drops the cached normal sample", "[random]") {
  Generator g(3);
  normal_sample(g);  // draws a pair, caches the second value
  CHECK(g.next_double_normal_sample.has_value());
  g.manual_seed(3);
  CHECK_FALSE(g.next_double_normal_sample.has_value());
  Generator fresh(3);
  CHECK(normal_sample(g) == normal_sample(fresh));
}

TEST_CASE("get_state has torch.get_rng_state()'s layout", "[random]") {
  Generator g(0);
  float x[3];
  normal(g, x, 3);  // torch.manual_seed(0); torch.randn(3)
  std::vector<uint8_t> s = g.get_state();
  REQUIRE(s.size() == kStateBytes);
  REQUIRE(s.size() == 5056);
  auto u64 = [&](size_t off) { uint64_t v; std::memcpy(&v, s.data() + off, 8); return v; };
  auto i32 = [&](size_t off) { int32_t v; std::memcpy(&v, s.data() + off, 4); return v; };
  double normal_y;
  std::memcpy(&normal_y, s.data() + 5024, 8);
  CHECK(u64(0) == 0);      // the_initial_seed
  CHECK(i32(8) == 617);    // left
  CHECK(i32(12) == 1);     // seeded
  CHECK(u64(16) == 8);     // next
  CHECK(u64(24) == 2443250962u);  // state[0..3], widened to 64 bits
  CHECK(u64(32) == 1093594115u);
  CHECK(u64(40) == 1878467924u);
  CHECK(u64(48) == 2709361018u);
  CHECK(normal_y == 0x1.23096ca3e350dp-1);  // 0.5684312772806678, the cached sample
  CHECK(i32(5040) == 1);   // normal_is_valid
  CHECK(s[5052] == 0);     // is_next_float_normal_sample_valid
  // Byte for byte what PyTorch returns (FNV-1a of bytes(torch.get_rng_state())).
  CHECK(fnv1a(s.data(), s.size()) == 0xe26132ccfee7865dull);

  Generator h(42);
  CHECK(fnv1a(h.get_state().data(), kStateBytes) == 0x54d354babfe0cddeull);
  Generator k(1234);  // torch.rand(700) crosses a twist; randn(1, float64) caches
  std::vector<float> r(700);
  uniform(k, r.data(), 700);
  double d;
  normal(k, &d, 1);
  CHECK(fnv1a(k.get_state().data(), kStateBytes) == 0xec94f462c73636eaull);
}

TEST_CASE("set_state restores the stream and the normal caches", "[random]") {
  Generator g(11);
  double first;
  normal(g, &first, 1);  // leaves a cached sample
  std::vector<uint8_t> saved = g.get_state();
  std::vector<double> a(40);
  normal(g, a.data(), 5);          // uses the cache first
  uniform(g, a.data() + 5, 35);
  g.set_state(saved.data(), saved.size());
  std::vector<double> b(40);
  normal(g, b.data(), 5);
  uniform(g, b.data() + 5, 35);
  CHECK(a == b);

  // The float cache PyTorch keeps round-trips too (no CPU kernel sets it).
  g.next_float_normal_sample = 1.5f;
  saved = g.get_state();
  Generator other;
  other.set_state(saved.data(), saved.size());
  REQUIRE(other.next_float_normal_sample.has_value());
  CHECK(*other.next_float_normal_sample == 1.5f);
  CHECK(other.get_state() == saved);
}

TEST_CASE("set_state rejects what PyTorch rejects", "[random]") {
  Generator g(5);
  std::vector<uint8_t> s = g.get_state();
  try {
    g.set_state(s.data(), 100);
    FAIL("no exception");
  } catch (const std::invalid_argument& e) {
    CHECK(std::string(e.what()) ==
          "Expected a CPUGeneratorImplState of size 5056 but found the input RNG state size "
          "to be 100");
  }
  s[8] = 0;  // left = 0
  CHECK_THROWS_WITH(g.set_state(s.data(), s.size()), "Invalid mt19937 state");
  // A failed set_state leaves the generator as it was.
  Generator fresh(5);
  CHECK(g.random() == fresh.random());
}

TEST_CASE("copies clone the stream", "[random]") {
  Generator g(9);
  g.random();
  normal_sample(g);
  Generator copy(g);
  CHECK(copy.get_state() == g.get_state());
  CHECK(copy.random() == g.random());
  Generator assigned;
  assigned = g;
  CHECK(assigned.random64() == g.random64());
}

TEST_CASE("default_generator is one process-wide generator", "[random]") {
  Generator& a = default_generator();
  Generator& b = default_generator();
  CHECK(&a == &b);
  std::vector<uint8_t> keep = a.get_state();
  a.manual_seed(0);
  float v;
  uniform(b, &v, 1);
  CHECK(v == 0x1.fc2abp-2f);  // torch.manual_seed(0); torch.rand(1)
  a.set_state(keep.data(), keep.size());
}
