// Extraction of small fixture repositories written at test time: dependency
// closure, templates, class members, stubbed headers, includes outside the
// tree, and a parser worker that crashes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "extractor/file_extract.hpp"
#include "extractor/include_paths.hpp"
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
  rq.dialect = rel.ends_with(".hip") ? Dialect::Hip : Dialect::Cuda;
  auto repo = guess_repo_includes(rq.root);
  rq.include_dirs = include_dirs_for(rq.root, rq.file, repo);
  return rq;
}

const Kernel& kernel(const FileResult& r, const std::string& qualified) {
  for (const auto& k : r.kernels)
    if (k.qualified_name == qualified) return k;
  ADD_FAILURE() << "no kernel " << qualified;
  static Kernel none;
  return none;
}

std::set<std::string> dep_set(const Kernel& k, bool with_includes = false) {
  std::set<std::string> out;
  for (const auto& d : k.deps)
    if (with_includes || d.kind != "include") out.insert(d.kind + ":" + d.name);
  return out;
}

TEST(ExtractorFixture, MacroUsedOnlyThroughADependencyIsPulledIn) {
  TempDir repo;
  write_text(repo / "include/lib/util.cuh", R"(#pragma once
#define SQUARE(x) ((x) * (x))
#define UNUSED_MACRO 42
__device__ inline float sq(float v) { return SQUARE(v); }
__device__ inline float unused_helper(float v) { return v; }
)");
  write_text(repo / "src/k.cu", R"(#include <cuda_runtime.h>
#include "lib/util.cuh"
#define BLOCK 128
struct Pair { float a, b; };
typedef Pair PairT;
__global__ void squares(const PairT* in, float* out, int n) {
  __shared__ float tile[BLOCK];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) { tile[threadIdx.x] = sq(in[i].a); out[i] = tile[threadIdx.x]; }
}
)");
  auto r = extract_file(request(repo.path(), "src/k.cu"), "src/k.cu");
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.kernels.size(), 1u);
  const auto& k = r.kernels[0];
  EXPECT_EQ(dep_set(k), (std::set<std::string>{"macro:SQUARE", "macro:BLOCK", "function:sq", "type:Pair", "type:PairT"}));
  EXPECT_TRUE(dep_set(k, true).count("include:cuda_runtime.h"));
  // Declarations come before their use.
  EXPECT_LT(k.unit.find("struct Pair"), k.unit.find("typedef Pair PairT"));
  EXPECT_LT(k.unit.find("float sq("), k.unit.find("__global__ void squares"));
  EXPECT_EQ(k.unit.find("unused_helper"), std::string::npos);
  EXPECT_EQ(k.unit.find("UNUSED_MACRO"), std::string::npos);
}

TEST(ExtractorFixture, OverloadedOperatorsOnRepositoryTypesArePulledIn) {
  TempDir repo;
  write_text(repo / "include/vmath.h", R"(#pragma once
struct V2 { float x, y; };
inline __host__ __device__ V2 operator+(V2 a, V2 b) { return {a.x + b.x, a.y + b.y}; }
inline __host__ __device__ V2 operator*(V2 a, float s) { return {a.x * s, a.y * s}; }
inline __host__ __device__ V2 operator-(V2 a, V2 b) { return {a.x - b.x, a.y - b.y}; }
)");
  write_text(repo / "src/o.cu", R"(#include "vmath.h"
__global__ void blend(const V2* a, const V2* b, V2* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = a[i] + b[i] * 0.5f;
}
)");
  auto r = extract_file(request(repo.path(), "src/o.cu"), "src/o.cu");
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.kernels.size(), 1u);
  EXPECT_EQ(dep_set(r.kernels[0]), (std::set<std::string>{"type:V2", "function:operator+", "function:operator*"}));
}

TEST(ExtractorFixture, TemplateKernelKeepsItsExplicitInstantiations) {
  TempDir repo;
  write_text(repo / "t.cu", R"(
/// Fills x with a value.
template <typename T, int UNROLL = 4>
__global__ void fill(T* x, T v, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] = v;
}
template __global__ void fill<float, 4>(float*, float, int);
template __global__ void fill<int, 4>(int*, int, int);
void launch(float* x, int n) { fill<float, 4><<<(n + 255) / 256, 256>>>(x, 1.0f, n); }
)");
  auto r = extract_file(request(repo.path(), "t.cu"), "t.cu");
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.kernels.size(), 1u);
  const auto& k = r.kernels[0];
  EXPECT_TRUE(k.is_template);
  EXPECT_EQ(k.template_params, (std::vector<std::string>{"typename T", "int UNROLL = 4"}));
  ASSERT_EQ(k.instantiations.size(), 2u);
  EXPECT_NE(k.unit.find("template __global__ void fill<int, 4>(int*, int, int);"), std::string::npos);
  EXPECT_NE(k.comment.find("Fills x"), std::string::npos);
  EXPECT_EQ(k.source.rfind("template <typename T", 0), 0u) << k.source;
  EXPECT_TRUE(k.analysis.has(Feature::template_kernel));
}

