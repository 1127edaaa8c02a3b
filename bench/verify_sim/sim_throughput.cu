// Simulated GPU threads per second of the CPU execution runtime for two
// kernel shapes: a 1-D elementwise kernel without barriers (the fast path:
// one fiber per block) and a shared-memory block reduction with a barrier per
// step (every thread a fiber, switching at each barrier). Prints one JSON
// object.
#include <cuda_runtime.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

__global__ void saxpy(int n, float a, const float* x, float* y) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}

__global__ void block_sum(const float* in, float* out, int n) {
  __shared__ float partial[256];
  const int t = threadIdx.x;
  const int i = blockIdx.x * blockDim.x + t;
  partial[t] = i < n ? in[i] : 0.0f;
  __syncthreads();
  for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
    if (t < stride) partial[t] += partial[t + stride];
    __syncthreads();
  }
  if (t == 0) out[blockIdx.x] = partial[0];
}

__global__ void warp_sum(const float* in, float* out, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = i < n ? in[i] : 0.0f;
  for (int offset = warpSize / 2; offset > 0; offset /= 2) v += __shfl_down_sync(0xffffffffu, v, offset);
  if (threadIdx.x % warpSize == 0) out[i / warpSize] = v;
}

template <class Launch>
double threads_per_second(long long threads_per_launch, Launch launch) {
  launch();  // warm-up: pool threads, stacks
  int reps = 0;
  const auto start = std::chrono::steady_clock::now();
  double elapsed = 0;
  do {
    launch();
    ++reps;
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  } while (elapsed < 1.0);
  return static_cast<double>(threads_per_launch) * reps / elapsed;
}

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : (1 << 22);
  std::vector<float> h(n, 1.0f);
  float *x, *y, *out;
  cudaMalloc(&x, n * sizeof(float));
  cudaMalloc(&y, n * sizeof(float));
  cudaMalloc(&out, n * sizeof(float));
  cudaMemcpy(x, h.data(), n * sizeof(float), cudaMemcpyHostToDevice);
  cudaMemcpy(y, h.data(), n * sizeof(float), cudaMemcpyHostToDevice);
  const int blocks = (n + 255) / 256;
  const double elementwise = threads_per_second(n, [&] { KQ_LAUNCH(saxpy, blocks, 256, 0, n, 2.0f, x, y); });
  const int rn = n / 16;  // barrier-heavy kernels are slower: a smaller grid keeps runs short
  const int rblocks = (rn + 255) / 256;
  const double reduction = threads_per_second(rn, [&] { KQ_LAUNCH(block_sum, rblocks, 256, 0, x, out, rn); });
  const double shuffle = threads_per_second(rn, [&] { KQ_LAUNCH(warp_sum, rblocks, 256, 0, x, out, rn); });
  std::printf("{\"elementwise_threads_per_s\": %.4g, \"block_reduction_threads_per_s\": %.4g, "
              "\"warp_shuffle_threads_per_s\": %.4g, \"elements\": %d}\n",
              elementwise, reduction, shuffle, n);
  return cudaGetLastError() == cudaSuccess ? 0 : 1;
}
