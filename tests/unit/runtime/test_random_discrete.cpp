// random_ / randint (every integer dtype and float), randperm, bernoulli, dropout's noise,
// exponential_/geometric_/log_normal_/cauchy_, trunc_normal_ and multinomial against
// PyTorch 1.13.1. The tables were generated once with the PyTorch oracle (see
// test_random_support.h).
#include "test_random_support.h"

using namespace tscript_random_test;

namespace {

template <typename T>
void check_randperm(uint64_t seed, int64_t n, uint64_t fnv, std::vector<T> head) {
  Generator g(seed);
  Buffer<T> v(n);
  randperm(g, v.data(), n);
  check_same(v.data(), n, fnv, head.data(), head.size(), seed);
}

template <typename T>
void check_multinomial(uint64_t seed, std::vector<T> probs, int64_t n_dist, int64_t n_sample,
                       bool replacement, std::vector<int64_t> expected) {
  Generator g(seed);
  const int64_t n_cat = static_cast<int64_t>(probs.size()) / n_dist;
  std::vector<int64_t> out(static_cast<size_t>(n_dist * n_sample));
  multinomial(g, probs.data(), n_dist, n_cat, n_sample, replacement, out.data());
  INFO("seed " << seed << ", n_sample " << n_sample << ", replacement " << replacement);
  CHECK(out == expected);
}

// torch.multinomial(torch.arange(1, n_cat + 1, dtype), n_sample): enough categories to
// reach both of topk's algorithms.
template <typename T>
void check_multinomial_arange(uint64_t seed, int64_t n_cat, int64_t n_sample,
                              std::vector<int64_t> expected) {
  std::vector<T> probs(static_cast<size_t>(n_cat));
  for (int64_t i = 0; i < n_cat; ++i) probs[i] = static_cast<T>(i + 1);
  check_multinomial<T>(seed, probs, 1, n_sample, false, expected);
}

}  // namespace

TEST_CASE("random_ int64_t matches torch.randint / random_", "[random]") {
  // torch.manual_seed(seed); torch.empty(n, dtype).random_(from, to) (to = None: kNoTo);
  // from = to = kDefault: random_() with no arguments.
  struct Row { uint64_t seed; int64_t n; int64_t from, to; uint64_t fnv; int64_t head[4]; };
  const Row rows[] = {
      {0, 5, INT64_C(0), INT64_C(10), 0x02da05c9b1d79608ull, {4, 9, 3, 0}},
      {0, 5, kDefault, kDefault, 0x3556d0cf2188b38dull, {INT64_C(900450186894289455), INT64_C(3969543146641149120), INT64_C(1895649597198586619), INT64_C(827948490035658087)}},
      {0, 17, INT64_C(0), INT64_C(10), 0xca4b3e3998c394e1ull, {4, 9, 3, 0}},
      {0, 17, INT64_C(-5), INT64_C(5), 0x834cfd6b53df7b8dull, {-1, 4, -2, -5}},
      {0, 17, INT64_C(0), INT64_C(1099511627776), 0x63a4435cc5b15c05ull, {INT64_C(741280623151), INT64_C(506137267392), INT64_C(291447657211), INT64_C(841157541223)}},
      {0, 17, INT64_MIN, kNoTo, 0xdeb82d92c0a5e831ull, {INT64_C(-8322921849960486353), INT64_C(-5253828890213626688), INT64_C(-7327722439656189189), INT64_C(-8395423546819117721)}},
      {0, 17, INT64_C(3), kNoTo, 0x72fc09a53a526516ull, {INT64_C(900450186894289461), INT64_C(3969543146641149126), INT64_C(1895649597198586625), INT64_C(827948490035658093)}},
      {0, 17, INT64_C(-2147483648), INT64_C(2147483648), 0xd67e93ad407f1ca7ull, {398764591, 1478610112, 1537364731, 1491434855}},
      {0, 17, kDefault, kDefault, 0x5ffba9e6e3aafcb1ull, {INT64_C(900450186894289455), INT64_C(3969543146641149120), INT64_C(1895649597198586619), INT64_C(827948490035658087)}},
      {0, 100, INT64_C(0), INT64_C(10), 0x69623ce3f668014full, {4, 9, 3, 0}},
      {0, 100, kDefault, kDefault, 0xc971901b02023304ull, {INT64_C(900450186894289455), INT64_C(3969543146641149120), INT64_C(1895649597198586619), INT64_C(827948490035658087)}},
      {42, 5, INT64_C(0), INT64_C(10), 0x428cf9ab9be57f84ull, {2, 7, 6, 4}},
      {42, 5, kDefault, kDefault, 0x9f24bee61ed8aaa4ull, {INT64_C(6909045637428952499), INT64_C(8314211556539077902), INT64_C(4279532810384561223), INT64_C(1819927849474927636)}},
      {42, 17, INT64_C(0), INT64_C(10), 0xc94e6ada6db6a448ull, {2, 7, 6, 4}},
      {42, 17, INT64_C(-5), INT64_C(5), 0x66251c5a86fc046aull, {-3, 2, 1, -1}},
      {42, 17, INT64_C(0), INT64_C(1099511627776), 0xa32dcb74ebd66dbbull, {INT64_C(441507790259), INT64_C(395924837646), INT64_C(458615280711), INT64_C(810017303572)}},
      {42, 17, INT64_MIN, kNoTo, 0x8a58ca92220fbf2dull, {INT64_C(6909045637428952499), INT64_C(-909160480315697906), INT64_C(-4943839226470214585), INT64_C(-7403444187379848172)}},
      {42, 17, INT64_C(3), kNoTo, 0x0f986d98d9a8124cull, {INT64_C(6909045637428952502), INT64_C(8314211556539077908), INT64_C(4279532810384561229), INT64_C(1819927849474927642)}},
      {42, 17, INT64_C(-2147483648), INT64_C(2147483648), 0x5dcf8423763aafe4ull, {1273642419, -1359637234, 1201263687, 415968276}},
      {42, 17, kDefault, kDefault, 0x50b9ba7b1471ea2dull, {INT64_C(6909045637428952499), INT64_C(8314211556539077902), INT64_C(4279532810384561223), INT64_C(1819927849474927636)}},
      {42, 100, INT64_C(0), INT64_C(10), 0xef6f19775b47924bull, {2, 7, 6, 4}},
      {42, 100, kDefault, kDefault, 0xf3e79acf85ea8795ull, {INT64_C(6909045637428952499), INT64_C(8314211556539077902), INT64_C(4279532810384561223), INT64_C(1819927849474927636)}},
      {1234, 5, INT64_C(0), INT64_C(10), 0xc8103d8f7cc030e4ull, {5, 1, 6, 5}},
      {1234, 5, kDefault, kDefault, 0x9e4f25ed4e7824a9ull, {INT64_C(3532910284440527571), INT64_C(2252509165406510133), INT64_C(8074651545468362100), INT64_C(5263936763381405689)}},
      {1234, 17, INT64_C(0), INT64_C(10), 0x334f7ea55ca10f88ull, {5, 1, 6, 5}},
      {1234, 17, INT64_C(-5), INT64_C(5), 0xc40edec8b5b79fdaull, {0, -4, 1, 0}},
      {1234, 17, INT64_C(0), INT64_C(1099511627776), 0x9abf4b3a96ba491bull, {INT64_C(204000912083), INT64_C(166721346613), INT64_C(878802328948), INT64_C(656147994617)}},
      {1234, 17, INT64_MIN, kNoTo, 0xc306019c4b2ae34bull, {INT64_C(3532910284440527571), INT64_C(-6970862871448265675), INT64_C(8074651545468362100), INT64_C(-3959435273473370119)}},
      {1234, 17, INT64_C(3), kNoTo, 0xd8d3ca3095939dc7ull, {INT64_C(3532910284440527574), INT64_C(2252509165406510139), INT64_C(8074651545468362103), INT64_C(5263936763381405695)}},
      {1234, 17, INT64_C(-2147483648), INT64_C(2147483648), 0xd3cfc338f8402646ull, {-10034477, 1365105717, 481516916, 1165481977}},
      {1234, 17, kDefault, kDefault, 0x3e283721cf5759cbull, {INT64_C(3532910284440527571), INT64_C(2252509165406510133), INT64_C(8074651545468362100), INT64_C(5263936763381405689)}},
      {1234, 100, INT64_C(0), INT64_C(10), 0xa82453ee5eaf4be4ull, {5, 1, 6, 5}},
      {1234, 100, kDefault, kDefault, 0x427525ea8b9c4e4cull, {INT64_C(3532910284440527571), INT64_C(2252509165406510133), INT64_C(8074651545468362100), INT64_C(5263936763381405689)}},
  };
  for (const Row& r : rows) {
    Generator g(r.seed);
    Buffer<int64_t> v(r.n);
    if (r.from == kDefault) random_default(g, v.data(), r.n);
    else random_from_to(g, v.data(), r.n, random_range<int64_t>(r.from, r.to == kNoTo ? std::nullopt : std::optional<int64_t>(r.to)));
    check_same(v, r.fnv, r.head, r.seed);
  }
}

