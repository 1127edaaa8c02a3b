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
