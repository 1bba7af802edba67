// Every random draw of the conformance scripts tests/conformance/031..034 reproduced with
// the runtime/random API, compared with the numbers in their .expected files (what PyTorch
// 1.13.1 printed, 4 decimals), plus one long interleaved stream compared bit for bit.
#include <cstdio>
#include <numeric>
#include <sstream>
#include <string>

#include "test_random_support.h"

using namespace tscript_random_test;

namespace {

template <typename T>
void expect_exact(const T* v, std::initializer_list<std::type_identity_t<T>> expected) {
  size_t i = 0;
  for (T e : expected) {
    INFO("element " << i);
    CHECK(bits_of(v[i]) == bits_of(e));
    ++i;
  }
}

// `printed` is what PyTorch printed for these elements (tensor repr, precision 4):
// numbers separated by spaces. Floats must format the same way (%.4f, or %.4e in PyTorch's
// scientific mode, or "2." when the whole tensor held integers), integers exactly.
template <typename T>
void expect_printed(const T* v, const std::string& printed) {
  std::istringstream in(printed);
  std::string token;
  int64_t i = 0;
  while (in >> token) {
    char buf[64];
    if constexpr (std::is_floating_point_v<T>) {
      const char* format = token.find('e') != std::string::npos ? "%.4e"
                           : token.back() == '.'                 ? "%.0f."
                                                                 : "%.4f";
      std::snprintf(buf, sizeof buf, format, static_cast<double>(v[i]));
    } else {
      std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v[i]));
    }
    INFO("element " << i << " of \"" << printed << "\"");
    CHECK(std::string(buf) == token);
    ++i;
  }
}

template <typename T>
double mean_of(const std::vector<T>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

template <typename T>
double std_of(const std::vector<T>& v) {  // unbiased, as Tensor.std()
  const double m = mean_of(v);
  double s = 0;
  for (T x : v) s += (x - m) * (x - m);
  return std::sqrt(s / static_cast<double>(v.size() - 1));
}

std::vector<float> rand(Generator& g, int64_t n) {
  std::vector<float> v(static_cast<size_t>(n));
  uniform(g, v.data(), n);
  return v;
}

std::vector<float> randn(Generator& g, int64_t n) {
  std::vector<float> v(static_cast<size_t>(n));
  normal(g, v.data(), n);
  return v;
}

std::vector<int64_t> randint(Generator& g, int64_t low, int64_t high, int64_t n) {
  std::vector<int64_t> v(static_cast<size_t>(n));
  random_from_to(g, v.data(), n, random_range<int64_t>(low, high));
  return v;
}

std::vector<int64_t> perm(Generator& g, int64_t n) {
  std::vector<int64_t> v(static_cast<size_t>(n));
  randperm(g, v.data(), n);
  return v;
}

}  // namespace

