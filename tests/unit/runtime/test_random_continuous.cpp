// uniform_ / normal_ (float, double, Half, BFloat16) and erfinv against PyTorch 1.13.1.
// The tables were generated once with the PyTorch oracle (see test_random_support.h).
#include "runtime/random/boxmuller.h"
#include "test_random_support.h"

using namespace tscript_random_test;

namespace {

template <typename T>
void check_erfinv(std::vector<T> ys, std::vector<double> expected) {
  REQUIRE(ys.size() == expected.size());
  for (size_t i = 0; i < ys.size(); ++i) {
    INFO("erfinv(" << ys[i] << ")");
    CHECK(bits_of(erfinv(ys[i])) == bits_of(static_cast<T>(expected[i])));
  }
}

}  // namespace

TEST_CASE("uniform float matches torch.rand / uniform_", "[random]") {
  // torch.manual_seed(seed); torch.empty(n, dtype).uniform_(from, to)
  struct Row { uint64_t seed; int64_t n; double from, to; uint64_t fnv; float head[4]; };
  const Row rows[] = {
      {0, 5, 0.0, 1.0, 0x4530ae1f72c05e76ull, {0x1.fc2abp-2f, 0x1.89545ep-1f, 0x1.6a675p-4f, 0x1.0e66p-3f}},
      {0, 5, -0.5, 3.7, 0x18a7eb13d5daed67ull, {0x1.959338p+0f, 0x1.5cfefcp+1f, -0x1.06f3dap-3f, 0x1.beb18cp-5f}},
      {0, 16, 0.0, 1.0, 0x355f338c445c75f8ull, {0x1.fc2abp-2f, 0x1.89545ep-1f, 0x1.6a675p-4f, 0x1.0e66p-3f}},
      {0, 16, -0.5, 3.7, 0xc9683864f104ce66ull, {0x1.959338p+0f, 0x1.5cfefcp+1f, -0x1.06f3dap-3f, 0x1.beb18cp-5f}},
      {0, 17, 0.0, 1.0, 0xfd08c14cc4f53331ull, {0x1.fc2abp-2f, 0x1.89545ep-1f, 0x1.6a675p-4f, 0x1.0e66p-3f}},
      {0, 17, -0.5, 3.7, 0x10c54fff639db6e8ull, {0x1.959338p+0f, 0x1.5cfefcp+1f, -0x1.06f3dap-3f, 0x1.beb18cp-5f}},
      {0, 100, 0.0, 1.0, 0x6fdb1de1771ac15eull, {0x1.fc2abp-2f, 0x1.89545ep-1f, 0x1.6a675p-4f, 0x1.0e66p-3f}},
      {0, 100, -0.5, 3.7, 0x20e9bae4b0c13e98ull, {0x1.959338p+0f, 0x1.5cfefcp+1f, -0x1.06f3dap-3f, 0x1.beb18cp-5f}},
      {42, 5, 0.0, 1.0, 0x280af9eaf234580cull, {0x1.c3b8ccp-1f, 0x1.d47b66p-1f, 0x1.880d7p-2f, 0x1.eb2a1cp-1f}},
      {42, 5, -0.5, 3.7, 0xaa3ea2ece4e30e19ull, {0x1.9a4ed4p+1f, 0x1.abe7f6p+1f, 0x1.1ba7b4p+0f, 0x1.c3b902p+1f}},
      {42, 16, 0.0, 1.0, 0x5543ac5566e6f7bfull, {0x1.c3b8ccp-1f, 0x1.d47b66p-1f, 0x1.880d7p-2f, 0x1.eb2a1cp-1f}},
      {42, 16, -0.5, 3.7, 0x4457f778ba36370aull, {0x1.9a4ed4p+1f, 0x1.abe7f6p+1f, 0x1.1ba7b4p+0f, 0x1.c3b902p+1f}},
      {42, 17, 0.0, 1.0, 0x5492e2e45af49d73ull, {0x1.c3b8ccp-1f, 0x1.d47b66p-1f, 0x1.880d7p-2f, 0x1.eb2a1cp-1f}},
      {42, 17, -0.5, 3.7, 0x94380d36b2e48201ull, {0x1.9a4ed4p+1f, 0x1.abe7f6p+1f, 0x1.1ba7b4p+0f, 0x1.c3b902p+1f}},
      {42, 100, 0.0, 1.0, 0xbce2f386227c622eull, {0x1.c3b8ccp-1f, 0x1.d47b66p-1f, 0x1.880d7p-2f, 0x1.eb2a1cp-1f}},
      {42, 100, -0.5, 3.7, 0x27f068b06b58f431ull, {0x1.9a4ed4p+1f, 0x1.abe7f6p+1f, 0x1.1ba7b4p+0f, 0x1.c3b902p+1f}},
      {1234, 5, 0.0, 1.0, 0x182743c2acc95c06ull, {0x1.dacbcp-6f, 0x1.9b8b4cp-2f, 0x1.0a1498p-2f, 0x1.7770d4p-2f}},
      {1234, 5, -0.5, 3.7, 0xc3877674baa1c2feull, {-0x1.835db8p-2f, 0x1.301f0ep+0f, 0x1.2ec4d8p-1f, 0x1.0a3678p+0f}},
      {1234, 16, 0.0, 1.0, 0x1087c900c6e634e2ull, {0x1.dacbcp-6f, 0x1.9b8b4cp-2f, 0x1.0a1498p-2f, 0x1.7770d4p-2f}},
      {1234, 16, -0.5, 3.7, 0x93156782031d9ff6ull, {-0x1.835db8p-2f, 0x1.301f0ep+0f, 0x1.2ec4d8p-1f, 0x1.0a3678p+0f}},
      {1234, 17, 0.0, 1.0, 0x1fd13786b9e4c0e2ull, {0x1.dacbcp-6f, 0x1.9b8b4cp-2f, 0x1.0a1498p-2f, 0x1.7770d4p-2f}},
      {1234, 17, -0.5, 3.7, 0x6fe204c6ed03d8d3ull, {-0x1.835db8p-2f, 0x1.301f0ep+0f, 0x1.2ec4d8p-1f, 0x1.0a3678p+0f}},
      {1234, 100, 0.0, 1.0, 0x55ac4926d7fb6456ull, {0x1.dacbcp-6f, 0x1.9b8b4cp-2f, 0x1.0a1498p-2f, 0x1.7770d4p-2f}},
      {1234, 100, -0.5, 3.7, 0xc2c5770f0f930d56ull, {-0x1.835db8p-2f, 0x1.301f0ep+0f, 0x1.2ec4d8p-1f, 0x1.0a3678p+0f}},
  };
  for (const Row& r : rows) {
    Generator g(r.seed);
    std::vector<float> v(r.n);
    uniform(g, v.data(), r.n, r.from, r.to);
    check_same(v, r.fnv, r.head, r.seed);
  }
}

