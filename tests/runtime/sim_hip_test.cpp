// HIP-spelled kernels through hip/hip_runtime.h on the CPU execution runtime
// with a 64-lane warp, as on AMD GPUs.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "tests/runtime/sim_programs.hpp"

namespace kq::test {
namespace {

int input_value(int i) { return (i * 37) % 101 - 50; }

std::string run_ok(const std::string& what) {
  static const std::filesystem::path binary = build_sim_program({"hip_features.hip", 64});
  if (binary.empty()) return {};
  const RunResult r = run_sim_program(binary, {what});
  EXPECT_TRUE(r.ok()) << what << ": " << r.describe() << "\n" << r.out << r.err;
  return r.out;
}

TEST(SimHip, LegacyShufflesAndBallotOver64Lanes) {
  std::vector<double> sums(4, 0), ballots(4, 0);
  for (int i = 0; i < 256; ++i) {
    sums[i / 64] += input_value(i);
    if (input_value(i) > 0) ballots[i / 64] += std::ldexp(1.0, i % 64);
  }
  const std::string out = run_ok("wave");
  EXPECT_EQ(numbers_on_line(out, 0), std::vector<double>{64});  // warpSize
  EXPECT_EQ(numbers_on_line(out, 1), sums);
  // Ballots above 2^53 do not survive a double exactly; compare the text.
  std::string expected;
  for (int w = 0; w < 4; ++w) {
    unsigned long long bits = 0;
    for (int lane = 0; lane < 64; ++lane)
      if (input_value(w * 64 + lane) > 0) bits |= 1ull << lane;
    expected += std::to_string(bits) + " ";
  }
  EXPECT_NE(out.find(expected), std::string::npos) << out;
}

TEST(SimHip, DynamicSharedViaHipMacro) {
  std::vector<double> expected;
  for (int b = 0; b < 2; ++b)
    for (int t = 0; t < 64; ++t) expected.push_back(b * 64 + (t + 1) % 64);
  EXPECT_EQ(numbers_on_line(run_ok("rotate"), 0), expected);
}

TEST(SimHip, ConstantMemoryViaHipSymbol) {
  EXPECT_EQ(numbers_on_line(run_ok("symbol"), 0), (std::vector<double>{101, -99, 101, -99, 101, -99}));
}

}  // namespace
}  // namespace kq::test
