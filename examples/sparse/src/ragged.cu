// Ragged rows stored padded: row r of a rows x width matrix holds
// lengths[r] <= width valid entries at its start, the rest is padding that
// no kernel reads or writes (attention scores of sequences of different
// lengths, batched into one buffer).
#include <cuda_runtime.h>

#include "sparse/formats.cuh"

/// Softmax over the valid entries of each row of a padded ragged matrix, in place, one thread per row.
__global__ void ragged_row_softmax(int rows, int width, const int* lengths, float* vals) {
  int r = blockIdx.x * blockDim.x + threadIdx.x;
  if (r >= rows) return;
  float* row = vals + static_cast<size_t>(r) * width;
  int n = lengths[r];
  float peak = -INFINITY;
  for (int j = 0; j < n; ++j) peak = fmaxf(peak, row[j]);
  float total = 0.0f;
  for (int j = 0; j < n; ++j) {
    row[j] = expf(row[j] - peak);
    total += row[j];
  }
  for (int j = 0; j < n; ++j) row[j] /= total;
}

void ragged_softmax(int rows, int width, const int* lengths, float* vals, cudaStream_t stream) {
  ragged_row_softmax<<<SPARSE_CEIL_DIV(rows, SPARSE_BLOCK), SPARSE_BLOCK, 0, stream>>>(rows, width, lengths, vals);
}
