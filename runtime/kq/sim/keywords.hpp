#pragma once
// CUDA/HIP qualifiers and built-in variables for host compilation.
//
// Qualifiers that only steer code placement on a GPU expand to nothing.
// `__shared__` expands to `thread_local`: a block runs entirely on one OS
// thread and blocks on one OS thread run one after another, so per-thread
// storage is per-block storage. At block scope `thread_local` implies
// `static`, so `__shared__ float tile[32][33];` keeps its meaning.
// `extern __shared__ T name[];` becomes an extern thread_local array that
// KQ_SIM_DEFINE_DYNAMIC_SHARED(name) defines (see dynamic_shared.hpp).
#include <cstdint>

#ifndef KQ_SIM_WARP_SIZE
#define KQ_SIM_WARP_SIZE 32
#endif
#if KQ_SIM_WARP_SIZE != 32 && KQ_SIM_WARP_SIZE != 64
#error "KQ_SIM_WARP_SIZE must be 32 or 64"
#endif

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __noinline__  // empty: also appears inside __attribute__((...)) in system headers
#define __shared__ thread_local
#define __constant__
#define __managed__
#define __grid_constant__
#define __device_builtin__
#define __launch_bounds__(...)
#define __align__(n) __attribute__((aligned(n)))
#define __cudart_builtin__
#define __CUDA_ARCH_SIM__ 1
// HIP spellings of the same qualifiers.
#define __HIP_PLATFORM_KQ_SIM__ 1
#define HIP_KERNEL_NAME(...) __VA_ARGS__
#define __HIP_CLANG_ONLY__ 0

struct uint3 {
  unsigned int x, y, z;
};

struct dim3 {
  unsigned int x, y, z;
  constexpr dim3(unsigned int vx = 1, unsigned int vy = 1, unsigned int vz = 1) : x(vx), y(vy), z(vz) {}
  constexpr dim3(uint3 v) : x(v.x), y(v.y), z(v.z) {}
  constexpr operator uint3() const { return uint3{x, y, z}; }
};

// The built-in index variables: set by the block scheduler before it runs or
// resumes a simulated thread on this OS thread.
inline thread_local uint3 threadIdx{0, 0, 0};
inline thread_local uint3 blockIdx{0, 0, 0};
inline thread_local dim3 blockDim{1, 1, 1};
inline thread_local dim3 gridDim{1, 1, 1};
constexpr int warpSize = KQ_SIM_WARP_SIZE;

#define hipThreadIdx_x (threadIdx.x)
#define hipThreadIdx_y (threadIdx.y)
#define hipThreadIdx_z (threadIdx.z)
#define hipBlockIdx_x (blockIdx.x)
#define hipBlockIdx_y (blockIdx.y)
#define hipBlockIdx_z (blockIdx.z)
#define hipBlockDim_x (blockDim.x)
#define hipBlockDim_y (blockDim.y)
#define hipBlockDim_z (blockDim.z)
#define hipGridDim_x (gridDim.x)
#define hipGridDim_y (gridDim.y)
#define hipGridDim_z (gridDim.z)

namespace kq::sim {
// Lane masks are as wide as the imitated warp.
#if KQ_SIM_WARP_SIZE == 64
using lane_mask_t = unsigned long long;
#else
using lane_mask_t = unsigned int;
#endif
constexpr lane_mask_t full_lane_mask = ~lane_mask_t{0};
}  // namespace kq::sim
