// The GPU's limits on the CPU execution runtime: launch bounds, dynamic
// shared memory opt-in, static shared array bounds, deep stacks.
#include <cuda_runtime.h>

#include <cstdio>
#include <string>

#define TILE 128

__global__ void __launch_bounds__(64) bounded(int* out) { out[threadIdx.x] = 1; }
__global__ void __launch_bounds__(TILE, 2) bounded_by_macro(int* out) { out[threadIdx.x] = 1; }
__global__ void plain(int* out) { out[threadIdx.x] = 2; }

__global__ void static_and_dynamic(int* out) {
  __shared__ int fixed[10000];  // 40000 bytes
  extern __shared__ int dynamic[];
  fixed[threadIdx.x] = static_cast<int>(threadIdx.x);
  dynamic[threadIdx.x] = fixed[threadIdx.x];
  out[threadIdx.x] = dynamic[threadIdx.x];
}

__global__ void shared_tile(int* out, int n) {
  __shared__ int tile[32];
  tile[threadIdx.x] = static_cast<int>(threadIdx.x);  // past the end when blockDim.x > 32
  __syncthreads();
  if (threadIdx.x < static_cast<unsigned>(n)) out[threadIdx.x] = tile[threadIdx.x % 32];
}

__device__ int depth_sum(int depth) {
  volatile int local[64];
  for (int i = 0; i < 64; ++i) local[i] = depth + i;
  return depth == 0 ? local[0] : local[depth % 64] + depth_sum(depth - 1);
}

__global__ void deep(int* out, int depth) {
  volatile float big[32 * 1024];  // 128 KiB of local memory
  for (int i = 0; i < 32 * 1024; i += 1024) big[i] = static_cast<float>(i);
  out[threadIdx.x] = depth_sum(depth) + static_cast<int>(big[1024]);
}

void report(const char* what) { std::printf("%s %d\n", what, static_cast<int>(cudaGetLastError())); }

int run(const std::string& what) {
  int* out = nullptr;
  cudaMalloc(&out, 2048 * sizeof(int));
  if (what == "launch") {
    KQ_LAUNCH(bounded, 1, 64, 0, out);
    report("bounds_64_at_64");
    KQ_LAUNCH(bounded, 1, 65, 0, out);
    report("bounds_64_at_65");
    KQ_LAUNCH(bounded_by_macro, 1, dim3(16, 8), 0, out);
    report("bounds_macro_at_128");
    KQ_LAUNCH(bounded_by_macro, 1, 129, 0, out);
    report("bounds_macro_at_129");
    KQ_LAUNCH(plain, 1, 1025, 0, out);
    report("plain_at_1025");
    KQ_LAUNCH(plain, 1, 32, 48 * 1024 + 4, out);
    report("dynamic_48k_plus_4");
    KQ_LAUNCH(static_and_dynamic, 1, 32, 8 * 1024, out);
    report("static_40000_dynamic_8k");
    KQ_LAUNCH(static_and_dynamic, 1, 32, 9 * 1024, out);
    report("static_40000_dynamic_9k");
    std::printf("opt_in %d\n", static_cast<int>(cudaFuncSetAttribute(plain, cudaFuncAttributeMaxDynamicSharedMemorySize, 100 * 1024)));
    KQ_LAUNCH(plain, 1, 32, 100 * 1024, out);
    report("dynamic_100k_after_opt_in");
    KQ_LAUNCH(plain, 1, 32, 100 * 1024 + 4, out);
    report("dynamic_100k_plus_4_after_opt_in");
    std::printf("opt_in_too_much %d\n", static_cast<int>(cudaFuncSetAttribute(plain, cudaFuncAttributeMaxDynamicSharedMemorySize, 300 * 1024)));
    return 0;
  }
  if (what == "shared_in_bounds" || what == "shared_out_of_bounds") {
    KQ_LAUNCH(shared_tile, 1, what == "shared_in_bounds" ? 32 : 33, 0, out, 32);
    cudaDeviceSynchronize();
    std::printf("done\n");
    return 0;
  }
  if (what == "deep") {
    KQ_LAUNCH(deep, 2, 64, 0, out, 1500);
    cudaDeviceSynchronize();
    int h = 0;
    cudaMemcpy(&h, out, sizeof(int), cudaMemcpyDeviceToHost);
    std::printf("%d\n", h);
    return 0;
  }
  return 2;
}

int main(int argc, char** argv) { return argc > 1 ? run(argv[1]) : 2; }
