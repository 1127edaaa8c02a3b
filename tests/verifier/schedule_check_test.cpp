// check_schedules on cpu-sim: floating-point atomics whose sum depends only on
// the order of additions pass with a tolerance from the spread across
// schedules; integer or structural changes stay nondeterministic.
#include <gtest/gtest.h>

#include "tests/verifier/verifier_fixture.hpp"

namespace kq::verify {
namespace {

using namespace testing;

// One block of 256 threads adds 4096 values of mixed magnitude into sums[0..3]:
// float rounding differs with the order the threads reach the atomics.
const char* kAtomicSum = R"(#include <cuda_runtime.h>
__global__ void atomic_sum(const float* x, float* sums, int n) {
  for (int i = threadIdx.x; i < n; i += blockDim.x) atomicAdd(&sums[i % 4], x[i] * (1.0f + (i % 7) * 1000.0f));
}
)";

// Each thread takes a slot by an integer atomic: which thread gets which slot
// depends on the schedule, so the slots and everything placed by them change.
const char* kSlotTaking = R"(#include <cuda_runtime.h>
__global__ void take_slot(const float* x, int* counter, int* owner, float* placed, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int slot = atomicAdd(counter, 1);
  owner[slot] = i;
  placed[slot] = x[i];
}
)";

LaunchSpec atomic_sum_spec() {
  auto s = launch_spec_from_json(nlohmann::json::parse(R"({"kernel": "atomic_sum", "grid": [1], "block": [256],
    "args": [{"name": "x", "kind": "buffer", "type": "float", "count": 4096, "role": "in",
              "init": {"dist": "uniform", "lo": -1, "hi": 1, "seed": 3}},
             {"name": "sums", "kind": "buffer", "type": "float", "count": 4, "role": "out", "init": {"dist": "zeros"}},
             {"name": "n", "kind": "scalar", "type": "int", "value": 4096}],
    "compare": {"rtol": 0, "atol": 0}})"));
  return s;
}

LaunchSpec slot_spec() {
  return launch_spec_from_json(nlohmann::json::parse(R"({"kernel": "take_slot", "grid": [2], "block": [64],
    "args": [{"name": "x", "kind": "buffer", "type": "float", "count": 128, "role": "in",
              "init": {"dist": "uniform", "lo": -1, "hi": 1, "seed": 5}},
             {"name": "counter", "kind": "buffer", "type": "int", "count": 1, "role": "inout", "init": {"dist": "zeros"}},
             {"name": "owner", "kind": "buffer", "type": "int", "count": 128, "role": "out"},
             {"name": "placed", "kind": "buffer", "type": "float", "count": 128, "role": "out"},
             {"name": "n", "kind": "scalar", "type": "int", "value": 128}]})"));
}

ScheduleCheckOptions tolerant() {
  ScheduleCheckOptions o;
  o.tolerate_order = true;
  o.extra_shuffles = 3;
  return o;
}

TEST(CheckSchedules, FloatAtomicSumPassesWithToleranceFromTheSpread) {
  test::TempDir out;
  auto spec = atomic_sum_spec();
  auto c = check_schedules(kAtomicSum, Dialect::Cuda, spec, out.path(), quick_options(), tolerant());
  ASSERT_EQ(c.result.status, VerifyStatus::Pass) << c.result.log;
  ASSERT_TRUE(c.tolerance) << "exact comparison must have failed across schedules";
  EXPECT_GT(c.tolerance->atol, 0.0);
  EXPECT_EQ(c.tolerance->rtol, 0.0);
  EXPECT_NE(c.tolerance->basis.find("order of floating-point accumulation"), std::string::npos);
  EXPECT_NE(c.tolerance->basis.find("6 thread schedules"), std::string::npos) << c.tolerance->basis;
  // Every schedule's output agrees with the reference under the derived tolerance.
  spec.compare = *c.tolerance;
  for (const char* run : {"reverse", "shuffle-1", "shuffle-2", "shuffle-3", "shuffle-4"}) {
    auto cmp = compare_outputs(out / "forward", out / run, spec);
    EXPECT_TRUE(cmp.equal) << run << ": " << cmp.first_diff;
  }
  EXPECT_EQ(c.result.out_dir, out / "forward");
}

TEST(CheckSchedules, WithoutToleranceTheAtomicSumStaysNondeterministic) {
  test::TempDir out;
  ScheduleCheckOptions strict;
  auto c = check_schedules(kAtomicSum, Dialect::Cuda, atomic_sum_spec(), out.path(), quick_options(), strict);
  EXPECT_EQ(c.result.status, VerifyStatus::Nondeterministic) << c.result.log;
  EXPECT_FALSE(c.tolerance);
}

TEST(CheckSchedules, IntegerResultThatChangesStaysOutWithTheReason) {
  test::TempDir out;
  auto c = check_schedules(kSlotTaking, Dialect::Cuda, slot_spec(), out.path(), quick_options(), tolerant());
  EXPECT_EQ(c.result.status, VerifyStatus::Nondeterministic) << c.result.log;
  EXPECT_FALSE(c.tolerance);
  EXPECT_NE(c.result.log.find("beyond the order of floating-point accumulation"), std::string::npos) << c.result.log;
  EXPECT_NE(c.result.log.find("owner["), std::string::npos) << c.result.log;
  EXPECT_NE(c.result.log.find("not floating point"), std::string::npos) << c.result.log;
}

TEST(ScheduleSpread, FloatsThatMoveFarAreStructural) {
  // placed[] alone (the float buffer the slots fill) moves by whole values, not rounding.
  test::TempDir out;
  auto spec = slot_spec();
  ASSERT_TRUE(run_spec(kSlotTaking, Dialect::Cuda, spec, "cpu-sim", out / "forward", quick_options(), "forward").passed());
  ASSERT_TRUE(run_spec(kSlotTaking, Dialect::Cuda, spec, "cpu-sim", out / "reverse", quick_options(), "reverse").passed());
  LaunchSpec floats_only = spec;
  std::erase_if(floats_only.args, [](const ArgSpec& a) { return a.name == "owner" || a.name == "counter"; });
  auto sp = measure_schedule_spread(out / "forward", {out / "reverse"}, floats_only);
  EXPECT_FALSE(sp.order_only);
  EXPECT_NE(sp.reason.find("placed["), std::string::npos) << sp.reason;
  EXPECT_NE(sp.reason.find("more than another order of additions moves it"), std::string::npos) << sp.reason;
  EXPECT_GT(sp.differing, 0u);
}

TEST(ScheduleSpread, IdenticalRunsHaveNoSpread) {
  test::TempDir out;
  auto spec = atomic_sum_spec();
  ASSERT_TRUE(run_spec(kAtomicSum, Dialect::Cuda, spec, "cpu-sim", out / "a", quick_options(), "forward").passed());
  ASSERT_TRUE(run_spec(kAtomicSum, Dialect::Cuda, spec, "cpu-sim", out / "b", quick_options(), "forward").passed());
  auto sp = measure_schedule_spread(out / "a", {out / "b"}, spec);
  EXPECT_TRUE(sp.order_only) << sp.reason;
  EXPECT_EQ(sp.differing, 0u);
  EXPECT_EQ(sp.max_abs, 0.0);
}

}  // namespace
}  // namespace kq::verify
