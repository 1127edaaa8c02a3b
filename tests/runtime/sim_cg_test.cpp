// Cooperative groups on cpu-sim: each thread's results recomputed here.
#include <gtest/gtest.h>

#include "tests/runtime/gpu_reference.hpp"
#include "tests/runtime/sim_programs.hpp"

namespace kq::test {
namespace {

TEST(SimCooperativeGroups, TilesScansReducesAndCoalescedGroups) {
  const std::filesystem::path bin = build_sim_program({"cg_features.cu"});
  ASSERT_FALSE(bin.empty());
  const RunResult r = run_sim_program(bin, {});
  ASSERT_TRUE(r.ok()) << r.describe() << "\n" << r.err;
  for (int t = 0; t < 64; ++t) {
    const int base = t / 16 * 16;
    int sum = 0, before = 0;
    for (int u = base; u < base + 16; ++u) sum += u + 1;
    for (int u = base; u < t; ++u) before += u + 1;
    unsigned odd_ballot = 0;
    for (int lane = 0; lane < 32; ++lane) odd_ballot |= static_cast<unsigned>((t / 32 * 32 + lane + 1) & 1) << lane;
    std::vector<double> expected = {double(sum), double(before + t + 1), double(before), double(t % 8), double(t / 8),
                                    double(odd_ballot)};
    if (t % 2 == 1) {
      expected.insert(expected.end(), {16, double((t % 32) / 2), double(t / 32 * 32 + 32)});
    } else {
      expected.insert(expected.end(), {-1, -1, -1});
    }
    EXPECT_EQ(numbers_on_line(r.out, t), expected) << "thread " << t;
  }
  // A thread_block passed as a thread_group syncs the whole block.
  EXPECT_EQ(numbers_on_line(r.out, 64), (std::vector<double>{2080, 136, 392, 648, 904})) << r.out;
}

TEST(SimCooperativeGroups, GridSyncStopsWithADiagnostic) {
  const std::filesystem::path bin = build_sim_program({"cuda_features.cu"});
  ASSERT_FALSE(bin.empty());
  const RunResult r = run_sim_program(bin, {"grid_sync"});
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.err.find("this_grid().sync()"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace kq::test

namespace kq::test {
namespace {

const std::filesystem::path& grid_sync_program() {
  static const std::filesystem::path bin = build_sim_program({"gpu/grid_sync.cu"});
  return bin;
}

// gpu/grid_sync.cu: 12 blocks meet three times; every block reads every
// block's value of the same round, so each sum is the round's full sum.
void expect_grid_met(const RunResult& r) {
  ASSERT_TRUE(r.ok()) << r.describe() << "\n" << r.err;
  std::vector<std::string> expected = {"launch_12x64 0"};
  for (int i = 0; i < 36; ++i) expected.push_back("sum_" + std::to_string(i) + " " + std::to_string((i / 12 + 1) * 78));
  expected.push_back("valid 1");
  expected.push_back("refused_1057x256 720");  // cudaErrorCooperativeLaunchTooLarge: 8 blocks an SM x 132
  EXPECT_EQ(parse_program_output(r.out).other_lines, expected) << r.out;
}

TEST(SimCooperativeGroups, GridSyncHoldsEveryBlockInACooperativeLaunch) {
  ASSERT_FALSE(grid_sync_program().empty());
  expect_grid_met(run_sim_program(grid_sync_program(), {}));
  expect_grid_met(run_sim_program(grid_sync_program(), {}, {{"KQ_SIM_SCHEDULE", "reverse"}}));
  expect_grid_met(run_sim_program(grid_sync_program(), {}, {{"KQ_SIM_SCHEDULE", "shuffle:7"}, {"KQ_SIM_THREADS", "1"}}));
}

}  // namespace
}  // namespace kq::test
