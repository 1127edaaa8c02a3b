// Dialect by content: HIP code in .cu/.cpp files, portable code that names
// both runtimes, and launches whose kernel carries template arguments.
#include <gtest/gtest.h>

#include "extractor/file_extract.hpp"
#include "extractor/include_paths.hpp"
#include "extractor/languages.hpp"
#include "extractor/launches.hpp"
#include "tests/support/test_support.hpp"

namespace kq::extractor {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using test::write_text;

const char* kHipInCu = R"(#include <hip/hip_runtime.h>
template <typename T, int BLOCK>
__global__ void scale(T* y, const T* x, int n) {
  int i = blockIdx.x * BLOCK + threadIdx.x;
  if (i < n) y[i] = T(2) * x[i];
}
void run(float* y, const float* x, int n) {
  hipLaunchKernelGGL(scale<float, 256>, dim3((n + 255) / 256), dim3(256), 0, 0, y, x, n);
}
)";

TEST(Dialect, ContentDecidesForCuAndCppFiles) {
  TempDir repo;
  write_text(repo / "a.cu", kHipInCu);
  write_text(repo / "b.cpp", "#include \"common.h\"\n__global__ void k(int* x) { x[0] = 1; }\n"
                             "void f(int* d) { hipMalloc(&d, 4); k<<<1, 1>>>(d); }\n");
  write_text(repo / "c.cu", "#include <cuda_runtime.h>\n__global__ void k(int* x) { x[0] = 1; }\n");
  write_text(repo / "d.cu", "__global__ void k(int* x) { x[0] = 1; }\n");
  write_text(repo / "e.cpp", "__global__ void k(int* x) { x[0] = 1; }\n");
  write_text(repo / "f.hip", "#include <cuda_runtime.h>\n__global__ void k(int* x) { x[0] = 1; }\n");
  EXPECT_EQ(dialect_for_file("cuda", repo / "a.cu"), Dialect::Hip) << "hip include in a .cu file";
  EXPECT_EQ(dialect_for_file("cpp", repo / "b.cpp"), Dialect::Hip) << "hip runtime calls";
  EXPECT_EQ(dialect_for_file("cuda", repo / "c.cu"), Dialect::Cuda);
  EXPECT_EQ(dialect_for_file("cuda", repo / "d.cu"), Dialect::Cuda) << "silent content: the extension";
  EXPECT_EQ(dialect_for_file("hip", repo / "e.cpp"), Dialect::Hip) << "silent content: the miner's language";
  EXPECT_EQ(dialect_for_file("hip", repo / "f.hip"), Dialect::Hip) << ".hip is always HIP";
}

TEST(Dialect, PortableCodeNamingBothRuntimesKeepsTheFallback) {
  const char* portable = R"(#ifdef USE_HIP
#include <hip/hip_runtime.h>
#define gpuMalloc hipMalloc
#else
#include <cuda_runtime.h>
#define gpuMalloc cudaMalloc
#endif
)";
  EXPECT_FALSE(dialect_of_text(portable).has_value());
  EXPECT_EQ(dialect_for_unit(portable, Dialect::Cuda), Dialect::Cuda);
  EXPECT_EQ(dialect_for_unit("#include \"hip/hip_runtime.h\"\n", Dialect::Cuda), Dialect::Hip);
  EXPECT_EQ(dialect_for_unit("float hipness(float x);\n", Dialect::Cuda), Dialect::Cuda)
      << "a lower-case hip prefix is not a runtime call";
  EXPECT_EQ(dialect_of_text("cudaMemcpy(d, h, 4, cudaMemcpyHostToDevice);"), Dialect::Cuda);
}

TEST(Dialect, GglLaunchWithTemplateCommasNamesTheKernel) {
  auto ls = find_launches(kHipInCu, "a.cu");
  ASSERT_EQ(ls.size(), 1u);
  EXPECT_EQ(ls[0].kernel, "scale");
  EXPECT_EQ(ls[0].template_args, "<float, 256>");
  EXPECT_EQ(ls[0].grid, "dim3((n + 255) / 256)");
  EXPECT_EQ(ls[0].block, "dim3(256)");
  ASSERT_EQ(ls[0].args.size(), 3u);
  EXPECT_EQ(ls[0].args[0], "y");
}

TEST(Dialect, HipFileWithTemplateLaunchParsesAsHip) {
  TempDir repo;
  write_text(repo / "a.cu", kHipInCu);
  ParseRequest rq;
  rq.root = fs::canonical(repo.path());
  rq.file = rq.root / "a.cu";
  rq.dialect = dialect_for_file("cuda", rq.file);
  rq.include_dirs = include_dirs_for(rq.root, rq.file, guess_repo_includes(rq.root));
  auto r = extract_file(rq, "a.cu");
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.kernels.size(), 1u);
  EXPECT_EQ(r.kernels[0].name, "scale");
  EXPECT_EQ(dialect_for_unit(r.kernels[0].unit, Dialect::Cuda), Dialect::Hip)
      << "the unit keeps the hip include\n" << r.kernels[0].unit;
}

}  // namespace
}  // namespace kq::extractor