TEST_CASE("one seeded stream shared by every sampler, bit for bit", "[random]") {
  // torch.manual_seed(0), then each PyTorch call in order on the same default generator.
  // Covers the scalar normal path's cached second sample surviving other ops.
  Generator g(0);
  std::vector<float> f(32);
  std::vector<double> d(32);
  std::vector<int64_t> i(32);
  const float probs[] = {.2f, .3f, .5f};
  uniform(g, f.data(), 5);  // torch.rand(5)
  expect_exact(f.data(), {0x1.fc2abp-2f, 0x1.89545ep-1f, 0x1.6a675p-4f, 0x1.0e66p-3f, 0x1.3acd0cp-2f});
  normal(g, f.data(), 5);  // torch.randn(5)
  expect_exact(f.data(), {0x1.19fb4ap-1f, 0x1.14da56p-2f, 0x1.4b6416p-1f, 0x1.fdf4ep-3f, -0x1.5771d2p-2f});
  random_from_to(g, i.data(), 5, random_range<int64_t>(0, 10));  // torch.randint(0, 10, (5,))
  expect_exact(i.data(), {8, 4, 3, 6, 9});
  normal(g, f.data(), 3);  // torch.randn(3)
  expect_exact(f.data(), {0x1.d34e24p-2f, 0x1.a9df62p-2f, 0x1.addba6p-1f});
  randperm(g, i.data(), 6);  // torch.randperm(6)
  expect_exact(i.data(), {1, 5, 3, 2, 0, 4});
  uniform(g, d.data(), 3);  // torch.rand(3, dtype=torch.float64)
  expect_exact(d.data(), {0x1.d2f280a5a10e6p-2, 0x1.44f43549a4bccp-3, 0x1.03d8b8e6a8ffcp-2});
  normal(g, f.data(), 17);  // torch.randn(17)
  expect_exact(f.data(), {0x1.cc6facp-4f, 0x1.162abap-1f, -0x1.94a42ep-2f, 0x1.a4eaa4p-3f, -0x1.cd233ep-2f, -0x1.256a5cp-1f, -0x1.1c57fp-1f, 0x1.304b1cp-1f, 0x1.8abccp+0f, 0x1.d1d984p+0f, -0x1.1a61f8p-1f, -0x1.53489p+0f, 0x1.82286p-3f, -0x1.1aebf6p-4f, -0x1.facdb6p-2f, -0x1.7ef448p+0f, -0x1.8cfa7ap-3f});
  normal(g, f.data(), 1);  // torch.randn(1)
  expect_exact(f.data(), {0x1.21b91ap+0f});
  bernoulli(g, f.data(), 4, 0.5);  // torch.empty(4).bernoulli_(0.5)
  expect_exact(f.data(), {0x1p+0f, 0x0p+0f, 0x1p+0f, 0x1p+0f});
  normal(g, d.data(), 2);  // torch.randn(2, dtype=torch.float64)
  expect_exact(d.data(), {-0x1.4a7b701696fcbp-1, 0x1.9b1f4243c6c5ap+0});
  random_from_to(g, i.data(), 2, random_range<int64_t>(0, int64_t{1} << 40));  // torch.randint(0, 2**40, (2,))
  expect_exact(i.data(), {INT64_C(730014771257), INT64_C(153129070438)});
  multinomial(g, probs, 1, 3, 4, true, i.data());  // torch.multinomial(torch.tensor([.2, .3, .5]), 4, True)
  expect_exact(i.data(), {1, 2, 0, 2});
  uniform(g, f.data(), 3, -1, 1);  // torch.empty(3).uniform_(-1, 1)
  expect_exact(f.data(), {-0x1.8f672cp-1f, -0x1.26d1dp-1f, 0x1.e1a9e4p-1f});
  normal(g, d.data(), 16);  // torch.randn(16, dtype=torch.float64)
  expect_exact(d.data(), {0x1.4ddfb74abc0eap-1, 0x1.7feb71ded3caep+1, 0x1.32d5ef22004c1p-3, 0x1.bbbc65fb53d35p+0, -0x1.dd7626c9092bfp-1, 0x1.d5670c9702a46p-1, -0x1.00e50679acfe6p-2, 0x1.b8ba8d2144c46p-1, 0x1.659dca2634fcdp+0, -0x1.00743348024dp+0, 0x1.25140c852d486p+1, -0x1.6253eac25f487p+0, -0x1.f72e87597f18ap-1, 0x1.3b27ae80e25cap-2, -0x1.62fa9bb1dc5dep+0, -0x1.1bfee0e69441p+0});
  normal(g, f.data(), 2);  // torch.randn(2)
  expect_exact(f.data(), {0x1.b61fdap-2f, 0x1.7a9596p-2f});
}