TEST_CASE("uniform double matches torch.rand / uniform_", "[random]") {
  // torch.manual_seed(seed); torch.empty(n, dtype).uniform_(from, to)
  struct Row { uint64_t seed; int64_t n; double from, to; uint64_t fnv; double head[4]; };
  const Row rows[] = {
      {0, 5, 0.0, 1.0, 0x15eee16271a18a6cull, {0x1.f0aac97c4aa2fp-1, 0x1.6a675d821cccp-1, 0x1.d6687b744a5f6p-2, 0x1.d76c3d8e57d67p-1}},
      {0, 5, -0.5, 3.7, 0xf6ec17e9ef1da8a1ull, {0x1.c980205c1b2b2p+1, 0x1.3c86222f04a3p+1, 0x1.6dedb4d3b47dcp+0, 0x1.aefe73d575d46p+1}},
      {0, 16, 0.0, 1.0, 0x23dd4599cc4bb10eull, {0x1.f0aac97c4aa2fp-1, 0x1.6a675d821cccp-1, 0x1.d6687b744a5f6p-2, 0x1.d76c3d8e57d67p-1}},
      {0, 16, -0.5, 3.7, 0x1fd7696ecf7f4289ull, {0x1.c980205c1b2b2p+1, 0x1.3c86222f04a3p+1, 0x1.6dedb4d3b47dcp+0, 0x1.aefe73d575d46p+1}},
      {0, 17, 0.0, 1.0, 0x3b39d5b1e2932bd0ull, {0x1.f0aac97c4aa2fp-1, 0x1.6a675d821cccp-1, 0x1.d6687b744a5f6p-2, 0x1.d76c3d8e57d67p-1}},
      {0, 17, -0.5, 3.7, 0x43bc4dc0626e59ccull, {0x1.c980205c1b2b2p+1, 0x1.3c86222f04a3p+1, 0x1.6dedb4d3b47dcp+0, 0x1.aefe73d575d46p+1}},
      {0, 100, 0.0, 1.0, 0x5c4cb80da6cfa4d6ull, {0x1.f0aac97c4aa2fp-1, 0x1.6a675d821cccp-1, 0x1.d6687b744a5f6p-2, 0x1.d76c3d8e57d67p-1}},
      {0, 100, -0.5, 3.7, 0x71902065b7c751aeull, {0x1.c980205c1b2b2p+1, 0x1.3c86222f04a3p+1, 0x1.6dedb4d3b47dcp+0, 0x1.aefe73d575d46p+1}},
      {42, 5, 0.0, 1.0, 0xde23955e5d15941bull, {0x1.dc66cbea3db3p-5, 0x1.01ae177aca87p-4, 0x1.fa3563ccea238p-4, 0x1.aebc98cb2c14p-5}},
      {42, 5, -0.5, 3.7, 0x4c7fc8194ec9dfd7ull, {-0x1.05e3a1be9f9bap-2, -0x1.e2df3517bd17bp-3, 0x1.384dbfd8f721ap-6, -0x1.1ddcfc9555a8bp-2}},
      {42, 16, 0.0, 1.0, 0x1ba9d002426e6560ull, {0x1.dc66cbea3db3p-5, 0x1.01ae177aca87p-4, 0x1.fa3563ccea238p-4, 0x1.aebc98cb2c14p-5}},
      {42, 16, -0.5, 3.7, 0x8b9dc5367a6a053bull, {-0x1.05e3a1be9f9bap-2, -0x1.e2df3517bd17bp-3, 0x1.384dbfd8f721ap-6, -0x1.1ddcfc9555a8bp-2}},
      {42, 17, 0.0, 1.0, 0x6a69022c3f71fd14ull, {0x1.dc66cbea3db3p-5, 0x1.01ae177aca87p-4, 0x1.fa3563ccea238p-4, 0x1.aebc98cb2c14p-5}},
      {42, 17, -0.5, 3.7, 0x6967a2f4ffdb9b8eull, {-0x1.05e3a1be9f9bap-2, -0x1.e2df3517bd17bp-3, 0x1.384dbfd8f721ap-6, -0x1.1ddcfc9555a8bp-2}},
      {42, 100, 0.0, 1.0, 0x8d29b8698bdb457full, {0x1.dc66cbea3db3p-5, 0x1.01ae177aca87p-4, 0x1.fa3563ccea238p-4, 0x1.aebc98cb2c14p-5}},
      {42, 100, -0.5, 3.7, 0x156c308105530190ull, {-0x1.05e3a1be9f9bap-2, -0x1.e2df3517bd17bp-3, 0x1.384dbfd8f721ap-6, -0x1.1ddcfc9555a8bp-2}},
      {1234, 5, 0.0, 1.0, 0xd05fbcf672d7904dull, {0x1.dacbdfd9b8b4cp-3, 0x1.429368aeee1a8p-4, 0x1.dd9993966bae8p-2, 0x1.a85318aefaff2p-2}},
      {1234, 5, -0.5, 3.7, 0x1fb19c6e6dfa5c42ull, {0x1.e512894937154p-2, -0x1.5a973dc3d8c85p-3, 0x1.757adaf78aaa7p+0, 0x1.3d8a7384878bep+0}},
      {1234, 16, 0.0, 1.0, 0x4dd039f78ee5f7ceull, {0x1.dacbdfd9b8b4cp-3, 0x1.429368aeee1a8p-4, 0x1.dd9993966bae8p-2, 0x1.a85318aefaff2p-2}},
      {1234, 16, -0.5, 3.7, 0xabbb15db00da5435ull, {0x1.e512894937154p-2, -0x1.5a973dc3d8c85p-3, 0x1.757adaf78aaa7p+0, 0x1.3d8a7384878bep+0}},
      {1234, 17, 0.0, 1.0, 0xccc42358e2432e77ull, {0x1.dacbdfd9b8b4cp-3, 0x1.429368aeee1a8p-4, 0x1.dd9993966bae8p-2, 0x1.a85318aefaff2p-2}},
      {1234, 17, -0.5, 3.7, 0xc738b11a8fefe183ull, {0x1.e512894937154p-2, -0x1.5a973dc3d8c85p-3, 0x1.757adaf78aaa7p+0, 0x1.3d8a7384878bep+0}},
      {1234, 100, 0.0, 1.0, 0x5bc38d29ddc49b55ull, {0x1.dacbdfd9b8b4cp-3, 0x1.429368aeee1a8p-4, 0x1.dd9993966bae8p-2, 0x1.a85318aefaff2p-2}},
      {1234, 100, -0.5, 3.7, 0x472bdb1c5f478a3cull, {0x1.e512894937154p-2, -0x1.5a973dc3d8c85p-3, 0x1.757adaf78aaa7p+0, 0x1.3d8a7384878bep+0}},
  };
  for (const Row& r : rows) {
    Generator g(r.seed);
    std::vector<double> v(r.n);
    uniform(g, v.data(), r.n, r.from, r.to);
    check_same(v, r.fnv, r.head, r.seed);
  }
}