TEST_CASE("random_ int32_t matches torch.randint / random_", "[random]") {
  // torch.manual_seed(seed); torch.empty(n, dtype).random_(from, to) (to = None: kNoTo);
  // from = to = kDefault: random_() with no arguments.
  struct Row { uint64_t seed; int64_t n; int64_t from, to; uint64_t fnv; int32_t head[4]; };
  const Row rows[] = {
      {0, 5, INT64_C(0), INT64_C(10), 0x8ea02ab527ca4418ull, {4, 9, 3, 0}},
      {0, 5, kDefault, kDefault, 0xa11975a67617d89bull, {209652396, 398764591, 924231285, 1478610112}},
      {0, 17, INT64_C(0), INT64_C(10), 0x5c59775a8c0ac701ull, {4, 9, 3, 0}},
      {0, 17, INT64_C(-5), INT64_C(5), 0xeec46bbd7e7dd4f9ull, {-1, 4, -2, -5}},
      {0, 17, INT64_C(-100), kNoTo, 0x38c9caaf7b9673e0ull, {209652196, 398764391, 924231085, 1478609912}},
      {0, 17, kDefault, kDefault, 0x93b4d3e419b0caa5ull, {209652396, 398764591, 924231285, 1478610112}},
      {0, 100, INT64_C(0), INT64_C(10), 0x43a51ea5d8a930bfull, {4, 9, 3, 0}},
      {0, 100, kDefault, kDefault, 0xbf34cecd4e1644c1ull, {209652396, 398764591, 924231285, 1478610112}},
      {42, 5, INT64_C(0), INT64_C(10), 0x0d8c2bf7a1a9f5d4ull, {2, 7, 6, 4}},
      {42, 5, kDefault, kDefault, 0x7d2e1700548a8af8ull, {1608637542, 1273642419, 1935803228, 787846414}},
      {42, 17, INT64_C(0), INT64_C(10), 0xed0f854857938a38ull, {2, 7, 6, 4}},
      {42, 17, INT64_C(-5), INT64_C(5), 0x797a4f7417229aaeull, {-3, 2, 1, -1}},
      {42, 17, INT64_C(-100), kNoTo, 0xb06946323d7d44a9ull, {1608637442, 1273642219, 1935803028, 787846314}},
      {42, 17, kDefault, kDefault, 0x7b4aec18e8927da1ull, {1608637542, 1273642419, 1935803228, 787846414}},
      {42, 100, INT64_C(0), INT64_C(10), 0xc1083d9bcc11673bull, {2, 7, 6, 4}},
      {42, 100, kDefault, kDefault, 0x28c2c89a6ba68587ull, {1608637542, 1273642419, 1935803228, 787846414}},
      {1234, 5, INT64_C(0), INT64_C(10), 0x3748f00015df2004ull, {5, 1, 6, 5}},
      {1234, 5, kDefault, kDefault, 0xa13dc0b0b55b742eull, {822569775, 2137449171, 524453158, 1365105717}},
      {1234, 17, INT64_C(0), INT64_C(10), 0x2bfa217a569c38d8ull, {5, 1, 6, 5}},
      {1234, 17, INT64_C(-5), INT64_C(5), 0x392fe9ac4b60b0e6ull, {0, -4, 1, 0}},
      {1234, 17, INT64_C(-100), kNoTo, 0x5ced90ee76f9c5a0ull, {822569675, 2137449071, 524452958, 1365105517}},
      {1234, 17, kDefault, kDefault, 0x51c4e9ed8a6a1ef1ull, {822569775, 2137449171, 524453158, 1365105717}},
      {1234, 100, INT64_C(0), INT64_C(10), 0x8e0f70e0a8219384ull, {5, 1, 6, 5}},
      {1234, 100, kDefault, kDefault, 0x317012eea73334d5ull, {822569775, 2137449171, 524453158, 1365105717}},
  };
  for (const Row& r : rows) {
    Generator g(r.seed);
    Buffer<int32_t> v(r.n);
    if (r.from == kDefault) random_default(g, v.data(), r.n);
    else random_from_to(g, v.data(), r.n, random_range<int32_t>(r.from, r.to == kNoTo ? std::nullopt : std::optional<int64_t>(r.to)));
    check_same(v, r.fnv, r.head, r.seed);
  }
}

TEST_CASE("random_ int16_t matches torch.randint / random_", "[random]") {
  // torch.manual_seed(seed); torch.empty(n, dtype).random_(from, to) (to = None: kNoTo);
  // from = to = kDefault: random_() with no arguments.
  struct Row { uint64_t seed; int64_t n; int64_t from, to; uint64_t fnv; int16_t head[4]; };
  const Row rows[] = {
      {0, 5, INT64_C(0), INT64_C(10), 0x86267f057b197470ull, {4, 9, 3, 0}},
      {0, 5, kDefault, kDefault, 0x29c0795fc1a6169bull, {2732, 10799, 9845, 19648}},
      {0, 17, INT64_C(0), INT64_C(10), 0xec872567d6ee5d61ull, {4, 9, 3, 0}},
      {0, 17, INT64_C(-300), INT64_C(300), 0x335921db9622939aull, {-256, -261, 233, 60}},
      {0, 17, kDefault, kDefault, 0x29deba2fa3b79ca2ull, {2732, 10799, 9845, 19648}},
      {0, 100, INT64_C(0), INT64_C(10), 0x3d735c13a8a06767ull, {4, 9, 3, 0}},
      {0, 100, kDefault, kDefault, 0x083bea6c5c9a23e9ull, {2732, 10799, 9845, 19648}},
      {42, 5, INT64_C(0), INT64_C(10), 0x6de44da415e5a69cull, {2, 7, 6, 4}},
      {42, 5, kDefault, kDefault, 0x124bfb04041a391dull, {23654, 15795, 860, 5390}},
      {42, 17, INT64_C(0), INT64_C(10), 0x693a6f3a708bddc0ull, {2, 7, 6, 4}},
      {42, 17, INT64_C(-300), INT64_C(300), 0x6e32f8736f873984ull, {42, 167, -224, -86}},
      {42, 17, kDefault, kDefault, 0x9f1dae6ca61f4581ull, {23654, 15795, 860, 5390}},
      {42, 100, INT64_C(0), INT64_C(10), 0xb55fa6877b03e383ull, {2, 7, 6, 4}},
      {42, 100, kDefault, kDefault, 0x202d707591f9641aull, {23654, 15795, 860, 5390}},
      {1234, 5, INT64_C(0), INT64_C(10), 0x193bf2cb7ff94b14ull, {5, 1, 6, 5}},
      {1234, 5, kDefault, kDefault, 0x648879d82970c082ull, {27439, 25299, 1318, 23605}},
      {1234, 17, INT64_C(0), INT64_C(10), 0xc4cf0a2773e094d0ull, {5, 1, 6, 5}},
      {1234, 17, INT64_C(-300), INT64_C(300), 0x895f23355399b509ull, {75, -129, -294, 65}},
      {1234, 17, kDefault, kDefault, 0x80c825ba110e05a1ull, {27439, 25299, 1318, 23605}},
      {1234, 100, INT64_C(0), INT64_C(10), 0x28123f844f1764d4ull, {5, 1, 6, 5}},
      {1234, 100, kDefault, kDefault, 0x9188e6b183b61b5eull, {27439, 25299, 1318, 23605}},
  };
  for (const Row& r : rows) {
    Generator g(r.seed);
    Buffer<int16_t> v(r.n);
    if (r.from == kDefault) random_default(g, v.data(), r.n);
    else random_from_to(g, v.data(), r.n, random_range<int16_t>(r.from, r.to == kNoTo ? std::nullopt : std::optional<int64_t>(r.to)));
    check_same(v, r.fnv, r.head, r.seed);
  }
}

TEST_CASE("random_ int8_t matches torch.randint / random_", "[random]") {
  // torch.manual_seed(seed); torch.empty(n, dtype).random_(from, to) (to = None: kNoTo);
  // from = to = kDefault: random_() with no arguments.
  struct Row { uint64_t seed; int64_t n; int64_t from, to; uint64_t fnv; int8_t head[4]; };
  const Row rows[] = {
      {0, 5, INT64_C(0), INT64_C(10), 0x0931fd69867e6ac2ull, {4, 9, 3, 0}},
      {0, 5, kDefault, kDefault, 0x5149a40243cae9e6ull, {44, 47, 117, 64}},
      {0, 17, INT64_C(0), INT64_C(10), 0xa45009308d2b5871ull, {4, 9, 3, 0}},
      {0, 17, INT64_C(-128), kNoTo, 0x471ab8193bb7050bull, {44, -81, -11, 64}},
      {0, 17, kDefault, kDefault, 0x14ce2c259e2baf0bull, {44, 47, 117, 64}},
      {0, 100, INT64_C(0), INT64_C(10), 0x1e922b030fa03c11ull, {4, 9, 3, 0}},
      {0, 100, kDefault, kDefault, 0x426c5f09970047e1ull, {44, 47, 117, 64}},
      {42, 5, INT64_C(0), INT64_C(10), 0xea3ec614ffc5199eull, {2, 7, 6, 4}},
      {42, 5, kDefault, kDefault, 0x38bc0d623eb0cf96ull, {102, 51, 92, 14}},
      {42, 17, INT64_C(0), INT64_C(10), 0x7fd3ce8e2e9de6feull, {2, 7, 6, 4}},
      {42, 17, INT64_C(-128), kNoTo, 0xcb1f01471e3e73eaull, {-26, 51, -36, -114}},
      {42, 17, kDefault, kDefault, 0x368a196b27d7adeaull, {102, 51, 92, 14}},
      {42, 100, INT64_C(0), INT64_C(10), 0x0c050be9f8b4cad1ull, {2, 7, 6, 4}},
      {42, 100, kDefault, kDefault, 0xc62f3281ece4be0full, {102, 51, 92, 14}},
      {1234, 5, INT64_C(0), INT64_C(10), 0x568e7e0d12961548ull, {5, 1, 6, 5}},
      {1234, 5, kDefault, kDefault, 0xa6a547b9ec35582aull, {47, 83, 38, 53}},
      {1234, 17, INT64_C(0), INT64_C(10), 0xdf1937aa76df08baull, {5, 1, 6, 5}},
      {1234, 17, INT64_C(-128), kNoTo, 0x6dcf39910dd816a4ull, {-81, 83, -90, -75}},
      {1234, 17, kDefault, kDefault, 0xa4795001a5a290a4ull, {47, 83, 38, 53}},
      {1234, 100, INT64_C(0), INT64_C(10), 0x6ae170b38e26f6c8ull, {5, 1, 6, 5}},
      {1234, 100, kDefault, kDefault, 0xf4bc0a3b9490d78eull, {47, 83, 38, 53}},
  };
  for (const Row& r : rows) {
    Generator g(r.seed);
    Buffer<int8_t> v(r.n);
    if (r.from == kDefault) random_default(g, v.data(), r.n);
    else random_from_to(g, v.data(), r.n, random_range<int8_t>(r.from, r.to == kNoTo ? std::nullopt : std::optional<int64_t>(r.to)));
    check_same(v, r.fnv, r.head, r.seed);
  }
}

