#include <gtest/gtest.h>

#include "testgen/expr.hpp"
#include "testgen/launch_sites.hpp"
#include "testgen/source_facts.hpp"

namespace kq::testgen {
namespace {

TEST(Expr, EvaluatesSizeFormulas) {
  Bindings v{{"n", 10}, {"rows", 3}, {"cols", 4}};
  EXPECT_EQ(eval_size("n", v), 10);
  EXPECT_EQ(eval_size("rows*cols", v), 12);
  EXPECT_EQ(eval_size("n+1", v), 11);
  EXPECT_EQ(eval_size("(n + 3) / 4", v), 3);
  EXPECT_EQ(eval_size("2*n - 1", v), 19);
  EXPECT_FALSE(eval_size("m", v));
  EXPECT_FALSE(eval_size("n/0", v));
  EXPECT_FALSE(eval_size("n +", v));
  EXPECT_EQ(expr_identifiers("row * cols + col"), (std::vector<std::string>{"row", "cols", "col"}));
}

TEST(Expr, ReadsLiteralsAsCodeWritesThem) {
  Bindings none;
  EXPECT_EQ(eval_size("(4 * (100'000'000))/4", none), 100000000);
  EXPECT_EQ(eval_size("0x100", none), 256);
  EXPECT_EQ(eval_size("0XfFu", none), 255);
  EXPECT_EQ(eval_size("0b1010", none), 10);
  EXPECT_EQ(eval_size("1'024ull * 2", none), 2048);
  EXPECT_TRUE(expr_identifiers("1'000 * 0x1f").empty());
}

TEST(SourceFacts, ReadsTheLayoutOfATypedefOfATaggedStruct) {
  std::string src = "typedef struct latLong\n{\n  float lat;\n  float lng;\n} LatLong;\n";
  auto layout = type_layout(src, "LatLong");
  ASSERT_TRUE(layout);
  EXPECT_EQ(layout->size, 8u);
  ASSERT_TRUE(struct_body(src, "LatLong"));
}

TEST(SourceFacts, ResolvesConstantsAndLayouts) {
  std::string src = "#define BLOCK 256\n#define HALF (BLOCK / 2)\nconstexpr int TILE = 16;\n"
                    "struct Vec3 { float x, y, z; };\nstruct P { Vec3 a; double m; };\n";
  EXPECT_EQ(int_constant(src, "BLOCK"), 256);
  EXPECT_EQ(int_constant(src, "HALF"), 128);
  EXPECT_EQ(int_constant(src, "TILE"), 16);
  EXPECT_EQ(int_constant(src, "64"), 64);
  EXPECT_FALSE(int_constant(src, "UNKNOWN"));
  EXPECT_EQ(type_layout(src, "Vec3")->size, 12u);
  EXPECT_EQ(type_layout(src, "P")->size, 24u);
  EXPECT_FALSE(type_layout("struct Q { float f(); };", "Q"));
  EXPECT_EQ(type_layout(src, "Vec3")->uniform, "float");
  EXPECT_EQ(type_layout(src, "P")->uniform, "");  // mixed float and double
  EXPECT_EQ(type_layout("struct R { float4 a; float b[4]; };", "R")->uniform, "float");
  EXPECT_EQ(type_layout("struct S { double d; float f; };", "S")->uniform, "");  // padded to 16
  EXPECT_EQ(block_tile("int i = blockIdx.x * BLOCK + tid;", src, 'x'), 256);
  EXPECT_FALSE(block_tile("int i = blockIdx.x * blockDim.x + tid;", src, 'x'));
  EXPECT_EQ(dynamic_shared_type("extern __shared__ float sdata[];"), "float");
}

TEST(LaunchSites, ReadsObjectsStringsAndDims) {
  auto sites = read_launch_sites(nlohmann::json::array({"k<float><<<g, 128, 64>>>(a)", {{"config", {"g", "b"}}}}));
  ASSERT_EQ(sites.size(), 2u);
  EXPECT_EQ(sites[0].block, "128");
  EXPECT_EQ(sites[0].shared, "64");
  EXPECT_EQ(sites[0].template_args, std::vector<std::string>{"float"});
  EXPECT_EQ(sites[1].block, "b");
  auto d = resolve_dims("dim3(TILE, 8)", "#define TILE 32\n");
  ASSERT_TRUE(d);
  EXPECT_EQ((*d)[0], 32u);
  EXPECT_EQ((*d)[1], 8u);
  EXPECT_FALSE(resolve_dims("block", ""));
  EXPECT_EQ(split_template_args("block_sum<float, 256>"), (std::vector<std::string>{"float", "256"}));
}

}  // namespace
}  // namespace kq::testgen

namespace kq::testgen {
namespace {

TEST(Expr, ShiftsBindBelowSums) {
  EXPECT_EQ(eval_size("1 << k", {{"k", 10}}), 1024);
  EXPECT_EQ(eval_size("1 << k + 1", {{"k", 3}}), 16) << "as in C: 1 << (k + 1)";
  EXPECT_EQ(eval_size("(n >> 1) * 2", {{"n", 9}}), 8);
  EXPECT_FALSE(eval_size("1 << 63", {})) << "no overflow";
  EXPECT_EQ(eval_size("min(1 << 4, 20)", {}), 16);
}

}  // namespace
}  // namespace kq::testgen
