// cpu-sim against a live GPU: each agreement program is built with nvcc and
// run on the GPU, and built for cpu-sim and run here; the outputs must agree
// as the recorded-H200 tests require. Skipped, visibly, without nvcc or GPU
// (the recorded H200 outputs are checked in every build by the sim_* tests).
#include <gtest/gtest.h>

#include "tests/runtime/gpu_reference.hpp"
#include "tests/runtime/sim_programs.hpp"

namespace kq::test {
namespace {

std::string sim_output(const std::string& program) {
  const std::filesystem::path bin = build_sim_program({"gpu/" + program + ".cu", 32, false});
  if (bin.empty()) return {};
  const RunResult r = run_sim_program(bin, {});
  EXPECT_TRUE(r.ok()) << program << " on cpu-sim: " << r.describe() << "\n" << r.err;
  return r.out;
}

// `approximate` groups need 90% within tolerance (the GPU's fast sin/cos
// approximate large arguments differently); every other group all of it.
void expect_agreement(const std::string& program, const Classifier& tolerance,
                      const std::function<std::string(const GpuValue&)>& group) {
  std::string why;
  const std::string gpu = live_gpu_output(program, why);
  if (gpu.empty() && !why.empty()) GTEST_SKIP() << why << ": " << program << " compared with the recorded H200 output only";
  const ProgramOutput g = parse_program_output(gpu), s = parse_program_output(sim_output(program));
  EXPECT_EQ(g.other_lines, s.other_lines);
  for (const auto& [name, a] : compare_outputs(g, s, tolerance, group)) {
    const int needed = name == "approximate" ? a.compared * 9 / 10 : a.compared;
    EXPECT_GE(a.within_tolerance, needed) << program << " " << name << ": " << a.within_tolerance << "/" << a.compared
                                          << (a.mismatches.empty() ? "" : "; " + a.mismatches.front());
  }
}

TEST(GpuAgreement, CurandStreams) { expect_agreement("curand_streams", curand_tolerance, curand_group); }

TEST(GpuAgreement, CubBlockAndWarpPrimitives) {
  // What CUB leaves undefined is not compared.
  expect_agreement(
      "cub_blocks",
      [](const GpuValue& v) {
        return cub_group(v) == "undefined" ? Tolerance{Tolerance::Kind::NotCompared, 0} : Tolerance{};
      },
      cub_group);
}

// Printed with 12 significant digits: the 8-bit linear-filter weights must
// match exactly for the lines to be equal.
TEST(GpuAgreement, TexturesAndSurfaces) {
  expect_agreement("texture_features", [](const GpuValue&) { return Tolerance{}; },
                   [](const GpuValue& v) { return v.label; });
}

TEST(GpuAgreement, Intrinsics) {
  const IntrinsicsLayout layout(parse_program_output(recorded_gpu_output("intrinsics")));
  expect_agreement(
      "intrinsics", [&](const GpuValue& v) { return layout.tolerance(v); },
      [&](const GpuValue& v) { return layout.group(v); });
}

// Every line is a launch's error code or an exact sum: compared as text.
TEST(GpuAgreement, CooperativeLaunchAndGridSync) {
  expect_agreement("grid_sync", [](const GpuValue&) { return Tolerance{}; },
                   [](const GpuValue& v) { return v.label; });
}

// The launches the H200 refuses, static and dynamic shared memory together included.
TEST(GpuAgreement, LaunchLimits) {
  expect_agreement("limits", [](const GpuValue&) { return Tolerance{}; },
                   [](const GpuValue& v) { return v.label; });
}

}  // namespace
}  // namespace kq::test
