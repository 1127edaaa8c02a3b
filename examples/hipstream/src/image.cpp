// Image kernels compiled as HIP from a .cpp file.
#include <cstdint>

#include "hipstream/common.hpp"

/// Luma from interleaved RGB floats: gray = 0.299 R + 0.587 G + 0.114 B.
__global__ void rgb_to_gray(const float* rgb, float* gray, int pixels) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < pixels) {
    const float* p = rgb + 3 * i;
    gray[i] = 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];
  }
}

/// Horizontal box filter of radius 2 on each row; pixels outside the row count as zero.
__global__ void box_filter_rows(const float* img, float* out, int rows, int cols) {
  int c = blockIdx.x * blockDim.x + threadIdx.x;
  int r = blockIdx.y;
  if (r >= rows || c >= cols) return;
  float s = 0.0f;
  for (int k = -2; k <= 2; ++k) {
    int cc = c + k;
    if (cc >= 0 && cc < cols) s += img[r * cols + cc];
  }
  out[r * cols + c] = s / 5.0f;
}

/// Inverts an 8-bit image: out = 255 - img.
__global__ void invert_u8(const uint8_t* img, uint8_t* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = static_cast<uint8_t>(255 - img[i]);
}

void to_gray(const float* rgb, float* gray, int pixels, hipStream_t stream) {
  hipLaunchKernelGGL(rgb_to_gray, dim3((pixels + HS_BLOCK - 1) / HS_BLOCK), dim3(HS_BLOCK), 0,
                     stream, rgb, gray, pixels);
}