TEST(ExtractorFixture, StaticMemberAndNamespacedKernels) {
  TempDir repo;
  write_text(repo / "m.cu", R"(
namespace outer { namespace inner {
constexpr int kScale = 3;
struct Ops {
  static __global__ void triple(int* x, int n) {
    int i = threadIdx.x;
    if (i < n) x[i] *= kScale;
  }
};
__global__ void plain(int* x) { x[0] = kScale; }
} }
)");
  auto r = extract_file(request(repo.path(), "m.cu"), "m.cu");
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.kernels.size(), 2u);
  const auto& member = kernel(r, "outer::inner::Ops::triple");
  EXPECT_EQ(member.name, "triple");
  EXPECT_NE(member.unit.find("struct Ops"), std::string::npos);
  EXPECT_NE(member.unit.find("namespace outer {\nnamespace inner {"), std::string::npos);
  EXPECT_TRUE(dep_set(member).count("variable:kScale"));
  const auto& plain = kernel(r, "outer::inner::plain");
  EXPECT_TRUE(dep_set(plain).count("variable:kScale"));
  EXPECT_EQ(plain.unit.find("struct Ops"), std::string::npos);
}

TEST(ExtractorFixture, MissingHeadersAreStubbedAndKernelsStillFound) {
  TempDir repo;
  write_text(repo / "s.cu", R"(#include "generated/config.h"
#include <thrust/device_vector.h>
#include <some_vendor_lib.hpp>
__global__ void k(float* x) { x[threadIdx.x] = 1.0f; }
)");
  auto r = extract_file(request(repo.path(), "s.cu"), "s.cu");
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.kernels.size(), 1u);
  std::set<std::string> stubbed(r.stubbed.begin(), r.stubbed.end());
  EXPECT_TRUE(stubbed.count("generated/config.h"));
  EXPECT_TRUE(stubbed.count("some_vendor_lib.hpp"));
  EXPECT_TRUE(stubbed.count("thrust/device_vector.h"));
  // A library header the kernel does not use is dropped, like an unknown one.
  EXPECT_EQ(r.kernels[0].unit.find("#include <thrust/device_vector.h>"), std::string::npos);
  EXPECT_EQ(r.kernels[0].unit.find("config.h"), std::string::npos);
}

TEST(ExtractorFixture, IncludesOutsideTheTreeAreNeverRead) {
  TempDir base;
  write_text(base / "outside.h", "#define SECRET_VALUE 1234\n");
  write_text(base / "repo/k.cu", R"(#include "../outside.h"
#include "link.h"
__global__ void k(int* x) { x[0] = 1; }
)");
  fs::create_symlink(base / "outside.h", base / "repo/link.h");
  auto r = extract_file(request(base / "repo", "k.cu"), "k.cu");
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.kernels.size(), 1u);
  EXPECT_GE(r.rejected.size(), 1u);
  EXPECT_EQ(r.kernels[0].unit.find("SECRET_VALUE"), std::string::npos);
}

TEST(ExtractorFixture, ACrashingParserCostsOnlyItsFile) {
  TempDir repo;
  write_text(repo / "crash_me.cu", "__global__ void k(int* x) { x[0] = 1; }\n");
  write_text(repo / "fine.cu", "__global__ void ok(int* x) { x[0] = 2; }\n");
  ::setenv("KQ_EXTRACTOR_TEST_CRASH", "crash_me", 1);
  auto bad = extract_file_isolated(request(repo.path(), "crash_me.cu"), "crash_me.cu", std::chrono::seconds(60));
  auto good = extract_file_isolated(request(repo.path(), "fine.cu"), "fine.cu", std::chrono::seconds(60));
  ::unsetenv("KQ_EXTRACTOR_TEST_CRASH");
  EXPECT_FALSE(bad.ok);
  EXPECT_NE(bad.error.find("crashed"), std::string::npos) << bad.error;
  EXPECT_TRUE(good.ok) << good.error;
  ASSERT_EQ(good.kernels.size(), 1u);
  EXPECT_EQ(good.kernels[0].name, "ok");
}

TEST(ExtractorFixture, HipFilesWithLaunchMacrosParse) {
  TempDir repo;
  write_text(repo / "h.hip", R"(#include <hip/hip_runtime.h>
#define N_PER_THREAD 2
__global__ void hip_twice(float* y, const float* x, size_t n) {
  size_t i = hipBlockIdx_x * hipBlockDim_x + hipThreadIdx_x;
  if (i < n) y[i] = N_PER_THREAD * x[i];
}
void run(float* y, const float* x, size_t n) {
  hipLaunchKernelGGL(hip_twice, dim3(n / 256), dim3(256), 0, 0, y, x, n);
}
)");
  auto r = extract_file(request(repo.path(), "h.hip"), "h.hip");
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.kernels.size(), 1u);
  const auto& k = r.kernels[0];
  EXPECT_TRUE(dep_set(k).count("macro:N_PER_THREAD"));
  EXPECT_NE(k.unit.find("#include <hip/hip_runtime.h>"), std::string::npos);
  auto* y = k.analysis.find_param("y");
  ASSERT_NE(y, nullptr);
  EXPECT_TRUE(y->writes);
  EXPECT_FALSE(y->reads);
  EXPECT_TRUE(k.analysis.find_param("n")->size_like);
}

}  // namespace
}  // namespace kq::extractor
