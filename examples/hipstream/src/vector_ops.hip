// Vector arithmetic with a small HIP driver.
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "hipstream/common.hpp"

/// y[i] = a * x[i] + y[i].
__global__ void hip_saxpy(int n, float a, const float* x, float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}

/// out[i] = lerp(a[i], b[i], t).
__global__ void hip_lerp(const float* a, const float* b, float* out, float t, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
    out[i] = hs_lerp(a[i], b[i], t);
}

// Squared difference, elementwise.
__global__ void hip_squared_diff(const float* a, const float* b, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float d = a[i] - b[i];
    out[i] = d * d;
  }
}

int main() {
  const int n = 1 << 16;
  std::vector<float> hx(n, 1.0f), hy(n, 3.0f);
  float *dx, *dy;
  HIP_CHECK(hipMalloc(&dx, n * sizeof(float)));
  HIP_CHECK(hipMalloc(&dy, n * sizeof(float)));
  HIP_CHECK(hipMemcpy(dx, hx.data(), n * sizeof(float), hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(dy, hy.data(), n * sizeof(float), hipMemcpyHostToDevice));
  const int blocks = (n + HS_BLOCK - 1) / HS_BLOCK;
  hipLaunchKernelGGL(hip_saxpy, dim3(blocks), dim3(HS_BLOCK), 0, 0, n, 2.0f, dx, dy);
  hipLaunchKernelGGL(hip_lerp, dim3(64), dim3(HS_BLOCK), 0, 0, dx, dy, dy, 0.5f, n);
  HIP_CHECK(hipGetLastError());
  HIP_CHECK(hipMemcpy(hy.data(), dy, n * sizeof(float), hipMemcpyDeviceToHost));
  std::printf("y[0] = %f\n", hy[0]);
  HIP_CHECK(hipFree(dx));
  HIP_CHECK(hipFree(dy));
  return 0;
}
