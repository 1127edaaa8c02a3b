// HIP-spelled kernels for the CPU execution runtime, built with a 64-lane
// warp (-DKQ_SIM_WARP_SIZE=64) as on AMD GPUs. Sub-commands print outputs as
// whitespace-separated numbers for the test to check.
#include <hip/hip_runtime.h>

#include <cstdio>
#include <string>
#include <vector>

#define HIP_CHECK(call)                                                         \
  do {                                                                          \
    hipError_t e_ = (call);                                                     \
    if (e_ != hipSuccess) {                                                     \
      std::printf("error %s at line %d\n", hipGetErrorString(e_), __LINE__);   \
      return 1;                                                                 \
    }                                                                           \
  } while (0)

int input_value(int i) { return (i * 37) % 101 - 50; }

// Legacy (mask-free) shuffles and ballot over the whole 64-lane wavefront.
__global__ void wave_sums(const int* in, int* sums, unsigned long long* ballots, int* width) {
  const int i = hipBlockIdx_x * hipBlockDim_x + hipThreadIdx_x;
  int v = in[i];
  const unsigned long long positive = __ballot(v > 0);
  for (int offset = warpSize / 2; offset > 0; offset /= 2) v += __shfl_down(v, offset);
  if (hipThreadIdx_x % warpSize == 0) {
    sums[i / warpSize] = v;
    ballots[i / warpSize] = positive;
    *width = warpSize;
  }
}

// HIP_DYNAMIC_SHARED and a block barrier.
__global__ void rotate_in_block(const float* in, float* out) {
  HIP_DYNAMIC_SHARED(float, staged)
  const int t = hipThreadIdx_x;
  staged[t] = in[hipBlockIdx_x * hipBlockDim_x + t];
  __syncthreads();
  out[hipBlockIdx_x * hipBlockDim_x + t] = staged[(t + 1) % hipBlockDim_x];
}

__constant__ int offsets[2];

__global__ void add_offsets(int* data, int n) {
  const int i = hipBlockIdx_x * hipBlockDim_x + hipThreadIdx_x;
  if (i < n) data[i] += offsets[i % 2];
}

int run_wave() {
  const int n = 256;
  std::vector<int> in(n);
  for (int i = 0; i < n; ++i) in[i] = input_value(i);
  int *d_in, *d_sums, *d_width;
  unsigned long long* d_ballots;
  HIP_CHECK(hipMalloc(&d_in, n * sizeof(int)));
  HIP_CHECK(hipMalloc(&d_sums, 4 * sizeof(int)));
  HIP_CHECK(hipMalloc(&d_ballots, 4 * sizeof(unsigned long long)));
  HIP_CHECK(hipMalloc(&d_width, sizeof(int)));
  HIP_CHECK(hipMemcpy(d_in, in.data(), n * sizeof(int), hipMemcpyHostToDevice));
  hipLaunchKernelGGL(wave_sums, dim3(2), dim3(128), 0, 0, d_in, d_sums, d_ballots, d_width);
  HIP_CHECK(hipGetLastError());
  int sums[4], width = 0;
  unsigned long long ballots[4];
  HIP_CHECK(hipMemcpy(sums, d_sums, sizeof sums, hipMemcpyDeviceToHost));
  HIP_CHECK(hipMemcpy(ballots, d_ballots, sizeof ballots, hipMemcpyDeviceToHost));
  HIP_CHECK(hipMemcpy(&width, d_width, sizeof width, hipMemcpyDeviceToHost));
  std::printf("%d\n", width);
  for (int s : sums) std::printf("%d ", s);
  std::printf("\n");
  for (unsigned long long b : ballots) std::printf("%llu ", b);
  std::printf("\n");
  return 0;
}

int run_rotate() {
  const int block = 64, n = 128;
  std::vector<float> in(n);
  for (int i = 0; i < n; ++i) in[i] = static_cast<float>(i);
  float *d_in, *d_out;
  HIP_CHECK(hipMalloc(&d_in, n * sizeof(float)));
  HIP_CHECK(hipMalloc(&d_out, n * sizeof(float)));
  HIP_CHECK(hipMemcpy(d_in, in.data(), n * sizeof(float), hipMemcpyHostToDevice));
  hipLaunchKernelGGL(rotate_in_block, dim3(n / block), dim3(block), block * sizeof(float), 0, d_in, d_out);
  HIP_CHECK(hipGetLastError());
  std::vector<float> out(n);
  HIP_CHECK(hipMemcpy(out.data(), d_out, n * sizeof(float), hipMemcpyDeviceToHost));
  for (float v : out) std::printf("%g ", v);
  std::printf("\n");
  return 0;
}

int run_symbol() {
  const int h_offsets[2] = {100, -100};
  HIP_CHECK(hipMemcpyToSymbol(HIP_SYMBOL(offsets), h_offsets, sizeof h_offsets));
  const int n = 6;
  std::vector<int> data(n, 1);
  int* d;
  HIP_CHECK(hipMalloc(&d, n * sizeof(int)));
  HIP_CHECK(hipMemcpy(d, data.data(), n * sizeof(int), hipMemcpyHostToDevice));
  hipLaunchKernelGGL(add_offsets, dim3(1), dim3(64), 0, 0, d, n);
  HIP_CHECK(hipDeviceSynchronize());
  HIP_CHECK(hipMemcpy(data.data(), d, n * sizeof(int), hipMemcpyDeviceToHost));
  for (int v : data) std::printf("%d ", v);
  std::printf("\n");
  HIP_CHECK(hipFree(d));
  return 0;
}

int main(int argc, char** argv) {
  const std::string what = argc > 1 ? argv[1] : "";
  if (what == "wave") return run_wave();
  if (what == "rotate") return run_rotate();
  if (what == "symbol") return run_symbol();
  std::printf("unknown sub-command '%s'\n", what.c_str());
  return 2;
}
