// Parse prelude: declares the CUDA and HIP language extensions, built-in
// variables, device intrinsics and the runtime API just well enough for clang
// (-x cuda --cuda-host-only -nocudainc) to build an AST without any GPU SDK.
// It is only ever used to read sources; units are compiled with real headers.
#pragma once
// Every function declared from here on (system headers included) is usable on
// host and device, so host/device call checks never get in the way of parsing.
#pragma clang force_cuda_host_device begin
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define __global__ __attribute__((global))
#define __device__ __attribute__((device))
#define __host__ __attribute__((host))
#define __shared__ __attribute__((shared))
#define __constant__ __attribute__((constant))
#define __managed__ __attribute__((managed))
#define __launch_bounds__(...) __attribute__((launch_bounds(__VA_ARGS__)))
#define __grid_constant__
#define __cluster_dims__(...)
#define __maxnreg__(n)
#define __forceinline__ inline __attribute__((always_inline))
#define __noinline__ __attribute__((noinline))
#define __inline__ inline
#define __restrict__ __restrict
#define __align__(n) __attribute__((aligned(n)))
#define __builtin_align__(n) __attribute__((aligned(n)))
#define __device_builtin__
#define __cudart_builtin__
#define __CUDACC__ 1
#define __NVCC__ 1
#define CUDART_VERSION 12000
#define __CUDACC_VER_MAJOR__ 12
#define __CUDACC_VER_MINOR__ 0
#define CUDA_VERSION 12000
#define __HIP_PLATFORM_AMD__ 1
#define __HIPCC__ 1
#define HIP_KERNEL_NAME(...) __VA_ARGS__
#define hipThreadIdx_x threadIdx.x
#define hipThreadIdx_y threadIdx.y
#define hipThreadIdx_z threadIdx.z
#define hipBlockIdx_x blockIdx.x
#define hipBlockIdx_y blockIdx.y
#define hipBlockIdx_z blockIdx.z
#define hipBlockDim_x blockDim.x
#define hipBlockDim_y blockDim.y
#define hipBlockDim_z blockDim.z
#define hipGridDim_x gridDim.x
#define hipGridDim_y gridDim.y
#define hipGridDim_z gridDim.z
#define HIP_DYNAMIC_SHARED(type, var) extern __shared__ type var[];
#define CUDART_INF_F __builtin_huge_valf()
#define CUDART_NAN_F __builtin_nanf("")
#define CUDART_PI_F 3.141592654f
#define FLT_MAX __FLT_MAX__
#define FLT_MIN __FLT_MIN__

#define KQ_VEC_TYPES(T, N)                                      \
  struct N##1 { T x; };                                         \
  struct N##2 { T x, y; };                                      \
  struct N##3 { T x, y, z; };                                   \
  struct N##4 { T x, y, z, w; };                                \
  __host__ __device__ N##1 make_##N##1(T x);                    \
  __host__ __device__ N##2 make_##N##2(T x, T y);               \
  __host__ __device__ N##3 make_##N##3(T x, T y, T z);          \
  __host__ __device__ N##4 make_##N##4(T x, T y, T z, T w);
KQ_VEC_TYPES(float, float)
KQ_VEC_TYPES(double, double)
KQ_VEC_TYPES(int, int)
KQ_VEC_TYPES(char, char)
KQ_VEC_TYPES(unsigned char, uchar)
KQ_VEC_TYPES(short, short)
KQ_VEC_TYPES(unsigned short, ushort)
KQ_VEC_TYPES(long, long)
KQ_VEC_TYPES(unsigned long, ulong)
KQ_VEC_TYPES(long long, longlong)
KQ_VEC_TYPES(unsigned long long, ulonglong)
struct uint1 { unsigned x; };
struct uint2 { unsigned x, y; };
struct uint3 { unsigned x, y, z; };
struct uint4 { unsigned x, y, z, w; };
__host__ __device__ uint2 make_uint2(unsigned x, unsigned y);
__host__ __device__ uint3 make_uint3(unsigned x, unsigned y, unsigned z);
__host__ __device__ uint4 make_uint4(unsigned x, unsigned y, unsigned z, unsigned w);
#undef KQ_VEC_TYPES

