// Cooperative launches and grid-wide barriers: every block publishes a value,
// the grid meets, every block sums all the values; and the largest
// cooperative grid the device keeps resident, found from the launch refusals.
// One `label value` line each, the same on the GPU and on cpu-sim.
#include <cooperative_groups.h>

#include "dual.hpp"

namespace cg = cooperative_groups;

__global__ void rounds_of_sums(int* slots, int* out, int rounds) {
  cg::grid_group grid = cg::this_grid();
  const int blocks = static_cast<int>(gridDim.x);
  for (int r = 0; r < rounds; ++r) {
    if (threadIdx.x == 0) slots[blockIdx.x] = static_cast<int>(blockIdx.x + 1) * (r + 1);
    grid.sync();
    if (threadIdx.x == 0) {
      int sum = 0;
      for (int b = 0; b < blocks; ++b) sum += slots[b];
      out[r * blocks + static_cast<int>(blockIdx.x)] = sum;
    }
    grid.sync();
  }
  if (blockIdx.x == 0 && threadIdx.x == 0) out[rounds * blocks] = grid.is_valid() ? 1 : 0;
}

int launch(int blocks, int threads, int rounds, int* slots, int* out) {
  void* args[] = {&slots, &out, &rounds};
  const cudaError_t e = cudaLaunchCooperativeKernel(rounds_of_sums, dim3(blocks), dim3(threads), args);
  cudaDeviceSynchronize();
  cudaGetLastError();
  return static_cast<int>(e);
}

int main() {
  int* slots = dual_alloc<int>(4096);
  int* out = dual_alloc<int>(8192);
  const int blocks = 12, rounds = 3;
  std::printf("launch_12x64 %d\n", launch(blocks, 64, rounds, slots, out));
  const std::vector<int> sums = dual_fetch(out, rounds * blocks + 1);
  for (int i = 0; i < rounds * blocks; ++i) std::printf("sum_%d %d\n", i, sums[i]);
  std::printf("valid %d\n", sums[rounds * blocks]);
  // 256 threads a block: 2048 / 256 = 8 blocks an SM; 132 SMs on an H200.
  // Only the refusal is printed for the large grid: running 1056 blocks on
  // cpu-sim would take 1056 OS threads.
  std::printf("refused_1057x256 %d\n", launch(1057, 256, 1, slots, out));
  return 0;
}
