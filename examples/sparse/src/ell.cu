// ELLPACK kernels: every row of the matrix stores exactly `width` slots,
// column-major (slot k of row r at index k * rows + r) so that neighbouring
// threads read neighbouring slots; a slot whose column is ELL_PAD is empty.
// The row count is produced on the device by the kernel that assembled the
// matrix, so it is read from device memory rather than passed by value; the
// grid is sized for the most rows the matrix can have.
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include "sparse/formats.cuh"

/// Sparse matrix-vector product y = A * x for an ELLPACK matrix A of *num_rows rows; padding slots are skipped.
__global__ void ell_spmv(const int* num_rows, int width, const int* cols, const float* vals, const float* x,
                         float* y) {
  int rows = *num_rows;
  int r = blockIdx.x * blockDim.x + threadIdx.x;
  if (r >= rows) return;
  float sum = 0.0f;
  for (int k = 0; k < width; ++k) {
    int slot = k * rows + r;
    int c = cols[slot];
    if (c != ELL_PAD) sum += vals[slot] * x[c];
  }
  y[r] = sum;
}

/// Scales the stored entries of row r of a half-precision ELLPACK matrix by row_scale[r], in place;
/// padding slots keep their value.
__global__ void ell_scale_rows_half(const int* num_rows, int width, const int* cols, const __half* row_scale,
                                    __half* vals) {
  int rows = *num_rows;
  int r = blockIdx.x * blockDim.x + threadIdx.x;
  if (r >= rows) return;
  __half s = row_scale[r];
  for (int k = 0; k < width; ++k) {
    int slot = k * rows + r;
    if (cols[slot] != ELL_PAD) vals[slot] = __hmul(vals[slot], s);
  }
}

void ell_multiply(const int* num_rows, int max_rows, int width, const int* cols, const float* vals, const float* x,
                  float* y, cudaStream_t stream) {
  ell_spmv<<<SPARSE_CEIL_DIV(max_rows, SPARSE_BLOCK), SPARSE_BLOCK, 0, stream>>>(num_rows, width, cols, vals, x, y);
}

void ell_scale_rows(const int* num_rows, int max_rows, int width, const int* cols, const __half* row_scale,
                    __half* vals, cudaStream_t stream) {
  ell_scale_rows_half<<<SPARSE_CEIL_DIV(max_rows, SPARSE_BLOCK), SPARSE_BLOCK, 0, stream>>>(num_rows, width, cols,
                                                                                             row_scale, vals);
}