struct dim3 {
  unsigned x, y, z;
  __host__ __device__ dim3(unsigned vx = 1, unsigned vy = 1, unsigned vz = 1) : x(vx), y(vy), z(vz) {}
  __host__ __device__ dim3(uint3 v) : x(v.x), y(v.y), z(v.z) {}
  __host__ __device__ operator uint3() const { return uint3{x, y, z}; }
};
extern const __device__ uint3 threadIdx;
extern const __device__ uint3 blockIdx;
extern const __device__ dim3 blockDim;
extern const __device__ dim3 gridDim;
extern const __device__ int warpSize;

struct __half { unsigned short x; __host__ __device__ __half(); __host__ __device__ __half(float);
  __host__ __device__ operator float() const; };
struct __half2 { __half x, y; };
struct __nv_bfloat16 { unsigned short x; __host__ __device__ __nv_bfloat16(); __host__ __device__ __nv_bfloat16(float);
  __host__ __device__ operator float() const; };
struct __nv_bfloat162 { __nv_bfloat16 x, y; };
typedef __half half;
typedef __half2 half2;
typedef __nv_bfloat16 hip_bfloat16;
typedef __nv_bfloat16 __hip_bfloat16;
__host__ __device__ __half __float2half(float);
__host__ __device__ __half __float2half_rn(float);
__host__ __device__ float __half2float(__half);
__host__ __device__ __half2 __floats2half2_rn(float, float);
__host__ __device__ __half2 __float2half2_rn(float);
__host__ __device__ float2 __half22float2(__half2);
__host__ __device__ __nv_bfloat16 __float2bfloat16(float);
__host__ __device__ float __bfloat162float(__nv_bfloat16);
__device__ __half __hadd(__half, __half);
__device__ __half __hsub(__half, __half);
__device__ __half __hmul(__half, __half);
__device__ __half __hdiv(__half, __half);
__device__ __half __hfma(__half, __half, __half);
__device__ __half2 __hadd2(__half2, __half2);
__device__ __half2 __hmul2(__half2, __half2);
__device__ __half2 __hfma2(__half2, __half2, __half2);
__device__ __half hexp(__half);
__device__ __half hsqrt(__half);

typedef enum cudaError { cudaSuccess = 0, cudaErrorInvalidValue = 1, cudaErrorMemoryAllocation = 2,
  cudaErrorNotReady = 600 } cudaError_t;
typedef cudaError_t hipError_t;
#define hipSuccess cudaSuccess
enum cudaMemcpyKind { cudaMemcpyHostToHost, cudaMemcpyHostToDevice, cudaMemcpyDeviceToHost,
  cudaMemcpyDeviceToDevice, cudaMemcpyDefault };
typedef cudaMemcpyKind hipMemcpyKind;
#define hipMemcpyHostToDevice cudaMemcpyHostToDevice
#define hipMemcpyDeviceToHost cudaMemcpyDeviceToHost
#define hipMemcpyDeviceToDevice cudaMemcpyDeviceToDevice
#define hipMemcpyHostToHost cudaMemcpyHostToHost
#define hipMemcpyDefault cudaMemcpyDefault
typedef struct CUstream_st* cudaStream_t;
typedef struct CUevent_st* cudaEvent_t;
typedef cudaStream_t hipStream_t;
// A function rather than a macro: a kernel named with template arguments
// (`k<float, 256>`) holds commas a macro would split at.
template <typename KqKernel, typename... KqArgs>
void hipLaunchKernelGGL(KqKernel&& kernel, dim3 grid, dim3 block, size_t shared, hipStream_t stream,
                        KqArgs&&... args);