TEST_CASE("normal float matches torch.randn / normal_", "[random]") {
  // torch.manual_seed(seed); torch.empty(n, dtype).normal_(mean, std); contiguous == 0:
  // a strided view (torch.empty(n, 2)[:, 0]), which PyTorch fills element by element.
  struct Row { uint64_t seed; int64_t n; double mean, std, contiguous; uint64_t fnv; float head[4]; };
  const Row rows[] = {
      {0, 5, 0.0, 1.0, 1.0, 0xcec5c9affc020eb6ull, {0x1.8a7eb8p+0f, -0x1.2c78ap-2f, -0x1.16e292p+1f, 0x1.23096cp-1f}},
      {0, 5, 1.5, 2.5, 1.0, 0xda9ec2985b8f4814ull, {0x1.568f34p+2f, 0x1.886938p-1f, -0x1.f9366ep+1f, 0x1.75e5e4p+1f}},
      {0, 5, 0.0, 1.0, 0.0, 0xcec5c9affc020eb6ull, {0x1.8a7eb8p+0f, -0x1.2c78ap-2f, -0x1.16e292p+1f, 0x1.23096cp-1f}},
      {0, 15, 0.0, 1.0, 1.0, 0x52b8f3bcc098f4b9ull, {0x1.8a7eb8p+0f, -0x1.2c78ap-2f, -0x1.16e292p+1f, 0x1.23096cp-1f}},
      {0, 15, 1.5, 2.5, 1.0, 0x3a46c381ee6c56e7ull, {0x1.568f34p+2f, 0x1.886938p-1f, -0x1.f9366ep+1f, 0x1.75e5e4p+1f}},
      {0, 15, 0.0, 1.0, 0.0, 0x52b8f3bcc098f4b9ull, {0x1.8a7eb8p+0f, -0x1.2c78ap-2f, -0x1.16e292p+1f, 0x1.23096cp-1f}},
      {0, 16, 0.0, 1.0, 1.0, 0x28d49f8f92bf21d6ull, {-0x1.20370ap+0f, -0x1.270114p+0f, -0x1.0097acp-2f, -0x1.bc4abap-2f}},
      {0, 16, 1.5, 2.5, 1.0, 0x51bf5564e4a80d0dull, {-0x1.508998p+0f, -0x1.6182b2p+0f, 0x1.bf4268p-1f, 0x1.a9453p-2f}},
      {0, 16, 0.0, 1.0, 0.0, 0x1ca1bdb950a03021ull, {0x1.8a7eb8p+0f, -0x1.2c78ap-2f, -0x1.16e292p+1f, 0x1.23096cp-1f}},
      {0, 17, 0.0, 1.0, 1.0, 0x9151e09be6bcf07aull, {-0x1.20370ap+0f, -0x1.b2288cp+0f, 0x1.222008p-1f, 0x1.9646bap-1f}},
      {0, 17, 1.5, 2.5, 1.0, 0xed11634368fc9898ull, {-0x1.508998p+0f, -0x1.5eb2bp+1f, 0x1.755404p+1f, 0x1.bdec34p+1f}},
      {0, 17, 0.0, 1.0, 0.0, 0x163057e8012dac0dull, {0x1.8a7eb8p+0f, -0x1.2c78ap-2f, -0x1.16e292p+1f, 0x1.23096cp-1f}},
      {0, 100, 0.0, 1.0, 1.0, 0x6b680134d3d69e1bull, {-0x1.20370ap+0f, -0x1.270114p+0f, -0x1.0097acp-2f, -0x1.bc4abap-2f}},
      {0, 100, 1.5, 2.5, 1.0, 0x60dbd50ce8584911ull, {-0x1.508998p+0f, -0x1.6182b2p+0f, 0x1.bf4268p-1f, 0x1.a9453p-2f}},
      {0, 100, 0.0, 1.0, 0.0, 0xc1f8b8c4215cea05ull, {0x1.8a7eb8p+0f, -0x1.2c78ap-2f, -0x1.16e292p+1f, 0x1.23096cp-1f}},
      {42, 5, 0.0, 1.0, 1.0, 0x0db62b496c414f74ull, {0x1.58c55cp-2f, 0x1.07cd3ap-3f, 0x1.e02dcep-3f, 0x1.d7b8d8p-3f}},
      {42, 5, 1.5, 2.5, 1.0, 0x55d9f2fdfbdef529ull, {0x1.2bbdacp+1f, 0x1.d27022p+0f, 0x1.0b0728p+1f, 0x1.09b4e2p+1f}},
      {42, 5, 0.0, 1.0, 0.0, 0x0db62b496c414f74ull, {0x1.58c55cp-2f, 0x1.07cd3ap-3f, 0x1.e02dcep-3f, 0x1.d7b8d8p-3f}},
      {42, 15, 0.0, 1.0, 1.0, 0x4c7fdcb26081ae6bull, {0x1.58c55cp-2f, 0x1.07cd3ap-3f, 0x1.e02dcep-3f, 0x1.d7b8d8p-3f}},
      {42, 15, 1.5, 2.5, 1.0, 0x84b846d40c5727b8ull, {0x1.2bbdacp+1f, 0x1.d27022p+0f, 0x1.0b0728p+1f, 0x1.09b4e2p+1f}},
      {42, 15, 0.0, 1.0, 0.0, 0x4c7fdcb26081ae6bull, {0x1.58c55cp-2f, 0x1.07cd3ap-3f, 0x1.e02dcep-3f, 0x1.d7b8d8p-3f}},
      {42, 16, 0.0, 1.0, 1.0, 0x080ffa5fbeb15154ull, {0x1.ed4a52p+0f, 0x1.7cbea6p+0f, 0x1.cd2acep-1f, -0x1.0d81b6p+1f}},
      {42, 16, 1.5, 2.5, 1.0, 0x137a8ff240ee5edbull, {0x1.944e74p+2f, 0x1.4df728p+2f, 0x1.e03acp+1f, -0x1.e1c448p+1f}},
      {42, 16, 0.0, 1.0, 0.0, 0x35aa85f176b96250ull, {0x1.58c55cp-2f, 0x1.07cd3ap-3f, 0x1.e02dcep-3f, 0x1.d7b8d8p-3f}},
      {42, 17, 0.0, 1.0, 1.0, 0x91ae8bd790a50356ull, {0x1.ed4a52p+0f, -0x1.46db0ap-3f, -0x1.fd55c8p-2f, 0x1.c223bp-2f}},
      {42, 17, 1.5, 2.5, 1.0, 0xe6314b80e38902c9ull, {0x1.944e74p+2f, 0x1.19db8cp+0f, 0x1.06a98cp-2f, 0x1.4cab28p+1f}},
      {42, 17, 0.0, 1.0, 0.0, 0x232155d7a098144cull, {0x1.58c55cp-2f, 0x1.07cd3ap-3f, 0x1.e02dcep-3f, 0x1.d7b8d8p-3f}},
      {42, 100, 0.0, 1.0, 1.0, 0x7ea02704af7a98a3ull, {0x1.ed4a52p+0f, 0x1.7cbea6p+0f, 0x1.cd2acep-1f, -0x1.0d81b6p+1f}},
      {42, 100, 1.5, 2.5, 1.0, 0xe2ed620a5d6d1aa1ull, {0x1.944e74p+2f, 0x1.4df728p+2f, 0x1.e03acp+1f, -0x1.e1c448p+1f}},
      {42, 100, 0.0, 1.0, 0.0, 0x649f6c9173155b4eull, {0x1.58c55cp-2f, 0x1.07cd3ap-3f, 0x1.e02dcep-3f, 0x1.d7b8d8p-3f}},
      {1234, 5, 0.0, 1.0, 1.0, 0x02a51da55c1bebb0ull, {0x1.79e698p-5f, 0x1.9c0f7cp-2f, -0x1.02f392p+0f, 0x1.bbe142p-3f}},
      {1234, 5, 1.5, 2.5, 1.0, 0xb84bb94dedf54dfaull, {0x1.9d8604p+0f, 0x1.40c4d6p+1f, -0x1.0760eep+0f, 0x1.055b32p+1f}},
      {1234, 5, 0.0, 1.0, 0.0, 0x02a51da55c1bebb0ull, {0x1.79e698p-5f, 0x1.9c0f7cp-2f, -0x1.02f392p+0f, 0x1.bbe142p-3f}},
      {1234, 15, 0.0, 1.0, 1.0, 0x956f3769da36cd9bull, {0x1.79e698p-5f, 0x1.9c0f7cp-2f, -0x1.02f392p+0f, 0x1.bbe142p-3f}},
      {1234, 15, 1.5, 2.5, 1.0, 0xeb828ec2264bf085ull, {0x1.9d8604p+0f, 0x1.40c4d6p+1f, -0x1.0760eep+0f, 0x1.055b32p+1f}},
      {1234, 15, 0.0, 1.0, 0.0, 0x956f3769da36cd9bull, {0x1.79e698p-5f, 0x1.9c0f7cp-2f, -0x1.02f392p+0f, 0x1.bbe142p-3f}},
      {1234, 16, 0.0, 1.0, 1.0, 0x2fac46da4ff5def9ull, {-0x1.c99968p-4f, -0x1.fc821ep-2f, 0x1.4df996p-3f, -0x1.c36c94p-1f}},
      {1234, 16, 1.5, 2.5, 1.0, 0xb290719277ae3b94ull, {0x1.388008p+0f, 0x1.08bab4p-2f, 0x1.e85dfep+0f, -0x1.688f72p-1f}},
      {1234, 16, 0.0, 1.0, 0.0, 0x16bd14b8aaede2f4ull, {0x1.79e698p-5f, 0x1.9c0f7cp-2f, -0x1.02f392p+0f, 0x1.bbe142p-3f}},
      {1234, 17, 0.0, 1.0, 1.0, 0x0040866a94abd8d2ull, {-0x1.c99968p-4f, -0x1.7a027ep-4f, -0x1.68eb3cp-1f, -0x1.9a3468p+0f}},
      {1234, 17, 1.5, 2.5, 1.0, 0x12395c09bf116e22ull, {0x1.388008p+0f, 0x1.44ef9cp+0f, -0x1.0c982cp-2f, -0x1.40c182p+1f}},
      {1234, 17, 0.0, 1.0, 0.0, 0x5ae9f9959d0ca7eeull, {0x1.79e698p-5f, 0x1.9c0f7cp-2f, -0x1.02f392p+0f, 0x1.bbe142p-3f}},
      {1234, 100, 0.0, 1.0, 1.0, 0x3e87ba1e2830f9ddull, {-0x1.c99968p-4f, -0x1.fc821ep-2f, 0x1.4df996p-3f, -0x1.c36c94p-1f}},
      {1234, 100, 1.5, 2.5, 1.0, 0x8395ea4d9ba7a948ull, {0x1.388008p+0f, 0x1.08bab4p-2f, 0x1.e85dfep+0f, -0x1.688f72p-1f}},
      {1234, 100, 0.0, 1.0, 0.0, 0xe23ab1890b686522ull, {0x1.79e698p-5f, 0x1.9c0f7cp-2f, -0x1.02f392p+0f, 0x1.bbe142p-3f}},
  };
  for (const Row& r : rows) {
    Generator g(r.seed);
    std::vector<float> v(r.n);
    normal(g, v.data(), r.n, r.mean, r.std, r.contiguous != 0);
    check_same(v, r.fnv, r.head, r.seed);
  }
}

