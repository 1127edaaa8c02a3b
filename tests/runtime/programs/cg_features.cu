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

int main() {
  int* d = nullptr;
  cudaMalloc(&d, 64 * 9 * sizeof(int));
  KQ_LAUNCH(groups, 1, 64, 0, d);
  int h[64 * 9];
  cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
  for (int i = 0; i < 64 * 9; ++i) std::printf("%d%c", h[i], i % 9 == 8 ? '\n' : ' ');
  return 0;
}
