// The standalone compile check's flags: relocatable device code for units
// that use the device runtime (dynamic parallelism).
#include <gtest/gtest.h>

#include "extractor/compile_check.hpp"
#include "tests/support/test_support.hpp"

namespace kq::extractor {
namespace {

constexpr const char* kDynamicParallelism = R"(#include <cuda_runtime.h>
__global__ void child(int* x) { x[threadIdx.x] += 1; }
__global__ void parent(int* x, int depth) {
  if (threadIdx.x == 0 && depth > 0) child<<<1, 32>>>(x);
}
)";

TEST(UnitCompileCheck, DeviceRuntimeUseIsRecognised) {
  EXPECT_TRUE(uses_device_runtime(kDynamicParallelism));
  EXPECT_TRUE(uses_device_runtime("__device__ void f() { int* p; cudaMalloc(&p, 4); cudaFree(p); }"));
  EXPECT_FALSE(uses_device_runtime("__global__ void k(int* x) { x[0] = 1; }  // launched as k<<<1, 1>>>(x)"));
}

TEST(UnitCompileCheck, DynamicParallelismCompilesAsRelocatableDeviceCode) {
  if (find_nvcc().empty()) GTEST_SKIP() << "nvcc not found: the check is not run";
  test::TempDir cache;
  UnitCompiler compiler({cache.path()});
  auto r = compiler.check(kDynamicParallelism, Dialect::Cuda);
  EXPECT_TRUE(r.ok) << r.log;
}

}  // namespace
}  // namespace kq::extractor
