// The HIP translation of a CUDA unit with masked warp intrinsics compiles with
// the installed hipcc (--offload-arch=gfx90a -c), ROCm 5.2 included, which
// has none of the masked forms.
#include <gtest/gtest.h>

#include "core/subprocess.hpp"
#include "curation/dialect_text.hpp"
#include "extractor/compile_check.hpp"
#include "extractor/hipify.hpp"
#include "tests/support/test_support.hpp"

namespace kq::extractor {
namespace {

// Every masked intrinsic once, with full masks spelled three ways.
const char* kWarpUnit = R"(#include <cuda_runtime.h>
#define FULL_MASK 0xffffffffu
__device__ float warp_sum(float v) {
  for (int offset = 16; offset > 0; offset /= 2) v += __shfl_down_sync(FULL_MASK, v, offset);
  return v;
}
__global__ void warp_ops(const float* x, float* sum, float* mx, float* up, float* first, unsigned* votes, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = i < n ? x[i] : 0.0f;
  float m = v;
  for (int mask = 16; mask > 0; mask /= 2) m = fmaxf(m, __shfl_xor_sync(0xffffffff, m, mask));
  float s = warp_sum(v);
  float u = __shfl_up_sync(~0u, v, 1, 32);
  float f = __shfl_sync(FULL_MASK, v, 0);
  unsigned b = (unsigned)__ballot_sync(FULL_MASK, v > 0.0f);
  int any = __any_sync(FULL_MASK, v > 0.5f), all = __all_sync(FULL_MASK, v > -2.0f);
  if (i < n) {
    sum[i] = s; mx[i] = m; up[i] = u; first[i] = f;
    votes[i] = b ^ (unsigned)(any + 2 * all);
  }
}
)";

void expect_hipcc_compiles(const std::string& hip) {
  if (find_program("hipcc").empty()) GTEST_SKIP() << "hipcc is not installed";
  test::TempDir cache;
  UnitCompiler compiler({cache.path(), "sm_90", "gfx90a", std::chrono::seconds(300)});
  auto r = compiler.check(hip, Dialect::Hip);
  if (r.skipped) GTEST_SKIP() << r.log;
  EXPECT_TRUE(r.ok) << hip << "\n" << r.log;
}

TEST(HipifyWarp, MaskedIntrinsicsCompileWithInstalledHipcc) {
  std::string hip = hipify(kWarpUnit);
  EXPECT_EQ(hip.find("_sync("), std::string::npos) << hip;
  expect_hipcc_compiles(hip);
}

TEST(HipifyWarp, ReleaseTextOfACudaUnitCompilesWithInstalledHipcc) {
  std::string hip = curation::cuda_to_hip_text(kWarpUnit);
  EXPECT_NE(hip.find("__shfl_up(v, 1, 32)"), std::string::npos) << hip;
  expect_hipcc_compiles(hip);
}

}  // namespace
}  // namespace kq::extractor
