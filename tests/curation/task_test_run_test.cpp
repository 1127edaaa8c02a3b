// The rendered test of a task passes with its canonical solution and rejects
// mutants of it, on cpu-sim.
#include <gtest/gtest.h>

#include "core/fs.hpp"
#include "curation/mutants.hpp"
#include "curation/mutation_check.hpp"
#include "curation/task_record.hpp"
#include "db/curation.hpp"
#include "tests/support/curation_fixture.hpp"
#include "tests/support/test_support.hpp"

namespace kq::curation {
namespace {

TestRunOptions test_options() {
  TestRunOptions o;
  o.pch_dir = std::filesystem::temp_directory_path() / "kq-curation-test-pch";
  return o;
}

std::vector<BuiltTask> tasks_of(test::FixtureKernel f, const test::TempDir& dir) {
  db::Database db(dir / "kq.db");
  auto id = test::insert_fixture_kernel(db, f);
  auto k = db::load_curation_kernel(db, id);
  return build_tasks(*k, db::verifications_of(db, k->synthesis_id), "KernelQuarry/0001", RecordOptions{});
}

TEST(TaskTest, SaxpyPassesCanonicalAndRejectsMutantsOnCpuSim) {
  test::TempDir dir;
  auto tasks = tasks_of(test::saxpy_fixture(), dir);
  ASSERT_EQ(tasks.size(), 2u);
  const auto& cuda = tasks[1];
  ASSERT_EQ(cuda.dialect, Dialect::Cuda);
  auto rep = check_task(cuda, true, 4, "cpu-sim", dir / "work", test_options());
  EXPECT_TRUE(rep.ok) << rep.reason << "\n" << rep.detail.dump(2);
  ASSERT_TRUE(rep.detail.contains("mutants"));
  EXPECT_GE(rep.detail["mutants"].size(), 3u);
  for (const auto& m : rep.detail["mutants"]) EXPECT_TRUE(m["killed"].get<bool>()) << m.dump();
}

TEST(TaskTest, HipDialectOfACudaKernelPassesOnCpuSim) {
  test::TempDir dir;
  auto tasks = tasks_of(test::saxpy_fixture(), dir);
  const auto& hip = tasks[0];
  ASSERT_EQ(hip.dialect, Dialect::Hip);
  EXPECT_NE(hip.texts.code_prompt.find("hip/hip_runtime.h"), std::string::npos);
  auto rep = check_task(hip, false, 0, "cpu-sim", dir / "work", test_options());
  EXPECT_TRUE(rep.ok) << rep.reason;
}

TEST(TaskTest, SharedMemoryReductionRejectsMutants) {
  test::TempDir dir;
  auto tasks = tasks_of(test::block_sum_fixture(), dir);
  auto rep = check_task(tasks[1], true, 4, "cpu-sim", dir / "work", test_options());
  EXPECT_TRUE(rep.ok) << rep.reason << "\n" << rep.detail.dump(2);
}

}  // namespace
}  // namespace kq::curation

namespace kq::curation {
namespace {

// Device variables in and out and printed lines: the candidate's own
// variables are set and read back, its printing compared with the reference's.
test::FixtureKernel device_outputs_fixture() {
  test::FixtureKernel k;
  k.repo_url = "https://example.org/counters";
  k.path = "src/count.cu";
  k.name = "count_above";
  k.comment = "// Counts the weighted elements above a quarter and prints each one.\n";
  k.kernel_source =
      "__global__ void count_above(const float* x, int n) {\n"
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "  if (i >= n) return;\n"
      "  float v = weights[i % 4] * x[i];\n"
      "  if (v > 0.25f) {\n"
      "    atomicAdd(&above, 1u);\n"
      "    printf(\"%d %f\\n\", i, v);\n"
      "  }\n"
      "}\n";
  k.unit = "#include <cuda_runtime.h>\n#include <cstdio>\n\n__constant__ float weights[4];\n"
           "__device__ unsigned int above;\n\n" +
           k.comment + k.kernel_source;
  k.analysis_json = R"({"params":[
    {"name":"x","type":"const float *","elem_type":"float","is_pointer":true,"is_const":true,"reads":true},
    {"name":"n","type":"int","elem_type":"int","size_like":true,"bounds":["i < n"]}],
    "index_pattern":"1d","stores":[],"features":{"atomics":true,"printf":true,"constant":true}})";
  k.tests_json = R"([{"name":"typical","kernel":"count_above","grid":[2,1,1],"block":[64,1,1],"shared_bytes":0,
    "printf":true,"args":[
    {"name":"x","kind":"buffer","type":"float","count":100,"role":"in","init":{"dist":"uniform","lo":-1,"hi":1,"seed":5}},
    {"name":"n","kind":"scalar","type":"int","value":100},
    {"name":"weights","kind":"symbol","type":"float","count":4,"role":"in","init":{"dist":"uniform","lo":0,"hi":2,"seed":7}},
    {"name":"above","kind":"symbol","type":"unsigned int","count":1,"role":"inout","init":{"dist":"zeros"}}],
    "compare":{"rtol":1e-5,"atol":1e-6}}])";
  return k;
}

TEST(TaskTest, DeviceVariablesAndPrintfAreComparedOnCpuSim) {
  test::TempDir dir;
  auto tasks = tasks_of(device_outputs_fixture(), dir);
  ASSERT_FALSE(tasks.empty());
  const auto& cuda = tasks.back();
  ASSERT_EQ(cuda.dialect, Dialect::Cuda);
  const std::string test = cuda.record["test"].get<std::string>();
  EXPECT_NE(test.find("extern decltype(kq_ref::above) above;"), std::string::npos) << test;
  EXPECT_NE(test.find("cudaMemcpyToSymbol(::weights, h_weights.data(), weights_bytes)"), std::string::npos);
  auto rep = check_task(cuda, true, 4, "cpu-sim", dir / "work", test_options());
  EXPECT_TRUE(rep.ok) << rep.reason << "\n" << rep.detail.dump(2);
  ASSERT_TRUE(rep.detail.contains("mutants"));
  EXPECT_GE(rep.detail["mutants"].size(), 1u);
  for (const auto& m : rep.detail["mutants"]) EXPECT_TRUE(m["killed"].get<bool>()) << m.dump();
}

}  // namespace
}  // namespace kq::curation