TEST_CASE("random_ uint8_t matches torch.randint / random_", "[random]") {
  // torch.manual_seed(seed); torch.empty(n, dtype).random_(from, to) (to = None: kNoTo);
  // from = to = kDefault: random_() with no arguments.
  struct Row { uint64_t seed; int64_t n; int64_t from, to; uint64_t fnv; uint8_t head[4]; };
  const Row rows[] = {
      {0, 5, INT64_C(0), INT64_C(10), 0x0931fd69867e6ac2ull, {4, 9, 3, 0}},
      {0, 5, kDefault, kDefault, 0xaa6e3940ecf1afe6ull, {172, 47, 117, 192}},
      {0, 17, INT64_C(0), INT64_C(10), 0xa45009308d2b5871ull, {4, 9, 3, 0}},
      {0, 17, INT64_C(0), kNoTo, 0x2d3d1e2f2038a98bull, {172, 47, 117, 192}},
      {0, 17, kDefault, kDefault, 0x2d3d1e2f2038a98bull, {172, 47, 117, 192}},
      {0, 100, INT64_C(0), INT64_C(10), 0x1e922b030fa03c11ull, {4, 9, 3, 0}},
      {0, 100, kDefault, kDefault, 0x69d4016de566e361ull, {172, 47, 117, 192}},
      {42, 5, INT64_C(0), INT64_C(10), 0xea3ec614ffc5199eull, {2, 7, 6, 4}},
      {42, 5, kDefault, kDefault, 0x3b66093723d28716ull, {102, 179, 92, 14}},
      {42, 17, INT64_C(0), INT64_C(10), 0x7fd3ce8e2e9de6feull, {2, 7, 6, 4}},
      {42, 17, INT64_C(0), kNoTo, 0x4c941c1c05d55a6aull, {102, 179, 92, 14}},
      {42, 17, kDefault, kDefault, 0x4c941c1c05d55a6aull, {102, 179, 92, 14}},
      {42, 100, INT64_C(0), INT64_C(10), 0x0c050be9f8b4cad1ull, {2, 7, 6, 4}},
      {42, 100, kDefault, kDefault, 0x00ca279298b2a68full, {102, 179, 92, 14}},
      {1234, 5, INT64_C(0), INT64_C(10), 0x568e7e0d12961548ull, {5, 1, 6, 5}},
      {1234, 5, kDefault, kDefault, 0xa94ec38ed156362aull, {47, 211, 38, 53}},
      {1234, 17, INT64_C(0), INT64_C(10), 0xdf1937aa76df08baull, {5, 1, 6, 5}},
      {1234, 17, INT64_C(0), kNoTo, 0x17f6570ea2d20324ull, {47, 211, 38, 53}},
      {1234, 17, kDefault, kDefault, 0x17f6570ea2d20324ull, {47, 211, 38, 53}},
      {1234, 100, INT64_C(0), INT64_C(10), 0x6ae170b38e26f6c8ull, {5, 1, 6, 5}},
      {1234, 100, kDefault, kDefault, 0x734a8ab789b5120eull, {47, 211, 38, 53}},
  };
  for (const Row& r : rows) {
    Generator g(r.seed);
    Buffer<uint8_t> v(r.n);
    if (r.from == kDefault) random_default(g, v.data(), r.n);
    else random_from_to(g, v.data(), r.n, random_range<uint8_t>(r.from, r.to == kNoTo ? std::nullopt : std::optional<int64_t>(r.to)));
    check_same(v, r.fnv, r.head, r.seed);
  }
}

TEST_CASE("random_ bool matches torch.randint / random_", "[random]") {
  // torch.manual_seed(seed); torch.empty(n, dtype).random_(from, to) (to = None: kNoTo);
  // from = to = kDefault: random_() with no arguments.
  struct Row { uint64_t seed; int64_t n; int64_t from, to; uint64_t fnv; bool head[4]; };
  const Row rows[] = {
      {0, 5, INT64_C(0), INT64_C(2), 0x4d6b1dd0d3de29b6ull, {false, true, true, false}},
      {0, 5, kDefault, kDefault, 0x4d6b1dd0d3de29b6ull, {false, true, true, false}},
      {0, 17, INT64_C(0), INT64_C(2), 0xd457fbbfd9d8fd89ull, {false, true, true, false}},
      {0, 17, INT64_C(0), kNoTo, 0xd457fbbfd9d8fd89ull, {false, true, true, false}},
      {0, 17, kDefault, kDefault, 0xd457fbbfd9d8fd89ull, {false, true, true, false}},
      {0, 100, INT64_C(0), INT64_C(2), 0x09b3c7087a4a83e3ull, {false, true, true, false}},
      {0, 100, kDefault, kDefault, 0x09b3c7087a4a83e3ull, {false, true, true, false}},
      {42, 5, INT64_C(0), INT64_C(2), 0x44c1a3d0cef62cbeull, {false, true, false, false}},
      {42, 5, kDefault, kDefault, 0x44c1a3d0cef62cbeull, {false, true, false, false}},
      {42, 17, INT64_C(0), INT64_C(2), 0xddee6dcf13a96ae6ull, {false, true, false, false}},
      {42, 17, INT64_C(0), kNoTo, 0xddee6dcf13a96ae6ull, {false, true, false, false}},
      {42, 17, kDefault, kDefault, 0xddee6dcf13a96ae6ull, {false, true, false, false}},
      {42, 100, INT64_C(0), INT64_C(2), 0xf0c770eba84d8a8full, {false, true, false, false}},
      {42, 100, kDefault, kDefault, 0xf0c770eba84d8a8full, {false, true, false, false}},
      {1234, 5, INT64_C(0), INT64_C(2), 0x7804b2b6fe0f5854ull, {true, true, false, true}},
      {1234, 5, kDefault, kDefault, 0x7804b2b6fe0f5854ull, {true, true, false, true}},
      {1234, 17, INT64_C(0), INT64_C(2), 0xff7f9e573060dd1eull, {true, true, false, true}},
      {1234, 17, INT64_C(0), kNoTo, 0xff7f9e573060dd1eull, {true, true, false, true}},
      {1234, 17, kDefault, kDefault, 0xff7f9e573060dd1eull, {true, true, false, true}},
      {1234, 100, INT64_C(0), INT64_C(2), 0xf6526c52b1f865f8ull, {true, true, false, true}},
      {1234, 100, kDefault, kDefault, 0xf6526c52b1f865f8ull, {true, true, false, true}},
  };
  for (const Row& r : rows) {
    Generator g(r.seed);
    Buffer<bool> v(r.n);
    if (r.from == kDefault) random_default(g, v.data(), r.n);
    else random_from_to(g, v.data(), r.n, random_range<bool>(r.from, r.to == kNoTo ? std::nullopt : std::optional<int64_t>(r.to)));
    check_same(v, r.fnv, r.head, r.seed);
  }
}

TEST_CASE("random_ float matches torch.randint / random_", "[random]") {
  // torch.manual_seed(seed); torch.empty(n, dtype).random_(from, to) (to = None: kNoTo);
  // from = to = kDefault: random_() with no arguments.
  struct Row { uint64_t seed; int64_t n; int64_t from, to; uint64_t fnv; float head[4]; };
  const Row rows[] = {
      {0, 5, INT64_C(0), INT64_C(10), 0xac51763e4fcda7e2ull, {0x1p+2f, 0x1.2p+3f, 0x1.8p+1f, 0x0p+0f}},
      {0, 5, kDefault, kDefault, 0x274d60e556808f90ull, {0x1.fc288p+22f, 0x1.89533p+23f, 0x1.6a5bep+20f, 0x1.0e5f4p+21f}},
      {0, 17, INT64_C(0), INT64_C(10), 0x43fa014d0849b4f8ull, {0x1p+2f, 0x1.2p+3f, 0x1.8p+1f, 0x0p+0f}},
      {0, 17, INT64_C(-5), INT64_C(5), 0x0107bb3eee9680d8ull, {-0x1p+0f, 0x1p+2f, -0x1p+1f, -0x1.4p+2f}},
      {0, 17, INT64_C(0), INT64_C(8589934592), 0x5281f368dfcca5c6ull, {0x1.16cfe2p+32f, 0x1.dd91f2p+31f, 0x1.52b188p+29f, 0x1.565cccp+32f}},
      {0, 17, INT64_MIN, kNoTo, 0x347c626cd1a29fe5ull, {-0x1.ce03d6p+62f, -0x1.23a566p+62f, -0x1.96c532p+62f, -0x1.d20a24p+62f}},
      {0, 17, kDefault, kDefault, 0xe438c2bcd2b711c6ull, {0x1.fc288p+22f, 0x1.89533p+23f, 0x1.6a5bep+20f, 0x1.0e5f4p+21f}},
      {0, 100, INT64_C(0), INT64_C(10), 0xb694201956fb5b8bull, {0x1p+2f, 0x1.2p+3f, 0x1.8p+1f, 0x0p+0f}},
      {0, 100, kDefault, kDefault, 0x489684df362ddee2ull, {0x1.fc288p+22f, 0x1.89533p+23f, 0x1.6a5bep+20f, 0x1.0e5f4p+21f}},
      {42, 5, INT64_C(0), INT64_C(10), 0x349c4a03af814695ull, {0x1p+1f, 0x1.cp+2f, 0x1.8p+2f, 0x1p+2f}},
      {42, 5, kDefault, kDefault, 0xe1dc85aa80e55a3full, {0x1.c3b80ep+23f, 0x1.d479dp+23f, 0x1.8809a4p+22f, 0x1.eb29cp+23f}},
      {42, 17, INT64_C(0), INT64_C(10), 0xc5caf022979c6eebull, {0x1p+1f, 0x1.cp+2f, 0x1.8p+2f, 0x1p+2f}},
      {42, 17, INT64_C(-5), INT64_C(5), 0x77d8fcac27d73ff5ull, {-0x1.8p+1f, 0x1p+1f, 0x1p+0f, -0x1p+0f}},
      {42, 17, INT64_C(0), INT64_C(8589934592), 0xf51d21b9f718924full, {0x1.5b8e08p+31f, 0x1.90f9e4p+32f, 0x1.5c77d2p+29f, 0x1.da7a8p+32f}},
      {42, 17, INT64_MIN, kNoTo, 0x3e623a1641eec3d7ull, {0x1.7f8772p+62f, -0x1.93bf94p+59f, -0x1.12702ep+62f, -0x1.9af946p+62f}},
      {42, 17, kDefault, kDefault, 0x89cd5189fc725469ull, {0x1.c3b80ep+23f, 0x1.d479dp+23f, 0x1.8809a4p+22f, 0x1.eb29cp+23f}},
      {42, 100, INT64_C(0), INT64_C(10), 0x3be93d20fb0d1febull, {0x1p+1f, 0x1.cp+2f, 0x1.8p+2f, 0x1p+2f}},
      {42, 100, kDefault, kDefault, 0x62dacc9c59db00a1ull, {0x1.c3b80ep+23f, 0x1.d479dp+23f, 0x1.8809a4p+22f, 0x1.eb29cp+23f}},
      {1234, 5, INT64_C(0), INT64_C(10), 0xe85583bbbd222ac8ull, {0x1.4p+2f, 0x1p+0f, 0x1.8p+2f, 0x1.4p+2f}},
      {1234, 5, kDefault, kDefault, 0xfafb6a5ed12deeb1ull, {0x1.dabf8p+18f, 0x1.9b895p+22f, 0x1.0a121cp+22f, 0x1.776d9p+22f}},
      {1234, 17, INT64_C(0), INT64_C(10), 0xb414b0d8e2276742ull, {0x1.4p+2f, 0x1p+0f, 0x1.8p+2f, 0x1.4p+2f}},
      {1234, 17, INT64_C(-5), INT64_C(5), 0x7d18feb578be44a8ull, {0x0p+0f, -0x1p+2f, 0x1p+0f, 0x0p+0f}},
      {1234, 17, INT64_C(0), INT64_C(8589934592), 0x47b31688df0103e2ull, {0x1.0da486p+31f, 0x1.3e3a24p+28f, 0x1.574132p+31f, 0x1.d2bb38p+32f}},
      {1234, 17, INT64_MIN, kNoTo, 0x96f3e4b1af992ccdull, {0x1.883b5ap+61f, -0x1.82f5ecp+62f, 0x1.c03bb4p+62f, -0x1.b795ecp+61f}},
      {1234, 17, kDefault, kDefault, 0x90ef26a31dc187f8ull, {0x1.dabf8p+18f, 0x1.9b895p+22f, 0x1.0a121cp+22f, 0x1.776d9p+22f}},
      {1234, 100, INT64_C(0), INT64_C(10), 0x8b10d098da08a665ull, {0x1.4p+2f, 0x1p+0f, 0x1.8p+2f, 0x1.4p+2f}},
      {1234, 100, kDefault, kDefault, 0xe5aa485b6d08b9caull, {0x1.dabf8p+18f, 0x1.9b895p+22f, 0x1.0a121cp+22f, 0x1.776d9p+22f}},
  };
  for (const Row& r : rows) {
    Generator g(r.seed);
    Buffer<float> v(r.n);
    if (r.from == kDefault) random_default(g, v.data(), r.n);
    else random_from_to(g, v.data(), r.n, random_range<float>(r.from, r.to == kNoTo ? std::nullopt : std::optional<int64_t>(r.to)));
    check_same(v, r.fnv, r.head, r.seed);
  }
}

