// Reductions through warp shuffles and dynamic shared memory.
#include <cuda_runtime.h>

#include "reductions/block.cuh"

/// partial[blockIdx.x] = sum of x over the block's grid-stride slice,
/// reduced with __shfl_down_sync inside each warp.
__global__ void warp_sum_partials(const float* x, float* partial, int n) {
  float acc = 0.0f;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
    acc += x[i];
  float total = block_reduce_sum(acc);
  if (threadIdx.x == 0) partial[blockIdx.x] = total;
}

/// warp_max[w] = max of the 32 values of warp w (x is read in 32-element
/// chunks; lanes past n contribute -inf). Needs blockDim.x to be a multiple of 32.
__global__ void warp_max_xor(const float* x, float* warp_max, int n, int num_warps) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int w = i / WARP_SIZE;
  float v = (i < n) ? x[i] : -INFINITY;
  v = warp_allreduce_max(v);
  if (threadIdx.x % WARP_SIZE == 0 && w < num_warps) warp_max[w] = v;
}

/// Sum of squares per block with a dynamically sized shared buffer of
/// blockDim.x floats (blockDim.x must be a power of two).
__global__ void sum_squares_dynamic(const float* x, float* partial, int n) {
  extern __shared__ float sdata[];
  int tid = threadIdx.x;
  int i = blockIdx.x * blockDim.x + tid;
  float v = (i < n) ? x[i] : 0.0f;
  sdata[tid] = v * v;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (tid < s) sdata[tid] += sdata[tid + s];
    __syncthreads();
  }
  if (tid == 0) partial[blockIdx.x] = sdata[0];
}

void sum_squares(const float* x, float* partial, int n, int threads) {
  int blocks = (n + threads - 1) / threads;
  sum_squares_dynamic<<<blocks, threads, threads * sizeof(float)>>>(x, partial, n);
}
