// What a kernel needs from its surroundings: headers parsed through the file
// that includes them, attributes inside preprocessor conditionals, project
// headers named like runtime headers, declarations only visible to device
// code, and standard headers a file relied on without including them.
#include <gtest/gtest.h>

#include "extractor/file_extract.hpp"
#include "extractor/include_paths.hpp"
#include "extractor/includers.hpp"
#include "extractor/source_text.hpp"
#include "tests/support/test_support.hpp"

namespace kq::extractor {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using test::write_text;

ParseRequest request(const fs::path& root, const std::string& rel) {
  ParseRequest rq;
  rq.root = fs::canonical(root);
  rq.file = rq.root / rel;
  auto repo = guess_repo_includes(rq.root);
  rq.include_dirs = include_dirs_for(rq.root, rq.file, repo);
  rq.includers = IncludeGraph(rq.root, repo.dirs).includers_of(rq.file);
  return rq;
}

Kernel only_kernel(const FileResult& r) {
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.kernels.size(), 1u);
  return r.kernels.empty() ? Kernel{} : r.kernels.front();
}

TEST(ExtractorContext, AHeaderKernelIsParsedThroughItsIncluder) {
  TempDir repo;
  write_text(repo / "app/types.h", "#pragma once\ntypedef unsigned int TColor;\n#define KNN_RADIUS 3\n");
  write_text(repo / "app/copy_kernel.cuh", R"(
__global__ void Copy(TColor* dst, int w, int h) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  if (x < w * h) dst[x] = KNN_RADIUS;
}
)");
  write_text(repo / "app/main.cu", "#include \"types.h\"\n#include \"copy_kernel.cuh\"\nint main() { return 0; }\n");
  auto rq = request(repo.path(), "app/copy_kernel.cuh");
  ASSERT_EQ(rq.includers.size(), 1u);
  EXPECT_EQ(rq.includers.front().filename(), "main.cu");
  const Kernel k = only_kernel(extract_file(rq, "app/copy_kernel.cuh"));
  EXPECT_EQ(k.name, "Copy");
  EXPECT_NE(k.unit.find("typedef unsigned int TColor;"), std::string::npos) << k.unit;
  EXPECT_NE(k.unit.find("#define KNN_RADIUS 3"), std::string::npos) << k.unit;
  EXPECT_EQ(k.unit.find("int main"), std::string::npos) << k.unit;
}

// A kernel .cu file with no includes of its own, written to be included by
// the main file after the definitions it uses.
TEST(ExtractorContext, AKernelFileIncludedByTheMainFileIsParsedThroughIt) {
  TempDir repo;
  write_text(repo / "app/define.c", "#define fp float\n#define NUMBER_THREADS 256\n");
  write_text(repo / "app/scale_kernel.cu", R"(
__global__ void scale(long n, fp* d) {
  int i = blockIdx.x * NUMBER_THREADS + threadIdx.x;
  if (i < n) d[i] = d[i] * 2;
}
)");
  write_text(repo / "app/main.cu", "#include \"define.c\"\n#include \"scale_kernel.cu\"\nint main() { return 0; }\n");
  auto rq = request(repo.path(), "app/scale_kernel.cu");
  ASSERT_EQ(rq.includers.size(), 1u);
  const Kernel k = only_kernel(extract_file(rq, "app/scale_kernel.cu"));
  EXPECT_EQ(k.name, "scale");
  EXPECT_NE(k.unit.find("#define fp float"), std::string::npos) << k.unit;
  EXPECT_NE(k.unit.find("#define NUMBER_THREADS 256"), std::string::npos) << k.unit;
  EXPECT_EQ(k.unit.find("int main"), std::string::npos) << k.unit;
  // The main file itself parses cleanly alone: it is not given an includer's context.
  EXPECT_TRUE(request(repo.path(), "app/main.cu").includers.empty());
}

TEST(ExtractorContext, AttributesInsideAConditionalKeepItWhole) {
  std::string text = "int a;\n#ifdef __CUDACC__\n__host__ __device__\n#endif\n    inline float\n    sign_f(float v)\n{ return v; }\n";
  auto begin = static_cast<unsigned>(text.find("__host__"));
  auto end = static_cast<unsigned>(text.find('}') + 1);
  Span s = extend_decl_span(text, Span{nullptr, begin, end});
  EXPECT_EQ(text.substr(s.begin, s.end - s.begin).substr(0, 17), "#ifdef __CUDACC__");
  // A balanced conditional inside a declaration is left as it is.
  std::string balanced = "int a;\n__device__ float f(float v) {\n#if X\n  return v;\n#else\n  return -v;\n#endif\n}\n";
  auto b2 = static_cast<unsigned>(balanced.find("__device__"));
  Span s2 = extend_decl_span(balanced, Span{nullptr, b2, static_cast<unsigned>(balanced.size() - 1)});
  EXPECT_EQ(s2.begin, b2);
}