TEST_CASE("conformance 031: rand / randn of small and large sizes", "[random][conformance]") {
  Generator g(0);
  expect_printed(rand(g, 5).data(), "0.4963 0.7682 0.0885 0.1320 0.3074");
  expect_printed(randn(g, 5).data(), "0.5507 0.2704 0.6472 0.2490 -0.3354");
  g.manual_seed(0);
  std::vector<float> a = rand(g, 5);
  g.manual_seed(0);
  CHECK(rand(g, 5) == a);

  g.manual_seed(42);
  expect_printed(rand(g, 16).data(),
                 "0.8823 0.9150 0.3829 0.9593 0.3904 0.6009 0.2566 0.7936 0.9408 0.1332 0.9346 "
                 "0.5936 0.8694 0.5677 0.7411 0.4294");
  expect_printed(rand(g, 17).data(),
                 "0.8854 0.5739 0.2666 0.6274 0.2696 0.4414 0.2969 0.8317 0.1053 0.2695 0.3588 "
                 "0.1994 0.5472 0.0062 0.9516 0.0753 0.8860");
  g.manual_seed(42);
  expect_printed(randn(g, 16).data(),
                 "1.9269 1.4873 0.9007 -2.1055 0.6784 -1.2345 -0.0431 -1.6047 -0.7521 1.6487 "
                 "-0.3925 -1.4036 -0.7279 -0.5594 -0.7688 0.7624");
  expect_printed(randn(g, 17).data(),
                 "1.6423 -0.8712 -0.2234 1.7174 0.3189 -0.4245 0.3057 -0.7746 0.0349 0.9956 "
                 "-0.8798 -0.6011 -1.2742 2.1228 -1.2347 -0.4879 -1.4181");

  g.manual_seed(1);
  std::vector<float> r = randn(g, 100);
  expect_printed(r.data(), "-1.5256 -0.7502 -0.6540 -1.6095 -0.1002 -0.6092 -0.9798 -1.6091");
  expect_printed(r.data() + 92, "-2.1021 -0.6200 -1.4782 -1.1334 -0.1010 0.3434 -1.0703 -0.8743");
  // mean=-0.2027 std=0.9784 min=-3.3312 max=2.3571 (PyTorch reduces in float: compare
  // to print precision)
  CHECK(mean_of(r) == Approx(-0.2027).margin(6e-5));
  CHECK(std_of(r) == Approx(0.9784).margin(6e-5));
  expect_printed(&*std::min_element(r.begin(), r.end()), "-3.3312");
  expect_printed(&*std::max_element(r.begin(), r.end()), "2.3571");
  std::vector<float> u = rand(g, 100);
  expect_printed(u.data(), "0.8622 0.8106 0.1381 0.1399 0.1976 0.5628 0.9983 0.1842");
  expect_printed(u.data() + 90,
                 "0.4611 0.4840 0.5850 0.7357 0.5802 0.6525 0.0502 0.8643 0.9359 0.9133");
  CHECK(mean_of(u) == Approx(0.5201).margin(6e-5));
  expect_printed(&*std::min_element(u.begin(), u.end()), "0.0281");
  expect_printed(&*std::max_element(u.begin(), u.end()), "0.9991");

  g.manual_seed(123);  // shapes only change how it is printed: rand(2, 3), randn(3, 2), ...
  expect_printed(rand(g, 6).data(), "0.2961 0.5166 0.2517 0.6886 0.0740 0.8665");
  expect_printed(randn(g, 6).data(), "0.9447 0.6217 -1.3501 -0.1881 -2.3891 -0.4759");
  expect_printed(randn(g, 8).data(), "1.7603 0.6547 0.5490 0.3671 0.1219 0.6466 -1.4168 0.8429");
  expect_printed(rand(g, 20).data(),
                 "0.9156 0.4340 0.0772 0.3565 0.1479 0.5331 0.4066 0.2318 0.4545 0.9737 0.4606 "
                 "0.5159 0.4220 0.5786 0.9455 0.8057 0.6775 0.6087 0.6179 0.6932");

  g.manual_seed(7);
  double d[3];
  normal(g, d, 3);  // randn(3, dtype=float64): leaves a cached sample ...
  expect_printed(d, "-0.1468 0.7861 0.9468");
  uniform(g, d, 2);
  expect_printed(d, "0.9225 0.8395");
  expect_printed(randn(g, 1).data(), "-1.1143");  // ... that randn(1) returns
  expect_printed(rand(g, 1).data(), "0.2868");    // torch.rand(())
  randn(g, 1);                                     // torch.randn(()).shape

  g.manual_seed(2024);
  std::vector<float> big = randn(g, 1000);
  std::vector<float> every100;
  for (int k = 0; k < 1000; k += 100) every100.push_back(big[k]);
  expect_printed(every100.data(),
                 "-1.2262 0.6874 0.7237 1.6021 -0.6443 -0.3312 1.2819 1.2372 0.0563 -1.1939");
  CHECK(mean_of(big) == Approx(0.0346).margin(6e-5));
  CHECK(std_of(big) == Approx(1.0108).margin(6e-5));
  CHECK(std::count_if(big.begin(), big.end(), [](float x) { return x > 0; }) == 522);

  g.manual_seed(5);
  expect_printed(randn(g, 15).data(),
                 "-0.4868 -0.6038 -0.5581 0.6675 -0.1974 1.9428 -1.4017 -0.7626 0.6312 -0.8991 "
                 "-0.5578 0.6907 0.2225 -0.6662 0.6846");
  expect_printed(randn(g, 33).data(),
                 "-0.2617 -0.7324 1.6980 -0.1792 1.9231 0.2879 0.9368 -2.4031 -0.1479 0.8967 "
                 "0.5481 -1.6391 -1.8153 -0.2066 -0.5260 -1.6977 0.8168 1.5633 1.2358 1.4962 "
                 "0.4731 0.6070 -0.8779 -0.7426 -0.4973 -1.4981 -0.3091 -0.6041 -1.9672 -0.1368 "
                 "1.8703 0.1505 0.9184");

  g.manual_seed(5);
  std::vector<float> m1 = randn(g, 3), m2 = rand(g, 3), m3 = randn(g, 20), m4 = rand(g, 20);
  expect_printed(m1.data(), "-0.4868 -0.6038 -0.5581");
  CHECK(std::accumulate(m1.begin(), m1.end(), 0.0) == Approx(-1.6487).margin(6e-5));
  expect_printed(m2.data(), "0.0333 0.9942 0.6064");
  CHECK(std::accumulate(m2.begin(), m2.end(), 0.0) == Approx(1.6339).margin(6e-5));
  expect_printed(m3.data(), "1.1304 -0.1873 -0.1057");
  CHECK(std::accumulate(m3.begin(), m3.end(), 0.0) == Approx(3.8678).margin(6e-5));
  expect_printed(m4.data(), "0.5979 0.8564 0.3741");
  CHECK(std::accumulate(m4.begin(), m4.end(), 0.0) == Approx(10.2761).margin(6e-5));
}

