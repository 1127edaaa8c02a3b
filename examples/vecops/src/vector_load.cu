// Vectorized loads and transcendental math.
#include <cuda_runtime.h>

#include "vecops/config.cuh"

/// out = a + b using float4 loads for the bulk and scalar code for the tail.
/// n is the number of floats; the arrays need 16-byte alignment.
__global__ void add_float4(const float* a, const float* b, float* out, int n) {
  int n4 = n / 4;
  int tid = blockIdx.x * blockDim.x + threadIdx.x;
  int stride = blockDim.x * gridDim.x;
  const float4* a4 = reinterpret_cast<const float4*>(a);
  const float4* b4 = reinterpret_cast<const float4*>(b);
  float4* o4 = reinterpret_cast<float4*>(out);
  for (int i = tid; i < n4; i += stride) {
    float4 x = a4[i];
    float4 y = b4[i];
    o4[i] = make_float4(x.x + y.x, x.y + y.y, x.z + y.z, x.w + y.w);
  }
  for (int i = n4 * 4 + tid; i < n; i += stride) out[i] = a[i] + b[i];
}

/// out[i] = sqrt(x[i]) + log(x[i]); x must be positive.
__global__ void sqrt_log(const float* x, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = sqrtf(x[i]) + logf(x[i]);
}
