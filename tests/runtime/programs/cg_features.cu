// Cooperative groups on the CPU execution runtime: dynamic and static tiles,
// reduce and scans, coalesced groups, tile votes.
#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>
#include <cooperative_groups/scan.h>

#include <cstdio>
#include <string>

namespace cg = cooperative_groups;

// Per thread t of a 64-thread block with value t + 1:
// [0] tile16 reduce sum, [1] tile16 inclusive scan, [2] tile16 exclusive scan,
// [3] dynamic tile of 8: rank, [4] its meta group rank, [5] tile32 ballot of odd values,
// [6] coalesced group (odd threads only) size, [7] its rank, [8] its reduce max.
__global__ void groups(int* out) {
  cg::thread_block block = cg::this_thread_block();
  const int t = static_cast<int>(block.thread_rank());
  const int v = t + 1;
  int* o = out + t * 9;
  cg::thread_block_tile<16> tile16 = cg::tiled_partition<16>(block);
  o[0] = cg::reduce(tile16, v, cg::plus<int>());
  o[1] = cg::inclusive_scan(tile16, v);
  o[2] = cg::exclusive_scan(tile16, v);
  cg::thread_group tile8 = cg::tiled_partition(block, 8);
  tile8.sync();
  o[3] = static_cast<int>(tile8.thread_rank());
  o[4] = static_cast<int>(t / 8);
  cg::thread_block_tile<32> tile32 = cg::tiled_partition<32>(block);
  o[5] = static_cast<int>(tile32.ballot(v & 1));
  o[6] = o[7] = o[8] = -1;
  if (t % 2 == 1) {
    cg::coalesced_group odd = cg::coalesced_threads();
    o[6] = static_cast<int>(odd.size());
    o[7] = static_cast<int>(odd.thread_rank());
    o[8] = cg::reduce(odd, v, cg::greater<int>());
  }
}

// A group passed by value where real code takes a thread_group: the whole
// block, then dynamic tiles of 16.
__device__ int group_sum(cg::thread_group g, int* ws, int v) {
  ws[g.thread_rank()] = v;
  g.sync();
  int s = 0;
  if (g.thread_rank() == 0)
    for (unsigned i = 0; i < g.size(); ++i) s += ws[i];
  g.sync();
  return s;
}

// out[0]: the block's sum of t + 1; out[1..4]: each tile of 16's sum.
__global__ void group_sums(int* out) {
  __shared__ int ws[64];
  cg::thread_block block = cg::this_thread_block();
  const int t = static_cast<int>(block.thread_rank());
  const int s = group_sum(block, ws, t + 1);
  if (t == 0) out[0] = s;
  cg::thread_group tile16 = cg::tiled_partition(block, 16);
  const int ts = group_sum(tile16, ws + t / 16 * 16, t + 1);
  if (tile16.thread_rank() == 0) out[1 + t / 16] = ts;
}

int main() {
  int* d = nullptr;
  cudaMalloc(&d, 64 * 9 * sizeof(int));
  KQ_LAUNCH(groups, 1, 64, 0, d);
  int h[64 * 9];
  cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
  for (int i = 0; i < 64 * 9; ++i) std::printf("%d%c", h[i], i % 9 == 8 ? '\n' : ' ');
  KQ_LAUNCH(group_sums, 1, 64, 0, d);
  cudaMemcpy(h, d, 5 * sizeof(int), cudaMemcpyDeviceToHost);
  std::printf("%d %d %d %d %d\n", h[0], h[1], h[2], h[3], h[4]);
  return 0;
}