TEST_CASE("conformance 032: randint / randperm", "[random][conformance]") {
  Generator g(0);
  expect_printed(randint(g, 0, 10, 5).data(), "4 9 3 0 3");
  expect_printed(randint(g, 0, 10, 16).data(), "9 7 3 7 3 1 6 6 9 8 6 6 8 4 3 6");
  expect_printed(randint(g, -5, 5, 17).data(), "4 -4 -1 -1 -4 4 4 4 -5 -4 -3 -2 -5 0 0 -3 4");
  expect_printed(randint(g, 0, 100, 12).data(), "11 88 78 43 96 89 71 57 83 95 82 71");
  expect_printed(randint(g, 0, 2, 20).data(), "0 1 1 1 1 0 1 0 0 1 1 0 1 0 1 0 0 0 0 0");
  expect_printed(randint(g, 3, 4, 3).data(), "3 3 3");

  g.manual_seed(1);
  expect_printed(perm(g, 5).data(), "0 4 2 3 1");
  expect_printed(perm(g, 16).data(), "15 14 9 5 0 3 1 10 12 6 11 7 2 13 8 4");
  expect_printed(perm(g, 17).data(), "4 15 5 7 9 8 13 11 16 14 1 6 3 2 0 12 10");
  std::vector<int64_t> p = perm(g, 100);
  expect_printed(p.data(), "73 81 66 15 90 65 89 87 23 12");
  expect_printed(p.data() + 90, "99 63 14 2 26 22 7 94 6 67");
  CHECK(std::accumulate(p.begin(), p.end(), int64_t{0}) == 4950);

  g.manual_seed(2);
  expect_printed(randint(g, 0, 1000, 100).data(), "848 487 301 544 358 979 442 515 960 511");
  int32_t i32[4];
  random_from_to(g, i32, 4, random_range<int32_t>(0, 10));  // dtype=torch.int32
  expect_printed(i32, "0 5 0 2");
  expect_printed(randint(g, 1, 7, 6).data(), "4 1 3 6 4 1");
  expect_printed(randint(g, 0, int64_t{1} << 40, 3).data(),
                 "1072653614205 985400951393 630880460756");

  g.manual_seed(3);
  expect_printed(perm(g, 6).data(), "4 0 3 2 1 5");
  std::vector<int64_t> order = perm(g, 10);
  for (int64_t& x : order) x *= 10;  // (torch.arange(10) * 10)[torch.randperm(10)]
  expect_printed(order.data(), "0 70 10 80 50 90 40 60 20 30");
  expect_printed(randint(g, 0, 6, 8).data(), "0 1 3 0 2 2 0 5");

  g.manual_seed(4);
  std::vector<int64_t> rolls = randint(g, 1, 7, 600);
  int64_t counts[6] = {};
  for (int64_t x : rolls) counts[x - 1]++;
  expect_printed(counts, "99 103 86 104 105 103");
  CHECK(perm(g, 1) == std::vector<int64_t>{0});
  CHECK(perm(g, 0).empty());
  expect_printed(perm(g, 3).data(), "2 1 0");

  for (int round = 0; round < 2; ++round) {  // the same line twice after manual_seed(9)
    g.manual_seed(9);
    expect_printed(randint(g, 0, 50, 4).data(), "20 38 24 47");
    expect_printed(rand(g, 2).data(), "0.9180 0.9310");
    expect_printed(perm(g, 6).data(), "1 4 3 5 0 2");
    expect_printed(randn(g, 2).data(), "-1.3901 -0.4424");
  }
}

