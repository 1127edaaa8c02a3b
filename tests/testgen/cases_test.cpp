#include <gtest/gtest.h>

#include <set>

#include "testgen/cases.hpp"
#include "testgen/plan.hpp"
#include "testgen/tolerance.hpp"
#include "testgen_fixtures.hpp"

namespace kq::testgen {
namespace {

using namespace fixtures;

TEST(Cases, FloatKernelGetsFiveShapesAndSpecialValues) {
  auto cases = design_cases(infer_plan(saxpy()));
  std::set<std::string> names;
  for (const auto& c : cases) names.insert(c.name);
  for (const char* n : {"typical", "size1", "one_block", "ragged", "large", "zeros", "negatives", "nan_inf"})
    EXPECT_TRUE(names.count(n)) << n;
  for (const auto& c : cases) {
    long long n = c.find_arg("n")->value.get<long long>();
    if (c.name == "size1") {
      EXPECT_EQ(n, 1);
    }
    if (c.name == "one_block") {
      EXPECT_EQ(c.grid[0], 1u);
      EXPECT_EQ(n, (long long)c.block[0]);
    }
    if (c.name == "ragged") {
      EXPECT_NE(n % c.block[0], 0);
    }
    if (c.name == "nan_inf") {
      EXPECT_EQ(c.find_arg("x")->init.dist, "poison");
    }
    if (c.name == "negatives") {
      EXPECT_LT(c.find_arg("x")->init.hi, 0);
    }
    EXPECT_EQ(c.find_arg("x")->count, (std::size_t)n);
  }
}

TEST(Cases, IntegerKernelHasNoNanCaseAndExactCompare) {
  auto in = input("popcount", "grid_stride",
                  {ptr("a", "uint32_t", true, false, {"i"}), ptr("b", "uint32_t", true, false, {"i"}),
                   ptr("counts", "int", false, true, {"i"}), size("n", {"i < n"})});
  auto plan = infer_plan(in);
  auto cases = design_cases(plan);
  EXPECT_GE(cases.size(), 5u);
  for (const auto& c : cases) {
    EXPECT_NE(c.name, "nan_inf");
    EXPECT_NE(c.name, "negatives");  // unsigned inputs
    EXPECT_EQ(c.compare.rtol, 0);
    EXPECT_EQ(c.compare.atol, 0);
  }
}

TEST(Cases, RaggedTwoDimensionalSizesAreNotBlockMultiples) {
  auto in = input("blur", "2d",
                  {ptr("img", "float", true, false, {"r * cols + c"}), ptr("out", "float", false, true, {"r * cols + c"}),
                   size("rows", {"r < rows"}), size("cols", {"c < cols"})});
  auto plan = infer_plan(in);
  auto spec = build_case(plan, "ragged", "ragged", "random", 1);
  EXPECT_NE(spec.find_arg("rows")->value.get<long long>() % 16, 0);
  EXPECT_NE(spec.find_arg("cols")->value.get<long long>() % 16, 0);
  auto one = build_case(plan, "one_block", "one_block", "random", 1);
  EXPECT_EQ(one.grid, (std::array<unsigned, 3>{1, 1, 1}));
}

TEST(Cases, TheSamePlanGivesTheSameSpecs) {
  auto a = cases_to_json(design_cases(infer_plan(saxpy())));
  auto b = cases_to_json(design_cases(infer_plan(saxpy())));
  EXPECT_EQ(a.dump(), b.dump());
  bool timing = false;
  for (const auto& c : a) timing |= c.value("timing", false);
  EXPECT_TRUE(timing);
  // Each case has its own seeds, so cases differ in their inputs.
  EXPECT_NE(a[0]["args"][2]["init"]["seed"], a[1]["args"][2]["init"]["seed"]);
}

TEST(Cases, SpecsRoundTripThroughJson) {
  for (const auto& c : design_cases(infer_plan(saxpy()))) {
    auto back = launch_spec_from_json(launch_spec_to_json(c));
    EXPECT_EQ(launch_spec_to_json(back).dump(), launch_spec_to_json(c).dump());
  }
}

TEST(Tolerance, ByTypeAndOperation) {
  EXPECT_EQ(tolerance_for("integer", "int").rtol, 0);
  auto f = tolerance_for("elementwise", "float");
  EXPECT_DOUBLE_EQ(f.rtol, 1e-5);
  EXPECT_DOUBLE_EQ(f.atol, 1e-6);
  EXPECT_GT(tolerance_for("reduction", "float").rtol, f.rtol);
  EXPECT_GT(tolerance_for("atomic", "float").rtol, f.rtol);
  EXPECT_LT(tolerance_for("elementwise", "double").rtol, f.rtol);
  EXPECT_GE(tolerance_for("elementwise", "__half").rtol, 1e-2);
  EXPECT_EQ(tolerance_for("elementwise", "int").atol, 0);
}

TEST(Tolerance, HalfOutputsLoosenTheKernel) {
  auto in = input("half_axpy", "1d",
                  {size("n", {"i < n"}), scalar("a", "__half"), ptr("x", "__half", true, false, {"i"}),
                   ptr("y", "__half", true, true, {"i"})});
  EXPECT_GE(infer_plan(in).compare.rtol, 1e-2);
}

}  // namespace
}  // namespace kq::testgen
