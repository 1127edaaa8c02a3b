// hipLaunchKernelGGL of HIP-on-CUDA takes a kernel named with template
// arguments, whose commas a macro with named parameters would split at.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/subprocess.hpp"
#include "tests/support/test_support.hpp"

namespace kq::test {
namespace {

const char* kNvcc = "/usr/local/cuda/bin/nvcc";

TEST(HipOnCuda, GglLaunchOfATemplateKernelCompilesWithNvcc) {
  if (!std::filesystem::exists(kNvcc)) GTEST_SKIP() << "nvcc not found at " << kNvcc;
  TempDir dir;
  write_text(dir / "t.hip", R"(#include <hip/hip_runtime.h>
template <typename T, int N>
__global__ void scale(T* y, const T* x, int n) {
  int i = blockIdx.x * N + threadIdx.x;
  if (i < n) y[i] = x[i] * T(2);
}
__global__ void fill(float* y, int n) { if (threadIdx.x < n) y[threadIdx.x] = 1; }
void run(float* d, int n) {
  hipLaunchKernelGGL(scale<float, 64>, dim3(1), dim3(64), 0, 0, d, d, n);
  hipLaunchKernelGGL(HIP_KERNEL_NAME(scale<double, 32>), dim3(1), dim3(32), 0, nullptr, (double*)d, (const double*)d, n);
  hipLaunchKernelGGL(fill, 1, 64, 0, 0, d, n);
}
)");
  const std::string runtime = (source_root() / "runtime").string();
  RunOptions o;
  o.timeout = std::chrono::seconds(300);
  auto r = run_process({kNvcc, "-std=c++17", "-arch=sm_90", "-I", runtime + "/kq/hip_on_cuda", "-I", runtime, "-x",
                        "cu", "-c", (dir / "t.hip").string(), "-o", (dir / "t.o").string()},
                       o);
  EXPECT_TRUE(r.ok()) << r.describe() << "\n" << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "t.o"));
}

}  // namespace
}  // namespace kq::test
