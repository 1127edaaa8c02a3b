// What the CPU execution runtime reports about broken kernels: divergent
// barriers, out-of-bounds accesses, and order-dependent results.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/runtime/sim_programs.hpp"

namespace kq::test {
namespace {

const std::filesystem::path& cuda_features() {
  static const std::filesystem::path binary = build_sim_program({"cuda_features.cu"});
  return binary;
}

RunResult run(const std::string& what, const std::map<std::string, std::string>& env = {}) {
  if (cuda_features().empty()) return {};
  return run_sim_program(cuda_features(), {what}, env);
}

TEST(SimDiagnostics, DivergentBarrierIsReportedNotHung) {
  const RunResult r = run("diverge");
  EXPECT_FALSE(r.timed_out);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("kq-sim: barrier divergence in kernel 'divergent_barrier' block ("), std::string::npos)
      << r.err;
}

TEST(SimDiagnostics, ThreadsExitingBeforeABarrierAreDivergenceOnlyWhenStrict) {
  const RunResult strict = run("exit_diverge", {{"KQ_SIM_BARRIER", "strict"}});
  EXPECT_NE(strict.exit_code, 0);
  EXPECT_NE(strict.err.find("kq-sim: barrier divergence in kernel 'exit_before_barrier'"), std::string::npos)
      << strict.err;
  // NVIDIA hardware releases a barrier when only exited threads are missing.
  const RunResult lenient = run("exit_diverge");
  ASSERT_TRUE(lenient.ok()) << lenient.describe() << lenient.err;
  const std::vector<double> out = numbers_on_line(lenient.out, 0);
  ASSERT_EQ(out.size(), 64u);
  for (int i = 0; i < 64; ++i) EXPECT_EQ(out[i], i < 40 ? 1 : 0) << i;
}

TEST(SimDiagnostics, OutOfBoundsWriteNamesTheBufferAndKernel) {
  const RunResult r = run("oob");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(r.out.find("not reached"), std::string::npos);
  EXPECT_NE(r.err.find("AddressSanitizer: heap-buffer-overflow"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("kq-sim: out-of-bounds access on buffer 'y' in kernel 'oob_write'"), std::string::npos)
      << r.err;
}

TEST(SimDiagnostics, RacyKernelDiffersBetweenSchedules) {
  const RunResult forward = run("racy", {{"KQ_SIM_SCHEDULE", "forward"}});
  const RunResult reverse = run("racy", {{"KQ_SIM_SCHEDULE", "reverse"}});
  const RunResult shuffled = run("racy", {{"KQ_SIM_SCHEDULE", "shuffle:7"}});
  ASSERT_TRUE(forward.ok() && reverse.ok() && shuffled.ok());
  // Forward: each thread reads its neighbour before the neighbour writes.
  std::vector<double> expected_forward;
  for (int i = 0; i < 31; ++i) expected_forward.push_back((i + 1) * 10 + 1);
  expected_forward.push_back(310);
  EXPECT_EQ(numbers_on_line(forward.out, 0), expected_forward);
  EXPECT_NE(forward.out, reverse.out);
  EXPECT_NE(forward.out, shuffled.out);
}

TEST(SimDiagnostics, OneThreadAndOneScheduleIsDeterministic) {
  const std::map<std::string, std::string> env = {{"KQ_SIM_THREADS", "1"}, {"KQ_SIM_SCHEDULE", "shuffle:42"}};
  const RunResult a = run("racy", env);
  const RunResult b = run("racy", env);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a.out, b.out);
  const RunResult other_seed = run("racy", {{"KQ_SIM_THREADS", "1"}, {"KQ_SIM_SCHEDULE", "shuffle:43"}});
  EXPECT_NE(a.out, other_seed.out);
}

TEST(SimDiagnostics, UnknownScheduleIsAUsageError) {
  const RunResult r = run("racy", {{"KQ_SIM_SCHEDULE", "sideways"}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("KQ_SIM_SCHEDULE"), std::string::npos);
}

}  // namespace
}  // namespace kq::test
