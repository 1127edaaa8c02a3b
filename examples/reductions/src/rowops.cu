// Row-wise normalizations: one block per row of a rows x cols matrix.
#include <cuda_runtime.h>

#include "reductions/block.cuh"

namespace rowops {

/// Numerically stable softmax of each row. Launch with gridDim.x == rows.
__global__ void softmax_rows(const float* x, float* y, int rows, int cols) {
  int row = blockIdx.x;
  if (row >= rows) return;
  const float* in = x + static_cast<size_t>(row) * cols;
  float* out = y + static_cast<size_t>(row) * cols;
  float m = -INFINITY;
  for (int c = threadIdx.x; c < cols; c += blockDim.x) m = fmaxf(m, in[c]);
  m = block_reduce_max(m);
  float s = 0.0f;
  for (int c = threadIdx.x; c < cols; c += blockDim.x) s += expf(in[c] - m);
  s = block_reduce_sum(s);
  for (int c = threadIdx.x; c < cols; c += blockDim.x) out[c] = expf(in[c] - m) / s;
}

/// Layer normalization of each row with per-column gain and bias:
/// y = (x - mean) / sqrt(var + eps) * gamma + beta.
__global__ void layernorm_rows(const float* x, const float* gamma, const float* beta, float* y,
                               int rows, int cols, float eps) {
  int row = blockIdx.x;
  if (row >= rows) return;
  const float* in = x + static_cast<size_t>(row) * cols;
  float* out = y + static_cast<size_t>(row) * cols;
  float s = 0.0f;
  for (int c = threadIdx.x; c < cols; c += blockDim.x) s += in[c];
  float mean = block_reduce_sum(s) / cols;
  float v = 0.0f;
  for (int c = threadIdx.x; c < cols; c += blockDim.x) v += (in[c] - mean) * (in[c] - mean);
  float inv_std = rsqrtf(block_reduce_sum(v) / cols + eps);
  for (int c = threadIdx.x; c < cols; c += blockDim.x)
    out[c] = (in[c] - mean) * inv_std * gamma[c] + beta[c];
}

}  // namespace rowops

void softmax(const float* x, float* y, int rows, int cols, cudaStream_t stream) {
  rowops::softmax_rows<<<rows, 256, 0, stream>>>(x, y, rows, cols);
}
