// Launches the GPU refuses: more threads than __launch_bounds__ or 1024, more
// shared memory than a block may have. Prints each launch's error name.
#include "dual.hpp"

__global__ void __launch_bounds__(64) bounded(int* out) { out[threadIdx.x] = 1; }
__global__ void plain(int* out) { out[threadIdx.x] = 2; }
__global__ void static_and_dynamic(int* out) {
  __shared__ int fixed[10000];  // 40000 bytes
  extern __shared__ int dynamic[];
  fixed[threadIdx.x] = threadIdx.x;
  dynamic[threadIdx.x] = fixed[threadIdx.x];
  out[threadIdx.x] = dynamic[threadIdx.x];
}

void report(const char* what) {
  cudaDeviceSynchronize();
  std::printf("%s %s\n", what, cudaGetErrorName(cudaGetLastError()));
}

int main() {
  int* out = dual_alloc<int>(2048);
  KQ_LAUNCH(bounded, 1, 64, 0, out);
  report("bounds_64_at_64");
  KQ_LAUNCH(bounded, 1, 65, 0, out);
  report("bounds_64_at_65");
  KQ_LAUNCH(plain, 1, 1024, 0, out);
  report("plain_at_1024");
  KQ_LAUNCH(plain, 1, 1025, 0, out);
  report("plain_at_1025");
  KQ_LAUNCH(plain, 1, 32, 48 * 1024, out);
  report("dynamic_48k");
  KQ_LAUNCH(plain, 1, 32, 48 * 1024 + 4, out);
  report("dynamic_48k_plus_4");
  KQ_LAUNCH(static_and_dynamic, 1, 32, 8 * 1024, out);
  report("static_40000_dynamic_8k");
  KQ_LAUNCH(static_and_dynamic, 1, 32, 9 * 1024, out);
  report("static_40000_dynamic_9k");
  return 0;
}
