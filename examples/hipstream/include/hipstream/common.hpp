#pragma once
// Launch configuration and device helpers shared by the hipstream kernels.
#include <hip/hip_runtime.h>

#define HS_BLOCK 256

#define HIP_CHECK(expr)                                                    \
  do {                                                                     \
    hipError_t err_ = (expr);                                              \
    if (err_ != hipSuccess) {                                              \
      fprintf(stderr, "%s failed: %s\n", #expr, hipGetErrorString(err_)); \
      exit(1);                                                             \
    }                                                                      \
  } while (0)

/// Linear interpolation a + t * (b - a).
__device__ inline float hs_lerp(float a, float b, float t) { return fmaf(t, b - a, a); }
