// Block-level prefix sums.
#include <cuda_runtime.h>

#define SCAN_BLOCK 256

/// Inclusive scan of each SCAN_BLOCK-element segment of x (Hillis-Steele,
/// double-buffered); block_sums[b] gets the total of segment b.
/// Launch with blockDim.x == SCAN_BLOCK and gridDim.x == ceil(n / SCAN_BLOCK).
__global__ void block_inclusive_scan(const int* x, int* out, int* block_sums, int n) {
  __shared__ int buf[2][SCAN_BLOCK];
  int tid = threadIdx.x;
  int i = blockIdx.x * SCAN_BLOCK + tid;
  int src = 0;
  buf[src][tid] = (i < n) ? x[i] : 0;
  __syncthreads();
  for (int offset = 1; offset < SCAN_BLOCK; offset <<= 1) {
    int dst = 1 - src;
    int v = buf[src][tid];
    if (tid >= offset) v += buf[src][tid - offset];
    buf[dst][tid] = v;
    __syncthreads();
    src = dst;
  }
  if (i < n) out[i] = buf[src][tid];
  if (tid == SCAN_BLOCK - 1) block_sums[blockIdx.x] = buf[src][tid];
}
