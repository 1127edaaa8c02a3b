// Standardization kernels grouped in a class, as HIP allows static member kernels.
#include "hipstream/common.hpp"

struct Normalizer {
  /// data[i] = (data[i] - shift) * inv_scale, in place.
  static __global__ void apply(float* data, int n, float shift, float inv_scale) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) data[i] = (data[i] - shift) * inv_scale;
  }

  static void standardize(float* data, int n, float mean, float stddev, hipStream_t stream) {
    hipLaunchKernelGGL(apply, dim3((n + HS_BLOCK - 1) / HS_BLOCK), dim3(HS_BLOCK), 0, stream, data,
                       n, mean, 1.0f / stddev);
  }
};
