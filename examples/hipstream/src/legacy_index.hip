// Kernels in the older HIP indexing style (hipThreadIdx_x and friends).
#include "hipstream/common.hpp"

/// x[i] = x[i] * alpha + beta.
__global__ void legacy_affine(float* x, float alpha, float beta, int n) {
  int i = hipBlockIdx_x * hipBlockDim_x + hipThreadIdx_x;
  if (i < n) x[i] = x[i] * alpha + beta;
}

/// Adds a per-row offset to a rows x cols matrix; 2-D grid.
__global__ void legacy_row_offset(float* m, const float* offsets, int rows, int cols) {
  int c = hipBlockIdx_x * hipBlockDim_x + hipThreadIdx_x;
  int r = hipBlockIdx_y * hipBlockDim_y + hipThreadIdx_y;
  if (r < rows && c < cols) m[r * cols + c] += offsets[r];
}

void affine(float* x, float alpha, float beta, int n, hipStream_t stream) {
  hipLaunchKernelGGL(legacy_affine, dim3((n + HS_BLOCK - 1) / HS_BLOCK), dim3(HS_BLOCK), 0, stream,
                     x, alpha, beta, n);
}
