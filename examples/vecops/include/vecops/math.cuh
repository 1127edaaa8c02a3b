#pragma once
// Device helpers used by the elementwise kernels.
#include "vecops/config.cuh"

// Saturating bounds; only used through clampf below.
#define VECOPS_MIN(a, b) ((a) < (b) ? (a) : (b))
#define VECOPS_MAX(a, b) ((a) > (b) ? (a) : (b))

__device__ __forceinline__ float clampf(float v, float lo, float hi) {
  return VECOPS_MIN(VECOPS_MAX(v, lo), hi);
}

__device__ __forceinline__ float relu_op(float v) { return v > 0.0f ? v : 0.0f; }
