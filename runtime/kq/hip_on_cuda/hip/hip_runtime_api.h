#pragma once
// The HIP runtime API on top of the CUDA runtime (see hip_runtime.h).
#include <cuda_runtime.h>

#include <cstddef>
#include <cstdio>
#include <cstring>

typedef cudaError_t hipError_t;
typedef cudaStream_t hipStream_t;
typedef cudaEvent_t hipEvent_t;
typedef cudaMemcpyKind hipMemcpyKind;
typedef cudaFuncAttribute hipFuncAttribute;
typedef dim3 hipDim3_t;

constexpr hipError_t hipSuccess = cudaSuccess;
constexpr hipError_t hipErrorInvalidValue = cudaErrorInvalidValue;
constexpr hipError_t hipErrorOutOfMemory = cudaErrorMemoryAllocation;
constexpr hipError_t hipErrorMemoryAllocation = cudaErrorMemoryAllocation;
constexpr hipError_t hipErrorNotInitialized = cudaErrorInitializationError;
constexpr hipError_t hipErrorInvalidConfiguration = cudaErrorInvalidConfiguration;
constexpr hipError_t hipErrorInvalidDevice = cudaErrorInvalidDevice;
constexpr hipError_t hipErrorInvalidDevicePointer = cudaErrorInvalidDevicePointer;
constexpr hipError_t hipErrorInvalidSymbol = cudaErrorInvalidSymbol;
constexpr hipError_t hipErrorNoDevice = cudaErrorNoDevice;
constexpr hipError_t hipErrorNotReady = cudaErrorNotReady;
constexpr hipError_t hipErrorLaunchFailure = cudaErrorLaunchFailure;
constexpr hipError_t hipErrorUnknown = cudaErrorUnknown;

constexpr hipMemcpyKind hipMemcpyHostToHost = cudaMemcpyHostToHost;
constexpr hipMemcpyKind hipMemcpyHostToDevice = cudaMemcpyHostToDevice;
constexpr hipMemcpyKind hipMemcpyDeviceToHost = cudaMemcpyDeviceToHost;
constexpr hipMemcpyKind hipMemcpyDeviceToDevice = cudaMemcpyDeviceToDevice;
constexpr hipMemcpyKind hipMemcpyDefault = cudaMemcpyDefault;
constexpr hipFuncAttribute hipFuncAttributeMaxDynamicSharedMemorySize = cudaFuncAttributeMaxDynamicSharedMemorySize;

#define hipStreamDefault cudaStreamDefault
#define hipStreamNonBlocking cudaStreamNonBlocking
#define hipEventDefault cudaEventDefault
#define hipEventBlockingSync cudaEventBlockingSync
#define hipEventDisableTiming cudaEventDisableTiming
#define hipHostMallocDefault cudaHostAllocDefault

// The commonly read fields of hipDeviceProp_t, filled from cudaDeviceProp.
struct hipDeviceProp_t {
  char name[256];
  char gcnArchName[256];
  std::size_t totalGlobalMem;
  std::size_t sharedMemPerBlock;
  std::size_t totalConstMem;
  int regsPerBlock;
  int warpSize;
  int maxThreadsPerBlock;
  int maxThreadsDim[3];
  int maxGridSize[3];
  int clockRate;
  int memoryClockRate;
  int memoryBusWidth;
  int major;
  int minor;
  int multiProcessorCount;
  int l2CacheSize;
  int maxThreadsPerMultiProcessor;
  std::size_t maxSharedMemoryPerMultiProcessor;
  int concurrentKernels;
  int integrated;
  int canMapHostMemory;
  int managedMemory;
};

