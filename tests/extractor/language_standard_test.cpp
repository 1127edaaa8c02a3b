// The C++ standard of a unit: from compile_commands.json, CMake, or C++20
// features in the source; recorded in the analysis and used by the compile check.
#include <gtest/gtest.h>

#include "extractor/compile_check.hpp"
#include "extractor/file_extract.hpp"
#include "extractor/include_paths.hpp"
#include "extractor/language_standard.hpp"
#include "tests/support/test_support.hpp"

namespace kq::extractor {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using test::write_text;

TEST(LanguageStandard, FromCompilerFlags) {
  EXPECT_EQ(standard_in_flags({"nvcc", "-std=c++20", "-c", "a.cu"}), 20);
  EXPECT_EQ(standard_in_flags({"clang++", "-std=gnu++2a"}), 20);
  EXPECT_EQ(standard_in_flags({"nvcc", "--std", "c++17"}), 17);
  EXPECT_EQ(standard_in_flags({"g++", "-std=c++0x"}), 11);
  EXPECT_EQ(standard_in_flags({"g++", "-O2"}), 0);
}

TEST(LanguageStandard, FromCMake) {
  EXPECT_EQ(standard_in_cmake("set(CMAKE_CUDA_STANDARD 20)\nset(CMAKE_CUDA_STANDARD_REQUIRED ON)"), 20);
  EXPECT_EQ(standard_in_cmake("set(CMAKE_${GPU_RUNTIME}_STANDARD 20)"), 20);
  EXPECT_EQ(standard_in_cmake("set_target_properties(t PROPERTIES CUDA_STANDARD 20)"), 20);
  EXPECT_EQ(standard_in_cmake("target_compile_features(t PRIVATE cxx_std_17 cuda_std_17)"), 17);
  EXPECT_EQ(standard_in_cmake("# set(CMAKE_CXX_STANDARD 20)\nproject(x)"), 0);
  EXPECT_EQ(standard_in_cmake("project(x LANGUAGES CXX CUDA)"), 0);
}

TEST(LanguageStandard, CxxTwentyFeaturesInCode) {
  EXPECT_EQ(standard_needed_by("template <typename T> concept Number = std::is_arithmetic_v<T>;"), 20);
  EXPECT_EQ(standard_needed_by("template <typename T> requires std::floating_point<T> __global__ void k(T*);"), 20);
  EXPECT_EQ(standard_needed_by("consteval int block() { return 256; }"), 20);
  EXPECT_EQ(standard_needed_by("#include <span>\n"), 20);
  EXPECT_EQ(standard_needed_by("float f = std::bit_cast<float>(u);"), 20);
  EXPECT_EQ(standard_needed_by("Params p{.n = 4, .alpha = 2.0f};"), 20);
  EXPECT_EQ(standard_needed_by("auto f = []<typename T>(T x) { return x; };"), 20);
  EXPECT_EQ(standard_needed_by("if (x == y) [[likely]] return;"), 20);
}

TEST(LanguageStandard, CxxSeventeenCodeAndWordsInCommentsOrStrings) {
  EXPECT_EQ(standard_needed_by("__global__ void k(float* x) { if (x[0] == .5f) x[0] = 1; }"), 0);
  EXPECT_EQ(standard_needed_by("// requires (a concept of) consteval\nint a = 0;"), 0);
  EXPECT_EQ(standard_needed_by("printf(\"%s requires (SM 7.0) <span>\", n);"), 0);
  EXPECT_EQ(standard_needed_by("struct P { int x; }; P p = {1}; p.x = 2; int q[2] = {p.x, p.x};"), 0);
  EXPECT_EQ(standard_flag(0), "c++17");
  EXPECT_EQ(standard_flag(14), "c++17");
  EXPECT_EQ(standard_flag(20), "c++20");
  EXPECT_EQ(standard_flag(23), "c++20");  // the newest every GPU compiler here accepts
  EXPECT_EQ(standard_year("c++20"), 20);
  EXPECT_EQ(standard_year("nonsense"), 17);
}

ParseRequest request(const fs::path& root, const std::string& rel) {
  ParseRequest rq;
  rq.root = fs::canonical(root);
  rq.file = rq.root / rel;
  auto repo = guess_repo_includes(rq.root);
  rq.include_dirs = include_dirs_for(rq.root, rq.file, repo);
  rq.build_standard = build_standard_for(rq.root, rq.file, repo.standards);
  return rq;
}

std::string standard_of(const FileResult& r, const std::string& kernel) {
  for (const auto& k : r.kernels)
    if (k.name == kernel) return k.analysis.cxx_std;
  ADD_FAILURE() << "no kernel " << kernel;
  return "";
}

TEST(LanguageStandard, BuildFilesGiveTheStandardOfTheirFolder) {
  TempDir repo;
  write_text(repo / "CMakeLists.txt", "cmake_minimum_required(VERSION 3.20)\nproject(p LANGUAGES CXX CUDA)\n");
  write_text(repo / "new/CMakeLists.txt", "set(CMAKE_CUDA_STANDARD 20)\nadd_executable(n k.cu)\n");
  const char* kernel = "__global__ void k(float* x) { x[threadIdx.x] = 1.0f; }\n";
  write_text(repo / "new/k.cu", kernel);
  write_text(repo / "old/k.cu", kernel);
  write_text(repo / "cc/k.cu", kernel);
  write_text(repo / "compile_commands.json",
             R"([{"directory": ")" + fs::canonical(repo.path()).string() +
                 R"(", "command": "nvcc -std=c++20 -c cc/k.cu", "file": "cc/k.cu"}])");
  EXPECT_EQ(standard_of(extract_file(request(repo.path(), "new/k.cu"), "new/k.cu"), "k"), "c++20");
  EXPECT_EQ(standard_of(extract_file(request(repo.path(), "old/k.cu"), "old/k.cu"), "k"), "c++17");
  EXPECT_EQ(standard_of(extract_file(request(repo.path(), "cc/k.cu"), "cc/k.cu"), "k"), "c++20");
}

constexpr const char* kConceptKernel = R"(#include <cuda_runtime.h>
#include <concepts>

template <typename T>
concept Scalar = std::floating_point<T> || std::integral<T>;

template <Scalar T>
__device__ T twice(T v) { return v + v; }

__global__ void double_all(float* x, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] = twice(x[i]);
}
)";

TEST(LanguageStandard, AUnitWrittenInCxxTwentyParsesAndCompilesAsCxxTwenty) {
  TempDir repo;
  write_text(repo / "src/k.cu", kConceptKernel);
  auto r = extract_file(request(repo.path(), "src/k.cu"), "src/k.cu");
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.kernels.size(), 1u);
  const auto& k = r.kernels[0];
  EXPECT_EQ(k.analysis.cxx_std, "c++20");
  EXPECT_NE(k.unit.find("concept Scalar"), std::string::npos) << k.unit;
  EXPECT_NE(k.unit.find("twice"), std::string::npos) << k.unit;
  if (find_nvcc().empty()) GTEST_SKIP() << "nvcc not found: the unit's compile check is not run";
  TempDir cache;
  UnitCompiler compiler({cache.path()});
  auto as17 = compiler.check(k.unit, Dialect::Cuda, "c++17");
  auto as20 = compiler.check(k.unit, Dialect::Cuda, "c++20");
  EXPECT_FALSE(as17.ok) << "a concept compiled as C++17";
  EXPECT_TRUE(as20.ok) << as20.log;
}

}  // namespace
}  // namespace kq::extractor