TEST_CASE("random_ double matches torch.randint / random_", "[random]") {
  // torch.manual_seed(seed); torch.empty(n, dtype).random_(from, to) (to = None: kNoTo);
  // from = to = kDefault: random_() with no arguments.
  struct Row { uint64_t seed; int64_t n; int64_t from, to; uint64_t fnv; double head[4]; };
  const Row rows[] = {
      {0, 5, INT64_C(0), INT64_C(10), 0x35f6fed7341f01e7ull, {0x1p+2, 0x1.2p+3, 0x1.8p+1, 0x0p+0}},
      {0, 5, kDefault, kDefault, 0x8c28f70346a2a8f3ull, {0x1.f0aac97c4a5ccp+52, 0x1.6a675d821c708p+52, 0x1.d6687b7449c52p+51, 0x1.d76c3d8e5790cp+52}},
      {0, 17, INT64_C(0), INT64_C(10), 0xced04a254a09e13aull, {0x1p+2, 0x1.2p+3, 0x1.8p+1, 0x0p+0}},
      {0, 17, INT64_C(-5), INT64_C(5), 0x77754d84555ef764ull, {-0x1p+0, 0x1p+2, -0x1p+1, -0x1.4p+2}},
      {0, 17, INT64_C(0), INT64_C(1099511627776), 0x860b702cd5f326ceull, {0x1.592f89545ep+39, 0x1.d7608733p+38, 0x1.0f6e894becp+38, 0x1.87b1cafacep+39}},
      {0, 17, INT64_C(1), kNoTo, 0x9a4a98ccfd5b05fdull, {0x1.f0aac97c4aa3p+52, 0x1.6a675d821ccc1p+52, 0x1.d6687b744a5f8p+51, 0x1.d76c3d8e57d68p+52}},
      {0, 17, kDefault, kDefault, 0xe8c3dde95fe1ad9aull, {0x1.f0aac97c4a5ccp+52, 0x1.6a675d821c708p+52, 0x1.d6687b7449c52p+51, 0x1.d76c3d8e5790cp+52}},
      {0, 100, INT64_C(0), INT64_C(10), 0xe338d552901c3238ull, {0x1p+2, 0x1.2p+3, 0x1.8p+1, 0x0p+0}},
      {0, 100, kDefault, kDefault, 0x06cbb83c6ac06e60ull, {0x1.f0aac97c4a5ccp+52, 0x1.6a675d821c708p+52, 0x1.d6687b7449c52p+51, 0x1.d76c3d8e5790cp+52}},
      {42, 5, INT64_C(0), INT64_C(10), 0x5f7ee702691aaa19ull, {0x1p+1, 0x1.cp+2, 0x1.8p+2, 0x1p+2}},
      {42, 5, kDefault, kDefault, 0xe391c3d120ff38d8ull, {0x1.dc66cbea3ab4p+48, 0x1.01ae177ac6b98p+49, 0x1.fa3563cce736p+49, 0x1.aebc98cb274ap+48}},
      {42, 17, INT64_C(0), INT64_C(10), 0x0d692d30b533092cull, {0x1p+1, 0x1.cp+2, 0x1.8p+2, 0x1p+2}},
      {42, 17, INT64_C(-5), INT64_C(5), 0x7db495f769a31f39ull, {-0x1.8p+1, 0x1p+1, 0x1p+0, -0x1p+0}},
      {42, 17, INT64_C(0), INT64_C(1099511627776), 0x1e152493eed29ac2ull, {0x1.9b2fa8f6ccp+38, 0x1.70bbd65438p+38, 0x1.ab1e67511cp+38, 0x1.7931965828p+39}},
      {42, 17, INT64_C(1), kNoTo, 0x7e75be70605ecfacull, {0x1.dc66cbea3db4p+48, 0x1.01ae177aca878p+49, 0x1.fa3563ccea24p+49, 0x1.aebc98cb2c15p+48}},
      {42, 17, kDefault, kDefault, 0x7d0418e1c4c6c603ull, {0x1.dc66cbea3ab4p+48, 0x1.01ae177ac6b98p+49, 0x1.fa3563cce736p+49, 0x1.aebc98cb274ap+48}},
      {42, 100, INT64_C(0), INT64_C(10), 0x39636b9da9c26b1aull, {0x1p+1, 0x1.cp+2, 0x1.8p+2, 0x1p+2}},
      {42, 100, kDefault, kDefault, 0x9cab772f0215d20eull, {0x1.dc66cbea3ab4p+48, 0x1.01ae177ac6b98p+49, 0x1.fa3563cce736p+49, 0x1.aebc98cb274ap+48}},
      {1234, 5, INT64_C(0), INT64_C(10), 0x91ae60d378784158ull, {0x1.4p+2, 0x1p+0, 0x1.8p+2, 0x1.4p+2}},
      {1234, 5, kDefault, kDefault, 0xa53077a2f9e6939dull, {0x1.dacbdfd9b852cp+50, 0x1.429368aeeb9d8p+49, 0x1.dd9993966b3e8p+51, 0x1.a85318aefa362p+51}},
      {1234, 17, INT64_C(0), INT64_C(10), 0x0272e80d8162100bull, {0x1.4p+2, 0x1p+0, 0x1.8p+2, 0x1.4p+2}},
      {1234, 17, INT64_C(-5), INT64_C(5), 0x69f51516b224a860ull, {0x0p+0, -0x1p+2, 0x1p+0, 0x0p+0}},
      {1234, 17, INT64_C(0), INT64_C(1099511627776), 0x2b19cc191e5b6162ull, {0x1.7bfb371698p+37, 0x1.368aeee1a8p+37, 0x1.993966bae8p+39, 0x1.318aefaff2p+39}},
      {1234, 17, INT64_C(1), kNoTo, 0xbdc307dfae14fd0aull, {0x1.dacbdfd9b8b5p+50, 0x1.429368aeee1bp+49, 0x1.dd9993966baeap+51, 0x1.a85318aefaff4p+51}},
      {1234, 17, kDefault, kDefault, 0x7e1ad51d65ec29b0ull, {0x1.dacbdfd9b852cp+50, 0x1.429368aeeb9d8p+49, 0x1.dd9993966b3e8p+51, 0x1.a85318aefa362p+51}},
      {1234, 100, INT64_C(0), INT64_C(10), 0xa42681d6ebb28263ull, {0x1.4p+2, 0x1p+0, 0x1.8p+2, 0x1.4p+2}},
      {1234, 100, kDefault, kDefault, 0x9b90f7e8adca9d21ull, {0x1.dacbdfd9b852cp+50, 0x1.429368aeeb9d8p+49, 0x1.dd9993966b3e8p+51, 0x1.a85318aefa362p+51}},
  };
  for (const Row& r : rows) {
    Generator g(r.seed);
    Buffer<double> v(r.n);
    if (r.from == kDefault) random_default(g, v.data(), r.n);
    else random_from_to(g, v.data(), r.n, random_range<double>(r.from, r.to == kNoTo ? std::nullopt : std::optional<int64_t>(r.to)));
    check_same(v, r.fnv, r.head, r.seed);
  }
}

