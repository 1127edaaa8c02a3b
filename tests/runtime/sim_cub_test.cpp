// CUB block and warp primitives on cpu-sim against the H200's recorded
// results (programs/gpu/cub_blocks.cu, real CUB under nvcc): every value CUB
// defines is bit-equal, the float block sum included; and hipCUB's names
// reach the same primitives.
#include <gtest/gtest.h>

#include "tests/runtime/gpu_reference.hpp"
#include "tests/runtime/sim_programs.hpp"

namespace kq::test {
namespace {

Tolerance exact(const GpuValue&) { return {}; }

TEST(SimCub, BlockAndWarpPrimitivesEqualTheH200s) {
  const std::filesystem::path bin = build_sim_program({"gpu/cub_blocks.cu"});
  ASSERT_FALSE(bin.empty());
  const RunResult r = run_sim_program(bin, {});
  ASSERT_TRUE(r.ok()) << r.describe() << "\n" << r.err;
  const auto groups =
      compare_outputs(parse_program_output(recorded_gpu_output("cub_blocks")), parse_program_output(r.out), exact, cub_group);
  for (const char* g : {"warp_reduce", "warp_scan", "block_reduce", "block_scan", "fsum", "blocked", "striped",
                        "warp_load", "stored", "keys", "values", "fkeys", "desc"}) {
    ASSERT_TRUE(groups.count(g)) << g;
    const Agreement& a = groups.at(g);
    EXPECT_EQ(a.bit_equal, a.compared) << g << (a.mismatches.empty() ? "" : ": " + a.mismatches.front());
  }
  EXPECT_EQ(groups.at("keys").compared, 1024);
}

TEST(SimCub, HipCubNamesCompileToTheSamePrimitives) {
  const std::filesystem::path bin = build_sim_program({"hipcub_features.hip", 64});
  ASSERT_FALSE(bin.empty());
  const RunResult r = run_sim_program(bin, {});
  ASSERT_TRUE(r.ok()) << r.describe() << "\n" << r.err;
  // 128 threads, value t: block sum, warp (64 lanes) sums, inclusive scan of thread 127.
  EXPECT_EQ(numbers_on_line(r.out, 0), (std::vector<double>{8128, 2016, 6112, 8128}));
}

}  // namespace
}  // namespace kq::test