TEST_CASE("normal double matches torch.randn / normal_", "[random]") {
  // torch.manual_seed(seed); torch.empty(n, dtype).normal_(mean, std); contiguous == 0:
  // a strided view (torch.empty(n, 2)[:, 0]), which PyTorch fills element by element.
  struct Row { uint64_t seed; int64_t n; double mean, std, contiguous; uint64_t fnv; double head[4]; };
  const Row rows[] = {
      {0, 5, 0.0, 1.0, 1.0, 0xeec8bec8097190c6ull, {0x1.8a7eb8902be3ap+0, -0x1.2c78a087c6feap-2, -0x1.16e2920a70ee5p+1, 0x1.23096ca3e350dp-1}},
      {0, 5, 1.5, 2.5, 1.0, 0x5b206b515b9c06e6ull, {0x1.568f335a1b6e4p+2, 0x1.886937564741cp-1, -0x1.f9366d1a1a53cp+1, 0x1.75e5e3e66e128p+1}},
      {0, 5, 0.0, 1.0, 0.0, 0xeec8bec8097190c6ull, {0x1.8a7eb8902be3ap+0, -0x1.2c78a087c6feap-2, -0x1.16e2920a70ee5p+1, 0x1.23096ca3e350dp-1}},
      {0, 15, 0.0, 1.0, 1.0, 0xdb2c53f5c28de058ull, {0x1.8a7eb8902be3ap+0, -0x1.2c78a087c6feap-2, -0x1.16e2920a70ee5p+1, 0x1.23096ca3e350dp-1}},
      {0, 15, 1.5, 2.5, 1.0, 0xa598fd98ec68089bull, {0x1.568f335a1b6e4p+2, 0x1.886937564741cp-1, -0x1.f9366d1a1a53cp+1, 0x1.75e5e3e66e128p+1}},
      {0, 15, 0.0, 1.0, 0.0, 0xdb2c53f5c28de058ull, {0x1.8a7eb8902be3ap+0, -0x1.2c78a087c6feap-2, -0x1.16e2920a70ee5p+1, 0x1.23096ca3e350dp-1}},
      {0, 16, 0.0, 1.0, 1.0, 0x3df37e899b1a9579ull, {-0x1.27bb92e9262dcp+1, -0x1.7e3579493946p-2, -0x1.0f91ae8d685b6p+0, 0x1.ffbfb0ada994bp-1}},
      {0, 16, 1.5, 2.5, 1.0, 0x6349e04d61e3d003ull, {-0x1.11aa77a36fb93p+2, 0x1.223d286478688p-1, -0x1.26ec346184e47p+0, 0x1.ffd7ce6c89fcfp+1}},
      {0, 16, 0.0, 1.0, 0.0, 0x2ef02f22bea9c5aaull, {0x1.8a7eb8902be3ap+0, -0x1.2c78a087c6feap-2, -0x1.16e2920a70ee5p+1, 0x1.23096ca3e350dp-1}},
      {0, 17, 0.0, 1.0, 1.0, 0x6667dbbc129ef6a9ull, {-0x1.27bb92e9262dcp+1, -0x1.443c91ccf2402p-1, -0x1.42cbf54f08f8ep+0, -0x1.7432edfaba107p-1}},
      {0, 17, 1.5, 2.5, 1.0, 0xb2ab4ee62dd00120ull, {-0x1.11aa77a36fb93p+2, -0x1.54bb6402ed028p-4, -0x1.a6fde545966e3p+0, -0x1.44fea5e5a2523p-2}},
      {0, 17, 0.0, 1.0, 0.0, 0xf6ac274bc106ae0dull, {0x1.8a7eb8902be3ap+0, -0x1.2c78a087c6feap-2, -0x1.16e2920a70ee5p+1, 0x1.23096ca3e350dp-1}},
      {0, 100, 0.0, 1.0, 1.0, 0x93b683d450f575ecull, {-0x1.27bb92e9262dcp+1, -0x1.7e3579493946p-2, -0x1.0f91ae8d685b6p+0, 0x1.ffbfb0ada994bp-1}},
      {0, 100, 1.5, 2.5, 1.0, 0x8449d584e71373e0ull, {-0x1.11aa77a36fb93p+2, 0x1.223d286478688p-1, -0x1.26ec346184e47p+0, 0x1.ffd7ce6c89fcfp+1}},
      {0, 100, 0.0, 1.0, 0.0, 0x86219fd8fa626d4cull, {0x1.8a7eb8902be3ap+0, -0x1.2c78a087c6feap-2, -0x1.16e2920a70ee5p+1, 0x1.23096ca3e350dp-1}},
      {42, 5, 0.0, 1.0, 1.0, 0xbe499b105e7a33bfull, {0x1.58c55b33d44ccp-2, 0x1.07cd39b3d4b85p-3, 0x1.e02dcdb63ec41p-3, 0x1.d7b8d7b0a7c22p-3}},
      {42, 5, 1.5, 2.5, 1.0, 0xf1989109aa4d769aull, {0x1.2bbdac803258p+1, 0x1.d27022083279ap+0, 0x1.0b07282479ceap+1, 0x1.09b4e1b39a365p+1}},
      {42, 5, 0.0, 1.0, 0.0, 0xbe499b105e7a33bfull, {0x1.58c55b33d44ccp-2, 0x1.07cd39b3d4b85p-3, 0x1.e02dcdb63ec41p-3, 0x1.d7b8d7b0a7c22p-3}},
      {42, 15, 0.0, 1.0, 1.0, 0xd6c63d6059f625fcull, {0x1.58c55b33d44ccp-2, 0x1.07cd39b3d4b85p-3, 0x1.e02dcdb63ec41p-3, 0x1.d7b8d7b0a7c22p-3}},
      {42, 15, 1.5, 2.5, 1.0, 0x6a1ec9627bcc68a9ull, {0x1.2bbdac803258p+1, 0x1.d27022083279ap+0, 0x1.0b07282479ceap+1, 0x1.09b4e1b39a365p+1}},
      {42, 15, 0.0, 1.0, 0.0, 0xd6c63d6059f625fcull, {0x1.58c55b33d44ccp-2, 0x1.07cd39b3d4b85p-3, 0x1.e02dcdb63ec41p-3, 0x1.d7b8d7b0a7c22p-3}},
      {42, 16, 0.0, 1.0, 1.0, 0x117bd9c10fb01307ull, {0x1.32bee22ccb503p-2, 0x1.f063c46668b78p-3, 0x1.22011e840abbdp-2, -0x1.dd10ce0b8c5a4p-3}},
      {42, 16, 1.5, 2.5, 1.0, 0xcbb3f33fd8421721ull, {0x1.1fdba6adff891p+1, 0x1.0d8f96b0005cbp+1, 0x1.1aa05989435abp+1, 0x1.d5d57f38c847ap-1}},
      {42, 16, 0.0, 1.0, 0.0, 0x49fe45107d5b3b0bull, {0x1.58c55b33d44ccp-2, 0x1.07cd39b3d4b85p-3, 0x1.e02dcdb63ec41p-3, 0x1.d7b8d7b0a7c22p-3}},
      {42, 17, 0.0, 1.0, 1.0, 0xa5abb71c3372b86full, {0x1.32bee22ccb503p-2, 0x1.812ba60e823bdp+0, 0x1.4586fc50325b4p+0, 0x1.3cc2503d82af8p-1}},
      {42, 17, 1.5, 2.5, 1.0, 0xca2ef5a5a9dc2735ull, {0x1.1fdba6adff891p+1, 0x1.50bb47c911656p+2, 0x1.2b745db21f79p+2, 0x1.85f9722671adbp+1}},
      {42, 17, 0.0, 1.0, 0.0, 0x6b3b816c762aaf04ull, {0x1.58c55b33d44ccp-2, 0x1.07cd39b3d4b85p-3, 0x1.e02dcdb63ec41p-3, 0x1.d7b8d7b0a7c22p-3}},
      {42, 100, 0.0, 1.0, 1.0, 0x2985aa2c3b212a90ull, {0x1.32bee22ccb503p-2, 0x1.f063c46668b78p-3, 0x1.22011e840abbdp-2, -0x1.dd10ce0b8c5a4p-3}},
      {42, 100, 1.5, 2.5, 1.0, 0xe021f4de7b7de796ull, {0x1.1fdba6adff891p+1, 0x1.0d8f96b0005cbp+1, 0x1.1aa05989435abp+1, 0x1.d5d57f38c847ap-1}},
      {42, 100, 0.0, 1.0, 0.0, 0xdc835484447639afull, {0x1.58c55b33d44ccp-2, 0x1.07cd39b3d4b85p-3, 0x1.e02dcdb63ec41p-3, 0x1.d7b8d7b0a7c22p-3}},
      {1234, 5, 0.0, 1.0, 1.0, 0x9b933aad4fc7c705ull, {0x1.79e6972642193p-5, 0x1.9c0f7c849c2d7p-2, -0x1.02f39229f0987p+0, 0x1.bbe141793099bp-3}},
      {1234, 5, 1.5, 2.5, 1.0, 0x39586f34c73f738dull, {0x1.9d8603cefd29fp+0, 0x1.40c4d6e970ce3p+1, -0x1.0760ed68d97d2p+0, 0x1.055b323aef98p+1}},
      {1234, 5, 0.0, 1.0, 0.0, 0x9b933aad4fc7c705ull, {0x1.79e6972642193p-5, 0x1.9c0f7c849c2d7p-2, -0x1.02f39229f0987p+0, 0x1.bbe141793099bp-3}},
      {1234, 15, 0.0, 1.0, 1.0, 0x4ad1713e16bc7e25ull, {0x1.79e6972642193p-5, 0x1.9c0f7c849c2d7p-2, -0x1.02f39229f0987p+0, 0x1.bbe141793099bp-3}},
      {1234, 15, 1.5, 2.5, 1.0, 0xbbfd3ed0ae170334ull, {0x1.9d8603cefd29fp+0, 0x1.40c4d6e970ce3p+1, -0x1.0760ed68d97d2p+0, 0x1.055b323aef98p+1}},
      {1234, 15, 0.0, 1.0, 0.0, 0x4ad1713e16bc7e25ull, {0x1.79e6972642193p-5, 0x1.9c0f7c849c2d7p-2, -0x1.02f39229f0987p+0, 0x1.bbe141793099bp-3}},
      {1234, 16, 0.0, 1.0, 1.0, 0xa5cdad744ec863e7ull, {-0x1.69b7d46e0a142p-4, 0x1.5e42075054d76p-2, 0x1.a5093d2e85c6dp-2, 0x1.014f3763d4e07p+0}},
      {1234, 16, 1.5, 2.5, 1.0, 0x27cd32ae40b6dcdaull, {0x1.477b46cece6cep+0, 0x1.2d74a2491a835p+1, 0x1.4392e31e89ce2p+1, 0x1.00d1829e650c4p+2}},
      {1234, 16, 0.0, 1.0, 0.0, 0x91c5a40294d02596ull, {0x1.79e6972642193p-5, 0x1.9c0f7c849c2d7p-2, -0x1.02f39229f0987p+0, 0x1.bbe141793099bp-3}},
      {1234, 17, 0.0, 1.0, 1.0, 0x389e12cbc638c0bfull, {-0x1.69b7d46e0a142p-4, 0x1.508c8bb4c89e6p-1, -0x1.a27fd8bade908p+0, -0x1.38b710004e8e4p-1}},
      {1234, 17, 1.5, 2.5, 1.0, 0x06bd422a319457e8ull, {0x1.477b46cece6cep+0, 0x1.9257d750fd63p+1, -0x1.4b1fcee99634ap+1, -0x1.b93500188c74p-6}},
      {1234, 17, 0.0, 1.0, 0.0, 0x6e5e959bdf50be7cull, {0x1.79e6972642193p-5, 0x1.9c0f7c849c2d7p-2, -0x1.02f39229f0987p+0, 0x1.bbe141793099bp-3}},
      {1234, 100, 0.0, 1.0, 1.0, 0x72999e57afc3615aull, {-0x1.69b7d46e0a142p-4, 0x1.5e42075054d76p-2, 0x1.a5093d2e85c6dp-2, 0x1.014f3763d4e07p+0}},
      {1234, 100, 1.5, 2.5, 1.0, 0x4b7b3ec7cc57b3baull, {0x1.477b46cece6cep+0, 0x1.2d74a2491a835p+1, 0x1.4392e31e89ce2p+1, 0x1.00d1829e650c4p+2}},
      {1234, 100, 0.0, 1.0, 0.0, 0x69c4ad4fae194452ull, {0x1.79e6972642193p-5, 0x1.9c0f7c849c2d7p-2, -0x1.02f39229f0987p+0, 0x1.bbe141793099bp-3}},
  };
  for (const Row& r : rows) {
    Generator g(r.seed);
    std::vector<double> v(r.n);
    normal(g, v.data(), r.n, r.mean, r.std, r.contiguous != 0);
    check_same(v, r.fnv, r.head, r.seed);
  }
}