TEST_CASE("randperm matches torch.randperm", "[random]") {
  // torch.manual_seed(seed); torch.randperm(n, dtype=...)
  check_randperm<int64_t>(0, 1, 0xa8c7f832281a39c5ull, {0});
  check_randperm<int64_t>(0, 5, 0x4ec384ed8ba2bbe1ull, {4, 0, 1, 3, 2});
  check_randperm<int64_t>(0, 16, 0xc893c121025dadc5ull, {12, 10, 9, 6, 11, 8, 13, 5, 2, 14, 15, 0, 4, 3, 7, 1});
  check_randperm<int64_t>(0, 17, 0x6002ed018cd8ea15ull, {7, 16, 10, 5, 1, 8, 2, 6, 9, 12, 3, 13, 11, 4, 15, 14, 0});
  check_randperm<int64_t>(0, 100, 0x9ae368d6ea9379a5ull, {44, 19, 93, 90});
  check_randperm<int64_t>(0, 1000, 0x01f56afb98c57ed9ull, {44, 37, 675, 775});
  check_randperm<int32_t>(0, 17, 0x7deb27781b68cf25ull, {7, 16, 10, 5});
  check_randperm<float>(0, 17, 0x3e6151518635adfbull, {0x1.cp+2f, 0x1p+4f, 0x1.4p+3f, 0x1.4p+2f});
  check_randperm<double>(0, 17, 0x9e61325f3af3ff10ull, {0x1.cp+2, 0x1p+4, 0x1.4p+3, 0x1.4p+2});
  check_randperm<int64_t>(42, 5, 0x13afaf5d1d741a81ull, {2, 4, 3, 0, 1});
  check_randperm<int64_t>(42, 17, 0x64eb2dd9b05bfaf5ull, {13, 4, 3, 15, 8, 16, 9, 11, 12, 10, 6, 2, 1, 7, 14, 0, 5});
  check_randperm<int64_t>(42, 100, 0x72e0cd4e4796a345ull, {42, 96, 62, 98});
  check_randperm<int32_t>(42, 17, 0xbb00b8bdca4c1ff5ull, {13, 4, 3, 15});
  check_randperm<float>(42, 17, 0xd7138e1a43aff1cbull, {0x1.ap+3f, 0x1p+2f, 0x1.8p+1f, 0x1.ep+3f});
  check_randperm<double>(42, 17, 0x49f06d6a0a586690ull, {0x1.ap+3, 0x1p+2, 0x1.8p+1, 0x1.ep+3});
  check_randperm<int64_t>(1234, 5, 0x0aca4818c1eccca1ull, {0, 4, 2, 1, 3});
  check_randperm<int64_t>(1234, 17, 0xba5ae17570e17415ull, {6, 4, 8, 2, 16, 9, 15, 12, 0, 10, 7, 5, 1, 3, 14, 13, 11});
  check_randperm<int64_t>(1234, 100, 0x19057cdce04d3e45ull, {75, 67, 30, 51});
  check_randperm<int32_t>(1234, 17, 0x1ac10f68ab86b225ull, {6, 4, 8, 2});
  check_randperm<float>(1234, 17, 0x8cf4fa56e43441cbull, {0x1.8p+2f, 0x1p+2f, 0x1p+3f, 0x1p+1f});
  check_randperm<double>(1234, 17, 0x63c8a4b5e5d3f440ull, {0x1.8p+2, 0x1p+2, 0x1p+3, 0x1p+1});
}

