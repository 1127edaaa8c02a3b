// The synthesis and verification stages end to end on cpu-sim, on kernels
// written into a fresh database as the extractor would leave them.
#include <gtest/gtest.h>

#include "core/config.hpp"
#include "db/syntheses.hpp"
#include "synth/builtin_synth.hpp"
#include "synth/synth_stage.hpp"
#include "synth/verify_stage.hpp"
#include "tests/support/test_support.hpp"
#include "synth_fixtures.hpp"

namespace kq::synth {
namespace {

using nlohmann::json;
using namespace fixtures;

StageOptions options_in(const test::TempDir& dir) { return cpu_sim_stage_options(dir.path()); }

std::string stage_of(db::Database& db, std::int64_t id) {
  auto s = db.prepare("SELECT stage || '/' || coalesce(failed_stage, '') || '/' || coalesce(fail_reason, '') FROM kernels WHERE id=?");
  s.bind(1, id);
  s.step();
  return s.text(0);
}

TEST(SynthStage, SaxpyIsSynthesizedAndVerifiedOnCpuSim) {
  test::TempDir dir;
  auto db_path = dir / "kq.db";
  std::int64_t id;
  {
    db::Database db(db_path);
    id = add_kernel(db, "saxpy", kSaxpyUnit, saxpy_analysis(), 1);
  }
  auto o = options_in(dir);
  auto synth = synthesize_all(db_path, o);
  EXPECT_EQ(synth.ok, 1u) << synth.to_json().dump(2);
  db::Database db(db_path);
  EXPECT_EQ(stage_of(db, id), "synthesized//");
  auto row = db::latest_ok_synthesis(db, id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->synthesizer, "builtin");
  EXPECT_NE(row->wrapper.find("saxpy"), std::string::npos);
  auto tests = json::parse(row->tests);
  EXPECT_GE(tests.size(), 5u);
  auto doc = json::parse(row->doc_json);
  EXPECT_EQ(doc["params"][2]["shape"], "n");
  EXPECT_EQ(doc["summary_hint"]["store"], "y[i] = a * x[i] + y[i]");
  EXPECT_EQ(doc["summary_hint"]["domain"], "i in [0, n)");
  ASSERT_TRUE(doc.contains("example")) << doc.dump(2);
  // The example is true by construction: y = a * x + y on the tiny case.
  auto ex = doc["example"];
  double a = ex["scalars"]["a"];
  for (std::size_t i = 0; i < ex["outputs"]["y"].size(); ++i)
    EXPECT_NEAR(ex["outputs"]["y"][i].get<double>(), a * ex["inputs"]["x"][i].get<double>() + ex["inputs"]["y"][i].get<double>(), 1e-5);

  // A second run has nothing left to do.
  EXPECT_EQ(synthesize_all(db_path, o).selected, 0u);

  auto verify = verify_all(db_path, o);
  EXPECT_EQ(verify.ok, 1u) << verify.to_json().dump(2);
  EXPECT_EQ(stage_of(db, id), "verified//");
  auto rows = db::verifications_of(db, row->id);
  EXPECT_EQ(rows.size(), tests.size());
  for (const auto& r : rows) {
    EXPECT_EQ(r.backend, "cpu-sim");
    EXPECT_EQ(r.status, "pass") << r.case_name << ": " << r.log;
  }
  EXPECT_EQ(verify_all(db_path, o).selected, 0u);
}

TEST(SynthStage, UnsupportedKernelStopsWithItsReason) {
  test::TempDir dir;
  auto db_path = dir / "kq.db";
  std::int64_t id;
  {
    db::Database db(db_path);
    auto a = saxpy_analysis();
    a.set(Feature::texture);
    id = add_kernel(db, "saxpy", kSaxpyUnit, a, 1);
  }
  auto report = synthesize_all(db_path, options_in(dir));
  EXPECT_EQ(report.by_status["unsupported"], 1u);
  db::Database db(db_path);
  EXPECT_EQ(stage_of(db, id).rfind("analyzed/synthesized/unsupported: ", 0), 0u) << stage_of(db, id);
  auto rows = db::syntheses_of_kernel(db, id);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].status, "unsupported");
}

TEST(BuiltinSearch, FindsTheRowTimesColumnSizeTheAnalysisMissed) {
  // The analysis sees only `in[c]` through a row pointer a helper returns, so
  // the first guess (cols) is too small; the bounds checker names the buffer and the search
  // moves to rows*cols.
  const char* unit =
      "#include <cuda_runtime.h>\n"
      "template <typename T> __device__ T* row_of(T* p, int r, int w) { return p + r * w; }\n"
      "__global__ void row_scale(const float* x, float* y, int rows, int cols) {\n"
      "  int row = blockIdx.x;\n"
      "  if (row >= rows) return;\n"
      "  const float* in = row_of(x, row, cols);\n"
      "  float* out = row_of(y, row, cols);\n"
      "  for (int c = threadIdx.x; c < cols; c += blockDim.x) out[c] = 2.0f * in[c];\n"
      "}\n";
  KernelInput k;
  k.kernel_id = 7;
  k.name = "row_scale";
  k.unit_source = k.kernel_source = unit;
  k.analysis.index_pattern = "block_per_row";
  k.analysis.params = {ptr("x", "float", true, false, {"c"}), ptr("y", "float", false, true, {"c"}),
                       size("rows", {"row >= rows"}), size("cols", {"c < cols"})};
  test::TempDir dir;
  BuiltinOptions o;
  o.verifier.cache_dir = dir / "cache";
  o.work_dir = dir / "work";
  o.example = false;
  auto s = BuiltinSynthesizer(o).synthesize(k, std::nullopt);
  ASSERT_EQ(s.status, "ok") << s.reason;
  EXPECT_EQ(s.doc["params"][0]["shape"], "rows*cols");
  EXPECT_EQ(s.doc["params"][1]["shape"], "rows*cols");
  EXPECT_GE(s.extra["search"]["steps"].size(), 1u);
}

TEST(VerifySynthesis, ScheduleDependentOutputIsNondeterministic) {
  // Every thread writes the same element: the last writer depends on the schedule.
  const char* unit =
      "#include <cuda_runtime.h>\n"
      "__global__ void last_writer(const float* x, float* out, int n) {\n"
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "  if (i < n) out[0] = x[i];\n"
      "}\n";
  KernelInput k;
  k.name = "last_writer";
  k.unit_source = unit;
  k.analysis.index_pattern = "1d";
  k.analysis.params = {ptr("x", "float", true, false, {"i"}), ptr("out", "float", false, true, {"0"}), size("n", {"i < n"})};
  BuiltinOptions bo;
  bo.run_probes = false;
  auto s = BuiltinSynthesizer(bo).synthesize(k, std::nullopt);
  ASSERT_EQ(s.status, "ok") << s.reason;
  std::vector<LaunchSpec> typical;
  for (const auto& c : s.cases)
    if (c.name == "typical") typical.push_back(c);
  test::TempDir dir;
  verify::VerifierOptions vo;
  vo.cache_dir = dir / "cache";
  auto v = verify_synthesis(k, typical, "", {"cpu-sim"}, vo, dir / "work");
  EXPECT_FALSE(v.passed);
  EXPECT_EQ(v.status, "nondeterministic") << v.reason;
  ASSERT_TRUE(v.feedback);
}

}  // namespace
}  // namespace kq::synth
