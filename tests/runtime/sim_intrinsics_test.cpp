// Conversion, rounding and integer intrinsics on cpu-sim against the H200's
// recorded results (programs/gpu/intrinsics.cu): every correctly rounded
// intrinsic bit for bit, in all four rounding directions, with the GPU's
// saturation and NaN patterns; the fast approximate forms within 2e-5.
#include <gtest/gtest.h>

#include "tests/runtime/gpu_reference.hpp"
#include "tests/runtime/sim_programs.hpp"

namespace kq::test {
namespace {

TEST(SimIntrinsics, EqualTheH200sBitForBit) {
  const std::filesystem::path bin = build_sim_program({"gpu/intrinsics.cu"});
  ASSERT_FALSE(bin.empty());
  const RunResult r = run_sim_program(bin, {});
  ASSERT_TRUE(r.ok()) << r.describe() << "\n" << r.err;
  const ProgramOutput gpu = parse_program_output(recorded_gpu_output("intrinsics"));
  const IntrinsicsLayout layout(gpu);
  ASSERT_EQ(layout.ops.size(), 7u);
  const auto groups = compare_outputs(
      gpu, parse_program_output(r.out), [&](const GpuValue& v) { return layout.tolerance(v); },
      [&](const GpuValue& v) { return layout.group(v); });
  const Agreement& exact = groups.at("exact");
  EXPECT_GT(exact.compared, 38000);
  EXPECT_EQ(exact.bit_equal, exact.compared) << (exact.mismatches.empty() ? "" : exact.mismatches.front());
  const Agreement& approximate = groups.at("approximate");
  EXPECT_GE(approximate.within_tolerance, approximate.compared * 9 / 10)
      << approximate.within_tolerance << "/" << approximate.compared;
}

}  // namespace
}  // namespace kq::test
