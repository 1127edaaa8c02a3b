// Grid-wide barriers on cpu-sim: a cooperative launch where every block
// publishes a value, the grid meets, and every block reads all the values.
// Without a real grid barrier a block reads slots not yet written (zeros or
// the previous round's values).
#include <cooperative_groups.h>
#include <cuda_runtime.h>

#include <cstdio>
#include <string>

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

int main(int argc, char** argv) {
  const std::string what = argc > 1 ? argv[1] : "";
  int* slots = nullptr;
  int* out = nullptr;
  cudaMalloc(&slots, 2048 * sizeof(int));
  cudaMalloc(&out, 8192 * sizeof(int));
  if (what == "too_large") {
    // 256 threads a block: 8 blocks an SM, 132 SMs on an H200.
    int rounds = 1;
    void* args[] = {&slots, &out, &rounds};
    std::printf("%d\n",
                static_cast<int>(cudaLaunchCooperativeKernel(rounds_of_sums, dim3(1057), dim3(256), args)));
    std::printf("%d\n", static_cast<int>(cudaGetLastError()));
    return 0;
  }
  const int blocks = 12, rounds = 3;
  int rounds_arg = rounds;
  void* args[] = {&slots, &out, &rounds_arg};
  const cudaError_t e = cudaLaunchCooperativeKernel(rounds_of_sums, dim3(blocks), dim3(64), args);
  cudaDeviceSynchronize();
  std::printf("%d\n", static_cast<int>(e));
  int host[rounds * blocks + 1] = {};
  cudaMemcpy(host, out, sizeof host, cudaMemcpyDeviceToHost);
  for (int r = 0; r < rounds; ++r)
    for (int b = 0; b < blocks; ++b) std::printf("%d %d %d\n", r, b, host[r * blocks + b]);
  std::printf("%d\n", host[rounds * blocks]);
  return 0;
}
