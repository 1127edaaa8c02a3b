// Scalars of struct or vector type passed by value: their leaves and the
// value each case gives them.
#include <gtest/gtest.h>

#include "testgen/cases.hpp"
#include "testgen/plan.hpp"
#include "testgen/struct_fields.hpp"
#include "testgen_fixtures.hpp"

namespace kq::testgen {
namespace {

using namespace fixtures;

const char* kTypes =
    "#define TAPS 3\n"
    "struct Vec2 { float x, y; };\n"
    "typedef struct { int lo, hi; } Range;\n"
    "struct Params { Vec2 origin; float3 dir; float taps[TAPS]; Range r; double eps; };\n";

TEST(StructFields, LeavesOfNestedStructsVectorsAndArrays) {
  auto f = scalar_fields(kTypes, "Params");
  ASSERT_TRUE(f);
  std::vector<std::string> paths, types;
  for (const auto& x : *f) paths.push_back(x.path), types.push_back(x.type);
  EXPECT_EQ(paths, (std::vector<std::string>{"origin.x", "origin.y", "dir.x", "dir.y", "dir.z", "taps[0]", "taps[1]",
                                             "taps[2]", "r.lo", "r.hi", "eps"}));
  EXPECT_EQ(types.back(), "double");
  EXPECT_EQ(types[8], "int");
  EXPECT_EQ(vector_components("uchar4").size(), 4u);
  EXPECT_FALSE(scalar_fields("struct P { float* data; int n; };", "P"));
  EXPECT_FALSE(scalar_fields("struct Big { float v[100]; };", "Big"));
  EXPECT_FALSE(scalar_fields("", "Unknown"));
}

TEST(StructScalarPlan, EachLeafGetsAValueByItsOwnName) {
  auto in = input("k", "1d",
                  {size("n", {"i < n"}), scalar("p", "Params"), scalar("v", "float3"),
                   ptr("y", "float", false, true, {"i"})},
                  "", kTypes);
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  const auto* p = plan.find("p");
  EXPECT_EQ(p->role, "scalar");
  EXPECT_EQ(p->bytes, 48u);  // 8 + 12 + 12 + 8, padded to the double's 8
  ASSERT_EQ(p->fields.size(), 11u);
  ASSERT_TRUE(p->scalar_value.is_array());
  EXPECT_EQ(p->scalar_value[8]["field"], "r.lo");
  EXPECT_TRUE(p->scalar_value[8]["value"].is_number_integer());
  EXPECT_EQ(p->scalar_value[10]["value"], 1e-5);  // eps, as a scalar named eps gets
  EXPECT_EQ(plan.find("v")->scalar_value.size(), 3u);
  auto spec = build_case(plan, "t", "typical", "random", 1);
  EXPECT_EQ(spec.find_arg("p")->bytes, 48u);
  EXPECT_EQ(spec.find_arg("p")->value, p->scalar_value);
  // The same plan gives the same values.
  EXPECT_EQ(infer_plan(in).find("p")->scalar_value, p->scalar_value);
}

}  // namespace
}  // namespace kq::testgen
