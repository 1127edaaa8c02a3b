// Histograms of 8-bit data with atomics.
#include <cstdint>

#include <cuda_runtime.h>

#define NUM_BINS 256

/// hist[v] += 1 for every byte v of data, with atomics on global memory.
/// hist must hold NUM_BINS counters, zeroed before the launch.
__global__ void histogram_global(const uint8_t* data, unsigned int* hist, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
    atomicAdd(&hist[data[i]], 1u);
}

/// Same result as histogram_global, with a per-block private histogram in
/// shared memory merged into hist at the end.
__global__ void histogram_shared(const uint8_t* data, unsigned int* hist, int n) {
  __shared__ unsigned int local[NUM_BINS];
  for (int b = threadIdx.x; b < NUM_BINS; b += blockDim.x) local[b] = 0;
  __syncthreads();
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
    atomicAdd(&local[data[i]], 1u);
  __syncthreads();
  for (int b = threadIdx.x; b < NUM_BINS; b += blockDim.x)
    if (local[b]) atomicAdd(&hist[b], local[b]);
}
