// Curation refuses a kernel whose host-compiled path reaches the host, with
// the reason that goes into the funnel, even when it passed verification.
#include <gtest/gtest.h>

#include "curation/filters.hpp"

namespace kq::curation {
namespace {

db::CurationKernel kernel(std::int64_t id, const std::string& unit) {
  db::CurationKernel k;
  k.kernel_id = id;
  k.content_hash = "h" + std::to_string(id);
  k.norm_hash = "n" + std::to_string(id);
  k.license = "MIT";
  k.unit_source = unit;
  return k;
}

TEST(HostReachFilter, AKernelThatReachesTheHostIsNotReleased) {
  std::vector<db::CurationKernel> ks{
      kernel(1, "__global__ void copy(const float* a, float* b) {\n#ifndef __CUDA_ARCH__\n  system(\"id\");\n"
                "#endif\n  b[0] = a[0];\n}\n"),
      kernel(2, "__global__ void copy2(const float* a, float* b) { b[0] = a[0]; }\n")};
  std::map<std::int64_t, std::vector<db::VerificationRow>> verified;
  for (const auto& k : ks) {
    db::VerificationRow v;
    v.backend = "cpu-sim";
    v.status = "pass";
    verified[k.kernel_id] = {v};
  }
  CurationPolicy policy;
  policy.allowed_licenses = {"MIT"};
  auto d = decide(ks, verified, {}, policy);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_FALSE(d[0].keep);
  EXPECT_EQ(d[0].reason, "reaches the host from its CPU path: system (process, line 3)");
  EXPECT_TRUE(d[1].keep) << d[1].reason;
}

TEST(HostReachFilter, TheHipTranslationIsCheckedToo) {
  auto k = kernel(1, "__global__ void k(float* a) { a[0] = 1; }\n");
  k.hip_source = "__global__ void k(float* a) {\n#if !defined(__HIP_DEVICE_COMPILE__)\n  getenv(\"X\");\n#endif\n}\n";
  EXPECT_EQ(host_reach_reason(k), "reaches the host from its CPU path: getenv (environment, line 3)");
}

}  // namespace
}  // namespace kq::curation