typedef cudaEvent_t hipEvent_t;
typedef unsigned long long cudaTextureObject_t;
typedef unsigned long long cudaSurfaceObject_t;
typedef cudaTextureObject_t hipTextureObject_t;
struct cudaDeviceProp { char name[256]; size_t totalGlobalMem; size_t sharedMemPerBlock; int regsPerBlock;
  int warpSize; int maxThreadsPerBlock; int maxThreadsDim[3]; int maxGridSize[3]; int major; int minor;
  int multiProcessorCount; int clockRate; int memoryClockRate; int memoryBusWidth; int l2CacheSize;
  int maxThreadsPerMultiProcessor; int computeMode; int concurrentKernels; int integrated;
  int canMapHostMemory; int unifiedAddressing; int managedMemory; int pciBusID; int pciDeviceID;
  size_t sharedMemPerMultiprocessor; int cooperativeLaunch; int gcnArch; char gcnArchName[256]; };
typedef cudaDeviceProp hipDeviceProp_t;

extern "C" unsigned __cudaPushCallConfiguration(dim3 grid, dim3 block, size_t shared = 0, void* stream = 0);
extern "C" int cudaConfigureCall(dim3 grid, dim3 block, size_t shared = 0, cudaStream_t stream = 0);

// Host runtime API: variadic templates accept every overload the sources use.
#define KQ_HOST_API(name) template <typename... A> cudaError_t name(A...);
KQ_HOST_API(cudaMalloc) KQ_HOST_API(cudaMallocManaged) KQ_HOST_API(cudaMallocHost) KQ_HOST_API(cudaMallocPitch)
KQ_HOST_API(cudaFree) KQ_HOST_API(cudaFreeHost) KQ_HOST_API(cudaMemcpy) KQ_HOST_API(cudaMemcpyAsync)
KQ_HOST_API(cudaMemcpy2D) KQ_HOST_API(cudaMemcpyToSymbol) KQ_HOST_API(cudaMemcpyFromSymbol)
KQ_HOST_API(cudaMemset) KQ_HOST_API(cudaMemsetAsync) KQ_HOST_API(cudaDeviceSynchronize)
KQ_HOST_API(cudaGetLastError) KQ_HOST_API(cudaPeekAtLastError) KQ_HOST_API(cudaLaunchKernel)
KQ_HOST_API(cudaLaunchCooperativeKernel) KQ_HOST_API(cudaStreamCreate) KQ_HOST_API(cudaStreamDestroy)
KQ_HOST_API(cudaStreamSynchronize) KQ_HOST_API(cudaEventCreate) KQ_HOST_API(cudaEventRecord)
KQ_HOST_API(cudaEventSynchronize) KQ_HOST_API(cudaEventElapsedTime) KQ_HOST_API(cudaEventDestroy)
KQ_HOST_API(cudaGetDevice) KQ_HOST_API(cudaSetDevice) KQ_HOST_API(cudaGetDeviceCount)
KQ_HOST_API(cudaGetDeviceProperties) KQ_HOST_API(cudaDeviceReset) KQ_HOST_API(cudaFuncSetAttribute)
KQ_HOST_API(cudaHostAlloc) KQ_HOST_API(cudaOccupancyMaxPotentialBlockSize)
KQ_HOST_API(hipMalloc) KQ_HOST_API(hipMallocManaged) KQ_HOST_API(hipHostMalloc) KQ_HOST_API(hipFree)
KQ_HOST_API(hipHostFree) KQ_HOST_API(hipMemcpy) KQ_HOST_API(hipMemcpyAsync) KQ_HOST_API(hipMemset)
KQ_HOST_API(hipMemcpyToSymbol) KQ_HOST_API(hipDeviceSynchronize) KQ_HOST_API(hipGetLastError)
KQ_HOST_API(hipPeekAtLastError) KQ_HOST_API(hipLaunchKernel) KQ_HOST_API(hipStreamCreate)
KQ_HOST_API(hipStreamDestroy) KQ_HOST_API(hipStreamSynchronize) KQ_HOST_API(hipEventCreate)
KQ_HOST_API(hipEventRecord) KQ_HOST_API(hipEventSynchronize) KQ_HOST_API(hipEventElapsedTime)
KQ_HOST_API(hipEventDestroy) KQ_HOST_API(hipGetDevice) KQ_HOST_API(hipSetDevice)
KQ_HOST_API(hipGetDeviceCount) KQ_HOST_API(hipGetDeviceProperties) KQ_HOST_API(hipFuncSetAttribute)
#undef KQ_HOST_API
const char* cudaGetErrorString(cudaError_t);
const char* cudaGetErrorName(cudaError_t);
#define hipGetErrorString cudaGetErrorString
#define hipGetErrorName cudaGetErrorName

