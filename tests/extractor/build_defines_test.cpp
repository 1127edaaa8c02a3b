// Build definitions read from CMake, Makefiles, setup.py, and values inferred
// from use where no build file gives one.
#include <gtest/gtest.h>

#include "extractor/build_flags.hpp"
#include "extractor/file_extract.hpp"
#include "extractor/include_paths.hpp"
#include "extractor/unit_defines.hpp"
#include "tests/support/test_support.hpp"

namespace kq::extractor {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using test::write_text;

std::string value_of(const BuildFlags& f, const std::string& name) {
  for (const auto& d : f.defines)
    if (d.name == name) return d.value;
  return "<none>";
}

TEST(BuildFlags, CMakeDefinitionsOptionsAndIncludes) {
  const char* cmake = R"(cmake_minimum_required(VERSION 3.18)
set(TILE_W 32)
# add_definitions(-DCOMMENTED=1)
add_definitions(-DBLOCK=128 -DUSE_FAST)
add_compile_definitions(WARPS=4)
target_compile_definitions(app PRIVATE TILE=${TILE_W} "NAME=\"x\"" $<$<CONFIG:Debug>:DBG=1>)
add_compile_options(-DMASK=0xff)
set(CMAKE_CUDA_FLAGS "${CMAKE_CUDA_FLAGS} -DBF=8")
include_directories(${CMAKE_CURRENT_SOURCE_DIR}/common inc)
target_include_directories(app PRIVATE ../shared)
)";
  auto f = flags_in_build_file(cmake, BuildFileKind::cmake, "/r/app", "app/CMakeLists.txt");
  EXPECT_EQ(value_of(f, "BLOCK"), "128");
  EXPECT_EQ(value_of(f, "USE_FAST"), "1");
  EXPECT_EQ(value_of(f, "WARPS"), "4");
  EXPECT_EQ(value_of(f, "TILE"), "32") << "set() variables are substituted";
  EXPECT_EQ(value_of(f, "MASK"), "0xff");
  EXPECT_EQ(value_of(f, "BF"), "8");
  EXPECT_EQ(value_of(f, "COMMENTED"), "<none>");
  EXPECT_EQ(value_of(f, "NAME"), "<none>") << "escaped strings are left out";
  EXPECT_EQ(value_of(f, "DBG"), "<none>") << "generator expressions are not evaluated";
  for (const auto& d : f.defines) {
    if (d.name == "BLOCK") {
      EXPECT_EQ(d.origin, "app/CMakeLists.txt:4");
    }
  }
  std::vector<fs::path> want = {"/r/app/common", "/r/app/inc", "/r/shared"};
  EXPECT_EQ(f.include_dirs, want);
}

TEST(BuildFlags, MakefileAndSetupPy) {
  const char* make = "BLOCK ?= 64\nNVCC_FLAGS := -O3 -DBLOCK_SIZE=$(BLOCK) -I../common\n"
                     "CFLAGS += -DFULL_MASK=0xffffffff\nall:\n\t$(NVCC) -DWARP_SIZE=32 -o k k.cu\n";
  auto m = flags_in_build_file(make, BuildFileKind::makefile, "/r/k", "k/Makefile");
  EXPECT_EQ(value_of(m, "BLOCK_SIZE"), "64");
  EXPECT_EQ(value_of(m, "FULL_MASK"), "0xffffffff");
  EXPECT_EQ(value_of(m, "WARP_SIZE"), "32");
  ASSERT_EQ(m.include_dirs.size(), 1u);
  EXPECT_EQ(m.include_dirs[0], fs::path("/r/common"));

  const char* setup = R"(CUDAExtension('ext', ['k.cu'],
    define_macros=[('THREADS', '256'), ("WITH_CUDA", None)],
    include_dirs=['csrc/include'],
    extra_compile_args={'nvcc': ['-DNUM_WARPS=8', '-O3']}))";
  auto s = flags_in_build_file(setup, BuildFileKind::setup_py, "/r", "setup.py");
  EXPECT_EQ(value_of(s, "THREADS"), "256");
  EXPECT_EQ(value_of(s, "WITH_CUDA"), "1");
  EXPECT_EQ(value_of(s, "NUM_WARPS"), "8");
  ASSERT_EQ(s.include_dirs.size(), 1u);
  EXPECT_EQ(s.include_dirs[0], fs::path("/r/csrc/include"));
}

