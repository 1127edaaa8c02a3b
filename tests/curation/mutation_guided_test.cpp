// Tasks of kernels with struct parameters and member kernels build and pass
// on cpu-sim in both dialects; a mutant the test lets through makes the
// curation look for a case that kills it and add that case to the test, and a
// mutant no case kills is recorded as likely equivalent without dropping the
// task.
#include <gtest/gtest.h>

#include <algorithm>

#include "curation/case_search.hpp"
#include "curation/mutants.hpp"
#include "curation/mutation_check.hpp"
#include "curation/task_record.hpp"
#include "db/curation.hpp"
#include "tests/curation/guided_fixtures.hpp"
#include "tests/support/test_support.hpp"

namespace kq::curation {
namespace {

TestRunOptions test_options() {
  TestRunOptions o;
  o.pch_dir = std::filesystem::temp_directory_path() / "kq-curation-test-pch";
  return o;
}

std::vector<BuiltTask> tasks_of(const test::FixtureKernel& f, const test::TempDir& dir) {
  db::Database db(dir / "kq.db");
  auto id = test::insert_fixture_kernel(db, f);
  auto k = db::load_curation_kernel(db, id);
  return build_tasks(*k, db::verifications_of(db, k->synthesis_id), "KernelQuarry/0001", RecordOptions{});
}

BuiltTask& task_in(std::vector<BuiltTask>& tasks, Dialect d) {
  auto it = std::find_if(tasks.begin(), tasks.end(), [&](const BuiltTask& t) { return t.dialect == d; });
  if (it == tasks.end()) throw std::runtime_error("no task of that dialect");
  return *it;
}

MutationOptions guided(std::size_t max_extra_cases) {
  MutationOptions mo;
  mo.max_extra_cases = max_extra_cases;
  mo.size_params = {"n"};
  return mo;
}

TEST(StructParams, TaskTestPassesInBothDialects) {
  test::TempDir dir;
  auto tasks = tasks_of(test::particle_step_fixture(), dir);
  ASSERT_EQ(tasks.size(), 2u);
  for (const auto& t : tasks) {
    // Each side's buffer points to its own Particle: the reference's lives in kq_ref.
    const std::string test = t.record.at("test").get<std::string>();
    EXPECT_NE(test.find("decltype(kqt_pointee<0>(&kq_ref::particle_step_reference))* r_p"), std::string::npos);
    auto rep = check_task(t, false, 0, "cpu-sim", dir / ("work-" + std::string(to_string(t.dialect))), test_options());
    EXPECT_TRUE(rep.ok) << to_string(t.dialect) << ": " << rep.reason << "\n" << rep.detail.dump(2);
  }
}

TEST(StructParams, MutantsOfAStructKernelAreRejected) {
  test::TempDir dir;
  auto tasks = tasks_of(test::particle_step_fixture(), dir);
  auto rep = check_task(task_in(tasks, Dialect::Cuda), true, 4, "cpu-sim", dir / "work", test_options());
  EXPECT_TRUE(rep.ok) << rep.reason << "\n" << rep.detail.dump(2);
  EXPECT_GE(rep.detail["mutants"].size(), 2u);
}

TEST(StructParams, StructScalarReachesTheReferenceInItsOwnType) {
  test::TempDir dir;
  auto tasks = tasks_of(test::shift_points_fixture(), dir);
  ASSERT_EQ(tasks.size(), 2u);
  for (const auto& t : tasks) {
    const std::string test = t.record.at("test").get<std::string>();
    // Declared once, in the reference's copy of the type; the candidate's copy has the same layout.
    EXPECT_NE(test.find("const decltype(kqt_param<1>(&kq_ref::shift_points_reference)) d ="), std::string::npos) << test;
    auto rep = check_task(t, false, 0, "cpu-sim", dir / ("work-" + std::string(to_string(t.dialect))), test_options());
    EXPECT_TRUE(rep.ok) << to_string(t.dialect) << ": " << rep.reason << "\n" << rep.detail.dump(2);
  }
}

TEST(MemberKernel, HipTaskPassesAndCudaTaskIsNotOffered) {
  test::TempDir dir;
  auto tasks = tasks_of(test::member_kernel_fixture(), dir);
  auto& hip = task_in(tasks, Dialect::Hip);
  EXPECT_NE(candidate_from_body(hip, hip.texts.canonical_solution).find("};"), std::string::npos);
  auto rep = check_task(hip, false, 0, "cpu-sim", dir / "work", test_options());
  EXPECT_TRUE(rep.ok) << rep.reason;
  EXPECT_EQ(dialect_unavailable(hip), "");
  EXPECT_NE(dialect_unavailable(task_in(tasks, Dialect::Cuda)).find("member"), std::string::npos);
}

TEST(GuidedCases, ACaseThatKillsASurvivingMutantJoinsTheTest) {
  test::TempDir dir;
  auto tasks = tasks_of(test::count_above_fixture(), dir);
  auto& cuda = task_in(tasks, Dialect::Cuda);
  auto rep = check_task_guided(cuda, guided(8), dir / "guided", test_options());
  ASSERT_TRUE(rep.ok) << rep.reason << "\n" << rep.detail.dump(2);
  ASSERT_EQ(rep.added_cases.size(), 1u);
  const std::string added = rep.added_cases[0].name;
  EXPECT_EQ(added, "typical_threshold_neg10p0");
  EXPECT_EQ(cuda.test_inputs.cases.size(), 2u);
  EXPECT_EQ(cuda.record["verification"]["cases"].get<int>(), 2);
  EXPECT_NE(cuda.record["test"].get<std::string>().find("TEST(count_above, " + added + ")"), std::string::npos);
  ASSERT_EQ(rep.detail["added_cases"].size(), 1u);
  EXPECT_EQ(rep.detail["added_cases"][0]["from"], "typical");
  // The case also kills drop_effect, which removes the kernel's atomic count.
  const auto& kills = rep.detail["added_cases"][0]["kills"];
  EXPECT_NE(std::find(kills.begin(), kills.end(), "off_by_one"), kills.end()) << kills.dump();
  EXPECT_EQ(rep.detail["mutants"][0]["killed_by_added_case"], added);
  EXPECT_TRUE(rep.detail["mutants"][0]["killed"].get<bool>());
  EXPECT_EQ(rep.detail["case_search"]["extra_cases"].get<int>(), 8);

  // The shipped test now kills the mutant by itself.
  auto again = check_task(cuda, true, 4, "cpu-sim", dir / "again", test_options());
  EXPECT_TRUE(again.ok) << again.reason;
}

TEST(GuidedCases, AnEquivalentMutantIsRecordedAndTheTaskKept) {
  test::TempDir dir;
  auto tasks = tasks_of(test::pow2_loop_fixture(), dir);
  auto& cuda = task_in(tasks, Dialect::Cuda);
  auto rep = check_task_guided(cuda, guided(6), dir / "work", test_options());
  ASSERT_TRUE(rep.ok) << rep.reason << "\n" << rep.detail.dump(2);
  EXPECT_TRUE(rep.added_cases.empty());
  EXPECT_EQ(cuda.test_inputs.cases.size(), 1u);
  std::size_t killed = 0, equivalent = 0;
  for (const auto& m : rep.detail["mutants"]) {
    killed += m["killed"].get<bool>();
    if (m.value("likely_equivalent", false)) {
      ++equivalent;
      EXPECT_EQ(m["op"], "off_by_one");
      EXPECT_EQ(m["extra_cases_tried"].get<int>(), 6) << m.dump();
    }
  }
  EXPECT_EQ(equivalent, 1u);
  EXPECT_GE(killed, 1u);
  EXPECT_EQ(rep.detail["case_search"]["valid"].get<int>(), 6);
}

TEST(GuidedCases, ExtraCasesShrinkSizesAndChangeSeedsAndValues) {
  auto f = test::count_above_fixture();
  auto j = nlohmann::json::parse(f.tests_json);
  std::vector<LaunchSpec> cases{launch_spec_from_json(j[0])};
  auto extra = extra_cases(cases, {"n"}, 100);
  ASSERT_GE(extra.size(), 6u);
  EXPECT_EQ(extra[0].spec.name, "typical_seed2");
  EXPECT_EQ(extra[0].spec.find_arg("x")->init.seed, 11u + 1000003u);
  EXPECT_EQ(extra[1].spec.name, "typical_n_999");
  EXPECT_EQ(extra[1].change, "n = 999 (was 1000)");
  std::set<std::string> names;
  for (const auto& e : extra) {
    EXPECT_TRUE(names.insert(e.spec.name).second) << e.spec.name;
    EXPECT_EQ(e.from, "typical");
    const auto* n = e.spec.find_arg("n");
    EXPECT_LE(n->value.get<long long>(), 1000);  // sizes only shrink
    EXPECT_GE(n->value.get<long long>(), 0);
    EXPECT_EQ(e.spec.find_arg("x")->count, 1000u);  // buffers stay as they are
  }
  EXPECT_TRUE(names.count("typical_n_0"));
  EXPECT_TRUE(names.count("typical_n_1"));
  EXPECT_TRUE(names.count("typical_n_257"));
  EXPECT_EQ(extra_cases(cases, {"n"}, 3).size(), 3u);
  EXPECT_EQ(extra_cases(cases, {"n"}, 100, 100).size(), 0u);  // the base is too large
}

TEST(Mutants, OffByOneShortensTheWholeBound) {
  auto ms = make_mutants("  for (int w = 0; w < blockDim.x / warpSize; ++w) total += s[w];\n}\n");
  auto it = std::find_if(ms.begin(), ms.end(), [](const Mutant& m) { return m.op == "off_by_one"; });
  ASSERT_NE(it, ms.end());
  EXPECT_NE(it->body.find("w < (blockDim.x / warpSize) - 1;"), std::string::npos) << it->body;
  auto ms2 = make_mutants("  if (i < n && x[i] > t) atomicAdd(c, 1);\n}\n");
  ASSERT_FALSE(ms2.empty());
  EXPECT_NE(ms2[0].body.find("if (i < (n) - 1 && x[i] > t)"), std::string::npos) << ms2[0].body;
}

TEST(UnitSplit, ClosingBracesCloseStructsWithASemicolon) {
  EXPECT_EQ(closing_braces("namespace a {\nstruct S {\n  static void f() {\n"), "}\n};\n}\n");
  EXPECT_EQ(closing_braces("template <class T> struct alignas(16) V {\n"), "};\n");
  EXPECT_EQ(closing_braces("__global__ void k(struct P* p) {\n"), "}\n");
  EXPECT_EQ(closing_braces("template <class T> void f(T x) {\n"), "}\n");
}

}  // namespace
}  // namespace kq::curation