TEST_CASE("Half uniform_ and normal_ match PyTorch", "[random]") {
  // is_normal ? empty(n, dtype).normal_(a, b) : empty(n, dtype).uniform_(a, b); raw 16-bit patterns
  struct Row { uint64_t seed; int64_t n; double is_normal, a, b; uint64_t fnv; uint16_t head[4]; };
  const Row rows[] = {
      {0, 5, 0.0, -1.0, 3.0, 0xf049e90a7ad886d8ull, {0x3560, 0x2de0, 0x4075, 0x3d80}},
      {0, 5, 1.0, 0.5, 2.0, 0x1ee300f9850210a5ull, {0x432a, 0xad8f, 0xc3b7, 0x3e8c}},
      {0, 17, 0.0, -1.0, 3.0, 0x457532b68de273c2ull, {0x3560, 0x2de0, 0x4075, 0x3d80}},
      {0, 17, 1.0, 0.5, 2.0, 0x355bd6f180854b9cull, {0xbd35, 0xc049, 0x3c3d, 0x35c0}},
      {0, 100, 0.0, -1.0, 3.0, 0xc7589e93e6ca0dceull, {0x3560, 0x2de0, 0x4075, 0x3d80}},
      {0, 100, 1.0, 0.5, 2.0, 0xc2a7fb7bd5017c14ull, {0xbd35, 0x3dda, 0x41cb, 0x409f}},
      {42, 5, 0.0, -1.0, 3.0, 0x879b690741179b5full, {0x3ccc, 0x3f66, 0x3970, 0x3e1c}},
      {42, 5, 1.0, 0.5, 2.0, 0xe9ada8796d5197b4ull, {0x3cb2, 0x3a10, 0x3bc0, 0x3baf}},
      {42, 17, 0.0, -1.0, 3.0, 0x79c31d67dbf35dc5ull, {0x3ccc, 0x3f66, 0x3970, 0x3e1c}},
      {42, 17, 1.0, 0.5, 2.0, 0x7e7a15941782a79eull, {0x3d18, 0xb00e, 0xc0d4, 0x3a33}},
      {42, 100, 0.0, -1.0, 3.0, 0x048c3aeeb83b83eeull, {0x3ccc, 0x3f66, 0x3970, 0x3e1c}},
      {42, 100, 1.0, 0.5, 2.0, 0x6c80248c2a060aa1ull, {0x3d18, 0x42e3, 0x3a59, 0xbef5}},
      {1234, 5, 0.0, -1.0, 3.0, 0xdb016961abc61a94ull, {0x38bc, 0x3698, 0x3e4c, 0x3c6a}},
      {1234, 5, 1.0, 0.5, 2.0, 0xeed437f8ee0cdca7ull, {0x38bd, 0x3d38, 0xbe18, 0x3b78}},
      {1234, 17, 0.0, -1.0, 3.0, 0x66d99f45dfd198f6ull, {0x38bc, 0x3698, 0x3e4c, 0x3c6a}},
      {1234, 17, 1.0, 0.5, 2.0, 0x759a53a4396484bdull, {0x3d6f, 0xbfa4, 0xc340, 0x3ead}},
      {1234, 100, 0.0, -1.0, 3.0, 0x8d1d77dc8d5bfba7ull, {0x38bc, 0x3698, 0x3e4c, 0x3c6a}},
      {1234, 100, 1.0, 0.5, 2.0, 0xa90d5dd31ad02817ull, {0x3d6f, 0xb76a, 0x40c4, 0xbd63}},
  };
  for (const Row& r : rows) {
    Generator g(r.seed);
    std::vector<Half> v(r.n);
    if (r.is_normal != 0) normal(g, v.data(), r.n, r.a, r.b);
    else uniform(g, v.data(), r.n, r.a, r.b);
    check_same(v, r.fnv, r.head, r.seed);
  }
}

