// Stencils and filters on 2-D grids.
#include <cstdio>

#include <cuda_runtime.h>

#include "imgkit/sampling.cuh"

#define MAX_FILTER_RADIUS 4

// Filter taps for conv_rows: a binomial smoothing filter until set_row_filter
// replaces it.
__constant__ float c_filter[2 * MAX_FILTER_RADIUS + 1] = {
    1.0f / 256, 8.0f / 256, 28.0f / 256, 56.0f / 256, 70.0f / 256,
    56.0f / 256, 28.0f / 256, 8.0f / 256, 1.0f / 256};

/// Jacobi step of the 5-point Laplacian stencil: interior points get the
/// average of their four neighbours, border points are copied unchanged.
__global__ void stencil5(const float* in, float* out, int rows, int cols) {
  int c = blockIdx.x * blockDim.x + threadIdx.x;
  int r = blockIdx.y * blockDim.y + threadIdx.y;
  if (r >= rows || c >= cols) return;
  if (r == 0 || c == 0 || r == rows - 1 || c == cols - 1) {
    out[IDX2(r, c, cols)] = in[IDX2(r, c, cols)];
    return;
  }
  out[IDX2(r, c, cols)] = 0.25f * (in[IDX2(r - 1, c, cols)] + in[IDX2(r + 1, c, cols)] +
                                   in[IDX2(r, c - 1, cols)] + in[IDX2(r, c + 1, cols)]);
}

/// 3x3 box blur with replicated borders.
__global__ void blur3x3(const float* img, float* out, int rows, int cols) {
  int c = blockIdx.x * blockDim.x + threadIdx.x;
  int r = blockIdx.y * blockDim.y + threadIdx.y;
  if (r >= rows || c >= cols) return;
  float sum = 0.0f;
  for (int dr = -1; dr <= 1; ++dr)
    for (int dc = -1; dc <= 1; ++dc) sum += load_clamped(img, r + dr, c + dc, rows, cols);
  out[IDX2(r, c, cols)] = sum / 9.0f;
}

/// Convolves every row with the taps in c_filter (radius <= MAX_FILTER_RADIUS),
/// replicating the border pixels.
__global__ void conv_rows(const float* img, float* out, int rows, int cols, int radius) {
  int c = blockIdx.x * blockDim.x + threadIdx.x;
  int r = blockIdx.y * blockDim.y + threadIdx.y;
  if (r >= rows || c >= cols) return;
  if (radius > MAX_FILTER_RADIUS) radius = MAX_FILTER_RADIUS;
  float acc = 0.0f;
  for (int k = -radius; k <= radius; ++k)
    acc += c_filter[k + radius] * load_clamped(img, r, c + k, rows, cols);
  out[IDX2(r, c, cols)] = acc;
}

void set_row_filter(const float* taps, int radius) {
  cudaMemcpyToSymbol(c_filter, taps, (2 * radius + 1) * sizeof(float));
}

void blur(const float* img, float* out, int rows, int cols) {
  dim3 block(16, 16);
  dim3 grid((cols + 15) / 16, (rows + 15) / 16);
  blur3x3<<<grid, block>>>(img, out, rows, cols);
  cudaError_t err = cudaGetLastError();
  if (err != cudaSuccess) std::fprintf(stderr, "blur3x3: %s\n", cudaGetErrorString(err));
}
