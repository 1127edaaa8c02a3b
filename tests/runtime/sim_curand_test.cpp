// cuRAND's device API on the CPU execution runtime: the streams equal the
// H200's recorded ones (raw draws and uniforms bit for bit; normals within
// the GPU's own sincos/log error), skip-ahead equals stepping, and the
// hipRAND/rocRAND names draw the same numbers.
#include <gtest/gtest.h>

#include "tests/runtime/gpu_reference.hpp"
#include "tests/runtime/sim_programs.hpp"

namespace kq::test {
namespace {

const std::filesystem::path& program(const std::string& name, bool asan) {
  static std::map<std::string, std::filesystem::path> built;
  auto it = built.find(name);
  if (it == built.end()) it = built.emplace(name, build_sim_program({name, 32, asan})).first;
  return it->second;
}

std::string run_ok(const std::string& name, const std::vector<std::string>& args = {}) {
  const std::filesystem::path& bin = program(name, true);
  if (bin.empty()) return {};
  const RunResult r = run_sim_program(bin, args);
  EXPECT_TRUE(r.ok()) << name << ": " << r.describe() << "\n" << r.err;
  return r.out;
}

TEST(SimCurand, XorwowAndPhiloxStreamsEqualTheH200s) {
  const std::string sim = run_ok("gpu/curand_streams.cu");
  const ProgramOutput gpu = parse_program_output(recorded_gpu_output("curand_streams"));
  ASSERT_EQ(gpu.values.size(), 11346u);
  const auto groups = compare_outputs(gpu, parse_program_output(sim), curand_tolerance, curand_group);
  for (const auto& [group, a] : groups) {
    EXPECT_TRUE(a.all_agree()) << group << ": " << a.within_tolerance << "/" << a.compared << " agree; "
                               << (a.mismatches.empty() ? "" : a.mismatches.front());
    if (group.find("normal") == std::string::npos) {
      EXPECT_EQ(a.bit_equal, a.compared) << group << " must be bit-equal";
    }
  }
  EXPECT_EQ(groups.at("xorwow:raw").compared, 750);
  EXPECT_EQ(groups.at("philox:uniform_double").compared, 500);
}

TEST(SimCurand, SkipAheadEqualsSteppingForEveryOffsetUpTo500) {
  EXPECT_EQ(numbers_on_line(run_ok("curand_features.cu", {"offsets"}), 0), std::vector<double>{0});
}

TEST(SimCurand, SubsequencesLieTwoToThe67DrawsApart) {
  EXPECT_EQ(numbers_on_line(run_ok("curand_features.cu", {"subsequence"}), 0), std::vector<double>{0});
}

TEST(SimCurand, HipRandAndRocRandNamesDrawTheSameNumbers) {
  EXPECT_EQ(numbers_on_line(run_ok("curand_features.cu", {"hip_names"}), 0), std::vector<double>{0});
}

TEST(SimCurand, HostApiCompilesAndRefusesToGenerate) {
  EXPECT_EQ(numbers_on_line(run_ok("curand_features.cu", {"host_api"}), 0), (std::vector<double>{1, 0}));
}

}  // namespace
}  // namespace kq::test