// Device intrinsics.
__device__ int __syncthreads_count(int);
__device__ int __syncthreads_and(int);
__device__ int __syncthreads_or(int);
__device__ void __syncwarp(unsigned mask = 0xffffffffu);
__device__ void __threadfence();
__device__ void __threadfence_block();
__device__ void __threadfence_system();
__device__ unsigned __activemask();
__device__ unsigned __ballot_sync(unsigned, int);
__device__ unsigned long long __ballot(int);
__device__ int __any_sync(unsigned, int);
__device__ int __all_sync(unsigned, int);
__device__ int __any(int);
__device__ int __all(int);
template <typename T> __device__ T __shfl_sync(unsigned, T, int, int = 32);
template <typename T> __device__ T __shfl_up_sync(unsigned, T, unsigned, int = 32);
template <typename T> __device__ T __shfl_down_sync(unsigned, T, unsigned, int = 32);
template <typename T> __device__ T __shfl_xor_sync(unsigned, T, int, int = 32);
template <typename T> __device__ T __shfl(T, int, int = 32);
template <typename T> __device__ T __shfl_up(T, unsigned, int = 32);
template <typename T> __device__ T __shfl_down(T, unsigned, int = 32);
template <typename T> __device__ T __shfl_xor(T, int, int = 32);
template <typename T> __device__ T __reduce_add_sync(unsigned, T);
template <typename T> __device__ T __ldg(const T*);
template <typename T> __device__ T atomicAdd(T*, T);
template <typename T> __device__ T atomicSub(T*, T);
template <typename T> __device__ T atomicMin(T*, T);
template <typename T> __device__ T atomicMax(T*, T);
template <typename T> __device__ T atomicExch(T*, T);
template <typename T> __device__ T atomicCAS(T*, T, T);
template <typename T> __device__ T atomicAnd(T*, T);
template <typename T> __device__ T atomicOr(T*, T);
template <typename T> __device__ T atomicXor(T*, T);
template <typename T> __device__ T atomicInc(T*, T);
template <typename T> __device__ T atomicDec(T*, T);
template <typename T> __device__ T atomicAdd_block(T*, T);
template <typename T> __device__ T atomicAdd_system(T*, T);
__device__ int __popc(unsigned);
__device__ int __popcll(unsigned long long);
__device__ int __clz(int);
__device__ int __clzll(long long);
__device__ int __ffs(int);
__device__ int __ffsll(long long);
__device__ unsigned __brev(unsigned);
__device__ unsigned __byte_perm(unsigned, unsigned, unsigned);
__device__ int __mul24(int, int);
__device__ unsigned __umul24(unsigned, unsigned);
__device__ unsigned __umulhi(unsigned, unsigned);
__device__ long long clock64();
__device__ float __expf(float);
__device__ float __exp10f(float);
__device__ float __logf(float);
__device__ float __log2f(float);
__device__ float __sinf(float);
__device__ float __cosf(float);
__device__ float __tanf(float);
__device__ float __powf(float, float);
__device__ float __fdividef(float, float);
__device__ float __saturatef(float);
__device__ float __frcp_rn(float);
__device__ float __fsqrt_rn(float);
__device__ float __fmul_rn(float, float);
__device__ float __fadd_rn(float, float);
__device__ float __fmaf_rn(float, float, float);
__device__ int __float2int_rn(float);
__device__ int __float2int_rz(float);
__device__ unsigned __float2uint_rn(float);
__device__ float __int2float_rn(int);
__device__ int __float_as_int(float);
__device__ float __int_as_float(int);
__device__ unsigned __float_as_uint(float);
__device__ float __uint_as_float(unsigned);
__device__ long long __double_as_longlong(double);
__device__ double __longlong_as_double(long long);
__host__ __device__ float rsqrtf(float);
__host__ __device__ double rsqrt(double);
__host__ __device__ float rcbrtf(float);
__host__ __device__ float normcdff(float);
__host__ __device__ float erfcinvf(float);
__host__ __device__ void sincospif(float, float*, float*);
__host__ __device__ int min(int, int);
__host__ __device__ unsigned min(unsigned, unsigned);
__host__ __device__ long long min(long long, long long);
__host__ __device__ float min(float, float);
__host__ __device__ double min(double, double);
__host__ __device__ int max(int, int);
__host__ __device__ unsigned max(unsigned, unsigned);
__host__ __device__ long long max(long long, long long);
__host__ __device__ float max(float, float);
__host__ __device__ double max(double, double);
__device__ int __vimax3_s32(int, int, int);
template <typename T> __device__ T tex1Dfetch(cudaTextureObject_t, int);
template <typename T> __device__ T tex1D(cudaTextureObject_t, float);
template <typename T> __device__ T tex2D(cudaTextureObject_t, float, float);
template <typename T> __device__ T tex3D(cudaTextureObject_t, float, float, float);
template <typename T> __device__ T tex1DLod(cudaTextureObject_t, float, float);
template <typename T> __device__ T tex2DLod(cudaTextureObject_t, float, float, float);
template <typename T> __device__ T tex3DLod(cudaTextureObject_t, float, float, float, float);
template <typename T> __device__ T tex2DGrad(cudaTextureObject_t, float, float, float2, float2);
template <typename T> __device__ T tex1DLayered(cudaTextureObject_t, float, int);
template <typename T> __device__ T tex2DLayered(cudaTextureObject_t, float, float, int);
template <typename T> __device__ T texCubemap(cudaTextureObject_t, float, float, float);
template <typename T> __device__ void surf2Dwrite(T, cudaSurfaceObject_t, int, int);
template <typename T> __device__ T surf2Dread(cudaSurfaceObject_t, int, int);