TEST_CASE("conformance 033: in-place samplers, *_like, torch.normal, torch.bernoulli",
          "[random][conformance]") {
  Generator g(0);
  float x[5];
  normal(g, x, 5);  // x.normal_(): 3 pairs, the last second sample stays cached
  expect_printed(x, "1.5410 -0.2934 -2.1788 0.5684 -1.0845");
  normal(g, x, 5, 10.0, 0.5);  // starts with the cached sample
  expect_printed(x, "9.3007 10.2017 10.4190 9.6404 9.7983");
  uniform(g, x, 5);
  expect_printed(x, "0.6816 0.9152 0.3971 0.8742 0.4194");
  uniform(g, x, 5, -2, 2);
  expect_printed(x, "0.2116 1.8110 -1.8553 -1.2591 -0.5063");
  float y[20];
  normal(g, y, 20, 0, 1);
  expect_printed(y,
                 "-0.1435 -0.1116 -0.6136 0.0316 1.0554 0.1778 -0.2303 -0.3918 0.5433 -0.3952 "
                 "0.2055 -0.4503 1.5210 3.4105 -1.5312 -1.2341 1.8197 -0.5515 -1.3253 0.1886");
  uniform(g, y, 20, 0, 10);
  expect_printed(y,
                 "5.1909 6.1585 8.1019 9.8010 1.1469 3.1677 6.9650 9.1427 9.3510 9.4118 5.9951 "
                 "0.6521 5.4600 1.8720 0.3402 9.4425 8.8018 0.0124 5.9359 4.1577");

  g.manual_seed(1);
  expect_printed(rand(g, 6).data(), "0.7576 0.2793 0.4031 0.7347 0.0293 0.7999");
  expect_printed(randn(g, 6).data(), "0.5636 1.1431 0.8590 0.7056 -0.3406 -1.2720");
  double d6[6];
  uniform(g, d6, 6);  // rand_like(t, dtype=torch.float64)
  expect_printed(d6, "0.4967 0.5104 0.3295 0.7182 0.3845 0.0898");
  expect_printed(rand(g, 17).data(),
                 "0.6397 0.9743 0.8300 0.0444 0.0246 0.2588 0.9391 0.4167 0.7140 0.2676 0.9906 "
                 "0.2885 0.8750 0.5059 0.2366 0.7570 0.2346");
  expect_printed(randn(g, 20).data(),
                 "1.1718 -0.9274 0.5451 0.0663 -1.0055 -0.2106 -0.0075 1.6734 0.0103 0.9837 "
                 "0.8793 -1.4504 -0.8313 -0.4610 -0.5601 0.3956 -0.9823 1.3264 0.8547 -0.2805");

  g.manual_seed(2);
  float b[20];
  const float p5[] = {0.0f, 0.25f, 0.5f, 0.75f, 1.0f};
  bernoulli(g, b, 5, p5);  // torch.bernoulli(p): a float32 probability per element
  expect_printed(b, "0. 0. 0. 1. 1.");
  const std::vector<float> half(20, 0.5f), p3(9, 0.3f);
  bernoulli(g, b, 20, half.data());  // torch.bernoulli(torch.full((20,), 0.5))
  expect_printed(b, "0. 1. 1. 0. 1. 0. 0. 1. 0. 0. 0. 0. 1. 1. 0. 1. 1. 1. 0. 1.");
  bernoulli(g, b, 9, p3.data());
  expect_printed(b, "0. 0. 1. 1. 1. 1. 1. 0. 0.");
  bernoulli(g, b, 8, 0.5);  // torch.empty(8).bernoulli_(0.5): a scalar p
  expect_printed(b, "1. 0. 1. 0. 0. 0. 0. 1.");

  g.manual_seed(3);
  normal(g, x, 4, 0.0, 1.0);  // torch.normal(0.0, 1.0, size=(4,))
  expect_printed(x, "0.8033 0.1748 0.0890 -0.6137");
  // torch.normal(mean_t, std_t) draws normal(0, 1), then output.mul_(std).add_(mean).
  const float mean3[] = {0.0f, 10.0f, 100.0f}, std3[] = {1.0f, 1.0f, 0.1f};
  normal(g, x, 3);
  for (int k = 0; k < 3; ++k) x[k] = x[k] * std3[k] + mean3[k];
  expect_printed(x, "4.6182e-02 8.6317e+00 1.0003e+02");
  const float std3b[] = {0.1f, 1.0f, 10.0f};  // torch.normal(mean=5.0, std=std_t)
  normal(g, x, 3);
  for (int k = 0; k < 3; ++k) x[k] = x[k] * std3b[k] + 5.0f;
  expect_printed(x, "5.1011 3.5648 14.7743");
  int64_t r[6];
  random_from_to(g, r, 6, random_range<int64_t>(0, 10));
  expect_printed(r, "6 9 1 6 2 8");
  random_from_to(g, r, 6, random_range<int64_t>(0, 100));  // r.random_(100)
  expect_printed(r, "77 14 94 70 50 71");

  g.manual_seed(4);
  float w[12];
  uniform(g, w, 12, -0.5, 0.5);
  expect_printed(w, "0.0596 0.0591 -0.4085 -0.2900 -0.4928 -0.4610 0.4929 0.4131 0.1186 0.4744 "
                    "-0.1811 -0.2852");
  normal(g, w, 12, 0.0, 0.01);
  expect_printed(w, "-0.0143 0.0090 0.0086 0.0069 0.0088 0.0177 -0.0008 0.0005 -0.0087 -0.0028 "
                    "-0.0127 0.0088");
  std::vector<float> hundred(100), thousand(1000);
  uniform(g, hundred.data(), 100, -1, 1);
  normal(g, thousand.data(), 1000, 2, 3);
  CHECK(mean_of(thousand) == Approx(1.8321).margin(6e-5));

  g.manual_seed(5);
  expect_printed(randn(g, 16).data(),
                 "1.8423 0.5189 -1.7119 -1.7014 2.0194 -0.2686 -0.1307 -1.4374 0.3908 -0.0190 "
                 "-1.3527 -0.7308 0.9879 -0.4194 -0.5849 -0.7823");
  float s16[16], s15[15];
  normal(g, s16, 16, 5, 2);
  expect_printed(s16, "10.5597 7.4441 4.3271 3.0699 4.7407 3.7965 5.2900 4.7003 4.1252 6.5585 "
                      "4.8833 0.9390 7.9659 5.9881 5.4984 8.4941");
  normal(g, s15, 15, 5, 2);
  expect_printed(s15, "3.8342 6.5359 5.1142 2.6213 3.8682 3.3347 6.8029 5.4231 5.8959 3.7824 "
                      "5.4779 5.9398 1.0920 3.8825 5.8590");
}

