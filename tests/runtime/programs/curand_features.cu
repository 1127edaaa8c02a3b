// cuRAND on the CPU execution runtime beyond the recorded streams: skip-ahead
// against plain stepping, the hipRAND/rocRAND names, the host API's types.
#include <curand.h>
#include <curand_kernel.h>
#include <hiprand/hiprand_kernel.h>
#include <rocrand/rocrand_kernel.h>

#include <cstdio>
#include <cstring>
#include <string>

__global__ void offsets_against_steps(int* mismatches, unsigned long long seed, int max_offset) {
  const int n = blockIdx.x * blockDim.x + threadIdx.x;
  if (n > max_offset) return;
  curandState jumped, stepped;
  curand_init(seed, 2, static_cast<unsigned long long>(n), &jumped);
  curand_init(seed, 2, 0, &stepped);
  for (int i = 0; i < n; ++i) curand(&stepped);
  for (int i = 0; i < 8; ++i)
    if (curand(&jumped) != curand(&stepped)) atomicAdd(mismatches, 1);
  curandStatePhilox4_32_10_t pj, ps;
  curand_init(seed, 2, static_cast<unsigned long long>(n), &pj);
  curand_init(seed, 2, 0, &ps);
  for (int i = 0; i < n; ++i) curand(&ps);
  for (int i = 0; i < 8; ++i)
    if (curand(&pj) != curand(&ps)) atomicAdd(mismatches, 1);
}

// A subsequence is 2^67 draws: sixteen skips of 2^63 land on the next one.
__global__ void subsequence_is_two_to_the_67(int* mismatches) {
  curandState a, b;
  curand_init(7, 5, 0, &a);
  curand_init(7, 4, 0, &b);
  for (int i = 0; i < 16; ++i) skipahead(1ull << 63, &b);
  for (int i = 0; i < 8; ++i)
    if (curand(&a) != curand(&b)) atomicAdd(mismatches, 1);
}

__global__ void hip_names(int* mismatches) {
  curandState c;
  hiprandState_t h;
  rocrand_state_xorwow r;
  curand_init(99, threadIdx.x, 3, &c);
  hiprand_init(99, threadIdx.x, 3, &h);
  rocrand_init(99, threadIdx.x, 3, &r);
  for (int i = 0; i < 4; ++i) {
    const float u = curand_uniform(&c);
    if (hiprand_uniform(&h) != u || rocrand_uniform(&r) != u) atomicAdd(mismatches, 1);
    const float n = curand_normal(&c);
    if (hiprand_normal(&h) != n || rocrand_normal(&r) != n) atomicAdd(mismatches, 1);
    const unsigned x = curand(&c);
    if (hiprand(&h) != x || rocrand(&r) != x) atomicAdd(mismatches, 1);
  }
  hiprandStatePhilox4_32_10_t hp;
  curandStatePhilox4_32_10_t cp;
  hiprand_init(5, 1, 2, &hp);
  curand_init(5, 1, 2, &cp);
  const float4 a = hiprand_uniform4(&hp), b = curand_uniform4(&cp);
  if (a.x != b.x || a.w != b.w) atomicAdd(mismatches, 1);
}

int run(const std::string& what) {
  int* d = nullptr;
  cudaMalloc(&d, sizeof(int));
  cudaMemset(d, 0, sizeof(int));
  if (what == "offsets") {
    KQ_LAUNCH(offsets_against_steps, 8, 64, 0, d, 0x1234567890ull, 500);
  } else if (what == "subsequence") {
    KQ_LAUNCH(subsequence_is_two_to_the_67, 1, 1, 0, d);
  } else if (what == "hip_names") {
    KQ_LAUNCH(hip_names, 1, 32, 0, d);
  } else if (what == "host_api") {
    curandGenerator_t g;
    float* out = nullptr;
    cudaMalloc(&out, 16 * sizeof(float));
    const bool created = curandCreateGenerator(&g, CURAND_RNG_PSEUDO_PHILOX4_32_10) == CURAND_STATUS_SUCCESS &&
                         curandSetPseudoRandomGeneratorSeed(g, 1234ull) == CURAND_STATUS_SUCCESS;
    const curandStatus_t generated = curandGenerateUniform(g, out, 16);
    curandDestroyGenerator(g);
    std::printf("%d %d\n", created ? 1 : 0, generated == CURAND_STATUS_SUCCESS ? 1 : 0);
    return 0;
  } else {
    std::printf("unknown sub-command %s\n", what.c_str());
    return 2;
  }
  int h = -1;
  cudaMemcpy(&h, d, sizeof(int), cudaMemcpyDeviceToHost);
  std::printf("%d\n", h);
  return 0;
}

int main(int argc, char** argv) { return argc > 1 ? run(argv[1]) : 2; }
