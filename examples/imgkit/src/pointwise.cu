// Per-pixel operations, kept in the imgkit namespace.
#include <cstdint>

#include <cuda_runtime.h>

#include "imgkit/indexing.cuh"

namespace imgkit {

/// Binary threshold of an 8-bit image: 255 where img > level, else 0.
__global__ void threshold(const uint8_t* img, uint8_t* out, int rows, int cols, int level) {
  int c = blockIdx.x * blockDim.x + threadIdx.x;
  int r = blockIdx.y * blockDim.y + threadIdx.y;
  if (r < rows && c < cols) out[IDX2(r, c, cols)] = img[IDX2(r, c, cols)] > level ? 255 : 0;
}

/// Linear brightness/contrast: out = gain * img + bias.
__global__ void adjust_gain_bias(const float* img, float* out, int rows, int cols, float gain,
                                 float bias) {
  int c = blockIdx.x * blockDim.x + threadIdx.x;
  int r = blockIdx.y * blockDim.y + threadIdx.y;
  if (r < rows && c < cols) out[IDX2(r, c, cols)] = gain * img[IDX2(r, c, cols)] + bias;
}

}  // namespace imgkit