namespace cooperative_groups {
struct thread_group {
  __device__ void sync() const;
  __device__ unsigned thread_rank() const;
  __device__ unsigned size() const;
  __device__ unsigned num_threads() const;
  __device__ unsigned meta_group_rank() const;
  __device__ unsigned meta_group_size() const;
  template <typename T> __device__ T shfl(T, int) const;
  template <typename T> __device__ T shfl_down(T, unsigned) const;
  template <typename T> __device__ T shfl_up(T, unsigned) const;
  template <typename T> __device__ T shfl_xor(T, unsigned) const;
  __device__ unsigned ballot(int) const;
  __device__ int any(int) const;
  __device__ int all(int) const;
};
struct thread_block : thread_group {
  __device__ dim3 group_index() const;
  __device__ dim3 thread_index() const;
  __device__ dim3 group_dim() const;
  __device__ dim3 dim_threads() const;
};
struct grid_group : thread_group { __device__ bool is_valid() const; __device__ dim3 group_dim() const; };
struct coalesced_group : thread_group {};
template <unsigned N, typename P = void> struct thread_block_tile : thread_group {};
__device__ thread_block this_thread_block();
__device__ grid_group this_grid();
__device__ coalesced_group coalesced_threads();
template <unsigned N, typename P> __device__ thread_block_tile<N> tiled_partition(const P&);
__device__ thread_group tiled_partition(const thread_group&, unsigned);
template <typename G> __device__ void sync(const G&);
template <typename T> struct plus { __device__ T operator()(T a, T b) const; };
template <typename T> struct less { __device__ T operator()(T a, T b) const; };
template <typename T> struct greater { __device__ T operator()(T a, T b) const; };
template <typename G, typename T, typename Op> __device__ T reduce(const G&, T, Op);
template <typename G, typename T, typename Op> __device__ T inclusive_scan(const G&, T, Op);
template <typename G, typename T, typename Op> __device__ T exclusive_scan(const G&, T, Op);
}  // namespace cooperative_groups

