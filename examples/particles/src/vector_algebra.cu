// Batched Vec3 algebra.
#include <cuda_runtime.h>

#include "vec.cuh"

/// out[i] = dot(a[i], b[i]).
__global__ void dot_products(const Vec3* a, const Vec3* b, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = dot(a[i], b[i]);
}

/// out[i] = cross(a[i], b[i]).
__global__ void cross_products(const Vec3* a, const Vec3* b, Vec3* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = cross(a[i], b[i]);
}

// Normalizes each vector; zero vectors stay zero.
__global__ void normalize_vec3(Vec3* v, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
    float len = length(v[i]);
    if (len > 0.0f) v[i] = scale(v[i], 1.0f / len);
  }
}
