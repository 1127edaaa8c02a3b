// The verify stage releases a kernel whose floating-point result depends only
// on the order of its atomic additions, with the tolerance the schedule spread
// calls for stored in its cases; a race without atomics stays out.
#include <gtest/gtest.h>

#include "core/config.hpp"
#include "db/stage_events.hpp"
#include "db/syntheses.hpp"
#include "synth/verify_stage.hpp"
#include "synth_fixtures.hpp"
#include "tests/support/test_support.hpp"

namespace kq::synth {
namespace {

using nlohmann::json;
using namespace fixtures;

// Histogram of weights: bins[k] gets every x[i] whose index falls in bin k.
const char* kWeightedHistogram = R"(#include <cuda_runtime.h>
__device__ void add_weight(float* bin, float w) { atomicAdd(bin, w); }
__global__ void weighted_histogram(const float* x, float* bins, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) add_weight(&bins[i % 8], x[i] * (1.0f + (i % 5) * 500.0f));
}
)";

LaunchSpec exact_case() {
  return launch_spec_from_json(json::parse(R"({"name": "typical", "kernel": "weighted_histogram",
    "grid": [8], "block": [256],
    "args": [{"name": "x", "kind": "buffer", "type": "float", "count": 2048, "role": "in",
              "init": {"dist": "uniform", "lo": -1, "hi": 1, "seed": 11}},
             {"name": "bins", "kind": "buffer", "type": "float", "count": 8, "role": "out", "init": {"dist": "zeros"}},
             {"name": "n", "kind": "scalar", "type": "int", "value": 2048}],
    "compare": {"rtol": 0, "atol": 0}})"));
}

StageOptions options_in(const test::TempDir& dir) { return cpu_sim_stage_options(dir.path()); }

TEST(AtomicTolerance, VerifySynthesisWidensTheCaseAndSaysWhy) {
  KernelInput k;
  k.name = "weighted_histogram";
  k.unit_source = kWeightedHistogram;  // the atomic is in a device function; the unit shows it
  test::TempDir dir;
  verify::VerifierOptions vo;
  vo.cache_dir = dir / "cache";
  auto v = verify_synthesis(k, {exact_case()}, "", {"cpu-sim"}, vo, dir / "work");
  ASSERT_TRUE(v.passed) << v.reason;
  ASSERT_TRUE(v.cases_changed);
  ASSERT_EQ(v.cases.size(), 1u);
  EXPECT_GT(v.cases[0].compare.atol, 0.0);
  EXPECT_NE(v.cases[0].compare.basis.find("order of floating-point accumulation"), std::string::npos);
}

TEST(AtomicTolerance, VerifyStageStoresTheWidenedToleranceInTheSynthesis) {
  test::TempDir dir;
  auto db_path = dir / "kq.db";
  std::int64_t id = 0, synthesis_id = 0;
  {
    db::Database db(db_path);
    id = add_kernel(db, "weighted_histogram", kWeightedHistogram, KernelAnalysis{}, 1);
    db::SynthesisRow row;
    row.kernel_id = id;
    row.synthesizer = "builtin";
    row.tests = json::array({launch_spec_to_json(exact_case())}).dump();
    row.doc_json = "{}";
    row.status = "ok";
    synthesis_id = db::insert_synthesis(db, row);
    db::kernel_reached(db, id, Stage::Synthesized);
  }
  auto report = verify_all(db_path, options_in(dir));
  EXPECT_EQ(report.ok, 1u) << report.to_json().dump(2);
  db::Database db(db_path);
  auto stored = db::get_synthesis(db, synthesis_id);
  ASSERT_TRUE(stored);
  auto cases = cases_from_tests_json(stored->tests);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_GT(cases[0].compare.atol, 0.0);
  EXPECT_NE(cases[0].compare.basis.find("thread schedules"), std::string::npos) << stored->tests;
}

TEST(AtomicTolerance, SameSpreadWithoutAtomicsStaysNondeterministic) {
  // Threads race on a plain read-modify-write: a bug, not an order of additions.
  KernelInput k;
  k.name = "racy_sum";
  k.unit_source = R"(#include <cuda_runtime.h>
__global__ void racy_sum(const float* x, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) { float s = out[0]; __syncthreads(); out[0] = s + x[i]; }
}
)";
  auto c = launch_spec_from_json(json::parse(R"({"name": "typical", "kernel": "racy_sum", "grid": [1], "block": [64],
    "args": [{"name": "x", "kind": "buffer", "type": "float", "count": 64, "role": "in",
              "init": {"dist": "uniform", "lo": -1, "hi": 1, "seed": 2}},
             {"name": "out", "kind": "buffer", "type": "float", "count": 1, "role": "out", "init": {"dist": "zeros"}},
             {"name": "n", "kind": "scalar", "type": "int", "value": 64}]})"));
  test::TempDir dir;
  verify::VerifierOptions vo;
  vo.cache_dir = dir / "cache";
  auto v = verify_synthesis(k, {c}, "", {"cpu-sim"}, vo, dir / "work");
  EXPECT_FALSE(v.passed);
  EXPECT_EQ(v.status, "nondeterministic") << v.reason;
  EXPECT_FALSE(v.cases_changed);
}

}  // namespace
}  // namespace kq::synth