// Library namespaces, so `using namespace nvcuda;` and the like stay in the AST.
namespace nvcuda {
namespace wmma {
// Tensor-core fragments and their operations, as the samples use them.
struct matrix_a {};
struct matrix_b {};
struct accumulator {};
struct row_major {};
struct col_major {};
enum layout_t { mem_row_major, mem_col_major };
namespace precision { struct tf32 {}; struct b1 {}; struct s4 {}; struct u4 {}; }
namespace experimental { namespace precision { struct b1 {}; struct s4 {}; struct u4 {}; } }
template <typename Use, int M, int N, int K, typename T, typename Layout = void>
struct fragment { enum { num_elements = 8 }; T x[8]; };
template <typename F, typename P> __device__ void load_matrix_sync(F&, const P*, unsigned);
template <typename F, typename P> __device__ void load_matrix_sync(F&, const P*, unsigned, layout_t);
template <typename P, typename F> __device__ void store_matrix_sync(P*, const F&, unsigned, layout_t);
template <typename D, typename A, typename B, typename C> __device__ void mma_sync(D&, const A&, const B&, const C&, bool = false);
template <typename F, typename T> __device__ void fill_fragment(F&, const T&);
__device__ float __float_to_tf32(float);
}  // namespace wmma
namespace experimental {}
}  // namespace nvcuda
namespace cub {}
namespace hipcub {}
namespace thrust {}
namespace rocprim {}
// libcu++ (<cuda/barrier>, <cuda/pipeline>, <cuda/atomic>): the names the
// samples use, so declarations that mention them stay in the AST.
namespace cuda {
namespace std {}
namespace ptx {}
enum thread_scope { thread_scope_system, thread_scope_device, thread_scope_block, thread_scope_thread };
template <thread_scope S = thread_scope_system, typename F = void> struct barrier {
  struct arrival_token {};
  __device__ arrival_token arrive(long = 1);
  __device__ void wait(arrival_token&&) const;
  __device__ void arrive_and_wait();
  __device__ void arrive_and_drop();
};
template <thread_scope S, typename F> __device__ void init(barrier<S, F>*, long);
template <unsigned long long N> struct aligned_size_t { __host__ __device__ aligned_size_t(unsigned long long); };
enum class pipeline_role { producer, consumer };
template <thread_scope S, unsigned char N = 1> struct pipeline_shared_state {};
template <thread_scope S> struct pipeline {
  __device__ void producer_acquire();
  __device__ void producer_commit();
  __device__ void consumer_wait();
  __device__ void consumer_release();
  __device__ bool quit();
};
template <typename... A> __device__ pipeline<thread_scope_thread> make_pipeline(A...);
template <unsigned N, thread_scope S> __device__ void pipeline_consumer_wait_prior(pipeline<S>&);
template <typename... A> __device__ void memcpy_async(A...);
template <typename T, thread_scope S = thread_scope_system> struct atomic {
  __host__ __device__ T load() const; __host__ __device__ void store(T);
  __host__ __device__ T fetch_add(T); __host__ __device__ T fetch_sub(T);
};
template <typename T, thread_scope S = thread_scope_system> struct atomic_ref {
  __host__ __device__ explicit atomic_ref(T&);
  __host__ __device__ T load() const; __host__ __device__ void store(T);
  __host__ __device__ T fetch_add(T); __host__ __device__ T fetch_sub(T);
};
}  // namespace cuda