TEST_CASE("BFloat16 uniform_ and normal_ match PyTorch", "[random]") {
  // is_normal ? empty(n, dtype).normal_(a, b) : empty(n, dtype).uniform_(a, b); raw 16-bit patterns
  struct Row { uint64_t seed; int64_t n; double is_normal, a, b; uint64_t fnv; uint16_t head[4]; };
  const Row rows[] = {
      {0, 5, 0.0, -1.0, 3.0, 0x067530e0e0e511e8ull, {0x3fd8, 0xbe88, 0x3f54, 0x4000}},
      {0, 5, 1.0, 0.5, 2.0, 0x212013de7e0fb356ull, {0x4065, 0xbdb2, 0xc077, 0x3fd2}},
      {0, 17, 0.0, -1.0, 3.0, 0xa369bd47a0651fd5ull, {0x3fd8, 0xbe88, 0x3f54, 0x4000}},
      {0, 17, 1.0, 0.5, 2.0, 0xd76cc9fc58f9a4f0ull, {0x405b, 0xbf04, 0xbebe, 0x404f}},
      {0, 100, 0.0, -1.0, 3.0, 0x214095efe4d98f32ull, {0x3fd8, 0xbe88, 0x3f54, 0x4000}},
      {0, 100, 1.0, 0.5, 2.0, 0x74c122b1c864dd1cull, {0x405b, 0x3f8a, 0x401b, 0x4069}},
      {42, 5, 0.0, -1.0, 3.0, 0x5411feefe15698f1ull, {0x3f18, 0x3fe6, 0x3ee0, 0xbf48}},
      {42, 5, 1.0, 0.5, 2.0, 0x81f958fd856ab345ull, {0x3f96, 0x3f42, 0x3f78, 0x3f76}},
      {42, 17, 0.0, -1.0, 3.0, 0xa4cb1e848aaf7cc4ull, {0x3f18, 0x3fe6, 0x3ee0, 0xbf48}},
      {42, 17, 1.0, 0.5, 2.0, 0x784ea97d560bd871ull, {0xbf8f, 0xbf84, 0x400a, 0xbff0}},
      {42, 100, 0.0, -1.0, 3.0, 0x102bff1c81b94029ull, {0x3f18, 0x3fe6, 0x3ee0, 0xbf48}},
      {42, 100, 1.0, 0.5, 2.0, 0x0e67c7d9d124a5caull, {0xbf8f, 0xc024, 0x3fa8, 0x3f58}},
      {1234, 5, 0.0, -1.0, 3.0, 0xeae16d8ba8e3ea84ull, {0xbe88, 0x4013, 0xbed0, 0xbe30}},
      {1234, 5, 1.0, 0.5, 2.0, 0x9db9d9154421e776ull, {0x3f18, 0x3fa7, 0xbfc3, 0x3f6f}},
      {1234, 17, 0.0, -1.0, 3.0, 0x64d0b8b4b1c662a7ull, {0xbe88, 0x4013, 0xbed0, 0xbe30}},
      {1234, 17, 1.0, 0.5, 2.0, 0xba80354a1666dd48ull, {0xbf30, 0xbec2, 0x3f35, 0xbfdc}},
      {1234, 100, 0.0, -1.0, 3.0, 0x1f0d42196fffb5b3ull, {0xbe88, 0x4013, 0xbed0, 0xbe30}},
      {1234, 100, 1.0, 0.5, 2.0, 0xc7b026c71f6f4ebbull, {0xbf30, 0xbf58, 0x3fba, 0x3fd4}},
  };
  for (const Row& r : rows) {
    Generator g(r.seed);
    std::vector<BFloat16> v(r.n);
    if (r.is_normal != 0) normal(g, v.data(), r.n, r.a, r.b);
    else uniform(g, v.data(), r.n, r.a, r.b);
    check_same(v, r.fnv, r.head, r.seed);
  }
}