TEST(BuildFlags, NearestBuildFileWins) {
  std::vector<BuildDefine> all = {{"B", "1", "CMakeLists.txt:1", "/r"},
                                  {"B", "2", "a/CMakeLists.txt:1", "/r/a"},
                                  {"B", "3", "b/CMakeLists.txt:1", "/r/b"},
                                  {"C", "4", "b/CMakeLists.txt:2", "/r/b"}};
  auto d = defines_for_file(all, "/r/a/x/k.cu");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].value, "2");
  EXPECT_EQ(d[1].name, "C");
}

TEST(UnitDefines, InfersValuesFromUse) {
  EXPECT_EQ(infer_macro_value("v = __shfl_down_sync(FM, v, 1);", "FM")->value, "0xffffffffu");
  EXPECT_EQ(infer_macro_value("int lane = threadIdx.x % WARP_SZ;", "WARP_SZ")->value, "32");
  EXPECT_EQ(infer_macro_value("__shared__ float s[BS];", "BS")->value, "256");
  EXPECT_EQ(infer_macro_value("__shared__ float t[TL][TL + 1];", "TL")->value, "16");
  EXPECT_EQ(infer_macro_value("int i = blockIdx.x * BLK + threadIdx.x;", "BLK")->value, "256");
  EXPECT_FALSE(infer_macro_value("float y = x * SCALE;", "SCALE").has_value()) << "no use says what it is";
}

TEST(UnitDefines, WritesBuildValuesAndAssumptions) {
  std::string unit = "#define OWN 3\n__global__ void k(float* y) {\n  __shared__ float s[BS];\n"
                     "  y[threadIdx.x] = BLOCK + OWN + OTHER + SCALE + s[0];\n}\n";
  std::vector<BuildDefine> defs = {{"BLOCK", "128", "k/Makefile:2", "/r/k"},
                                   {"OWN", "9", "k/Makefile:3", "/r/k"},
                                   {"OTHER", "5", "z/Makefile:1", "/r/z"},
                                   {"UNUSED", "1", "k/Makefile:4", "/r/k"}};
  auto u = add_build_defines(unit, defs, {"BS", "OTHER", "SCALE"}, "/r/k/k.cu");
  EXPECT_NE(u.unit.find("#define BLOCK 128  // from the build: k/Makefile:2\n"), std::string::npos) << u.unit;
  EXPECT_NE(u.unit.find("#define OTHER 5"), std::string::npos) << "another folder's value, for an undeclared name";
  EXPECT_EQ(u.unit.find("#define OWN 9"), std::string::npos) << "the unit's own definition stands";
  EXPECT_EQ(u.unit.find("UNUSED"), std::string::npos);
  EXPECT_NE(u.unit.find("#define BS 256  // assumed"), std::string::npos);
  EXPECT_EQ(u.unit.find("#define SCALE"), std::string::npos);
  ASSERT_EQ(u.assumptions.size(), 1u);
  EXPECT_NE(u.assumptions[0].find("BS 256"), std::string::npos);
}

TEST(UnitDefines, ExtractionWritesTheBuildsMacroIntoTheUnit) {
  TempDir repo;
  write_text(repo / "k" / "CMakeLists.txt", "add_definitions(-DBLOCK=128)\n");
  write_text(repo / "k" / "k.cu", "__global__ void k(float* y) {\n  __shared__ float s[BLOCK];\n"
                                  "  s[threadIdx.x] = 1;\n  y[threadIdx.x] = s[threadIdx.x] * FULL_MASK_BITS;\n"
                                  "  y[0] = __shfl_xor_sync(FULL_MASK, y[0], 1);\n}\n");
  ParseRequest rq;
  rq.root = fs::canonical(repo.path());
  rq.file = rq.root / "k" / "k.cu";
  auto includes = guess_repo_includes(rq.root);
  rq.include_dirs = include_dirs_for(rq.root, rq.file, includes);
  set_build_defines(rq, includes.build_defines);
  auto r = extract_file(rq, "k/k.cu");
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.kernels.size(), 1u);
  const auto& k = r.kernels[0];
  EXPECT_NE(k.unit.find("#define BLOCK 128  // from the build: k/CMakeLists.txt:1"), std::string::npos) << k.unit;
  EXPECT_NE(k.unit.find("#define FULL_MASK 0xffffffffu"), std::string::npos) << k.unit;
  ASSERT_EQ(k.analysis.assumptions.size(), 2u) << "FULL_MASK and FULL_MASK_BITS (a mask by name)";
}

}  // namespace
}  // namespace kq::extractor
