// Matrix multiplication: shared-memory tiles and a templated reference.
#include <cuda_runtime.h>

#include "imgkit/indexing.cuh"

#define MM_TILE 16

/// C (m x n) = A (m x k) * B (k x n), row-major, with MM_TILE x MM_TILE shared
/// tiles. Launch with blockDim = (MM_TILE, MM_TILE).
__global__ void matmul_tiled(const float* A, const float* B, float* C, int m, int n, int k) {
  __shared__ float As[MM_TILE][MM_TILE];
  __shared__ float Bs[MM_TILE][MM_TILE];
  int row = blockIdx.y * MM_TILE + threadIdx.y;
  int col = blockIdx.x * MM_TILE + threadIdx.x;
  float acc = 0.0f;
  for (int t = 0; t < (k + MM_TILE - 1) / MM_TILE; ++t) {
    int ac = t * MM_TILE + threadIdx.x;
    int br = t * MM_TILE + threadIdx.y;
    As[threadIdx.y][threadIdx.x] = (row < m && ac < k) ? A[IDX2(row, ac, k)] : 0.0f;
    Bs[threadIdx.y][threadIdx.x] = (br < k && col < n) ? B[IDX2(br, col, n)] : 0.0f;
    __syncthreads();
    for (int i = 0; i < MM_TILE; ++i) acc += As[threadIdx.y][i] * Bs[i][threadIdx.x];
    __syncthreads();
  }
  if (row < m && col < n) C[IDX2(row, col, n)] = acc;
}

/// Reference product, one thread per output element, for any scalar type.
template <typename T>
__global__ void matmul_naive(const T* A, const T* B, T* C, int m, int n, int k) {
  int row = blockIdx.y * blockDim.y + threadIdx.y;
  int col = blockIdx.x * blockDim.x + threadIdx.x;
  if (row >= m || col >= n) return;
  T acc = T(0);
  for (int i = 0; i < k; ++i) acc += A[IDX2(row, i, k)] * B[IDX2(i, col, n)];
  C[IDX2(row, col, n)] = acc;
}

template __global__ void matmul_naive<float>(const float*, const float*, float*, int, int, int);
template __global__ void matmul_naive<double>(const double*, const double*, double*, int, int, int);