namespace {

// nn.Linear(in, out).reset_parameters(): kaiming_uniform_(weight, a=sqrt(5)), then the
// bias from U(-1/sqrt(in), 1/sqrt(in)).
void linear_init(Generator& g, int64_t in, int64_t out, float* weight, float* bias) {
  const double wb = kaiming_uniform_bound(in, std::sqrt(5.0));
  uniform(g, weight, in * out, -wb, wb);
  if (bias != nullptr) {
    const double bb = 1 / std::sqrt(static_cast<double>(in));
    uniform(g, bias, out, -bb, bb);
  }
}

// F.dropout(x, p, training=True) = x * noise.
std::vector<float> dropout(Generator& g, std::vector<float> x, double p) {
  std::vector<float> noise(x.size());
  dropout_noise(g, noise.data(), static_cast<int64_t>(x.size()), p);
  for (size_t k = 0; k < x.size(); ++k) x[k] = x[k] * noise[k];
  return x;
}

}  // namespace

TEST_CASE("conformance 034: nn.Linear initialisation and dropout", "[random][conformance]") {
  Generator g(0);
  float w[80], bias[4];
  linear_init(g, 3, 2, w, bias);
  expect_printed(w, "-0.0043 0.3097 -0.4752 -0.4249 -0.2224 0.1548");
  expect_printed(bias, "-0.0114 0.4578");
  CHECK(kaiming_uniform_bound(20, std::sqrt(5.0)) == Approx(1 / std::sqrt(20.0)));

  g.manual_seed(1);
  linear_init(g, 20, 4, w, bias);
  for (int row = 0; row < 4; ++row) {
    static const char* printed[] = {"0.1152 -0.0987 -0.0433 0.1050 -0.2105 0.1341",
                                    "-0.0833 -0.1350 -0.0375 -0.0965 -0.0717 0.0107",
                                    "0.2194 -0.0946 0.1677 0.0026 -0.1178 0.1149",
                                    "-0.1445 0.1452 0.1358 0.1983 -0.1253 -0.0368"};
    expect_printed(w + 20 * row, printed[row]);
  }
  expect_printed(bias, "-0.1572 -0.1687 0.0136 -0.0381");
  float max_abs = 0;
  for (int k = 0; k < 80; ++k) max_abs = std::max(max_abs, std::abs(w[k]));
  expect_printed(&max_abs, "0.2227");

  g.manual_seed(2);
  linear_init(g, 4, 3, w, nullptr);
  expect_printed(w, "0.1147 -0.1190 0.1371 -0.0255 0.2136 0.1190 -0.0575 -0.4042 0.1142 "
                    "-0.4427 0.0657 0.0332");

  g.manual_seed(3);
  const std::vector<float> ones10(10, 1.0f);
  expect_printed(dropout(g, ones10, 0.5).data(), "2. 2. 0. 2. 0. 0. 2. 2. 2. 0.");
  expect_printed(dropout(g, ones10, 0.2).data(),
                 "1.2500 1.2500 1.2500 1.2500 0.0000 1.2500 1.2500 1.2500 0.0000 1.2500");
  // F.dropout(x, p=0.5, training=False) draws nothing.
  std::vector<float> ramp(20);
  std::iota(ramp.begin(), ramp.end(), 0.0f);
  expect_printed(dropout(g, ramp, 0.3).data(),
                 "0.0000 1.4286 2.8571 4.2857 5.7143 7.1429 8.5714 10.0000 11.4286 0.0000 0.0000 "
                 "15.7143 17.1429 18.5714 20.0000 0.0000 22.8571 24.2857 25.7143 0.0000");

  g.manual_seed(4);
  expect_printed(dropout(g, std::vector<float>(16, 1.0f), 0.25).data(),
                 "1.3333 1.3333 1.3333 0.0000 0.0000 1.3333 1.3333 0.0000 1.3333 1.3333 1.3333 "
                 "0.0000 1.3333 1.3333 1.3333 1.3333");
  // drop.eval(): no draws; drop.train(): next call continues the stream.
  expect_printed(dropout(g, std::vector<float>(4, 1.0f), 0.25).data(),
                 "1.3333 1.3333 1.3333 1.3333");

  g.manual_seed(5);
  expect_printed(dropout(g, std::vector<float>(12, 1.0f), 0.5).data(),
                 "0. 2. 2. 2. 2. 0. 0. 0. 0. 2. 2. 2.");
  std::vector<float> forty = dropout(g, std::vector<float>(40, 1.0f), 0.1);
  CHECK(std::accumulate(forty.begin(), forty.end(), 0.0f) == Approx(42.2222).margin(6e-5));

  g.manual_seed(6);
  linear_init(g, 4, 3, w, bias);
  expect_printed(randn(g, 8).data(),
                 "-0.0237 1.9189 0.7747 0.1408 -0.2633 -0.4788 -0.3270 -1.0003");

  g.manual_seed(7);  // nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
  linear_init(g, 2, 3, w, bias);
  expect_printed(w, "0.0494 -0.4260 0.2252 0.2219 -0.3779 -0.1060");
  expect_printed(bias, "-0.4142 0.1835 -0.1905");
  linear_init(g, 3, 1, w, bias);
  expect_printed(w, "0.4056 0.4099 0.0588");
  expect_printed(bias, "-0.2461");
}

