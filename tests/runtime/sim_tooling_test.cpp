// Build helpers for cpu-sim: the extern __shared__ names a unit declares and
// the compiler flags.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "runtime/kq/sim_tooling.hpp"

namespace kq::test {
namespace {

TEST(SimTooling, FindsExternSharedNamesInDeclarationOrder) {
  const std::string src = R"(
    __shared__ float tile[32][33];                       // static: not listed
    __global__ void a() { extern __shared__ float sdata[]; }
    __global__ void b() { extern  __shared__ __align__(16) unsigned char smem [ ]; }
    template <class T> __global__ void c() { extern __shared__ T sdata[]; }
    int myextern __shared__;                             // not an extern declaration
  )";
  EXPECT_EQ(sim_tooling::extern_shared_names(src), (std::vector<std::string>{"sdata", "smem"}));
  EXPECT_TRUE(sim_tooling::extern_shared_names("__global__ void k() {}").empty());
}

TEST(SimTooling, FlagsCarryWarpSizeNamesAndSanitizer) {
  const auto flags = sim_tooling::compile_flags("/rt", 64, {"a", "b"}, true);
  auto has = [&](const std::string& f) { return std::find(flags.begin(), flags.end(), f) != flags.end(); };
  EXPECT_TRUE(has("-DKQ_SIM_WARP_SIZE=64"));
  EXPECT_TRUE(has("-DKQ_SIM_EXTERN_SHARED_NAMES=a,b"));
  EXPECT_TRUE(has("-fsanitize=address"));
  EXPECT_TRUE(has("-fno-extern-tls-init"));
  EXPECT_TRUE(has("-I/rt/kq/sim_include"));
  const auto plain = sim_tooling::compile_flags("/rt", 32, {}, false);
  EXPECT_EQ(std::find(plain.begin(), plain.end(), "-fsanitize=address"), plain.end());
  EXPECT_NE(std::find(plain.begin(), plain.end(), "-DKQ_SIM_WARP_SIZE=32"), plain.end());
}

TEST(SimTooling, FindsLiteralAndMacroLaunchBounds) {
  const char* src = R"(
#define BLOCK 256
__global__ void __launch_bounds__(128) a(int* x) {}
__global__ __launch_bounds__(BLOCK, 2) void b(int* x) {}
template <int N> __global__ void __launch_bounds__(N) c(int* x) {}
__global__ void __launch_bounds__(UNKNOWN) d(int* x) {}
)";
  EXPECT_EQ(sim_tooling::launch_bounds(src), (std::vector<std::string>{"a:128", "b:256"}));
  const auto flags = sim_tooling::compile_flags("/rt", 32, {}, true, {"a:128"});
  EXPECT_NE(std::find(flags.begin(), flags.end(), "-DKQ_SIM_LAUNCH_BOUNDS=\"a:128\""), flags.end());
  EXPECT_NE(std::find(flags.begin(), flags.end(), "-fsanitize=bounds"), flags.end());
}

TEST(SimTooling, StaticSharedBytesPerKernel) {
  const char* src = R"(
#define TILE 16
__global__ void __launch_bounds__(256) tiled(float* x) {
  __shared__ float a[TILE][TILE + 1], b[TILE * 2];
  __shared__ volatile unsigned int flags[4];
  extern __shared__ float dyn[];
}
__global__ void none(int* x) { x[0] = 1; }
template <int N> __global__ void templated(int* x) { __shared__ int t[N]; __shared__ double d[8]; }
__global__ void opaque(int* x) { __shared__ MyType m[4]; }
)";
  // a: TILE + 1 is no plain product, so only b and flags count: 32 * 4 + 4 * 4.
  EXPECT_EQ(sim_tooling::static_shared_bytes(src), (std::vector<std::string>{"tiled:144", "templated:64"}));
  const auto flags = sim_tooling::compile_flags("/rt", 32, {}, false, {}, {"tiled:144"});
  EXPECT_NE(std::find(flags.begin(), flags.end(), "-DKQ_SIM_STATIC_SHARED=\"tiled:144\""), flags.end());
}

}  // namespace
}  // namespace kq::test