TEST_CASE("erfinv matches torch.erfinv", "[random]") {
  check_erfinv<float>({-0x1p+0f, -0x1.ff7ceep-1f, -0x1.666666p-1f, -0x1p-1f, -0x1.99999ap-4f, 0x0p+0f, 0x1.5798eep-27f, 0x1.333334p-2f, 0x1.666516p-1f, 0x1.666666p-1f, 0x1.6667b6p-1f, 0x1.ccccccp-1f, 0x1.ffffdep-1f, 0x1p+0f, 0x1.f9add4p-4f, -0x1.c0ca46p-1f},
                    {-kInf, -0x1.29d32ap+1f, -0x1.773a9cp-1f, -0x1.e861fcp-2f, -0x1.6bf442p-4f, 0x0p+0f, 0x1.308158p-27f, 0x1.170078p-2f, 0x1.7738a2p-1f, 0x1.773a9cp-1f, 0x1.773c98p-1f, 0x1.29c012p+0f, 0x1.ba81dep+1f, kInf, 0x1.c1f32p-4f, -0x1.16d8c4p+0f});
  check_erfinv<double>({-0x1p+0, -0x1.ff7ced916872bp-1, -0x1.6666666666666p-1, -0x1p-1, -0x1.999999999999ap-4, 0x0p+0, 0x1.5798ee2308c3ap-27, 0x1.3333333333333p-2, 0x1.666516db0dd83p-1, 0x1.6666666666666p-1, 0x1.6667b5f1bef4ap-1, 0x1.ccccccccccccdp-1, 0x1.ffffde7210be9p-1, 0x1p+0, 0x1.f9add3739635fp-4, -0x1.c0ca4588f6335p-1},
                    {-kInf, -0x1.29d311405cd9fp+1, -0x1.773a9da42b45p-1, -0x1.e861fbb24c00ap-2, -0x1.6bf442539fd74p-4, 0x0p+0, 0x1.308158419499ap-27, 0x1.1700774485ed3p-2, 0x1.7738a0d702098p-1, 0x1.773a9da42b45p-1, 0x1.773c9a7439a1p-1, 0x1.29c0146770651p+0, 0x1.babd9648350ddp+1, kInf, 0x1.c1f31fbd5a8b8p-4, -0x1.16d8c218cff5p+0});
}

