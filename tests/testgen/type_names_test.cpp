// Type names through the unit's aliases, and template arguments that are
// concrete in the unit rather than parameters of an enclosing template.
#include <gtest/gtest.h>

#include "testgen/plan.hpp"
#include "testgen/type_names.hpp"
#include "testgen_fixtures.hpp"

namespace kq::testgen {
namespace {

using namespace fixtures;

TEST(TypeNames, AliasesResolveToLaunchSpecScalars) {
  const char* src = "typedef unsigned int uint32;\nusing Real = double;\ntypedef Real Scalar;\nstruct V { float x; };\n";
  EXPECT_EQ(scalar_alias(src, "uint32"), "unsigned int");
  EXPECT_EQ(scalar_alias(src, "Scalar"), "double");
  EXPECT_EQ(scalar_alias("", "uint"), "unsigned int");  // from the system headers
  EXPECT_EQ(scalar_alias("", "clock_t"), "long");
  EXPECT_EQ(scalar_alias("", "float"), "float");
  EXPECT_EQ(scalar_alias(src, "V"), "");
  EXPECT_EQ(scalar_alias(src, "T"), "");
  EXPECT_TRUE(concrete_type(src, "V"));
  EXPECT_FALSE(concrete_type(src, "T"));
}

TEST(TypeNames, BuffersOfAliasedTypesGetTheScalarType) {
  auto in = input("scan", "1d",
                  {ptr("dst", "uint", false, true, {"i"}), ptr("src", "uint", true, false, {"i"}), size("n", {"i < n"})},
                  "", "typedef unsigned int uint;\n");
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.find("dst")->type, "unsigned int");
  EXPECT_EQ(plan.find("dst")->bytes, 0u);
}

TEST(TypeNames, TemplateArgumentsOfAnEnclosingTemplateAreNotTaken) {
  auto in = input("reduce", "1d", {ptr("x", "T", true, false, {"i"}), ptr("y", "T", false, true, {"blockIdx.x"}),
                                   size("n", {"i < n"})});
  in.analysis.template_params = {"class T", "unsigned int blockSize", "bool nIsPow2"};
  // Launched from inside `template <class T> void run(...)`, then once concretely.
  in.launches = nlohmann::json::array({{{"template_args", "<T, blockSize, nIsPow2>"}},
                                       {{"template_args", "<T, 128, true>"}}});
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.template_args, (std::vector<std::string>{"float", "128", "true"}));
  EXPECT_EQ(plan.find("x")->type, "float");
  in.launches = nlohmann::json::array({{{"template_args", "<T, blockSize, nIsPow2>"}}});
  EXPECT_EQ(infer_plan(in).template_args, (std::vector<std::string>{"float", "256", "false"}));
  in.launches = nlohmann::json::array({{{"template_args", "<double, 64, false>"}}});
  EXPECT_EQ(infer_plan(in).template_args, (std::vector<std::string>{"double", "64", "false"}));
}

}  // namespace
}  // namespace kq::testgen

namespace kq::testgen {
namespace {

using namespace fixtures;

TEST(Strides, IntegerScalarsASubscriptMultipliesByAreExtents) {
  // No bound names wA or wB: the kernel trusts its launch (matrixMul).
  auto in = input("MatrixMulCUDA", "other",
                  {ptr("C", "float", false, true, {"c + wB * ty + tx"}), ptr("A", "float", true, false, {"a + wA * ty + tx"}),
                   ptr("B", "float", true, false, {"b + wB * ty + tx"}), scalar("wA", "int"), scalar("wB", "int"),
                   scalar("alpha", "float")},
                  "int by = blockIdx.y; int bx = blockIdx.x;\n");
  in.analysis.template_params = {"int BLOCK_SIZE"};
  in.launches = nlohmann::json::array({{{"template_args", "<32>"}, {"block", "threads"}}});
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.find("wA")->role, "size");
  EXPECT_EQ(plan.find("wB")->role, "size");
  EXPECT_EQ(plan.find("alpha")->role, "scalar");
  EXPECT_EQ(plan.launch.pattern, "2d");
  EXPECT_EQ(plan.launch.block, (std::array<unsigned, 3>{32, 32, 1}));  // from BLOCK_SIZE = 32
  // A kernel with a bounded size of its own keeps a multiplier as a value.
  auto bounded = input("scale_rows", "1d",
                       {ptr("y", "float", false, true, {"i * stride"}), size("n", {"i < n"}), scalar("stride", "int")});
  auto plan2 = infer_plan(bounded);
  ASSERT_TRUE(plan2.ok) << plan2.reason;
  EXPECT_EQ(plan2.find("stride")->role, "scalar");
}

}  // namespace
}  // namespace kq::testgen