inline hipError_t hipGetDeviceProperties(hipDeviceProp_t* prop, int device) {
  cudaDeviceProp c;
  const cudaError_t e = cudaGetDeviceProperties(&c, device);
  if (e != cudaSuccess) return e;
  std::memset(prop, 0, sizeof *prop);
  std::memcpy(prop->name, c.name, sizeof prop->name);
  std::snprintf(prop->gcnArchName, sizeof prop->gcnArchName, "sm_%d%d", c.major, c.minor);
  prop->totalGlobalMem = c.totalGlobalMem;
  prop->sharedMemPerBlock = c.sharedMemPerBlock;
  prop->totalConstMem = c.totalConstMem;
  prop->regsPerBlock = c.regsPerBlock;
  prop->warpSize = c.warpSize;
  prop->maxThreadsPerBlock = c.maxThreadsPerBlock;
  for (int i = 0; i < 3; ++i) {
    prop->maxThreadsDim[i] = c.maxThreadsDim[i];
    prop->maxGridSize[i] = c.maxGridSize[i];
  }
  prop->major = c.major;
  prop->minor = c.minor;
  prop->multiProcessorCount = c.multiProcessorCount;
  prop->l2CacheSize = c.l2CacheSize;
  prop->maxThreadsPerMultiProcessor = c.maxThreadsPerMultiProcessor;
  prop->maxSharedMemoryPerMultiProcessor = c.sharedMemPerMultiprocessor;
  prop->memoryBusWidth = c.memoryBusWidth;
  prop->concurrentKernels = c.concurrentKernels;
  prop->integrated = c.integrated;
  prop->canMapHostMemory = c.canMapHostMemory;
  prop->managedMemory = c.managedMemory;
  int khz = 0;
  cudaDeviceGetAttribute(&khz, cudaDevAttrClockRate, device);
  prop->clockRate = khz;
  cudaDeviceGetAttribute(&khz, cudaDevAttrMemoryClockRate, device);
  prop->memoryClockRate = khz;
  return hipSuccess;
}

inline hipError_t hipMalloc(void** p, std::size_t bytes) { return cudaMalloc(p, bytes); }
template <class T>
inline hipError_t hipMalloc(T** p, std::size_t bytes) {
  return cudaMalloc(reinterpret_cast<void**>(p), bytes);
}
template <class T>
inline hipError_t hipMallocManaged(T** p, std::size_t bytes, unsigned flags = cudaMemAttachGlobal) {
  return cudaMallocManaged(reinterpret_cast<void**>(p), bytes, flags);
}
template <class T>
inline hipError_t hipHostMalloc(T** p, std::size_t bytes, unsigned = 0) {
  return cudaMallocHost(reinterpret_cast<void**>(p), bytes);
}
template <class T>
inline hipError_t hipMallocHost(T** p, std::size_t bytes) {
  return cudaMallocHost(reinterpret_cast<void**>(p), bytes);
}
inline hipError_t hipFree(void* p) { return cudaFree(p); }
inline hipError_t hipHostFree(void* p) { return cudaFreeHost(p); }
inline hipError_t hipFreeHost(void* p) { return cudaFreeHost(p); }
inline hipError_t hipMemcpy(void* dst, const void* src, std::size_t bytes, hipMemcpyKind kind) {
  return cudaMemcpy(dst, src, bytes, kind);
}
inline hipError_t hipMemcpyAsync(void* dst, const void* src, std::size_t bytes, hipMemcpyKind kind,
                                 hipStream_t stream = 0) {
  return cudaMemcpyAsync(dst, src, bytes, kind, stream);
}
inline hipError_t hipMemcpyHtoD(void* dst, const void* src, std::size_t bytes) {
  return cudaMemcpy(dst, src, bytes, cudaMemcpyHostToDevice);
}
inline hipError_t hipMemcpyDtoH(void* dst, const void* src, std::size_t bytes) {
  return cudaMemcpy(dst, src, bytes, cudaMemcpyDeviceToHost);
}
inline hipError_t hipMemset(void* p, int value, std::size_t bytes) { return cudaMemset(p, value, bytes); }
inline hipError_t hipMemsetAsync(void* p, int value, std::size_t bytes, hipStream_t stream = 0) {
  return cudaMemsetAsync(p, value, bytes, stream);
}
inline hipError_t hipMemGetInfo(std::size_t* free_bytes, std::size_t* total_bytes) {
  return cudaMemGetInfo(free_bytes, total_bytes);
}
template <class T>
inline hipError_t hipMemcpyToSymbol(const T& symbol, const void* src, std::size_t bytes, std::size_t offset = 0,
                                    hipMemcpyKind kind = hipMemcpyHostToDevice) {
  return cudaMemcpyToSymbol(symbol, src, bytes, offset, kind);
}
template <class T>
inline hipError_t hipMemcpyFromSymbol(void* dst, const T& symbol, std::size_t bytes, std::size_t offset = 0,
                                      hipMemcpyKind kind = hipMemcpyDeviceToHost) {
  return cudaMemcpyFromSymbol(dst, symbol, bytes, offset, kind);
}
template <class T>
inline hipError_t hipMemcpyToSymbolAsync(const T& symbol, const void* src, std::size_t bytes, std::size_t offset,
                                         hipMemcpyKind kind, hipStream_t stream = 0) {
  return cudaMemcpyToSymbolAsync(symbol, src, bytes, offset, kind, stream);
}
template <class T>
inline hipError_t hipGetSymbolSize(std::size_t* bytes, const T& symbol) {
  return cudaGetSymbolSize(bytes, symbol);
}
template <class F>
inline hipError_t hipLaunchKernel(F* kernel, dim3 grid, dim3 block, void** args, std::size_t shared = 0,
                                  hipStream_t stream = 0) {
  return cudaLaunchKernel(reinterpret_cast<const void*>(kernel), grid, block, args, shared, stream);
}
template <class F>
inline hipError_t hipLaunchCooperativeKernel(F* kernel, dim3 grid, dim3 block, void** args, unsigned shared = 0,
                                             hipStream_t stream = 0) {
  return cudaLaunchCooperativeKernel(reinterpret_cast<const void*>(kernel), grid, block, args, shared, stream);
}
template <class T>
inline hipError_t hipGetSymbolAddress(void** p, const T& symbol) {
  return cudaGetSymbolAddress(p, symbol);
}

