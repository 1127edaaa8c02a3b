// Type conversion kernels and half-precision arithmetic.
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include "vecops/config.cuh"

/// Widens a float array to double.
__global__ void float_to_double(const float* in, double* out, int n) {
  GRID_STRIDE_LOOP(i, n) { out[i] = static_cast<double>(in[i]); }
}

/// Rounds floats to the nearest integer (ties to even).
__global__ void float_to_int_round(const float* in, int* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = __float2int_rn(in[i]);
}

/// Half-precision axpy: y[i] = a * x[i] + y[i], computed in __half.
__global__ void half_axpy(int n, __half a, const __half* x, __half* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = __hadd(__hmul(a, x[i]), y[i]);
}

// Accumulates x * x into a float sum per element: out[i] = acc[i] + float(x[i])^2.
__global__ void half_square_accumulate(const __half* x, const float* acc, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float v = __half2float(x[i]);
  out[i] = acc[i] + v * v;
}

void launch_float_to_double(const float* in, double* out, int n, cudaStream_t stream) {
  float_to_double<<<CEIL_DIV(n, BLOCK), BLOCK, 0, stream>>>(in, out, n);
}