TEST(ExtractorContext, AProjectHeaderNamedLikeARuntimeHeaderIsTheProjects) {
  TempDir repo;
  write_text(repo / "interval/cuda_interval_lib.h", "#pragma once\n__device__ inline float lo(float v) { return v - 1; }\n");
  write_text(repo / "interval/k.cu", R"(#include <cuda_runtime.h>
#include "cuda_interval_lib.h"
__global__ void widen(float* x) { x[threadIdx.x] = lo(x[threadIdx.x]); }
)");
  const Kernel k = only_kernel(extract_file(request(repo.path(), "interval/k.cu"), "interval/k.cu"));
  EXPECT_EQ(k.unit.find("#include <cuda_interval_lib.h>"), std::string::npos) << k.unit;
  EXPECT_NE(k.unit.find("inline float lo(float v)"), std::string::npos) << k.unit;
  EXPECT_NE(k.unit.find("#include <cuda_runtime.h>"), std::string::npos) << k.unit;
}

TEST(ExtractorContext, DeviceOnlyDeclarationsAreFound) {
  TempDir repo;
  write_text(repo / "k.cu", R"(#include <cuda_runtime.h>
#if __CUDA_ARCH__ >= 700
__device__ float half_of(float v) { return v * 0.5f; }
#endif
__global__ void halve(float* x) {
#if __CUDA_ARCH__ >= 700
  x[threadIdx.x] = half_of(x[threadIdx.x]);
#endif
}
)");
  const Kernel k = only_kernel(extract_file(request(repo.path(), "k.cu"), "k.cu"));
  EXPECT_NE(k.unit.find("__device__ float half_of"), std::string::npos) << k.unit;
}

TEST(ExtractorContext, HelpersTakingLibraryTypesAreFound) {
  TempDir repo;
  write_text(repo / "k.cu", R"(#include <cuda/barrier>
#include <mma.h>
using namespace nvcuda;
template <bool Root>
__device__ void finish(cuda::barrier<cuda::thread_scope_block>& bar, double* out) { bar.arrive_and_wait(); *out = 0; }
__device__ void tile(wmma::fragment<wmma::accumulator, 16, 16, 16, float>& acc) { wmma::fill_fragment(acc, 0.0f); }
__global__ void k(double* out) {
  __shared__ cuda::barrier<cuda::thread_scope_block> bar;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc;
  tile(acc);
  finish<false>(bar, out);
}
)");
  const Kernel k = only_kernel(extract_file(request(repo.path(), "k.cu"), "k.cu"));
  EXPECT_NE(k.unit.find("__device__ void finish("), std::string::npos) << k.unit;
  EXPECT_NE(k.unit.find("__device__ void tile("), std::string::npos) << k.unit;
}

TEST(ExtractorContext, GridConstantParametersAndTextureLodFetchesKeepTheirTypes) {
  TempDir repo;
  write_text(repo / "k.cu", R"(#include <cuda_runtime.h>
typedef struct { int v[64]; } params_t;
struct acc4 { float a, b, c, d; };
__device__ void operator+=(float4& x, float4 y) { x.x += y.x; }
__global__ void sum_params(__grid_constant__ const params_t p, int* out) { out[0] = p.v[threadIdx.x]; }
__global__ void lod(cudaTextureObject_t t, float4* out) {
  float4 s = make_float4(0, 0, 0, 0);
  s += tex2DLod<float4>(t, 0.5f, 0.5f, 1.0f);
  out[0] = s;
}
)");
  auto r = extract_file(request(repo.path(), "k.cu"), "k.cu");
  ASSERT_EQ(r.kernels.size(), 2u);
  for (const auto& k : r.kernels) {
    if (k.name == "sum_params") {
      EXPECT_NE(k.unit.find("} params_t;"), std::string::npos) << k.unit;
    }
    if (k.name == "lod") {
      EXPECT_NE(k.unit.find("void operator+=(float4& x"), std::string::npos) << k.unit;
    }
  }
}

TEST(ExtractorContext, StandardHeadersAFileReliedOnAreAdded) {
  TempDir repo;
  // Written for runtime compilation: no includes at all.
  write_text(repo / "k.cu", R"(extern "C" __global__ void check(const int* x, unsigned n) {
  unsigned i = blockIdx.x * blockDim.x + threadIdx.x;
  assert(i < n);
  uint32_t v = (uint32_t)x[i];
  (void)v;
}
)");
  const Kernel k = only_kernel(extract_file(request(repo.path(), "k.cu"), "k.cu"));
  EXPECT_NE(k.unit.find("#include <cassert>"), std::string::npos) << k.unit;
  EXPECT_NE(k.unit.find("#include <cstdint>"), std::string::npos) << k.unit;
  EXPECT_EQ(k.unit.find("#include <cstring>"), std::string::npos) << k.unit;
}

}  // namespace
}  // namespace kq::extractor
