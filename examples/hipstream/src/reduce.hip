// Reductions on AMD hardware: shared-memory trees and wavefront shuffles.
#include "hipstream/common.hpp"

/// partial[blockIdx.x] = sum of x over the block's slice. Launch with
/// blockDim.x == HS_BLOCK.
__global__ void hip_block_sum(const float* x, float* partial, int n) {
  __shared__ float buf[HS_BLOCK];
  int tid = threadIdx.x;
  int i = blockIdx.x * HS_BLOCK + tid;
  buf[tid] = (i < n) ? x[i] : 0.0f;
  __syncthreads();
  for (int s = HS_BLOCK / 2; s > 0; s >>= 1) {
    if (tid < s) buf[tid] += buf[tid + s];
    __syncthreads();
  }
  if (tid == 0) partial[blockIdx.x] = buf[0];
}

#define HS_MAX_WAVES (1024 / 32)

/// partial[blockIdx.x] = sum of x over the block's slice: each wavefront
/// reduces with __shfl_down, then thread 0 adds the wavefront sums in order.
/// blockDim.x must be a multiple of warpSize (64 on CDNA, 32 elsewhere).
__global__ void hip_wave_block_sum(const float* x, float* partial, int n) {
  __shared__ float wave_sums[HS_MAX_WAVES];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = (i < n) ? x[i] : 0.0f;
  for (int offset = warpSize / 2; offset > 0; offset /= 2) v += __shfl_down(v, offset);
  if (threadIdx.x % warpSize == 0) wave_sums[threadIdx.x / warpSize] = v;
  __syncthreads();
  if (threadIdx.x == 0) {
    float total = 0.0f;
    for (int w = 0; w < blockDim.x / warpSize; ++w) total += wave_sums[w];
    partial[blockIdx.x] = total;
  }
}

// Counts the elements above a threshold, one atomic per block.
__global__ void hip_count_above(const float* x, int* count, float threshold, int n) {
  __shared__ int block_count;
  if (threadIdx.x == 0) block_count = 0;
  __syncthreads();
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
    if (x[i] > threshold) atomicAdd(&block_count, 1);
  __syncthreads();
  if (threadIdx.x == 0) atomicAdd(count, block_count);
}