inline hipError_t hipGetLastError() { return cudaGetLastError(); }
inline hipError_t hipPeekAtLastError() { return cudaPeekAtLastError(); }
inline const char* hipGetErrorString(hipError_t e) { return cudaGetErrorString(e); }
inline const char* hipGetErrorName(hipError_t e) { return cudaGetErrorName(e); }
inline hipError_t hipDeviceSynchronize() { return cudaDeviceSynchronize(); }
inline hipError_t hipDeviceReset() { return cudaDeviceReset(); }
inline hipError_t hipSetDevice(int device) { return cudaSetDevice(device); }
inline hipError_t hipGetDevice(int* device) { return cudaGetDevice(device); }
inline hipError_t hipGetDeviceCount(int* count) { return cudaGetDeviceCount(count); }
template <class F>
inline hipError_t hipFuncSetAttribute(F* kernel, hipFuncAttribute attr, int value) {
  return cudaFuncSetAttribute(kernel, attr, value);
}
template <class F>
inline hipError_t hipOccupancyMaxActiveBlocksPerMultiprocessor(int* blocks, F* kernel, int block_size,
                                                               std::size_t shared) {
  return cudaOccupancyMaxActiveBlocksPerMultiprocessor(blocks, kernel, block_size, shared);
}

inline hipError_t hipStreamCreate(hipStream_t* s) { return cudaStreamCreate(s); }
inline hipError_t hipStreamCreateWithFlags(hipStream_t* s, unsigned flags) {
  return cudaStreamCreateWithFlags(s, flags);
}
inline hipError_t hipStreamDestroy(hipStream_t s) { return cudaStreamDestroy(s); }
inline hipError_t hipStreamSynchronize(hipStream_t s) { return cudaStreamSynchronize(s); }
inline hipError_t hipEventCreate(hipEvent_t* e) { return cudaEventCreate(e); }
inline hipError_t hipEventCreateWithFlags(hipEvent_t* e, unsigned flags) { return cudaEventCreateWithFlags(e, flags); }
inline hipError_t hipEventRecord(hipEvent_t e, hipStream_t s = 0) { return cudaEventRecord(e, s); }
inline hipError_t hipEventSynchronize(hipEvent_t e) { return cudaEventSynchronize(e); }
inline hipError_t hipEventElapsedTime(float* ms, hipEvent_t start, hipEvent_t stop) {
  return cudaEventElapsedTime(ms, start, stop);
}
inline hipError_t hipEventDestroy(hipEvent_t e) { return cudaEventDestroy(e); }
