// Builtin synthesis of kernels whose launch shape comes from the launching
// function's locals or from a tile walked in strides: the inferred block and
// grid, and every probe case running clean on cpu-sim.
#include <gtest/gtest.h>

#include "extractor/launches.hpp"
#include "synth/builtin_synth.hpp"
#include "tests/support/test_support.hpp"

namespace kq::synth {
namespace {

using nlohmann::json;

const char* kTransposeUnit =
    "#include <cuda_runtime.h>\n"
    "#define TILE_DIM 32\n"
    "#define BLOCK_ROWS 8\n"
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

ParamAnalysis param(const std::string& name, bool pointer, bool writes, std::vector<std::string> text) {
  ParamAnalysis p;
  p.name = name;
  p.elem_type = pointer ? "float" : "int";
  p.type = pointer ? (writes ? "float *" : "const float *") : "int";
  p.is_pointer = pointer;
  p.is_const = pointer && !writes;
  p.reads = pointer && !writes;
  p.writes = writes;
  (pointer ? p.index_exprs : p.bounds) = std::move(text);
  p.size_like = !pointer;
  return p;
}

KernelInput transpose_kernel() {
  KernelInput k;
  k.kernel_id = 25;
  k.name = "transpose_shared";
  k.unit_source = k.kernel_source = kTransposeUnit;
  k.analysis.index_pattern = "2d";
  k.analysis.features = {Feature::shared_static, Feature::syncthreads};
  k.analysis.params = {param("in", true, false, {"(y + j) * cols + x"}), param("out", true, true, {"(y + j) * rows + x"}),
                       param("rows", false, false, {"y + j < rows", "x < rows"}),
                       param("cols", false, false, {"x < cols", "y + j < cols"})};
  return k;
}

Synthesis synthesize(const KernelInput& k, const test::TempDir& dir) {
  BuiltinOptions o;
  o.verifier.cache_dir = dir / "cache";
  o.work_dir = dir / "work";
  o.example = false;
  return BuiltinSynthesizer(o).synthesize(k, std::nullopt);
}

TEST(BuiltinLaunch, TransposeRunsCleanWithTheBlockOfItsLocalDim3) {
  auto k = transpose_kernel();
  for (const auto& l : extractor::find_launches(
           "void transpose(const float* in, float* out, int rows, int cols, cudaStream_t stream) {\n"
           "  dim3 block(TILE_DIM, BLOCK_ROWS);\n"
           "  dim3 grid((cols + TILE_DIM - 1) / TILE_DIM, (rows + TILE_DIM - 1) / TILE_DIM);\n"
           "  transpose_shared<<<grid, block, 0, stream>>>(in, out, rows, cols);\n"
           "}\n",
           "transpose.cu"))
    k.launches.push_back(extractor::to_json(l));
  test::TempDir dir;
  auto s = synthesize(k, dir);
  ASSERT_EQ(s.status, "ok") << s.reason << s.extra.dump(1);
  EXPECT_EQ(s.extra["plan"]["launch"]["block"], json({32, 8, 1}));
  EXPECT_EQ(s.extra["search"]["steps"].size(), 0u) << s.extra["search"].dump();  // sizes right the first time
  ASSERT_FALSE(s.cases.empty());
  for (const auto& c : s.cases) {
    EXPECT_EQ(c.block, (std::array<unsigned, 3>{32, 8, 1})) << c.name;
    auto rows = c.find_arg("rows")->value.get<long long>(), cols = c.find_arg("cols")->value.get<long long>();
    EXPECT_EQ(c.grid[0], static_cast<unsigned>((cols + 31) / 32)) << c.name;
    EXPECT_EQ(c.grid[1], static_cast<unsigned>((rows + 31) / 32)) << c.name;
    EXPECT_EQ(c.find_arg("out")->count, static_cast<std::size_t>(rows * cols)) << c.name;
  }
}

TEST(BuiltinLaunch, StridedTileWithoutALaunchSiteRunsCleanToo) {
  test::TempDir dir;
  auto s = synthesize(transpose_kernel(), dir);
  ASSERT_EQ(s.status, "ok") << s.reason;
  EXPECT_EQ(s.extra["plan"]["launch"]["block"], json({32, 8, 1}));
  EXPECT_EQ(s.extra["plan"]["launch"]["tile"], json({32, 32}));
}

}  // namespace
}  // namespace kq::synth
