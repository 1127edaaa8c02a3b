// Indirect addressing and integer kernels.
#include <cstdint>

#include <cuda_runtime.h>

#include "vecops/config.cuh"

/// out[i] = src[idx[i]] for i < n; every idx[i] must lie in [0, src_len).
__global__ void gather(const float* src, const int* idx, float* out, int n, int src_len) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int j = idx[i];
    out[i] = (j >= 0 && j < src_len) ? src[j] : 0.0f;
  }
}

/// dst[idx[i]] += src[i]; colliding indices add up (integer atomics keep the
/// result independent of thread order). Every idx[i] must lie in [0, dst_len).
__global__ void scatter_add(const int* src, const int* idx, int* dst, int n, int dst_len) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int j = idx[i];
    if (j >= 0 && j < dst_len) atomicAdd(&dst[j], src[i]);
  }
}

// Hamming distance between two bit arrays, one count per word.
__global__ void popcount_xor(const uint32_t* a, const uint32_t* b, int* counts, int n) {
  GRID_STRIDE_LOOP(i, n) { counts[i] = __popc(a[i] ^ b[i]); }
}
