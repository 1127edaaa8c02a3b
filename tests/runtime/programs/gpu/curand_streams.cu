// cuRAND device API draws for many seeds, subsequences and offsets, XORWOW and
// Philox4_32_10: raw values, uniforms, normals, log-normals and Poisson.
#include <curand_kernel.h>

#include "dual.hpp"

constexpr int kSeeds = 5, kSubsequences = 5, kOffsets = 5;
constexpr int kConfigs = kSeeds * kSubsequences * kOffsets;

__device__ void config_of(int i, unsigned long long* seed, unsigned long long* subsequence, unsigned long long* offset) {
  const unsigned long long seeds[kSeeds] = {0ull, 1ull, 1234ull, 0xdeadbeefcafeull, 0x8000000000000005ull};
  const unsigned long long subsequences[kSubsequences] = {0ull, 1ull, 3ull, 1000ull, (1ull << 40) + 3};
  const unsigned long long offsets[kOffsets] = {0ull, 1ull, 7ull, 100003ull, (1ull << 33) + 1};
  *seed = seeds[i % kSeeds];
  *subsequence = subsequences[(i / kSeeds) % kSubsequences];
  *offset = offsets[i / (kSeeds * kSubsequences)];
}

// Per configuration: 6 raw, 2 uniform, 2 uniform_double, 3 normal, 3
// normal_double, 2 log_normal, 2 poisson(3.5), 1 poisson(5000) = 21 values.
constexpr int kCommon = 21;

template <class State>
__device__ void draw_common(State* s, unsigned long long* out) {
  int k = 0;
  for (int i = 0; i < 6; ++i) out[k++] = curand(s);
  for (int i = 0; i < 2; ++i) { float f = curand_uniform(s); unsigned b; memcpy(&b, &f, 4); out[k++] = b; }
  for (int i = 0; i < 2; ++i) { double d = curand_uniform_double(s); memcpy(&out[k++], &d, 8); }
  for (int i = 0; i < 3; ++i) { float f = curand_normal(s); unsigned b; memcpy(&b, &f, 4); out[k++] = b; }
  for (int i = 0; i < 3; ++i) { double d = curand_normal_double(s); memcpy(&out[k++], &d, 8); }
  for (int i = 0; i < 2; ++i) { float f = curand_log_normal(s, 0.5f, 1.5f); unsigned b; memcpy(&b, &f, 4); out[k++] = b; }
  for (int i = 0; i < 2; ++i) out[k++] = curand_poisson(s, 3.5);
  out[k++] = curand_poisson(s, 5000.0);
}

__global__ void xorwow_draws(unsigned long long* out) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= kConfigs) return;
  unsigned long long seed, subsequence, offset;
  config_of(i, &seed, &subsequence, &offset);
  curandState s;
  curand_init(seed, subsequence, offset, &s);
  draw_common(&s, out + i * kCommon);
}

// Philox adds its four-wide forms: curand4, uniform4, normal4, uniform2_double, normal2_double.
constexpr int kPhilox = kCommon + 4 + 4 + 4 + 2 + 2;

__global__ void philox_draws(unsigned long long* out) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= kConfigs) return;
  unsigned long long seed, subsequence, offset;
  config_of(i, &seed, &subsequence, &offset);
  curandStatePhilox4_32_10_t s;
  curand_init(seed, subsequence, offset, &s);
  unsigned long long* o = out + i * kPhilox;
  (void)curand(&s);  // start the four-wide draws off a block boundary
  draw_common(&s, o);
  int k = kCommon;
  const uint4 r = curand4(&s);
  o[k++] = r.x; o[k++] = r.y; o[k++] = r.z; o[k++] = r.w;
  const float4 u = curand_uniform4(&s);
  const float us[4] = {u.x, u.y, u.z, u.w};
  for (int j = 0; j < 4; ++j) { unsigned b; memcpy(&b, &us[j], 4); o[k++] = b; }
  const float4 n = curand_normal4(&s);
  const float ns[4] = {n.x, n.y, n.z, n.w};
  for (int j = 0; j < 4; ++j) { unsigned b; memcpy(&b, &ns[j], 4); o[k++] = b; }
  const double2 ud = curand_uniform2_double(&s);
  memcpy(&o[k++], &ud.x, 8); memcpy(&o[k++], &ud.y, 8);
  const double2 nd = curand_normal2_double(&s);
  memcpy(&o[k++], &nd.x, 8); memcpy(&o[k++], &nd.y, 8);
}

// A long XORWOW stream from one state, to check the plain recurrence far out.
__global__ void xorwow_long(unsigned* out, int n) {
  curandState s;
  curand_init(42ull, 0ull, 0ull, &s);
  for (int i = 0; i < n; ++i) out[i] = curand(&s);
}

int main() {
  unsigned long long* x = dual_alloc<unsigned long long>(kConfigs * kCommon);
  KQ_LAUNCH(xorwow_draws, (kConfigs + 63) / 64, 64, 0, x);
  if (dual_check_launch("xorwow_draws")) return 1;
  dual_print_all("xorwow", dual_fetch(x, kConfigs * kCommon));
  unsigned long long* p = dual_alloc<unsigned long long>(kConfigs * kPhilox);
  KQ_LAUNCH(philox_draws, (kConfigs + 63) / 64, 64, 0, p);
  if (dual_check_launch("philox_draws")) return 1;
  dual_print_all("philox", dual_fetch(p, kConfigs * kPhilox));
  const int n = 4096;
  unsigned* l = dual_alloc<unsigned>(n);
  KQ_LAUNCH(xorwow_long, 1, 1, 0, l, n);
  if (dual_check_launch("xorwow_long")) return 1;
  dual_print_all("xorwow_long", dual_fetch(l, n));
  return 0;
}
