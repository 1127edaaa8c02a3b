#pragma once
// HIP on NVIDIA GPUs: lets unchanged HIP source compile with nvcc against the
// CUDA runtime. Put runtime/kq/hip_on_cuda first on the include path
// (nvcc -I runtime/kq/hip_on_cuda -x cu unit.hip). Runtime calls forward to
// their CUDA counterparts; the HIP error type is the CUDA one. Legacy
// mask-free warp functions (__shfl, __ballot, __any, __all) act on the full
// 32-lane warp, as there is no 64-lane wavefront on NVIDIA hardware.
#include <cuda_runtime.h>

#include <cstddef>
#include <cstring>

#include "hip/hip_runtime_api.h"

#ifndef __HIP_PLATFORM_NVIDIA__
#define __HIP_PLATFORM_NVIDIA__ 1
#endif
#ifndef __HIP_PLATFORM_NVCC__
#define __HIP_PLATFORM_NVCC__ 1
#endif

#define HIP_KERNEL_NAME(...) __VA_ARGS__
#define HIP_SYMBOL(X) X
#define HIP_DYNAMIC_SHARED(type, var) extern __shared__ type var[];
#define HIP_DYNAMIC_SHARED_ATTRIBUTE

// A function behind the macro: a kernel named with template arguments
// (`k<float, 256>`) holds commas that a macro with named parameters splits at.
namespace kq_hip_on_cuda {
template <typename Kernel, typename... Args>
inline void launch_ggl(Kernel kernel, dim3 grid, dim3 block, std::size_t shared, cudaStream_t stream,
                       Args&&... args) {
  kernel<<<grid, block, shared, stream>>>(static_cast<Args&&>(args)...);
}
}  // namespace kq_hip_on_cuda
#define hipLaunchKernelGGL(...) ::kq_hip_on_cuda::launch_ggl(__VA_ARGS__)

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

// Legacy warp functions. CUDA declares the mask-free __shfl family only for
// the host pass and for architectures before compute_70, so they are defined
// here for the device pass of newer ones. __any, __all and __ballot are C
// builtins CUDA always declares (and rejects on compute_70+): they become
// macros, defined after the CUDA headers that use those names themselves.
#include <cooperative_groups.h>
#include <cuda_bf16.h>
#include <cuda_fp16.h>

namespace kq_hip {
constexpr unsigned kFullMask = 0xffffffffu;
__device__ inline unsigned long long ballot(int pred) { return __ballot_sync(kFullMask, pred); }
__device__ inline int any(int pred) { return __any_sync(kFullMask, pred); }
__device__ inline int all(int pred) { return __all_sync(kFullMask, pred); }
}  // namespace kq_hip

#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 700
template <class T>
__device__ inline T __shfl(T var, int src_lane, int width = warpSize) {
  return __shfl_sync(::kq_hip::kFullMask, var, src_lane, width);
}
template <class T>
__device__ inline T __shfl_up(T var, unsigned delta, int width = warpSize) {
  return __shfl_up_sync(::kq_hip::kFullMask, var, delta, width);
}
template <class T>
__device__ inline T __shfl_down(T var, unsigned delta, int width = warpSize) {
  return __shfl_down_sync(::kq_hip::kFullMask, var, delta, width);
}
template <class T>
__device__ inline T __shfl_xor(T var, int lane_mask, int width = warpSize) {
  return __shfl_xor_sync(::kq_hip::kFullMask, var, lane_mask, width);
}
#endif

#define __ballot(pred) ::kq_hip::ballot(pred)
#define __any(pred) ::kq_hip::any(pred)
#define __all(pred) ::kq_hip::all(pred)

__device__ inline unsigned __lane_id() {
  unsigned lane;
  asm volatile("mov.u32 %0, %%laneid;" : "=r"(lane));
  return lane;
}
