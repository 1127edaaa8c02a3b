// hipCUB's block and warp primitives on the CPU execution runtime (64-lane warps).
#include <hip/hip_runtime.h>
#include <hipcub/hipcub.hpp>

#include <cstdio>

__global__ void sums(int* out) {
  typedef hipcub::BlockReduce<int, 128> BlockReduce;
  typedef hipcub::WarpReduce<int> WarpReduce;
  typedef hipcub::BlockScan<int, 128> BlockScan;
  __shared__ typename BlockReduce::TempStorage reduce;
  __shared__ typename WarpReduce::TempStorage warp[2];
  __shared__ typename BlockScan::TempStorage scan;
  const int t = threadIdx.x;
  const int total = BlockReduce(reduce).Sum(t);
  const int warp_total = WarpReduce(warp[t / 64]).Sum(t);
  int inclusive;
  BlockScan(scan).InclusiveSum(t, inclusive);
  if (t == 0) out[0] = total;
  if (t % 64 == 0) out[1 + t / 64] = warp_total;
  if (t == 127) out[3] = inclusive;
}

int main() {
  int* d = nullptr;
  hipMalloc(&d, 4 * sizeof(int));
  hipLaunchKernelGGL(sums, dim3(1), dim3(128), 0, 0, d);
  int h[4];
  hipMemcpy(h, d, sizeof h, hipMemcpyDeviceToHost);
  std::printf("%d %d %d %d\n", h[0], h[1], h[2], h[3]);
  return 0;
}
