#include <cuda_runtime.h>

// y[i] = x[i] * x[i] for i < n; elements past n are left as they are.
__global__ void square(int n, const float* x, float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = x[i] * x[i];
}