TEST_CASE("DataLoader shuffling and random_split draw like PyTorch", "[random][conformance]") {
  // RandomSampler.__iter__: seed = torch.empty((), dtype=torch.int64).random_().item(),
  // a fresh torch.Generator().manual_seed(seed), then torch.randperm(n, generator=...).
  auto sampler_order = [](Generator& g, int64_t n) {
    int64_t seed;
    random_default(g, &seed, 1);
    Generator local;
    local.manual_seed(static_cast<uint64_t>(seed));
    return perm(local, n);
  };
  Generator g(0);
  CHECK(sampler_order(g, 10) == std::vector<int64_t>{6, 9, 0, 7, 3, 5, 4, 2, 1, 8});
  CHECK(sampler_order(g, 10) == std::vector<int64_t>{6, 7, 1, 4, 2, 0, 9, 8, 3, 5});
  g.manual_seed(0);
  int64_t seed;
  random_default(g, &seed, 1);
  CHECK(seed == 900450186894289455);

  // random_split(range(10), [7, 3]): randperm(10) on the default generator.
  g.manual_seed(1);
  CHECK(perm(g, 10) == std::vector<int64_t>{5, 6, 1, 2, 0, 8, 9, 3, 7, 4});

  // iter(DataLoader(..., shuffle=True)) first draws the iterator's _base_seed (another
  // int64 random_()), then the sampler's seed.
  g.manual_seed(2);
  int64_t base_seed;
  random_default(g, &base_seed, 1);
  CHECK(sampler_order(g, 8) == std::vector<int64_t>{2, 5, 6, 1, 4, 7, 0, 3});
  expect_printed(rand(g, 1).data(), "0.7136");
}
