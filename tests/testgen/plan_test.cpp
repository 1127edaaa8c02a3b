#include <gtest/gtest.h>

#include "testgen/cases.hpp"
#include "testgen/plan.hpp"
#include "testgen_fixtures.hpp"

namespace kq::testgen {
namespace {

using namespace fixtures;

TEST(Plan, OneDimensionalKernelCoversNWithCeilGrid) {
  auto plan = infer_plan(saxpy());
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.launch.pattern, "1d");
  EXPECT_EQ(plan.launch.extent_x, "n");
  EXPECT_EQ(plan.launch.block[0], 256u);
  EXPECT_EQ(plan.find("x")->count(), "n");
  EXPECT_EQ(plan.find("x")->role, "in");
  EXPECT_EQ(plan.find("y")->role, "inout");
  EXPECT_EQ(plan.find("n")->role, "size");
  EXPECT_EQ(plan.find("a")->role, "scalar");
  auto spec = build_case(plan, "t", "typical", "random", 1);
  EXPECT_EQ(spec.grid[0], (3000u + 255) / 256);
  EXPECT_EQ(spec.find_arg("x")->count, 3000u);
}

TEST(Plan, GridStrideKernelGetsCappedGrid) {
  auto in = saxpy();
  in.analysis.index_pattern = "grid_stride";
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok);
  EXPECT_TRUE(plan.launch.capped);
  auto spec = build_case(plan, "t", "typical", "random", 1);
  EXPECT_EQ(spec.grid[0], 8u);
  EXPECT_LT(spec.grid[0] * spec.block[0], 3000u);  // the loop must take several turns
}

TEST(Plan, TwoDimensionalKernelUses16x16OverColsAndRows) {
  auto in = input("adjust", "2d",
                  {ptr("img", "float", true, false, {"r * cols + c"}), ptr("out", "float", false, true, {"r * cols + c"}),
                   size("rows", {"r < rows"}), size("cols", {"c < cols"}), scalar("gain", "float")});
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.launch.extent_x, "cols");
  EXPECT_EQ(plan.launch.extent_y, "rows");
  EXPECT_EQ(plan.launch.block, (std::array<unsigned, 3>{16, 16, 1}));
  EXPECT_EQ(plan.find("img")->count(), "rows*cols");
  auto spec = build_case(plan, "r", "ragged", "random", 1);
  EXPECT_EQ(spec.grid[0], (unsigned)((spec.find_arg("cols")->value.get<long long>() + 15) / 16));
  EXPECT_EQ(spec.grid[1], (unsigned)((spec.find_arg("rows")->value.get<long long>() + 15) / 16));
}

TEST(Plan, MatmulSizesFollowTheIndexExpressions) {
  auto in = input("matmul", "2d",
                  {ptr("A", "float", true, false, {"row * k + i"}), ptr("B", "float", true, false, {"i * n + col"}),
                   ptr("C", "float", false, true, {"row * n + col"}), size("m", {"row < m"}),
                   size("n", {"col < n"}), size("k", {"i < k"})});
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.launch.extent_x, "n");
  EXPECT_EQ(plan.launch.extent_y, "m");
  EXPECT_EQ(plan.find("A")->count(), "m*k");
  EXPECT_EQ(plan.find("B")->count(), "n*k");
  EXPECT_EQ(plan.find("C")->count(), "m*n");
  EXPECT_EQ(plan.find("k")->dim, "aux");
}

TEST(Plan, BlockPerRowLaunchesOneBlockPerRow) {
  auto in = input("softmax_rows", "block_per_row",
                  {ptr("x", "float", true, false, {}), ptr("y", "float", false, true, {}),
                   size("rows", {"row >= rows"}), size("cols", {"c < cols"})});
  in.analysis.set(Feature::syncthreads);
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.find("x")->count(), "rows*cols");
  auto spec = build_case(plan, "t", "typical", "random", 1);
  EXPECT_EQ(spec.grid[0], (unsigned)spec.find_arg("rows")->value.get<long long>());
  EXPECT_EQ(spec.block[0], 256u);
  EXPECT_EQ(plan.op_class, "reduction");
  EXPECT_GT(plan.compare.rtol, 1e-5);
}

TEST(Plan, BlockSizeComesFromLaunchSiteOrTileConstant) {
  auto in = saxpy();
  in.unit_source = "#define THREADS 128\n" + in.unit_source;
  in.launches = nlohmann::json::array({{{"grid", "(n + THREADS - 1) / THREADS"}, {"block", "THREADS"}}});
  EXPECT_EQ(infer_plan(in).launch.block[0], 128u);
  auto tiled = saxpy();
  tiled.kernel_source = "int i = blockIdx.x * BLOCK + threadIdx.x;";
  tiled.unit_source = "#define BLOCK 64\n" + tiled.kernel_source;
  EXPECT_EQ(infer_plan(tiled).launch.block[0], 64u);
}

