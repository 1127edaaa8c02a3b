// Shared-memory tree reductions that write one partial result per block.
#include <cuda_runtime.h>

#define BLOCK 256

/// partial[blockIdx.x] = sum of x over the block's slice. Launch with
/// blockDim.x == BLOCK and gridDim.x == ceil(n / BLOCK).
__global__ void reduce_sum_partials(const float* x, float* partial, int n) {
  __shared__ float buf[BLOCK];
  int tid = threadIdx.x;
  int i = blockIdx.x * BLOCK + tid;
  buf[tid] = (i < n) ? x[i] : 0.0f;
  __syncthreads();
  for (int s = BLOCK / 2; s > 0; s >>= 1) {
    if (tid < s) buf[tid] += buf[tid + s];
    __syncthreads();
  }
  if (tid == 0) partial[blockIdx.x] = buf[0];
}

/// partial[blockIdx.x] = max of x over the block's slice (-inf when empty).
__global__ void reduce_max_partials(const float* x, float* partial, int n) {
  __shared__ float buf[BLOCK];
  int tid = threadIdx.x;
  int i = blockIdx.x * BLOCK + tid;
  buf[tid] = (i < n) ? x[i] : -INFINITY;
  __syncthreads();
  for (int s = BLOCK / 2; s > 0; s >>= 1) {
    if (tid < s) buf[tid] = fmaxf(buf[tid], buf[tid + s]);
    __syncthreads();
  }
  if (tid == 0) partial[blockIdx.x] = buf[0];
}

/// Per-block partial dot products of a and b; a grid-stride loop lets any
/// grid cover n, and partial has one slot per block.
__global__ void dot_partials(const float* a, const float* b, float* partial, int n) {
  __shared__ float buf[BLOCK];
  int tid = threadIdx.x;
  float acc = 0.0f;
  for (int i = blockIdx.x * BLOCK + tid; i < n; i += BLOCK * gridDim.x) acc += a[i] * b[i];
  buf[tid] = acc;
  __syncthreads();
  for (int s = BLOCK / 2; s > 0; s >>= 1) {
    if (tid < s) buf[tid] += buf[tid + s];
    __syncthreads();
  }
  if (tid == 0) partial[blockIdx.x] = buf[0];
}

/// Typed block sum: partial[blockIdx.x] = sum of x over the block's slice.
template <typename T>
__global__ void block_sum(const T* x, T* partial, int n) {
  __shared__ T buf[BLOCK];
  int tid = threadIdx.x;
  int i = blockIdx.x * BLOCK + tid;
  buf[tid] = (i < n) ? x[i] : T(0);
  __syncthreads();
  for (int s = BLOCK / 2; s > 0; s >>= 1) {
    if (tid < s) buf[tid] += buf[tid + s];
    __syncthreads();
  }
  if (tid == 0) partial[blockIdx.x] = buf[0];
}

template __global__ void block_sum<float>(const float*, float*, int);
template __global__ void block_sum<double>(const double*, double*, int);

float sum(const float* d_x, float* d_partial, int n) {
  int blocks = (n + BLOCK - 1) / BLOCK;
  reduce_sum_partials<<<blocks, BLOCK>>>(d_x, d_partial, n);
  float* h = new float[blocks];
  cudaMemcpy(h, d_partial, blocks * sizeof(float), cudaMemcpyDeviceToHost);
  float total = 0.0f;
  for (int b = 0; b < blocks; ++b) total += h[b];
  delete[] h;
  return total;
}
