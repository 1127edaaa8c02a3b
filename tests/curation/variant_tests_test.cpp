// A task's test against the canonical solution and its mutants: a variant
// that does not compile is reported as such; a second check with the same
// result cache builds and runs nothing.
#include <gtest/gtest.h>

#include "curation/mutants.hpp"
#include "curation/mutation_check.hpp"
#include "curation/task_record.hpp"
#include "curation/variant_tests.hpp"
#include "db/curation.hpp"
#include "tests/support/curation_fixture.hpp"
#include "tests/support/test_support.hpp"

namespace kq::curation {
namespace {

namespace fs = std::filesystem;

TestRunOptions test_options() {
  TestRunOptions o;
  o.pch_dir = fs::temp_directory_path() / "kq-curation-test-pch";
  return o;
}

BuiltTask cuda_task(test::FixtureKernel f, const test::TempDir& dir) {
  db::Database db(dir / "kq.db");
  auto id = test::insert_fixture_kernel(db, f);
  auto k = db::load_curation_kernel(db, id);
  for (auto& t : build_tasks(*k, db::verifications_of(db, k->synthesis_id), "KernelQuarry/0001", RecordOptions{}))
    if (t.dialect == Dialect::Cuda) return t;
  throw std::runtime_error("no CUDA task");
}

TEST(VariantTests, AVariantThatDoesNotCompileIsFoundAlone) {
  test::TempDir dir;
  auto task = cuda_task(test::saxpy_fixture(), dir);
  const TaskTestSource test = task_test_source(task);
  std::vector<std::string> bodies{task.texts.canonical_solution, "  undeclared_name = 1;\n}\n",
                                  make_mutants(task.texts.canonical_solution, 1).front().body};
  auto runs = run_test_variants(task, test, bodies, "cpu-sim", dir / "work", test_options(), {});
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_TRUE(runs[0].compiled && runs[0].passed) << runs[0].log;
  EXPECT_FALSE(runs[1].compiled);
  EXPECT_EQ(runs[1].stage, "compile");
  EXPECT_TRUE(runs[2].compiled);
  EXPECT_FALSE(runs[2].passed) << "the mutant should fail the test";
}

TEST(VariantTests, SecondCheckWithTheSameCacheBuildsNothing) {
  test::TempDir dir;
  auto task = cuda_task(test::saxpy_fixture(), dir);
  auto first = check_task(task, true, 4, "cpu-sim", dir / "first", test_options(), dir / "cache");
  ASSERT_TRUE(first.ok) << first.reason;
  auto second = check_task(task, true, 4, "cpu-sim", dir / "second", test_options(), dir / "cache");
  EXPECT_TRUE(second.ok) << second.reason;
  EXPECT_EQ(first.detail, second.detail);
  EXPECT_FALSE(fs::exists(dir / "second")) << "a cached check builds and runs nothing";
}

}  // namespace
}  // namespace kq::curation
