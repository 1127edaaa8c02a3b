// Launch configurations resolved through the launching function's locals,
// read from launch sites as the extractor records them.
#include <gtest/gtest.h>

#include "extractor/launches.hpp"
#include "testgen/cases.hpp"
#include "testgen/plan.hpp"
#include "testgen/site_locals.hpp"
#include "testgen/source_facts.hpp"
#include "testgen_fixtures.hpp"

namespace kq::testgen {
namespace {

using namespace fixtures;
using nlohmann::json;

const char* kTransposeKernel =
    "__global__ void transpose_shared(const float* in, float* out, int rows, int cols) {\n"
    "  __shared__ float tile[TILE_DIM][TILE_DIM + 1];\n"
    "  int x = blockIdx.x * TILE_DIM + threadIdx.x;\n"
    "  int y = blockIdx.y * TILE_DIM + threadIdx.y;\n"
    "  for (int j = 0; j < TILE_DIM; j += BLOCK_ROWS)\n"
    "    if (x < cols && y + j < rows) tile[threadIdx.y + j][threadIdx.x] = in[(y + j) * cols + x];\n"
    "  __syncthreads();\n"
    "  x = blockIdx.y * TILE_DIM + threadIdx.x;\n"
    "  y = blockIdx.x * TILE_DIM + threadIdx.y;\n"
    "  for (int j = 0; j < TILE_DIM; j += BLOCK_ROWS)\n"
    "    if (x < rows && y + j < cols) out[(y + j) * rows + x] = tile[threadIdx.x][threadIdx.y + j];\n"
    "}\n";

PlanInput transpose_input() {
  auto in = input("transpose_shared", "2d",
                  {ptr("in", "float", true, false, {"(y + j) * cols + x"}),
                   ptr("out", "float", false, true, {"(y + j) * rows + x"}), size("rows", {"y + j < rows", "x < rows"}),
                   size("cols", {"x < cols", "y + j < cols"})},
                  kTransposeKernel, "#define TILE_DIM 32\n#define BLOCK_ROWS 8\n");
  in.analysis.set(Feature::shared_static);
  in.analysis.set(Feature::syncthreads);
  return in;
}

// The launch as the extractor reads it from the host source.
json launches_from(const std::string& host_source) {
  json out = json::array();
  for (const auto& l : extractor::find_launches(host_source, "host.cu")) out.push_back(extractor::to_json(l));
  return out;
}

TEST(SiteLocals, ReadsDim3IntegerAndComponentLocals) {
  auto l = read_site_locals(
      "  #define BS 64\n"
      "  const int threads = 128;\n"
      "  int blocks = CEIL_DIV(n, threads);\n"
      "  dim3 block(TILE, 8);\n"
      "  dim3 grid{(w + 15) / 16, h};\n"
      "  dim3 other;\n"
      "  other.x = BS; other.y = 2;\n"
      "  for (int i = 0; i < 3; ++i) { int inner = i; }\n");
  EXPECT_EQ(l.scalars.at("threads"), "128");
  EXPECT_EQ(l.scalars.at("blocks"), "CEIL_DIV(n, threads)");
  EXPECT_EQ(l.dims.at("block"), (std::array<std::string, 3>{"TILE", "8", "1"}));
  EXPECT_EQ(l.dims.at("grid"), (std::array<std::string, 3>{"(w + 15) / 16", "h", "1"}));
  EXPECT_EQ(l.dims.at("other"), (std::array<std::string, 3>{"BS", "2", "1"}));
  EXPECT_NE(l.defines.find("#define BS 64"), std::string::npos);
  EXPECT_FALSE(l.scalars.count("i"));  // a for header is not a declaration of the body
}

TEST(SiteLocals, BlockAndGridThroughLocalsMacrosAndArguments) {
  LaunchSite site;
  site.context = "  int threads = BLOCK * 2;\n  int blocks = divUp(count, threads);\n";
  site.args = {"d_x", "d_y", "count"};
  site.block = "threads";
  site.grid = "blocks";
  auto block = resolve_site_dims(site.block, site, "#define BLOCK 64\n");
  ASSERT_TRUE(block);
  EXPECT_EQ(*block, (std::array<unsigned, 3>{128, 1, 1}));
  auto grid = site_dim_formulas(site.grid, site, "#define BLOCK 64\n", {"x", "y", "n"});
  ASSERT_TRUE(grid);
  EXPECT_EQ(eval_size((*grid)[0], {{"n", 1000}}), 8);  // ceil(1000 / 128), over the kernel's own n
  EXPECT_EQ(eval_size((*grid)[1], {}), 1);
  // A name neither local, constant nor argument leaves the block unresolved.
  site.block = "block_size";
  EXPECT_FALSE(resolve_site_dims(site.block, site, ""));
}

TEST(SiteLocals, LocalsOfAliasedAndMultiWordIntegerTypes) {
  auto l = read_site_locals(
      "  uint threadCount = SHARED_SIZE_LIMIT / 2;\n"
      "  unsigned long long total = n * 4;\n"
      "  std::size_t bytes = total * 4;\n"
      "  float scale = 0.5f;\n"
      "  size_I = cols * rows;\n"
      "  t = t + 1;\n");
  EXPECT_EQ(l.scalars.at("threadCount"), "SHARED_SIZE_LIMIT / 2");
  EXPECT_EQ(l.scalars.at("total"), "n * 4");
  EXPECT_EQ(l.scalars.at("bytes"), "total * 4");
  EXPECT_EQ(l.scalars.at("scale"), "0.5f");
  EXPECT_EQ(l.scalars.at("size_I"), "cols * rows") << "declared earlier in a list, or outside the body";
  EXPECT_FALSE(l.scalars.count("t")) << "an update has no one value";
  LaunchSite site;
  site.context = "  uint threadCount = SHARED_SIZE_LIMIT / 2;\n";
  EXPECT_EQ(resolve_site_dims("threadCount", site, "#define SHARED_SIZE_LIMIT 1024U\n"),
            (std::array<unsigned, 3>{512, 1, 1}));
}

TEST(SiteLocals, CastsCeilAndMinAreReadAsIntegerFormulas) {
  LaunchSite site;
  site.context = "  const int bs = 256;\n  int g = std::min((int)ceil(n / (float)bs), 1024);\n";
  site.args = {"n", "x"};
  auto grid = site_dim_formulas("g", site, "", {"n", "x"});
  ASSERT_TRUE(grid);
  EXPECT_EQ(eval_size((*grid)[0], {{"n", 1000}}), 4);
  EXPECT_EQ(eval_size((*grid)[0], {{"n", 1 << 20}}), 1024);
}

TEST(SiteLocals, ParametersTheGridIsComputedFrom) {
  LaunchSite site;
  site.context = "  int total = B * NH * T;\n  int blocks = ceil_div(total, block_size);\n";
  site.grid = "blocks";
  site.args = {"out", "inp", "B", "T", "C", "NH"};
  EXPECT_EQ(site_grid_params(site, {"out", "inp", "B", "T", "C", "NH"}),
            (std::vector<std::string>{"B", "T", "NH"}));
  // One block per row: `N` is an extent though no bound in the kernel names it.
  auto in = input("softmax_rows", "other",
                  {ptr("out", "float", false, true, {"idx * C + i"}), ptr("inp", "float", true, false, {"i"}),
                   scalar("N", "int"), size("C", {"i < C"})});
  in.launches = launches_from("void run(float* o, const float* x, int N, int C, int bs) {\n"
                              "  softmax_rows<<<N, bs, 2 * bs / 32 * sizeof(float)>>>(o, x, N, C);\n}\n");
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.find("N")->role, "size");
  const auto& c = plan.find("out")->count_candidates;  // the search moves to it when C overflows
  EXPECT_NE(std::find(c.begin(), c.end(), "N*C"), c.end());
}

TEST(SiteLocals, SharedBytesThroughLocals) {
  LaunchSite site;
  site.context = "  int threads = 128;\n  size_t smem = threads * sizeof(float2);\n";
  site.block = "threads";
  EXPECT_EQ(site_bytes_formula("smem", site, "", {}).value_or(""), "((128) * 8)");
  site.context = "  size_t smem = threads * sizeof(float);\n";  // threads: a parameter of the launcher
  EXPECT_EQ(site_bytes_formula("smem", site, "", {}).value_or(""), "(block * 4)");
}

TEST(SiteLocals, TransposeBlockAndGridFromLocalDim3) {
  auto in = transpose_input();
  in.launches = launches_from(
      "void transpose(const float* d_in, float* d_out, int h, int w, cudaStream_t stream) {\n"
      "  dim3 block(TILE_DIM, BLOCK_ROWS);\n"
      "  dim3 grid((w + TILE_DIM - 1) / TILE_DIM, (h + TILE_DIM - 1) / TILE_DIM);\n"
      "  transpose_shared<<<grid, block, 0, stream>>>(d_in, d_out, h, w);\n"
      "}\n");
  ASSERT_EQ(in.launches.size(), 1u);
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.launch.block, (std::array<unsigned, 3>{32, 8, 1}));
  EXPECT_EQ(plan.launch.tile, (std::array<unsigned, 2>{32, 32}));
  EXPECT_FALSE(plan.launch.grid_formula[0].empty()) << plan_to_json(plan).dump();
  // y is bounded by rows in one half and by cols in the other; with rows as
  // the stride of out's subscript, its extent is cols.
  EXPECT_EQ(plan.find("out")->count(), "rows*cols");
  EXPECT_EQ(plan.find("in")->count(), "rows*cols");
  auto spec = build_case(plan, "r", "ragged", "random", 1);
  auto cols = spec.find_arg("cols")->value.get<long long>(), rows = spec.find_arg("rows")->value.get<long long>();
  EXPECT_EQ(spec.grid[0], static_cast<unsigned>((cols + 31) / 32));
  EXPECT_EQ(spec.grid[1], static_cast<unsigned>((rows + 31) / 32));
  EXPECT_EQ(spec.block, (std::array<unsigned, 3>{32, 8, 1}));
}

