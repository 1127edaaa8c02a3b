// Static analysis of representative kernels: parameter roles, size
// parameters, index patterns, stores and features.
#include <gtest/gtest.h>

#include "extractor/file_extract.hpp"
#include "extractor/kernel_analysis.hpp"
#include "tests/support/test_support.hpp"

namespace kq::extractor {
namespace {

namespace fs = std::filesystem;

const char* kKernels = R"(#include <cuda_runtime.h>
#include <cuda_fp16.h>
#define GRID_LOOP(i, n) for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += blockDim.x * gridDim.x)
__device__ void put(float* p, int i, float v) { p[i] = v; }

__global__ void scale(float* x, float alpha, int n) { GRID_LOOP(i, n) { x[i] *= alpha; } }

__global__ void transpose(const float* in, float* out, int rows, int cols) {
  int c = blockIdx.x * blockDim.x + threadIdx.x;
  int r = blockIdx.y * blockDim.y + threadIdx.y;
  if (r < rows && c < cols) out[c * rows + r] = in[r * cols + c];
}

__global__ void row_sums(const float* m, float* sums, int cols) {
  extern __shared__ float part[];
  int row = blockIdx.x;
  float s = 0.0f;
  for (int c = threadIdx.x; c < cols; c += blockDim.x) s += m[row * cols + c];
  part[threadIdx.x] = s;
  __syncthreads();
  if (threadIdx.x == 0) sums[row] = part[0] + __shfl_down_sync(0xffffffffu, s, 1);
}

__global__ void histogram(const unsigned char* data, unsigned* bins, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  atomicAdd(&bins[data[i]], 1u);
}

__global__ void gather(const float* src, const int* idx, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = src[idx[i]];
}

__global__ void via_helper(const float* x, float* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) put(y, i, sqrtf(x[i]));
}

__global__ void halves(const __half* a, __half* b, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) b[i] = a[i];
}
)";

class AnalysisTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    test::write_text(*dir_ / "k.cu", kKernels);
    ParseRequest rq;
    rq.root = fs::canonical(dir_->path());
    rq.file = rq.root / "k.cu";
    result_ = new FileResult(extract_file(rq, "k.cu"));
  }
  static void TearDownTestSuite() {
    delete result_;
    delete dir_;
  }
  static const KernelAnalysis& of(const std::string& name) {
    for (const auto& k : result_->kernels)
      if (k.name == name) return k.analysis;
    throw std::runtime_error("no kernel " + name);
  }
  static test::TempDir* dir_;
  static FileResult* result_;
};
test::TempDir* AnalysisTest::dir_ = nullptr;
FileResult* AnalysisTest::result_ = nullptr;

TEST_F(AnalysisTest, GridStrideThroughAMacro) {
  ASSERT_TRUE(result_->ok) << result_->error;
  const auto& a = of("scale");
  EXPECT_EQ(a.index_pattern, "grid_stride");
  EXPECT_TRUE(a.find_param("x")->reads);
  EXPECT_TRUE(a.find_param("x")->writes);
  EXPECT_TRUE(a.find_param("n")->size_like);
  EXPECT_FALSE(a.find_param("alpha")->size_like);
  EXPECT_EQ(a.stores, (std::vector<std::string>{"x[i] *= alpha"}));
}

TEST_F(AnalysisTest, TwoDimensionalRolesAndBounds) {
  const auto& a = of("transpose");
  EXPECT_EQ(a.index_pattern, "2d");
  EXPECT_TRUE(a.find_param("in")->reads);
  EXPECT_FALSE(a.find_param("in")->writes);
  EXPECT_TRUE(a.find_param("out")->writes);
  EXPECT_FALSE(a.find_param("out")->reads);
  EXPECT_TRUE(a.find_param("rows")->size_like);
  EXPECT_TRUE(a.find_param("cols")->size_like);
  EXPECT_EQ(a.find_param("out")->index_exprs, (std::vector<std::string>{"c * rows + r"}));
  EXPECT_EQ(a.find_param("out")->elem_type, "float");
  EXPECT_EQ(a.find_param("in")->elem_type, "float");
}

TEST_F(AnalysisTest, BlockPerRowWithSharedMemoryAndWarpShuffles) {
  const auto& a = of("row_sums");
  EXPECT_EQ(a.index_pattern, "block_per_row");
  EXPECT_TRUE(a.has(Feature::shared_dynamic));
  EXPECT_FALSE(a.has(Feature::shared_static));
  EXPECT_TRUE(a.has(Feature::syncthreads));
  EXPECT_TRUE(a.has(Feature::warp));
  EXPECT_TRUE(a.find_param("sums")->writes);
  EXPECT_TRUE(a.find_param("cols")->size_like);
}

TEST_F(AnalysisTest, AtomicsAndIndexBuffers) {
  const auto& h = of("histogram");
  EXPECT_TRUE(h.has(Feature::atomics));
  EXPECT_TRUE(h.find_param("bins")->atomic);
  EXPECT_TRUE(h.find_param("bins")->writes);
  EXPECT_TRUE(h.find_param("data")->reads);
  EXPECT_FALSE(h.find_param("data")->writes);
  EXPECT_TRUE(h.has(Feature::index_buffer));
  const auto& g = of("gather");
  EXPECT_TRUE(g.has(Feature::index_buffer));
  ASSERT_EQ(g.index_buffers.size(), 1u);
  EXPECT_EQ(g.index_buffers[0].param, "idx");
  EXPECT_EQ(g.index_pattern, "1d");
}

TEST_F(AnalysisTest, WritesThroughADeviceFunctionAndMathFeatures) {
  const auto& a = of("via_helper");
  EXPECT_TRUE(a.find_param("y")->writes);
  EXPECT_FALSE(a.find_param("x")->writes);
  EXPECT_TRUE(a.find_param("x")->reads);
  EXPECT_TRUE(a.has(Feature::math_sqrt_log));
  EXPECT_TRUE(of("halves").has(Feature::half));
  EXPECT_GE(a.statements, 2);
  EXPECT_GE(a.cyclomatic, 2);
  EXPECT_EQ(a.lines, 4);
}

TEST(AnalysisPatterns, ClassifiesBodies) {
  EXPECT_EQ(classify_index_pattern("{ int i = blockDim.x * blockIdx.x + threadIdx.x; if (i < n) y[i] = 0; }"), "1d");
  EXPECT_EQ(classify_index_pattern("{ for (int i = threadIdx.x; i < n; i += gridDim.x * blockDim.x) y[i] = 0; }"),
            "grid_stride");
  EXPECT_EQ(classify_index_pattern("{ y[0] = 1; }"), "other");
  EXPECT_EQ(element_type("const float *__restrict", true), "float");
  EXPECT_EQ(element_type("const int", false), "int");
}

}  // namespace
}  // namespace kq::extractor
