// Matrix transpose, naive and through shared memory.
#include <cuda_runtime.h>

#include "imgkit/indexing.cuh"

/// out (cols x rows) = transpose of in (rows x cols); one thread per element.
__global__ void transpose_naive(const float* in, float* out, int rows, int cols) {
  int c = blockIdx.x * blockDim.x + threadIdx.x;
  int r = blockIdx.y * blockDim.y + threadIdx.y;
  if (r < rows && c < cols) out[IDX2(c, r, rows)] = in[IDX2(r, c, cols)];
}

/// Transpose through a TILE_DIM x (TILE_DIM + 1) shared tile; the padding
/// column keeps the column reads free of bank conflicts.
/// Launch with blockDim = (TILE_DIM, BLOCK_ROWS) and a grid of
/// ceil(cols / TILE_DIM) x ceil(rows / TILE_DIM) blocks.
__global__ void transpose_shared(const float* in, float* out, int rows, int cols) {
  __shared__ float tile[TILE_DIM][TILE_DIM + 1];
  int x = blockIdx.x * TILE_DIM + threadIdx.x;
  int y = blockIdx.y * TILE_DIM + threadIdx.y;
  for (int j = 0; j < TILE_DIM; j += BLOCK_ROWS) {
    if (x < cols && y + j < rows) tile[threadIdx.y + j][threadIdx.x] = in[IDX2(y + j, x, cols)];
  }
  __syncthreads();
  x = blockIdx.y * TILE_DIM + threadIdx.x;
  y = blockIdx.x * TILE_DIM + threadIdx.y;
  for (int j = 0; j < TILE_DIM; j += BLOCK_ROWS) {
    if (x < rows && y + j < cols) out[IDX2(y + j, x, rows)] = tile[threadIdx.x][threadIdx.y + j];
  }
}

void transpose(const float* in, float* out, int rows, int cols, cudaStream_t stream) {
  dim3 block(TILE_DIM, BLOCK_ROWS);
  dim3 grid((cols + TILE_DIM - 1) / TILE_DIM, (rows + TILE_DIM - 1) / TILE_DIM);
  transpose_shared<<<grid, block, 0, stream>>>(in, out, rows, cols);
}
