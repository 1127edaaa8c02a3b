// The GPU's limits on cpu-sim: launches the H200 refuses are refused
// (checked against its recorded answers), indexing past a static __shared__
// array stops the run, and deep recursion with large local arrays runs.
#include <gtest/gtest.h>

#include <sstream>

#include "tests/runtime/gpu_reference.hpp"
#include "tests/runtime/sim_programs.hpp"

namespace kq::test {
namespace {

const std::filesystem::path& limits_program() {
  static const std::filesystem::path binary = build_sim_program({"limits_features.cu"});
  return binary;
}

RunResult run(const std::string& what) {
  if (limits_program().empty()) return {};
  return run_sim_program(limits_program(), {what});
}

std::map<std::string, int> answers(const std::string& out) {
  std::map<std::string, int> m;
  std::istringstream in(out);
  std::string name;
  for (int code; in >> name >> code;) m[name] = code;
  return m;
}

TEST(SimLimits, LaunchesPastTheKernelsLimitsAreInvalidValue) {
  const RunResult r = run("launch");
  ASSERT_TRUE(r.ok()) << r.describe() << "\n" << r.err;
  const auto a = answers(r.out);
  EXPECT_EQ(a.at("bounds_64_at_64"), 0);
  EXPECT_EQ(a.at("bounds_64_at_65"), 1);  // cudaErrorInvalidValue
  EXPECT_EQ(a.at("bounds_macro_at_128"), 0);
  EXPECT_EQ(a.at("bounds_macro_at_129"), 1);
  EXPECT_EQ(a.at("plain_at_1025"), 1);
  EXPECT_EQ(a.at("dynamic_48k_plus_4"), 1);
  EXPECT_EQ(a.at("static_40000_dynamic_8k"), 0);
  EXPECT_EQ(a.at("static_40000_dynamic_9k"), 1);  // 40000 + 9216 bytes pass the block's 48 KiB
  EXPECT_EQ(a.at("opt_in"), 0);
  EXPECT_EQ(a.at("dynamic_100k_after_opt_in"), 0);
  EXPECT_EQ(a.at("dynamic_100k_plus_4_after_opt_in"), 1);
  EXPECT_EQ(a.at("opt_in_too_much"), 1);
}

// The H200's answers to the same launches (programs/gpu/limits.cu), by name.
TEST(SimLimits, RefusalsMatchTheH200s) {
  const ProgramOutput gpu = parse_program_output(recorded_gpu_output("limits"));
  const auto mine = answers(run("launch").out);
  int compared = 0;
  for (const std::string& line : gpu.other_lines) {
    std::istringstream in(line);
    std::string name, error;
    in >> name >> error;
    const auto it = mine.find(name);
    if (it == mine.end()) continue;
    EXPECT_EQ(it->second == 0, error == "cudaSuccess") << name << ": H200 says " << error;
    if (error != "cudaSuccess") {
      EXPECT_EQ(it->second, 1) << name << ": H200 says " << error;
    }
    ++compared;
  }
  EXPECT_EQ(compared, 6);  // static + dynamic shared included
}

// The H200's own program, built for cpu-sim, prints the H200's lines: error
// names included (cudaGetErrorName gives the enumerator, as CUDA does).
TEST(SimLimits, TheH200ProgramPrintsTheH200sAnswers) {
  const std::filesystem::path bin = build_sim_program({"gpu/limits.cu", 32, false});
  ASSERT_FALSE(bin.empty());
  const RunResult r = run_sim_program(bin, {});
  ASSERT_TRUE(r.ok()) << r.describe() << "\n" << r.err;
  EXPECT_EQ(parse_program_output(r.out).other_lines, parse_program_output(recorded_gpu_output("limits")).other_lines);
}

TEST(SimLimits, StaticSharedArraysAreBoundsChecked) {
  const RunResult fine = run("shared_in_bounds");
  EXPECT_TRUE(fine.ok()) << fine.describe() << "\n" << fine.err;
  const RunResult bad = run("shared_out_of_bounds");
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.err.find("out of bounds"), std::string::npos) << bad.err;
  EXPECT_EQ(bad.out.find("done"), std::string::npos);
}

TEST(SimLimits, DeepRecursionWithLargeLocalArraysRuns) {
  const RunResult r = run("deep");
  ASSERT_TRUE(r.ok()) << r.describe() << "\n" << r.err;
  EXPECT_EQ(numbers_on_line(r.out, 0), std::vector<double>{1173548});
}

}  // namespace
}  // namespace kq::test
