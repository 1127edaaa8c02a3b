// The GPU backends run the same path as cpu-sim: each must agree with the CPU
// reference on the square spec. Without the device they skip visibly; the
// compile step is still checked where the compiler exists.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/verifier/verifier_fixture.hpp"

namespace kq::verify {
namespace {

using namespace testing;

bool can(const std::string& backend, bool run) {
  auto names = available_backends(quick_options(), run);
  return std::find(names.begin(), names.end(), backend) != names.end();
}

// Runs square on `backend` and compares it with the golden.
void expect_agrees_with_golden(const std::string& backend, Dialect dialect, const std::string& unit) {
  if (!can(backend, true)) GTEST_SKIP() << backend << ": no device on this machine";
  test::TempDir golden, out;
  auto s = spec("square.json");
  auto g = run_golden(data("square_golden.cpp"), s, golden.path(), quick_options());
  ASSERT_TRUE(g.passed()) << g.log;
  auto o = quick_options();
  o.timing = true;
  auto r = run_spec(data(unit), dialect, s, backend, out.path(), o);
  ASSERT_TRUE(r.passed()) << to_string(r.status) << " (" << r.stage << ")\n" << r.log;
  EXPECT_FALSE(r.device.empty());
  EXPECT_GE(r.kernel_ms, 0.0);
  auto c = compare_outputs(golden.path(), out.path(), s);
  EXPECT_TRUE(c.equal) << c.first_diff;
}

TEST(GpuBackends, CudaAgreesWithGolden) { expect_agrees_with_golden("cuda", Dialect::Cuda, "square.cu"); }
TEST(GpuBackends, HipOnNvidiaAgreesWithGolden) { expect_agrees_with_golden("hip-nvidia", Dialect::Hip, "square.hip"); }
TEST(GpuBackends, HipOnAmdAgreesWithGolden) { expect_agrees_with_golden("hip-amd", Dialect::Hip, "square.hip"); }

TEST(GpuBackends, CudaCompilesWhereNvccExists) {
  if (!can("cuda", false)) GTEST_SKIP() << "nvcc not found";
  if (can("cuda", true)) GTEST_SKIP() << "covered by CudaAgreesWithGolden";
  test::TempDir out;
  auto r = run_spec(data("square.cu"), Dialect::Cuda, spec("square.json"), "cuda", out.path(), quick_options());
  EXPECT_EQ(r.stage, "run") << "compile failed:\n" << r.log;
  EXPECT_NE(r.status, VerifyStatus::Pass) << "ran without a GPU?";
}

}  // namespace
}  // namespace kq::verify