TEST(Plan, GatherIndexBufferStaysInRangeOfTheSource) {
  auto in = input("gather", "1d",
                  {ptr("src", "float", true, false, {"j"}), ptr("idx", "int", true, false, {"i"}),
                   ptr("out", "float", false, true, {"i"}), size("n", {"i < n"}), size("src_len", {"j < src_len"})},
                  "int i = blockIdx.x * blockDim.x + threadIdx.x;\n if (i < n) { int j = idx[i]; out[i] = src[j]; }");
  in.analysis.set(Feature::index_buffer);
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.launch.extent_x, "n");
  EXPECT_EQ(plan.find("src")->count(), "src_len");
  EXPECT_EQ(plan.find("idx")->index_target, "src");
  for (const auto& c : design_cases(plan)) {
    const auto* idx = c.find_arg("idx");
    EXPECT_EQ(idx->init.dist, "randint") << c.name;
    EXPECT_EQ(idx->init.lo, 0);
    EXPECT_EQ(idx->init.hi, double(c.find_arg("src")->count - 1)) << c.name;
  }
}

TEST(Plan, HistogramBinsSizedByTheIndexType) {
  auto in = input("histogram", "grid_stride",
                  {ptr("data", "uint8_t", true, false, {"i"}), ptr("hist", "unsigned int", false, true, {"data[i]"}, true),
                   size("n", {"i < n"})});
  in.analysis.set(Feature::atomics);
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.find("hist")->count(), "256");
  EXPECT_EQ(plan.find("hist")->role, "inout");
  EXPECT_EQ(plan.find("data")->index_target, "hist");
  EXPECT_EQ(plan.op_class, "integer");
  EXPECT_EQ(plan.compare.rtol, 0);
  auto spec = build_case(plan, "t", "typical", "random", 1);
  EXPECT_EQ(spec.find_arg("hist")->init.dist, "zeros");
  EXPECT_EQ(spec.find_arg("data")->init.hi, 255);
}

TEST(Plan, SqrtLogKernelGetsPositiveInputsAndNoSpecialValues) {
  auto in = input("sqrt_log", "1d",
                  {ptr("x", "float", true, false, {"i"}), ptr("out", "float", false, true, {"i"}), size("n", {"i < n"})});
  in.analysis.set(Feature::math_sqrt_log);
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok);
  EXPECT_EQ(plan.find("x")->domain, "positive");
  for (const auto& c : design_cases(plan)) {
    EXPECT_NE(c.name, "nan_inf");
    EXPECT_NE(c.name, "negatives");
    EXPECT_NE(c.name, "zeros");
    EXPECT_GT(c.find_arg("x")->init.lo, 0.0) << c.name;
  }
}

TEST(Plan, TemplateTakesExplicitInstantiationThenFloat) {
  auto in = input("block_sum", "1d",
                  {ptr("x", "T", true, false, {"i"}), ptr("partial", "T", false, true, {"blockIdx.x"}), size("n", {"i < n"})});
  in.analysis.template_params = {"typename T"};
  in.instantiations = nlohmann::json::array({"template __global__ void block_sum<double>(const double*, double*, int);"});
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.template_args, std::vector<std::string>{"double"});
  EXPECT_EQ(plan.find("x")->type, "double");
  EXPECT_EQ(plan.find("partial")->count(), "grid");
  in.instantiations = nlohmann::json::array();
  EXPECT_EQ(infer_plan(in).template_args, std::vector<std::string>{"float"});
  in.analysis.template_params = {"typename T", "int K"};
  auto chosen = infer_plan(in);
  ASSERT_TRUE(chosen.ok) << "a value parameter without instantiation gets candidates to prove";
  EXPECT_EQ(chosen.template_args, (std::vector<std::string>{"float", "4"}));
  EXPECT_FALSE(chosen.template_alternatives.empty());
}

TEST(Plan, DynamicSharedMemoryFromLaunchSiteOrBlockTimesElement) {
  auto in = input("sum_squares", "1d",
                  {ptr("x", "float", true, false, {"i"}), ptr("partial", "float", false, true, {"blockIdx.x"}),
                   size("n", {"i < n"})},
                  "extern __shared__ float sdata[];");
  in.analysis.set(Feature::shared_dynamic);
  auto plan = infer_plan(in);
  EXPECT_EQ(plan.launch.shared_expr, "block*4");
  in.launches = nlohmann::json::array({{{"grid", "blocks"}, {"block", "threads"}, {"shared", "2 * threads * sizeof(double)"}}});
  plan = infer_plan(in);
  EXPECT_EQ(plan.launch.shared_expr, "2 * block * 8");
  auto spec = build_case(plan, "t", "typical", "random", 1);
  EXPECT_EQ(spec.shared_bytes, 2u * 256 * 8);
}

TEST(Plan, StructBuffersGetTheirLayout) {
  auto in = input("kinetic", "1d",
                  {ptr("p", "Particle", true, false, {"i"}), ptr("e", "float", false, true, {"i"}), size("n", {"i < n"})},
                  "", "struct Vec3 { float x, y, z; };\nstruct Particle {\n  Vec3 pos;\n  Vec3 vel;\n  float mass;\n};\n");
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.find("p")->bytes, 28u);
}

