// A unit keeps only the GPU library includes its kernel's closure uses.
#include <gtest/gtest.h>

#include <algorithm>

#include "extractor/file_extract.hpp"
#include "extractor/include_paths.hpp"
#include "extractor/include_use.hpp"
#include "tests/support/test_support.hpp"

namespace kq::extractor {
namespace {

namespace fs = std::filesystem;

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

TEST(IncludeUse, DropsLibraryHeadersWhoseNamesTheCodeNeverWrites) {
  const std::vector<std::string> includes = {"cuda_runtime.h", "curand.h",        "curand_kernel.h", "cub/cub.cuh",
                                             "vector",         "cooperative_groups.h", "cooperative_groups/reduce.h",
                                             "some/unknown.h"};
  const auto kept = used_includes(includes, "__global__ void k(float* x) { x[threadIdx.x] = 1.0f; }");
  EXPECT_EQ(kept, (std::vector<std::string>{"cuda_runtime.h", "vector", "some/unknown.h"}));
}

TEST(IncludeUse, KeepsWhatTheClosureNames) {
  const std::vector<std::string> includes = {"curand_kernel.h", "cub/cub.cuh", "cooperative_groups.h",
                                             "cooperative_groups/reduce.h", "cooperative_groups/scan.h",
                                             "hiprand/hiprand_kernel.h"};
  const std::string code = R"(
namespace cg = cooperative_groups;
typedef cub::WarpReduce<float> WR;
__global__ void k(curandState* s, float* x) {
  auto t = cg::tiled_partition<32>(cg::this_thread_block());
  x[0] = cg::reduce(t, curand_uniform(s), cg::plus<float>());
})";
  const auto kept = used_includes(includes, code);
  EXPECT_TRUE(has(kept, "curand_kernel.h"));
  EXPECT_TRUE(has(kept, "cub/cub.cuh"));
  EXPECT_TRUE(has(kept, "cooperative_groups.h"));
  EXPECT_TRUE(has(kept, "cooperative_groups/reduce.h"));
  EXPECT_FALSE(has(kept, "cooperative_groups/scan.h"));
  EXPECT_FALSE(has(kept, "hiprand/hiprand_kernel.h"));
}

TEST(IncludeUse, UnitsOfOneFileKeepOnlyTheirOwnLibraries) {
  test::TempDir repo;
  test::write_text(repo / "k.cu", R"(#include <cuda_runtime.h>
#include <curand_kernel.h>
#include <cub/cub.cuh>
__global__ void plain(float* x) { x[threadIdx.x] = 2.0f; }
__global__ void draw(curandState* states, float* x) { x[threadIdx.x] = curand_uniform(&states[threadIdx.x]); }
)");
  ParseRequest rq;
  rq.root = fs::canonical(repo.path());
  rq.file = rq.root / "k.cu";
  rq.include_dirs = include_dirs_for(rq.root, rq.file, guess_repo_includes(rq.root));
  const FileResult r = extract_file(rq, "k.cu");
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.kernels.size(), 2u);
  for (const Kernel& k : r.kernels) {
    EXPECT_NE(k.unit.find("#include <cuda_runtime.h>"), std::string::npos) << k.unit;
    EXPECT_EQ(k.unit.find("cub/cub.cuh"), std::string::npos) << k.unit;
    EXPECT_EQ(k.unit.find("#include <curand_kernel.h>") != std::string::npos, k.name == "draw") << k.unit;
  }
}

TEST(IncludeUse, RandomNumberLibrariesOfHipAreRuntimeHeaders) {
  for (const char* h : {"hiprand/hiprand.h", "hiprand/hiprand_kernel.h", "hiprand_kernel.h", "rocrand/rocrand.h",
                        "rocrand/rocrand_kernel.h", "rocrand_kernel.h"})
    EXPECT_TRUE(is_gpu_runtime_header(h)) << h;
}

}  // namespace
}  // namespace kq::extractor
