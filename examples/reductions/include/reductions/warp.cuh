#pragma once
// Warp-level primitives built on shuffles.

#define WARP_SIZE 32
#define FULL_MASK 0xffffffffu

/// Sum of v over the warp; lane 0 holds the result.
__device__ __forceinline__ float warp_reduce_sum(float v) {
  for (int offset = WARP_SIZE / 2; offset > 0; offset /= 2)
    v += __shfl_down_sync(FULL_MASK, v, offset);
  return v;
}

/// Maximum of v over the warp; every lane holds the result (butterfly).
__device__ __forceinline__ float warp_allreduce_max(float v) {
  for (int mask = WARP_SIZE / 2; mask > 0; mask /= 2)
    v = fmaxf(v, __shfl_xor_sync(FULL_MASK, v, mask));
  return v;
}