TEST_CASE("bernoulli, dropout, exponential_ & co. match PyTorch", "[random]") {
  // Each line: torch.manual_seed(seed); <the PyTorch expression in the comment>.
  // torch.empty(17).bernoulli_(0.5)
  SAME_AS_TORCH(float, 0, 17, bernoulli(g, v.data(), 17, 0.5), 0x4788f777bdb816d5ull, 0x0p+0f, 0x0p+0f, 0x1p+0f, 0x0p+0f);
  // torch.empty(17).bernoulli_(0.3)
  SAME_AS_TORCH(float, 0, 17, bernoulli(g, v.data(), 17, 0.3), 0x901e065e2740a318ull, 0x0p+0f, 0x0p+0f, 0x0p+0f, 0x0p+0f);
  // torch.empty(17, dtype=torch.int64).bernoulli_(0.25)
  SAME_AS_TORCH(int64_t, 0, 17, bernoulli(g, v.data(), 17, 0.25), 0x96df08c89890b125ull, 0, 0, 0, 0);
  // torch.bernoulli(quarters(17))
  SAME_AS_TORCH(float, 0, 17, bernoulli(g, v.data(), 17, quarters<float>(17).data()), 0x0f9c64dff7ce4525ull, 0x0p+0f, 0x0p+0f, 0x1p+0f, 0x1p+0f);
  // torch.bernoulli(quarters(17, dtype=torch.float64))
  SAME_AS_TORCH(double, 0, 17, bernoulli(g, v.data(), 17, quarters<double>(17).data()), 0xaf63569881d8eb05ull, 0x0p+0, 0x0p+0, 0x1p+0, 0x0p+0);
  // F.dropout(torch.ones(17), 0.5) (the noise)
  SAME_AS_TORCH(float, 0, 17, dropout_noise(g, v.data(), 17, 0.5), 0x87cd546bff093775ull, 0x0p+0f, 0x0p+0f, 0x1p+1f, 0x0p+0f);
  // F.dropout(torch.ones(17), 0.2) (the noise)
  SAME_AS_TORCH(float, 0, 17, dropout_noise(g, v.data(), 17, 0.2), 0x02d534dc1258e0e8ull, 0x0p+0f, 0x1.4p+0f, 0x1.4p+0f, 0x0p+0f);
  // F.dropout(torch.ones(17, dtype=torch.float64), 0.3)
  SAME_AS_TORCH(double, 0, 17, dropout_noise(g, v.data(), 17, 0.3), 0x609ad869470a350bull, 0x0p+0, 0x0p+0, 0x1.6db6db6db6db7p+0, 0x0p+0);
  // torch.empty(17, torch.float32).exponential_(2.0)
  SAME_AS_TORCH(float, 0, 17, exponential(g, v.data(), 17, 2.0), 0x58714ab9ea6023a9ull, 0x1.c110d6p+0f, 0x1.3afa7ep-1f, 0x1.3ae71p-2f, 0x1.447ec4p+0f);
  // torch.empty(17, torch.float32).geometric_(0.3)
  SAME_AS_TORCH(float, 0, 17, geometric(g, v.data(), 17, 0.3), 0xbc03f83d79888045ull, 0x1p+0f, 0x1p+0f, 0x1.8p+1f, 0x1p+0f);
  // torch.empty(17, torch.float32).log_normal_(0.5, 0.75)
  SAME_AS_TORCH(float, 0, 17, log_normal(g, v.data(), 17, 0.5, 0.75), 0x4ddcd6868e24d71aull, 0x1.4f2adcp+2f, 0x1.52b26cp+0f, 0x1.496f6cp-2f, 0x1.433a04p+1f);
  // torch.empty(17, torch.float32).cauchy_(1.0, 0.5)
  SAME_AS_TORCH(float, 0, 17, cauchy(g, v.data(), 17, 1.0, 0.5), 0x406bbd62d311b0c3ull, 0x1.93209ap+2f, 0x1.61e3e4p+0f, 0x1.df27c6p-1f, 0x1.7bb77ap+1f);
  // nn.init.trunc_normal_(torch.empty(17, torch.float32), 0.1, 0.5, -0.4, 0.9)
  SAME_AS_TORCH(float, 0, 17, trunc_normal(g, v.data(), 17, 0.1, 0.5, -0.4, 0.9), 0xd743cb7db77bdf05ull, 0x1.4ad92p-3f, 0x1.d4d03cp-2f, -0x1.16da26p-2f, -0x1.be1a44p-3f);
  // torch.empty(17, torch.float64).exponential_(2.0)
  SAME_AS_TORCH(double, 0, 17, exponential(g, v.data(), 17, 2.0), 0xeef77ee014a1bbe2ull, 0x1.c110d51dce0b1p+0, 0x1.3afa7ef3a5fc8p-1, 0x1.3ae70f39bed6dp-2, 0x1.447ec48a318b9p+0);
  // torch.empty(17, torch.float64).geometric_(0.3)
  SAME_AS_TORCH(double, 0, 17, geometric(g, v.data(), 17, 0.3), 0x5cafd188f140e16dull, 0x1p+0, 0x1p+0, 0x1.8p+1, 0x1p+0);
  // torch.empty(17, torch.float64).log_normal_(0.5, 0.75)
  SAME_AS_TORCH(double, 0, 17, log_normal(g, v.data(), 17, 0.5, 0.75), 0x12039168d3525e1eull, 0x1.4f2adbf50c998p+2, 0x1.52b26b8bc2466p+0, 0x1.496f6b574584ap-2, 0x1.433a048134fb9p+1);
  // torch.empty(17, torch.float64).cauchy_(1.0, 0.5)
  SAME_AS_TORCH(double, 0, 17, cauchy(g, v.data(), 17, 1.0, 0.5), 0x50d767fd04c1d81dull, 0x1.93209940bebcfp+2, 0x1.61e3e4c087897p+0, 0x1.df27c639a78a2p-1, 0x1.7bb7791edf847p+1);
  // nn.init.trunc_normal_(torch.empty(17, torch.float64), 0.1, 0.5, -0.4, 0.9)
  SAME_AS_TORCH(double, 0, 17, trunc_normal(g, v.data(), 17, 0.1, 0.5, -0.4, 0.9), 0xc50f1d9322098ed0ull, 0x1.9dc14da211e6p-1, 0x1.89d3cb737aa16p-2, 0x1.001ba44c0950ap-3, 0x1.63b1d238ef2ebp-1);
  // nn.init.trunc_normal_(torch.empty(17), std=0.02)
  SAME_AS_TORCH(float, 0, 17, trunc_normal(g, v.data(), 17, 0.0, 0.02), 0xc7ab614157be181aull, -0x1.89924cp-13f, 0x1.e0618cp-7f, -0x1.ba6e32p-6f, -0x1.6df7acp-6f);
  // torch.empty(17, dtype=torch.int64).geometric_(0.5)
  SAME_AS_TORCH(int64_t, 0, 17, geometric(g, v.data(), 17, 0.5), 0xe6cad2bd6cd7a504ull, 1, 1, 2, 1);
  // torch.empty(100).bernoulli_(0.5)
  SAME_AS_TORCH(float, 0, 100, bernoulli(g, v.data(), 100, 0.5), 0x15185e643ed91c88ull, 0x0p+0f, 0x0p+0f, 0x1p+0f, 0x0p+0f);
  // torch.empty(100).bernoulli_(0.3)
  SAME_AS_TORCH(float, 0, 100, bernoulli(g, v.data(), 100, 0.3), 0xc5958ee0e0f5b0a5ull, 0x0p+0f, 0x0p+0f, 0x0p+0f, 0x0p+0f);
  // torch.empty(100, dtype=torch.int64).bernoulli_(0.25)
  SAME_AS_TORCH(int64_t, 0, 100, bernoulli(g, v.data(), 100, 0.25), 0xd2e6e7bcc50d5d85ull, 0, 0, 0, 0);
  // torch.bernoulli(quarters(100))
  SAME_AS_TORCH(float, 0, 100, bernoulli(g, v.data(), 100, quarters<float>(100).data()), 0xc7fd29060e003255ull, 0x0p+0f, 0x0p+0f, 0x1p+0f, 0x1p+0f);
  // torch.bernoulli(quarters(100, dtype=torch.float64))
  SAME_AS_TORCH(double, 0, 100, bernoulli(g, v.data(), 100, quarters<double>(100).data()), 0xc44e9f4882b815c5ull, 0x0p+0, 0x0p+0, 0x1p+0, 0x0p+0);
  // F.dropout(torch.ones(100), 0.5) (the noise)
  SAME_AS_TORCH(float, 0, 100, dropout_noise(g, v.data(), 100, 0.5), 0x68739684b80e25a5ull, 0x0p+0f, 0x0p+0f, 0x1p+1f, 0x0p+0f);
  // F.dropout(torch.ones(100), 0.2) (the noise)
  SAME_AS_TORCH(float, 0, 100, dropout_noise(g, v.data(), 100, 0.2), 0x148a148a5ae62078ull, 0x0p+0f, 0x1.4p+0f, 0x1.4p+0f, 0x0p+0f);
  // F.dropout(torch.ones(100, dtype=torch.float64), 0.3)
  SAME_AS_TORCH(double, 0, 100, dropout_noise(g, v.data(), 100, 0.3), 0x52f373ab258cc7c1ull, 0x0p+0, 0x0p+0, 0x1.6db6db6db6db7p+0, 0x0p+0);
  // torch.empty(100, torch.float32).exponential_(2.0)
  SAME_AS_TORCH(float, 0, 100, exponential(g, v.data(), 100, 2.0), 0x6ed6824c0072cef3ull, 0x1.c110d6p+0f, 0x1.3afa7ep-1f, 0x1.3ae71p-2f, 0x1.447ec4p+0f);
  // torch.empty(100, torch.float32).geometric_(0.3)
  SAME_AS_TORCH(float, 0, 100, geometric(g, v.data(), 100, 0.3), 0x0bbbe950be747da5ull, 0x1p+0f, 0x1p+0f, 0x1.8p+1f, 0x1p+0f);
  // torch.empty(100, torch.float32).log_normal_(0.5, 0.75)
  SAME_AS_TORCH(float, 0, 100, log_normal(g, v.data(), 100, 0.5, 0.75), 0xb6ff861eaab17260ull, 0x1.4f2adcp+2f, 0x1.52b26cp+0f, 0x1.496f6cp-2f, 0x1.433a04p+1f);
  // torch.empty(100, torch.float32).cauchy_(1.0, 0.5)
  SAME_AS_TORCH(float, 0, 100, cauchy(g, v.data(), 100, 1.0, 0.5), 0xf1f19e1256bd5eeaull, 0x1.93209ap+2f, 0x1.61e3e4p+0f, 0x1.df27c6p-1f, 0x1.7bb77ap+1f);
  // nn.init.trunc_normal_(torch.empty(100, torch.float32), 0.1, 0.5, -0.4, 0.9)
  SAME_AS_TORCH(float, 0, 100, trunc_normal(g, v.data(), 100, 0.1, 0.5, -0.4, 0.9), 0x77d5adf8a3c280b3ull, 0x1.4ad92p-3f, 0x1.d4d03cp-2f, -0x1.16da26p-2f, -0x1.be1a44p-3f);
  // torch.empty(100, torch.float64).exponential_(2.0)
  SAME_AS_TORCH(double, 0, 100, exponential(g, v.data(), 100, 2.0), 0x25b98e0a013d8e7cull, 0x1.c110d51dce0b1p+0, 0x1.3afa7ef3a5fc8p-1, 0x1.3ae70f39bed6dp-2, 0x1.447ec48a318b9p+0);
  // torch.empty(100, torch.float64).geometric_(0.3)
  SAME_AS_TORCH(double, 0, 100, geometric(g, v.data(), 100, 0.3), 0x804b5b3a0844391dull, 0x1p+0, 0x1p+0, 0x1.8p+1, 0x1p+0);
  // torch.empty(100, torch.float64).log_normal_(0.5, 0.75)
  SAME_AS_TORCH(double, 0, 100, log_normal(g, v.data(), 100, 0.5, 0.75), 0x953d2852b2c41a35ull, 0x1.4f2adbf50c998p+2, 0x1.52b26b8bc2466p+0, 0x1.496f6b574584ap-2, 0x1.433a048134fb9p+1);
  // torch.empty(100, torch.float64).cauchy_(1.0, 0.5)
  SAME_AS_TORCH(double, 0, 100, cauchy(g, v.data(), 100, 1.0, 0.5), 0xa972b79a202fd266ull, 0x1.93209940bebcfp+2, 0x1.61e3e4c087897p+0, 0x1.df27c639a78a2p-1, 0x1.7bb7791edf847p+1);
  // nn.init.trunc_normal_(torch.empty(100, torch.float64), 0.1, 0.5, -0.4, 0.9)
  SAME_AS_TORCH(double, 0, 100, trunc_normal(g, v.data(), 100, 0.1, 0.5, -0.4, 0.9), 0x6e2f99c7b4636e58ull, 0x1.9dc14da211e6p-1, 0x1.89d3cb737aa16p-2, 0x1.001ba44c0950ap-3, 0x1.63b1d238ef2ebp-1);
  // nn.init.trunc_normal_(torch.empty(100), std=0.02)
  SAME_AS_TORCH(float, 0, 100, trunc_normal(g, v.data(), 100, 0.0, 0.02), 0xd9e5bb6423ed2043ull, -0x1.89924cp-13f, 0x1.e0618cp-7f, -0x1.ba6e32p-6f, -0x1.6df7acp-6f);
  // torch.empty(100, dtype=torch.int64).geometric_(0.5)
  SAME_AS_TORCH(int64_t, 0, 100, geometric(g, v.data(), 100, 0.5), 0x2ab04bb20870daa9ull, 1, 1, 2, 1);
  // torch.empty(17).bernoulli_(0.5)
  SAME_AS_TORCH(float, 42, 17, bernoulli(g, v.data(), 17, 0.5), 0xd3def1d27ffc24e8ull, 0x1p+0f, 0x1p+0f, 0x1p+0f, 0x1p+0f);
  // torch.empty(17).bernoulli_(0.3)
  SAME_AS_TORCH(float, 42, 17, bernoulli(g, v.data(), 17, 0.3), 0x8519988bc4facf25ull, 0x1p+0f, 0x1p+0f, 0x1p+0f, 0x1p+0f);
  // torch.empty(17, dtype=torch.int64).bernoulli_(0.25)
  SAME_AS_TORCH(int64_t, 42, 17, bernoulli(g, v.data(), 17, 0.25), 0x7b85d4cef4cf3ca5ull, 1, 1, 1, 1);
  // torch.bernoulli(quarters(17))
  SAME_AS_TORCH(float, 42, 17, bernoulli(g, v.data(), 17, quarters<float>(17).data()), 0x6d83425ec716c818ull, 0x0p+0f, 0x0p+0f, 0x1p+0f, 0x0p+0f);
  // torch.bernoulli(quarters(17, dtype=torch.float64))
  SAME_AS_TORCH(double, 42, 17, bernoulli(g, v.data(), 17, quarters<double>(17).data()), 0x4432538a36391ba5ull, 0x0p+0, 0x1p+0, 0x1p+0, 0x1p+0);
  // F.dropout(torch.ones(17), 0.5) (the noise)
  SAME_AS_TORCH(float, 42, 17, dropout_noise(g, v.data(), 17, 0.5), 0x123bf071e08229b5ull, 0x1p+1f, 0x1p+1f, 0x1p+1f, 0x1p+1f);
  // F.dropout(torch.ones(17), 0.2) (the noise)
  SAME_AS_TORCH(float, 42, 17, dropout_noise(g, v.data(), 17, 0.2), 0xa3726359aaf736d8ull, 0x1.4p+0f, 0x1.4p+0f, 0x1.4p+0f, 0x1.4p+0f);
  // F.dropout(torch.ones(17, dtype=torch.float64), 0.3)
  SAME_AS_TORCH(double, 42, 17, dropout_noise(g, v.data(), 17, 0.3), 0xbd396edf6dcda44bull, 0x1.6db6db6db6db7p+0, 0x1.6db6db6db6db7p+0, 0x1.6db6db6db6db7p+0, 0x1.6db6db6db6db7p+0);
  // torch.empty(17, torch.float32).exponential_(2.0)
  SAME_AS_TORCH(float, 42, 17, exponential(g, v.data(), 17, 2.0), 0xc4e425b2163e7850ull, 0x1.ead0ccp-6f, 0x1.0a2468p-5f, 0x1.0e2a62p-4f, 0x1.ba795ep-6f);
  // torch.empty(17, torch.float32).geometric_(0.3)
  SAME_AS_TORCH(float, 42, 17, geometric(g, v.data(), 17, 0.3), 0x5ab879959b6c5552ull, 0x1p+3f, 0x1p+3f, 0x1.8p+2f, 0x1.2p+3f);
  // torch.empty(17, torch.float32).log_normal_(0.5, 0.75)
  SAME_AS_TORCH(float, 42, 17, log_normal(g, v.data(), 17, 0.5, 0.75), 0x45f4fc147d30a5e6ull, 0x1.0fa8bcp+1f, 0x1.d0e1e6p+0f, 0x1.f737e8p+0f, 0x1.f5a98ep+0f);
  // torch.empty(17, torch.float32).cauchy_(1.0, 0.5)
  SAME_AS_TORCH(float, 42, 17, cauchy(g, v.data(), 17, 1.0, 0.5), 0xdd6031f677b13167ull, -0x1.b4cc62p+0f, -0x1.7f3198p+0f, -0x1.c78d22p-3f, -0x1.ffd36ap+0f);
  // nn.init.trunc_normal_(torch.empty(17, torch.float32), 0.1, 0.5, -0.4, 0.9)
  SAME_AS_TORCH(float, 42, 17, trunc_normal(g, v.data(), 17, 0.1, 0.5, -0.4, 0.9), 0x79fadc429cefad66ull, 0x1.3f6602p-1f, 0x1.5de458p-1f, 0x1.95b546p-5f, 0x1.8f88ccp-1f);
  // torch.empty(17, torch.float64).exponential_(2.0)
  SAME_AS_TORCH(double, 42, 17, exponential(g, v.data(), 17, 2.0), 0xb782132747bb0b7full, 0x1.ead0cc3ed94d3p-6, 0x1.0a2468c3032b6p-5, 0x1.0e2a627e9a35p-4, 0x1.ba795eb00bed9p-6);
  // torch.empty(17, torch.float64).geometric_(0.3)
  SAME_AS_TORCH(double, 42, 17, geometric(g, v.data(), 17, 0.3), 0x6e7aec216ec6b727ull, 0x1p+3, 0x1p+3, 0x1.8p+2, 0x1.2p+3);
  // torch.empty(17, torch.float64).log_normal_(0.5, 0.75)
  SAME_AS_TORCH(double, 42, 17, log_normal(g, v.data(), 17, 0.5, 0.75), 0x32fd481f80cf1b50ull, 0x1.0fa8bbd0b3edbp+1, 0x1.d0e1e5d170353p+0, 0x1.f737e74aa6a62p+0, 0x1.f5a98d853c389p+0);
  // torch.empty(17, torch.float64).cauchy_(1.0, 0.5)
  SAME_AS_TORCH(double, 42, 17, cauchy(g, v.data(), 17, 1.0, 0.5), 0x5a5263b634c5b080ull, -0x1.b4cc623d4f382p+0, -0x1.7f3198d46bc56p+0, -0x1.c78d22b07e3p-3, -0x1.ffd36a973b2c8p+0);
  // nn.init.trunc_normal_(torch.empty(17, torch.float64), 0.1, 0.5, -0.4, 0.9)
  SAME_AS_TORCH(double, 42, 17, trunc_normal(g, v.data(), 17, 0.1, 0.5, -0.4, 0.9), 0x07e42d1b24278b3dull, -0x1.4085ae4d29a9ep-2, -0x1.39ce5da4d3b1p-2, -0x1.d31b03dc3970fp-3, -0x1.487cfca47553ep-2);
  // nn.init.trunc_normal_(torch.empty(17), std=0.02)
  SAME_AS_TORCH(float, 42, 17, trunc_normal(g, v.data(), 17, 0.0, 0.02), 0xac45b52ee808924bull, 0x1.84c30ep-6f, 0x1.c1a6fp-6f, -0x1.868d7ep-8f, 0x1.1d857ep-5f);
  // torch.empty(17, dtype=torch.int64).geometric_(0.5)
  SAME_AS_TORCH(int64_t, 42, 17, geometric(g, v.data(), 17, 0.5), 0xb65ebb56b0826567ull, 5, 4, 4, 5);
  // torch.empty(17).bernoulli_(0.5)
  SAME_AS_TORCH(float, 1234, 17, bernoulli(g, v.data(), 17, 0.5), 0xcd26e17b64269818ull, 0x1p+0f, 0x1p+0f, 0x1p+0f, 0x1p+0f);
  // torch.empty(17).bernoulli_(0.3)
  SAME_AS_TORCH(float, 1234, 17, bernoulli(g, v.data(), 17, 0.3), 0x7d8aa52ba5a87415ull, 0x1p+0f, 0x1p+0f, 0x0p+0f, 0x0p+0f);
  // torch.empty(17, dtype=torch.int64).bernoulli_(0.25)
  SAME_AS_TORCH(int64_t, 1234, 17, bernoulli(g, v.data(), 17, 0.25), 0xce2b8ac993f84ec4ull, 1, 1, 0, 0);
  // torch.bernoulli(quarters(17))
  SAME_AS_TORCH(float, 1234, 17, bernoulli(g, v.data(), 17, quarters<float>(17).data()), 0x8b3c76fe2209d725ull, 0x0p+0f, 0x0p+0f, 0x1p+0f, 0x1p+0f);
  // torch.bernoulli(quarters(17, dtype=torch.float64))
  SAME_AS_TORCH(double, 1234, 17, bernoulli(g, v.data(), 17, quarters<double>(17).data()), 0x661fbc139a523db8ull, 0x0p+0, 0x1p+0, 0x1p+0, 0x1p+0);
  // F.dropout(torch.ones(17), 0.5) (the noise)
  SAME_AS_TORCH(float, 1234, 17, dropout_noise(g, v.data(), 17, 0.5), 0xc8560dbd477d4db5ull, 0x1p+1f, 0x1p+1f, 0x1p+1f, 0x1p+1f);
  // F.dropout(torch.ones(17), 0.2) (the noise)
  SAME_AS_TORCH(float, 1234, 17, dropout_noise(g, v.data(), 17, 0.2), 0x08010ce4ab351dc8ull, 0x1.4p+0f, 0x1.4p+0f, 0x1.4p+0f, 0x1.4p+0f);
  // F.dropout(torch.ones(17, dtype=torch.float64), 0.3)
  SAME_AS_TORCH(double, 1234, 17, dropout_noise(g, v.data(), 17, 0.3), 0xd270a7118b3be6e9ull, 0x1.6db6db6db6db7p+0, 0x1.6db6db6db6db7p+0, 0x1.6db6db6db6db7p+0, 0x1.6db6db6db6db7p+0);
  // torch.empty(17, torch.float32).exponential_(2.0)
  SAME_AS_TORCH(float, 1234, 17, exponential(g, v.data(), 17, 2.0), 0x4bb7f82f6bc7ed56ull, 0x1.0e1464p-3f, 0x1.4ffc9ep-5f, 0x1.4198fcp-2f, 0x1.11f67p-2f);
  // torch.empty(17, torch.float32).geometric_(0.3)
  SAME_AS_TORCH(float, 1234, 17, geometric(g, v.data(), 17, 0.3), 0x870b360fafe1ab08ull, 0x1.4p+2f, 0x1p+3f, 0x1.8p+1f, 0x1.8p+1f);
  // torch.empty(17, torch.float32).log_normal_(0.5, 0.75)
  SAME_AS_TORCH(float, 1234, 17, log_normal(g, v.data(), 17, 0.5, 0.75), 0x2ed35da04782efa3ull, 0x1.b4ee56p+0f, 0x1.1d621p+1f, 0x1.8b502p-1f, 0x1.f092c4p+0f);
  // torch.empty(17, torch.float32).cauchy_(1.0, 0.5)
  SAME_AS_TORCH(float, 1234, 17, cauchy(g, v.data(), 17, 1.0, 0.5), 0xa83187b1aa95b599ull, 0x1.c1f3c8p-2f, -0x1.f58284p-1f, 0x1.e4e1a8p-1f, 0x1.b96dfep-1f);
  // nn.init.trunc_normal_(torch.empty(17, torch.float32), 0.1, 0.5, -0.4, 0.9)
  SAME_AS_TORCH(float, 1234, 17, trunc_normal(g, v.data(), 17, 0.1, 0.5, -0.4, 0.9), 0xd6480bb98fb89d6dull, -0x1.6b727ap-2f, 0x1.17fa0ap-4f, -0x1.33ef9ap-4f, 0x1.11cbe8p-5f);
  // torch.empty(17, torch.float64).exponential_(2.0)
  SAME_AS_TORCH(double, 1234, 17, exponential(g, v.data(), 17, 2.0), 0xad77ed17d4cc9b71ull, 0x1.0e1463375b139p-3, 0x1.4ffc9ecf1aa7fp-5, 0x1.4198fce1cb21fp-2, 0x1.11f66fd68e5ddp-2);
  // torch.empty(17, torch.float64).geometric_(0.3)
  SAME_AS_TORCH(double, 1234, 17, geometric(g, v.data(), 17, 0.3), 0xe43a3c563acb7ee0ull, 0x1.4p+2, 0x1p+3, 0x1.8p+1, 0x1.8p+1);
  // torch.empty(17, torch.float64).log_normal_(0.5, 0.75)
  SAME_AS_TORCH(double, 1234, 17, log_normal(g, v.data(), 17, 0.5, 0.75), 0xcdf51c2bc84fd1bfull, 0x1.b4ee561a2929p+0, 0x1.1d6210e1b6ae1p+1, 0x1.8b501f5b4e177p-1, 0x1.f092c4448101ap+0);
  // torch.empty(17, torch.float64).cauchy_(1.0, 0.5)
  SAME_AS_TORCH(double, 1234, 17, cauchy(g, v.data(), 17, 1.0, 0.5), 0x31bc0d8042ab622cull, 0x1.c1f3c8a33d502p-2, -0x1.f58283a983254p-1, 0x1.e4e1a81d7e6a1p-1, 0x1.b96dfd244057fp-1);
  // nn.init.trunc_normal_(torch.empty(17, torch.float64), 0.1, 0.5, -0.4, 0.9)
  SAME_AS_TORCH(double, 1234, 17, trunc_normal(g, v.data(), 17, 0.1, 0.5, -0.4, 0.9), 0xd5e758390120a261ull, -0x1.ad84fb43bd64p-4, -0x1.23edab14d27cp-2, 0x1.0e4f709e6b4f8p-3, 0x1.4a7056ff9d348p-4);
  // nn.init.trunc_normal_(torch.empty(17), std=0.02)
  SAME_AS_TORCH(float, 1234, 17, trunc_normal(g, v.data(), 17, 0.0, 0.02), 0x86cdc48ba53c97f4ull, -0x1.36a47ep-5f, -0x1.45a144p-8f, -0x1.a5f00ep-7f, -0x1.bea4c8p-8f);
  // torch.empty(17, dtype=torch.int64).geometric_(0.5)
  SAME_AS_TORCH(int64_t, 1234, 17, geometric(g, v.data(), 17, 0.5), 0x76a6469e2e0ea747ull, 3, 4, 2, 2);
}

