// Elementwise BLAS-1 style kernels and a small driver that runs them.
#include <cstdio>
#include <vector>

#include <cuda_runtime.h>

#include "vecops/config.cuh"
#include "vecops/math.cuh"

/// y[i] = a * x[i] + y[i] for i < n.
__global__ void saxpy(int n, float a, const float* x, float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}

/// Multiplies every element of x by alpha, in place, with a grid-stride loop.
__global__ void scale(float* x, float alpha, int n) {
  GRID_STRIDE_LOOP(i, n) { x[i] *= alpha; }
}

/// out[i] = a[i] + b[i].
__global__ void add_vectors(const float* a, const float* b, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = a[i] + b[i];
}

// Rectified linear unit, grid-stride.
__global__ void relu(const float* in, float* out, int n) {
  GRID_STRIDE_LOOP(i, n) { out[i] = relu_op(in[i]); }
}

/// Clamps data[i] into [lo, hi] in place; lo <= hi is expected.
__global__ void clamp_values(float* data, int n, float lo, float hi) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
    data[i] = clampf(data[i], lo, hi);
  }
}

/// Fused multiply-add: out[i] = fmaf(a[i], b[i], c[i]).
__global__ void fused_multiply_add(const float* a, const float* b, const float* c, float* out,
                                   int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = fmaf(a[i], b[i], c[i]);
}

static void check(cudaError_t err, const char* what) {
  if (err != cudaSuccess) {
    std::fprintf(stderr, "%s: %s\n", what, cudaGetErrorString(err));
    std::exit(1);
  }
}

int main() {
  const int n = 1 << 20;
  std::vector<float> hx(n, 1.0f), hy(n, 2.0f);
  float *dx = nullptr, *dy = nullptr;
  check(cudaMalloc(&dx, n * sizeof(float)), "cudaMalloc x");
  check(cudaMalloc(&dy, n * sizeof(float)), "cudaMalloc y");
  cudaMemcpy(dx, hx.data(), n * sizeof(float), cudaMemcpyHostToDevice);
  cudaMemcpy(dy, hy.data(), n * sizeof(float), cudaMemcpyHostToDevice);

  int grid = CEIL_DIV(n, BLOCK);
  saxpy<<<grid, BLOCK>>>(n, 2.0f, dx, dy);
  scale<<<128, BLOCK>>>(dy, 0.5f, n);
  relu<<<128, BLOCK>>>(dy, dy, n);
  clamp_values<<<128, BLOCK>>>(dy, n, -1.0f, 1.0f);
  check(cudaGetLastError(), "launch");

  cudaMemcpy(hy.data(), dy, n * sizeof(float), cudaMemcpyDeviceToHost);
  std::printf("y[0] = %f\n", hy[0]);
  cudaFree(dx);
  cudaFree(dy);
  return 0;
}