TEST(SiteLocals, StridedTileGivesTheBlockWithoutALaunchSite) {
  EXPECT_EQ(thread_stride(kTransposeKernel, "#define TILE_DIM 32\n#define BLOCK_ROWS 8\n", 'y', 32), 8);
  EXPECT_FALSE(thread_stride(kTransposeKernel, "#define TILE_DIM 32\n#define BLOCK_ROWS 8\n", 'x', 32));
  auto plan = infer_plan(transpose_input());
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.launch.block, (std::array<unsigned, 3>{32, 8, 1}));
  EXPECT_EQ(plan.launch.tile, (std::array<unsigned, 2>{32, 32}));
  EXPECT_TRUE(plan.launch.grid_formula[0].empty());
}

TEST(SiteLocals, OneDimensionalGridFromTheSiteOverTheKernelsOwnSize) {
  auto in = saxpy();
  in.launches = launches_from(
      "void run(int count, float alpha, const float* dx, float* dy) {\n"
      "  const int threads = 128;\n"
      "  const int blocks = (count + threads - 1) / threads;\n"
      "  saxpy<<<blocks, threads>>>(count, alpha, dx, dy);\n"
      "}\n");
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.launch.block[0], 128u);
  auto spec = build_case(plan, "t", "typical", "random", 1);
  EXPECT_EQ(spec.grid[0], (3000u + 127) / 128);
}

TEST(SiteLocals, AGridThatLaunchesFarMoreThanTheShapeNeedsIsNotTaken) {
  auto in = saxpy();
  // One block per element: the large case would launch a million blocks.
  in.launches = launches_from("void run(int n, float a, float* x, float* y) { saxpy<<<n, 256>>>(n, a, x, y); }\n");
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_TRUE(plan.launch.grid_formula[0].empty());
  EXPECT_EQ(build_case(plan, "t", "typical", "random", 1).grid[0], (3000u + 255) / 256);
}

}  // namespace
}  // namespace kq::testgen