TEST_CASE("multinomial matches torch.multinomial", "[random]") {
  // torch.manual_seed(seed); torch.multinomial(torch.tensor(probs, dtype), n_sample, replacement)
  check_multinomial<float>(0, {0.1, 0.2, 0.3, 0.4}, 1, 2, false, {2, 1});
  check_multinomial<float>(0, {0.1, 0.2, 0.3, 0.4}, 1, 4, false, {2, 1, 3, 0});
  check_multinomial<float>(0, {0.1, 0.2, 0.3, 0.4}, 1, 1, false, {2});
  check_multinomial<float>(0, {0.1, 0.2, 0.3, 0.4}, 1, 10, true, {3, 3, 2, 3, 3, 3, 1, 2, 2, 1});
  check_multinomial<float>(0, {0.1, 0.2, 0.3, 0.4}, 1, 1, true, {3});
  check_multinomial<float>(0, {0.5, 0.5, 0.0, 0.0, 0.1, 0.1, 0.7, 0.1}, 2, 3, true, {1, 1, 0, 3, 2, 2});
  check_multinomial<float>(0, {0.5, 0.5, 0.0, 0.0, 0.1, 0.1, 0.7, 0.1}, 2, 2, false, {1, 0, 2, 3});
  check_multinomial<float>(0, {0.5, 0.0, 0.0, 0.5, 0.0, 0.0}, 1, 5, false, {3, 0, 5, 4, 2});
  check_multinomial<float>(0, {3.0, 0.0, 1.0, 0.0, 0.0, 2.0, 0.0, 0.0}, 1, 8, false, {2, 5, 0, 4, 7, 6, 3, 1});
  check_multinomial_arange<float>(0, 100, 5, {58, 74, 93, 61, 47});
  check_multinomial_arange<float>(0, 1000, 3, {436, 907, 906});
  check_multinomial<double>(0, {0.1, 0.2, 0.3, 0.4}, 1, 2, false, {2, 1});
  check_multinomial<double>(0, {0.1, 0.2, 0.3, 0.4}, 1, 4, false, {2, 1, 3, 0});
  check_multinomial<double>(0, {0.1, 0.2, 0.3, 0.4}, 1, 1, false, {2});
  check_multinomial<double>(0, {0.1, 0.2, 0.3, 0.4}, 1, 10, true, {3, 3, 2, 3, 3, 3, 1, 2, 2, 1});
  check_multinomial<double>(0, {0.1, 0.2, 0.3, 0.4}, 1, 1, true, {3});
  check_multinomial<double>(0, {0.5, 0.5, 0.0, 0.0, 0.1, 0.1, 0.7, 0.1}, 2, 3, true, {1, 1, 0, 3, 2, 2});
  check_multinomial<double>(0, {0.5, 0.5, 0.0, 0.0, 0.1, 0.1, 0.7, 0.1}, 2, 2, false, {1, 0, 2, 3});
  check_multinomial<double>(0, {0.5, 0.0, 0.0, 0.5, 0.0, 0.0}, 1, 5, false, {3, 0, 5, 4, 2});
  check_multinomial<double>(0, {3.0, 0.0, 1.0, 0.0, 0.0, 2.0, 0.0, 0.0}, 1, 8, false, {2, 5, 0, 4, 7, 6, 3, 1});
  check_multinomial_arange<double>(0, 100, 5, {58, 74, 93, 61, 47});
  check_multinomial_arange<double>(0, 1000, 3, {436, 907, 906});
  check_multinomial<float>(42, {0.1, 0.2, 0.3, 0.4}, 1, 2, false, {3, 1});
  check_multinomial<float>(42, {0.1, 0.2, 0.3, 0.4}, 1, 4, false, {3, 1, 2, 0});
  check_multinomial<float>(42, {0.1, 0.2, 0.3, 0.4}, 1, 1, false, {3});
  check_multinomial<float>(42, {0.1, 0.2, 0.3, 0.4}, 1, 10, true, {0, 0, 1, 0, 2, 2, 3, 3, 0, 1});
  check_multinomial<float>(42, {0.1, 0.2, 0.3, 0.4}, 1, 1, true, {0});
  check_multinomial<float>(42, {0.5, 0.5, 0.0, 0.0, 0.1, 0.1, 0.7, 0.1}, 2, 3, true, {0, 0, 0, 0, 2, 2});
  check_multinomial<float>(42, {0.5, 0.5, 0.0, 0.0, 0.1, 0.1, 0.7, 0.1}, 2, 2, false, {0, 1, 2, 1});
  check_multinomial<float>(42, {0.5, 0.0, 0.0, 0.5, 0.0, 0.0}, 1, 5, false, {3, 0, 5, 4, 2});
  check_multinomial<float>(42, {3.0, 0.0, 1.0, 0.0, 0.0, 2.0, 0.0, 0.0}, 1, 8, false, {0, 2, 5, 4, 7, 6, 3, 1});
  check_multinomial_arange<float>(42, 100, 5, {75, 88, 60, 98, 37});
  check_multinomial_arange<float>(42, 1000, 3, {380, 297, 564});
  check_multinomial<double>(42, {0.1, 0.2, 0.3, 0.4}, 1, 2, false, {3, 1});
  check_multinomial<double>(42, {0.1, 0.2, 0.3, 0.4}, 1, 4, false, {3, 1, 2, 0});
  check_multinomial<double>(42, {0.1, 0.2, 0.3, 0.4}, 1, 1, false, {3});
  check_multinomial<double>(42, {0.1, 0.2, 0.3, 0.4}, 1, 10, true, {0, 0, 1, 0, 2, 2, 3, 3, 0, 1});
  check_multinomial<double>(42, {0.1, 0.2, 0.3, 0.4}, 1, 1, true, {0});
  check_multinomial<double>(42, {0.5, 0.5, 0.0, 0.0, 0.1, 0.1, 0.7, 0.1}, 2, 3, true, {0, 0, 0, 0, 2, 2});
  check_multinomial<double>(42, {0.5, 0.5, 0.0, 0.0, 0.1, 0.1, 0.7, 0.1}, 2, 2, false, {0, 1, 2, 1});
  check_multinomial<double>(42, {0.5, 0.0, 0.0, 0.5, 0.0, 0.0}, 1, 5, false, {3, 0, 5, 4, 2});
  check_multinomial<double>(42, {3.0, 0.0, 1.0, 0.0, 0.0, 2.0, 0.0, 0.0}, 1, 8, false, {0, 2, 5, 4, 7, 6, 3, 1});
  check_multinomial_arange<double>(42, 100, 5, {75, 88, 60, 98, 37});
  check_multinomial_arange<double>(42, 1000, 3, {380, 297, 564});
  check_multinomial<float>(1234, {0.1, 0.2, 0.3, 0.4}, 1, 2, false, {1, 3});
  check_multinomial<float>(1234, {0.1, 0.2, 0.3, 0.4}, 1, 4, false, {1, 3, 2, 0});
  check_multinomial<float>(1234, {0.1, 0.2, 0.3, 0.4}, 1, 1, false, {1});
  check_multinomial<float>(1234, {0.1, 0.2, 0.3, 0.4}, 1, 10, true, {1, 0, 2, 2, 2, 1, 1, 1, 1, 3});
  check_multinomial<float>(1234, {0.1, 0.2, 0.3, 0.4}, 1, 1, true, {1});
  check_multinomial<float>(1234, {0.5, 0.5, 0.0, 0.0, 0.1, 0.1, 0.7, 0.1}, 2, 3, true, {0, 0, 0, 2, 2, 2});
  check_multinomial<float>(1234, {0.5, 0.5, 0.0, 0.0, 0.1, 0.1, 0.7, 0.1}, 2, 2, false, {1, 0, 2, 3});
  check_multinomial<float>(1234, {0.5, 0.0, 0.0, 0.5, 0.0, 0.0}, 1, 5, false, {0, 3, 5, 4, 2});
  check_multinomial<float>(1234, {3.0, 0.0, 1.0, 0.0, 0.0, 2.0, 0.0, 0.0}, 1, 8, false, {0, 5, 2, 4, 7, 6, 3, 1});
  check_multinomial_arange<float>(1234, 100, 5, {55, 25, 52, 91, 49});
  check_multinomial_arange<float>(1234, 1000, 3, {702, 880, 966});
  check_multinomial<double>(1234, {0.1, 0.2, 0.3, 0.4}, 1, 2, false, {1, 3});
  check_multinomial<double>(1234, {0.1, 0.2, 0.3, 0.4}, 1, 4, false, {1, 3, 2, 0});
  check_multinomial<double>(1234, {0.1, 0.2, 0.3, 0.4}, 1, 1, false, {1});
  check_multinomial<double>(1234, {0.1, 0.2, 0.3, 0.4}, 1, 10, true, {1, 0, 2, 2, 2, 1, 1, 1, 1, 3});
  check_multinomial<double>(1234, {0.1, 0.2, 0.3, 0.4}, 1, 1, true, {1});
  check_multinomial<double>(1234, {0.5, 0.5, 0.0, 0.0, 0.1, 0.1, 0.7, 0.1}, 2, 3, true, {0, 0, 0, 2, 2, 2});
  check_multinomial<double>(1234, {0.5, 0.5, 0.0, 0.0, 0.1, 0.1, 0.7, 0.1}, 2, 2, false, {1, 0, 2, 3});
  check_multinomial<double>(1234, {0.5, 0.0, 0.0, 0.5, 0.0, 0.0}, 1, 5, false, {0, 3, 5, 4, 2});
  check_multinomial<double>(1234, {3.0, 0.0, 1.0, 0.0, 0.0, 2.0, 0.0, 0.0}, 1, 8, false, {0, 5, 2, 4, 7, 6, 3, 1});
  check_multinomial_arange<double>(1234, 100, 5, {55, 25, 52, 91, 49});
  check_multinomial_arange<double>(1234, 1000, 3, {702, 880, 966});
}