TEST(Plan, UnsupportedKernelsSayWhy) {
  auto in = input("tex", "1d", {ptr("out", "float", false, true, {"i"}), size("n", {"i < n"})});
  in.analysis.set(Feature::texture);
  auto plan = infer_plan(in);
  EXPECT_FALSE(plan.ok);
  EXPECT_EQ(plan.reason.rfind("unsupported: ", 0), 0u);
  auto nowrite = input("nowrite", "1d", {ptr("x", "float", true, false, {"i"}), size("n", {"i < n"})});
  EXPECT_NE(infer_plan(nowrite).reason.find("writes no buffer"), std::string::npos);
  auto opaque = input("opaque", "1d", {ptr("p", "Opaque", true, true, {"i"}), size("n", {"i < n"})});
  EXPECT_NE(infer_plan(opaque).reason.find("'Opaque'"), std::string::npos);
  auto nosize = input("nosize", "other", {ptr("p", "float", true, true, {"threadIdx.x"})});
  auto single = infer_plan(nosize);
  ASSERT_TRUE(single.ok) << single.reason;
  EXPECT_EQ(single.find("p")->count(), "block");
  EXPECT_EQ(build_case(single, "t", "typical", "random", 1).grid[0], 1u);
}

}  // namespace
}  // namespace kq::testgen

namespace kq::testgen {
namespace {

using namespace fixtures;

TEST(Plan, NonConstPointerWithoutSeenStoresIsComparedAsInout) {
  auto p = ptr("y", "__half", true, false, {"i"});
  p.is_const = false;
  p.type = "__half *";
  auto plan = infer_plan(input("half_axpy", "1d", {size("n", {"i < n"}), ptr("x", "__half", true, false, {"i"}), p}));
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.find("y")->role, "inout");
  EXPECT_EQ(plan.find("x")->role, "in");
}

TEST(Plan, UnclassifiedKernelIndexingByBlockIdxYIsTwoDimensional) {
  auto in = input("t", "other",
                  {ptr("in", "float", true, false, {"y * cols + x"}), ptr("out", "float", false, true, {"x * rows + y"}),
                   size("rows", {"y < rows"}), size("cols", {"x < cols"})},
                  "int x = blockIdx.x * 32 + threadIdx.x; int y = blockIdx.y * 32 + threadIdx.y;");
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.launch.pattern, "2d");
  EXPECT_EQ(plan.launch.tile[0], 32u);
  EXPECT_EQ(plan.find("out")->count(), "rows*cols");
}

}  // namespace
}  // namespace kq::testgen

namespace kq::testgen {
namespace {

using namespace fixtures;

TEST(Plan, TiledKernelUsingBlockIdxYIsTwoDimensionalEvenWhenReportedOneD) {
  auto in = input("matmul_tiled", "1d",
                  {ptr("A", "float", true, false, {"row * k + ac"}), ptr("C", "float", false, true, {"row * n + col"}),
                   size("m", {"row < m"}), size("n", {"col < n"}), size("k", {"ac < k"})},
                  "int row = blockIdx.y * 16 + threadIdx.y; int col = blockIdx.x * 16 + threadIdx.x;");
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.launch.pattern, "2d");
  EXPECT_EQ(plan.launch.block, (std::array<unsigned, 3>{16, 16, 1}));
}

TEST(Plan, BinConstantsComeBeforeLaunchVariablesAmongCandidates) {
  auto in = input("histogram_shared", "grid_stride",
                  {ptr("data", "uint8_t", true, false, {"i"}), ptr("hist", "unsigned int", true, true, {"b"}, true),
                   size("n", {"i < n"})},
                  "for (int b = threadIdx.x; b < 256; b += blockDim.x) if (local[b]) atomicAdd(&hist[b], local[b]);");
  auto plan = infer_plan(in);
  const auto& c = plan.find("hist")->count_candidates;
  auto pos = [&](const std::string& s) { return std::find(c.begin(), c.end(), s) - c.begin(); };
  EXPECT_LT(pos("256"), pos("block"));
}

}  // namespace
}  // namespace kq::testgen

namespace kq::testgen {
namespace {

using namespace fixtures;

TEST(Plan, RowPointerOffsetJoinsTheBufferShape) {
  auto in = input("softmax_rows", "block_per_row",
                  {ptr("x", "float", true, false, {"c"}), ptr("g", "float", true, false, {"c"}),
                   ptr("y", "float", false, true, {"c"}), size("rows", {"row >= rows"}), size("cols", {"c < cols"})},
                  "int row = blockIdx.x;\n const float* in = x + static_cast<size_t>(row) * cols;\n"
                  " float* out = y + row * cols;\n for (int c = threadIdx.x; c < cols; c += blockDim.x) out[c] = in[c] * g[c];");
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.find("x")->count(), "rows*cols");
  EXPECT_EQ(plan.find("y")->count(), "rows*cols");
  EXPECT_EQ(plan.find("g")->count(), "cols");
}

}  // namespace
}  // namespace kq::testgen