TEST_CASE("Box-Muller log and sincos over every input PyTorch can feed them", "[random]") {
  // normal_ on float32 evaluates avx_mathfun's log at 1 - k/2^24 and sincos at
  // float(2*pi) * k/2^24 for k < 2^24. The hashes are those of PyTorch's own
  // log256_ps/sincos256_ps (its header, compiled as PyTorch is: GCC 12, -O2 -mavx2 -mfma)
  // over all 2^24 inputs, so the emulation is checked exhaustively.
  const float two_pi = static_cast<float>(2.0 * 3.14159265358979323846);
  uint64_t h_log = 0xcbf29ce484222325ull, h_sincos = h_log;
  auto mix = [](uint64_t& h, float f) {
    unsigned char b[4];
    std::memcpy(b, &f, 4);
    for (unsigned char byte : b) {
      h ^= byte;
      h *= 0x100000001b3ull;
    }
  };
  for (uint32_t k = 0; k < (1u << 24); ++k) {
    const float u = static_cast<float>(k) * (1.0f / 16777216.0f);
    float s, c;
    detail::cephes_sincosf(two_pi * u, &s, &c);
    mix(h_log, detail::cephes_logf(1.0f - u));
    mix(h_sincos, s);
    mix(h_sincos, c);
  }
  CHECK(h_log == 0x4503603f9610e22aull);
  CHECK(h_sincos == 0x01fbd20b5b403384ull);
}
