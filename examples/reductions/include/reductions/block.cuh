#pragma once
// Block-level reductions built from the warp primitives.
#include "reductions/warp.cuh"

#define MAX_WARPS 32

/// Sum of v over the whole block; every thread gets the result.
/// Every thread of the block must call it.
__device__ inline float block_reduce_sum(float v) {
  __shared__ float warp_sums[MAX_WARPS];
  int lane = threadIdx.x % WARP_SIZE;
  int warp = threadIdx.x / WARP_SIZE;
  int nwarps = (blockDim.x + WARP_SIZE - 1) / WARP_SIZE;
  v = warp_reduce_sum(v);
  if (lane == 0) warp_sums[warp] = v;
  __syncthreads();
  float total = 0.0f;
  for (int w = 0; w < nwarps; ++w) total += warp_sums[w];
  __syncthreads();
  return total;
}

/// Maximum of v over the whole block; every thread gets the result.
__device__ inline float block_reduce_max(float v) {
  __shared__ float warp_max[MAX_WARPS];
  int lane = threadIdx.x % WARP_SIZE;
  int warp = threadIdx.x / WARP_SIZE;
  int nwarps = (blockDim.x + WARP_SIZE - 1) / WARP_SIZE;
  v = warp_allreduce_max(v);
  if (lane == 0) warp_max[warp] = v;
  __syncthreads();
  float m = -INFINITY;
  for (int w = 0; w < nwarps; ++w) m = fmaxf(m, warp_max[w]);
  __syncthreads();
  return m;
}
