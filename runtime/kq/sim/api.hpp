#pragma once
// The CUDA runtime API that wrappers use, emulated on the host: memory is
// host memory (see buffers.hpp), copies are memcpy, launches are synchronous
// so streams and events only need to keep time.
#include <chrono>
#include <cstddef>
#include <cstring>
#include <thread>
#include <type_traits>

#include "kq/sim/buffers.hpp"
#include "kq/sim/errors.hpp"
#include "kq/sim/keywords.hpp"
#include "kq/sim/launch.hpp"
#include "kq/sim/schedule.hpp"

enum cudaMemcpyKind {
  cudaMemcpyHostToHost = 0,
  cudaMemcpyHostToDevice = 1,
  cudaMemcpyDeviceToHost = 2,
  cudaMemcpyDeviceToDevice = 3,
  cudaMemcpyDefault = 4,
};

struct CUstream_st {
  int unused;
};
typedef CUstream_st* cudaStream_t;
struct CUevent_st {
  std::chrono::steady_clock::time_point at;
  bool recorded;
};
typedef CUevent_st* cudaEvent_t;
#define cudaStreamDefault 0x0
#define cudaStreamNonBlocking 0x1
#define cudaStreamLegacy ((cudaStream_t)0x1)
#define cudaStreamPerThread ((cudaStream_t)0x2)
#define cudaEventDefault 0x0
#define cudaEventBlockingSync 0x1
#define cudaEventDisableTiming 0x2
#define cudaHostAllocDefault 0x0
#define cudaDeviceScheduleAuto 0x0

struct cudaDeviceProp {
  char name[256];
  std::size_t totalGlobalMem;
  std::size_t sharedMemPerBlock;
  int regsPerBlock;
  int warpSize;
  std::size_t memPitch;
  int maxThreadsPerBlock;
  int maxThreadsDim[3];
  int maxGridSize[3];
  int clockRate;
  std::size_t totalConstMem;
  int major;
  int minor;
  int multiProcessorCount;
  int maxThreadsPerMultiProcessor;
  std::size_t sharedMemPerMultiprocessor;
  std::size_t sharedMemPerBlockOptin;
  int memoryClockRate;
  int memoryBusWidth;
  int l2CacheSize;
  int regsPerMultiprocessor;
  int concurrentKernels;
  int integrated;
  int canMapHostMemory;
  int computeMode;
  int ECCEnabled;
  int unifiedAddressing;
  int managedMemory;
  int cooperativeLaunch;
  char gcnArchName[256];
};

enum cudaFuncAttribute {
  cudaFuncAttributeMaxDynamicSharedMemorySize = 8,
  cudaFuncAttributePreferredSharedMemoryCarveout = 9,
};
enum cudaFuncCache { cudaFuncCachePreferNone = 0, cudaFuncCachePreferShared = 1, cudaFuncCachePreferL1 = 2 };

namespace kq::sim {

inline const char* device_name() { return "kq-cpu-sim"; }

inline void fill_device_prop(cudaDeviceProp* p) {
  std::memset(p, 0, sizeof *p);
  std::strncpy(p->name, device_name(), sizeof p->name - 1);
  std::strncpy(p->gcnArchName, "kq-cpu-sim", sizeof p->gcnArchName - 1);
  p->totalGlobalMem = std::size_t{16} << 30;
  p->sharedMemPerBlock = 48 * 1024;
  p->sharedMemPerBlockOptin = KQ_SIM_MAX_DYNAMIC_SHARED;
  p->sharedMemPerMultiprocessor = KQ_SIM_MAX_DYNAMIC_SHARED;
  p->regsPerBlock = p->regsPerMultiprocessor = 65536;
  p->warpSize = KQ_SIM_WARP_SIZE;
  p->memPitch = std::size_t{1} << 31;
  p->maxThreadsPerBlock = 1024;
  p->maxThreadsDim[0] = p->maxThreadsDim[1] = 1024;
  p->maxThreadsDim[2] = 64;
  p->maxGridSize[0] = 0x7fffffff;
  p->maxGridSize[1] = p->maxGridSize[2] = 65535;
  p->clockRate = 1000000;
  p->totalConstMem = 64 * 1024;
  p->major = 9;
  p->minor = 0;
  p->multiProcessorCount = static_cast<int>(worker_threads_from_env());
  p->maxThreadsPerMultiProcessor = 2048;
  p->memoryClockRate = 1000000;
  p->memoryBusWidth = 64;
  p->l2CacheSize = 1 << 20;
  p->concurrentKernels = 1;
  p->canMapHostMemory = 1;
  p->unifiedAddressing = 1;
  p->managedMemory = 1;
}

}  // namespace kq::sim

// ---- memory ---------------------------------------------------------------
inline cudaError_t cudaMalloc(void** p, std::size_t bytes) {
  *p = ::kq::sim::BufferRegistry::instance().allocate(bytes);
  return *p ? cudaSuccess : ::kq::sim::record_error(cudaErrorMemoryAllocation);
}
template <class T>
inline cudaError_t cudaMalloc(T** p, std::size_t bytes) {
  return cudaMalloc(reinterpret_cast<void**>(p), bytes);
}
inline cudaError_t cudaMallocManaged(void** p, std::size_t bytes, unsigned = 1) { return cudaMalloc(p, bytes); }
template <class T>
inline cudaError_t cudaMallocManaged(T** p, std::size_t bytes, unsigned flags = 1) {
  return cudaMallocManaged(reinterpret_cast<void**>(p), bytes, flags);
}
inline cudaError_t cudaMallocHost(void** p, std::size_t bytes) { return cudaMalloc(p, bytes); }
template <class T>
inline cudaError_t cudaMallocHost(T** p, std::size_t bytes) {
  return cudaMalloc(reinterpret_cast<void**>(p), bytes);
}
inline cudaError_t cudaHostAlloc(void** p, std::size_t bytes, unsigned) { return cudaMalloc(p, bytes); }
// Rows are padded to a multiple of 256 bytes, as on GPUs.
inline cudaError_t cudaMallocPitch(void** p, std::size_t* pitch, std::size_t width, std::size_t height) {
  *pitch = (width + 255) / 256 * 256;
  return cudaMalloc(p, *pitch * height);
}
template <class T>
inline cudaError_t cudaMallocPitch(T** p, std::size_t* pitch, std::size_t width, std::size_t height) {
  return cudaMallocPitch(reinterpret_cast<void**>(p), pitch, width, height);
}
inline cudaError_t cudaFree(void* p) {
  if (!p) return cudaSuccess;
  return ::kq::sim::BufferRegistry::instance().release(p) ? cudaSuccess
                                                          : ::kq::sim::record_error(cudaErrorInvalidDevicePointer);
}
inline cudaError_t cudaFreeHost(void* p) { return cudaFree(p); }
inline cudaError_t cudaMemcpy(void* dst, const void* src, std::size_t bytes, cudaMemcpyKind kind) {
  if (kind < cudaMemcpyHostToHost || kind > cudaMemcpyDefault)
    return ::kq::sim::record_error(cudaErrorInvalidMemcpyDirection);
  if (bytes) std::memmove(dst, src, bytes);
  return cudaSuccess;
}
inline cudaError_t cudaMemcpyAsync(void* dst, const void* src, std::size_t bytes, cudaMemcpyKind kind,
                                   cudaStream_t = nullptr) {
  return cudaMemcpy(dst, src, bytes, kind);
}
inline cudaError_t cudaMemcpy2D(void* dst, std::size_t dpitch, const void* src, std::size_t spitch, std::size_t width,
                                std::size_t height, cudaMemcpyKind kind) {
  for (std::size_t row = 0; row < height; ++row)
    if (const cudaError_t e = cudaMemcpy(static_cast<char*>(dst) + row * dpitch,
                                         static_cast<const char*>(src) + row * spitch, width, kind))
      return e;
  return cudaSuccess;
}
inline cudaError_t cudaMemset(void* p, int value, std::size_t bytes) {
  if (bytes) std::memset(p, value, bytes);
  return cudaSuccess;
}
inline cudaError_t cudaMemsetAsync(void* p, int value, std::size_t bytes, cudaStream_t = nullptr) {
  return cudaMemset(p, value, bytes);
}
inline cudaError_t cudaMemGetInfo(std::size_t* free_bytes, std::size_t* total_bytes) {
  *free_bytes = std::size_t{8} << 30;
  *total_bytes = std::size_t{16} << 30;
  return cudaSuccess;
}

// __constant__ and __device__ variables are ordinary globals: a symbol is the
// variable itself (CUDA style) or its address (HIP_SYMBOL style).
template <class T>
inline cudaError_t cudaMemcpyToSymbol(T& symbol, const void* src, std::size_t bytes, std::size_t offset = 0,
                                      cudaMemcpyKind = cudaMemcpyHostToDevice) {
  if (offset + bytes > sizeof(T)) return ::kq::sim::record_error(cudaErrorInvalidValue);
  std::memcpy(reinterpret_cast<char*>(const_cast<std::remove_const_t<T>*>(&symbol)) + offset, src, bytes);
  return cudaSuccess;
}
inline cudaError_t cudaMemcpyToSymbol(const void* symbol_address, const void* src, std::size_t bytes,
                                      std::size_t offset = 0, cudaMemcpyKind = cudaMemcpyHostToDevice) {
  std::memcpy(static_cast<char*>(const_cast<void*>(symbol_address)) + offset, src, bytes);
  return cudaSuccess;
}
template <class T>
inline cudaError_t cudaMemcpyFromSymbol(void* dst, T& symbol, std::size_t bytes, std::size_t offset = 0,
                                        cudaMemcpyKind = cudaMemcpyDeviceToHost) {
  if (offset + bytes > sizeof(T)) return ::kq::sim::record_error(cudaErrorInvalidValue);
  std::memcpy(dst, reinterpret_cast<const char*>(&symbol) + offset, bytes);
  return cudaSuccess;
}
inline cudaError_t cudaMemcpyFromSymbol(void* dst, const void* symbol_address, std::size_t bytes,
                                        std::size_t offset = 0, cudaMemcpyKind = cudaMemcpyDeviceToHost) {
  std::memcpy(dst, static_cast<const char*>(symbol_address) + offset, bytes);
  return cudaSuccess;
}
template <class T>
inline cudaError_t cudaMemcpyToSymbolAsync(T& symbol, const void* src, std::size_t bytes, std::size_t offset = 0,
                                           cudaMemcpyKind kind = cudaMemcpyHostToDevice, cudaStream_t = nullptr) {
  return cudaMemcpyToSymbol(symbol, src, bytes, offset, kind);
}
inline cudaError_t cudaMemcpyToSymbolAsync(const void* symbol_address, const void* src, std::size_t bytes,
                                           std::size_t offset = 0, cudaMemcpyKind kind = cudaMemcpyHostToDevice,
                                           cudaStream_t = nullptr) {
  return cudaMemcpyToSymbol(symbol_address, src, bytes, offset, kind);
}
template <class T>
inline cudaError_t cudaGetSymbolSize(std::size_t* bytes, T&) {
  *bytes = sizeof(T);
  return cudaSuccess;
}
template <class T>
inline cudaError_t cudaGetSymbolAddress(void** p, T& symbol) {
  *p = const_cast<void*>(static_cast<const void*>(&symbol));
  return cudaSuccess;
}

// ---- device, errors, synchronisation --------------------------------------
inline cudaError_t cudaGetLastError() {
  return static_cast<cudaError_t>(::kq::sim::last_error_slot().exchange(0));
}
inline cudaError_t cudaPeekAtLastError() { return static_cast<cudaError_t>(::kq::sim::last_error_slot().load()); }
inline const char* cudaGetErrorString(cudaError_t e) { return ::kq::sim::error_name(e); }
inline const char* cudaGetErrorName(cudaError_t e) { return ::kq::sim::error_identifier(e, false); }
inline cudaError_t cudaDeviceSynchronize() { return cudaSuccess; }
inline cudaError_t cudaThreadSynchronize() { return cudaSuccess; }
inline cudaError_t cudaDeviceReset() { return cudaSuccess; }
inline cudaError_t cudaSetDevice(int device) {
  return device == 0 ? cudaSuccess : ::kq::sim::record_error(cudaErrorInvalidDevice);
}
inline cudaError_t cudaGetDevice(int* device) {
  *device = 0;
  return cudaSuccess;
}
inline cudaError_t cudaGetDeviceCount(int* count) {
  *count = 1;
  return cudaSuccess;
}
inline cudaError_t cudaGetDeviceProperties(cudaDeviceProp* prop, int device) {
  if (device != 0) return ::kq::sim::record_error(cudaErrorInvalidDevice);
  ::kq::sim::fill_device_prop(prop);
  return cudaSuccess;
}
inline cudaError_t cudaSetDeviceFlags(unsigned) { return cudaSuccess; }
template <class F>
inline cudaError_t cudaFuncSetAttribute(F kernel, cudaFuncAttribute attribute, int value) {
  if (attribute == cudaFuncAttributeMaxDynamicSharedMemorySize &&
      !::kq::sim::detail::opt_in_dynamic_shared(reinterpret_cast<const void*>(kernel), value))
    return ::kq::sim::record_error(cudaErrorInvalidValue);
  return cudaSuccess;
}
template <class F>
inline cudaError_t cudaFuncSetCacheConfig(F, cudaFuncCache) {
  return cudaSuccess;
}
inline cudaError_t cudaDeviceSetCacheConfig(cudaFuncCache) { return cudaSuccess; }
template <class F>
inline cudaError_t cudaOccupancyMaxActiveBlocksPerMultiprocessor(int* blocks, F, int block_size, std::size_t) {
  *blocks = block_size > 0 ? 2048 / block_size : 0;
  return cudaSuccess;
}

template <class... P>
inline cudaError_t cudaLaunchKernel(void (*kernel)(P...), dim3 grid, dim3 block, void** args,
                                    std::size_t shared_bytes = 0, cudaStream_t = nullptr) {
  ::kq::sim::launch_with_pointers("kernel", kernel, grid, block, shared_bytes, args);
  return cudaPeekAtLastError();
}
// Every block resident at once, so this_grid().sync() works (grid_sync.hpp).
template <class... P>
inline cudaError_t cudaLaunchCooperativeKernel(void (*kernel)(P...), dim3 grid, dim3 block, void** args,
                                               std::size_t shared_bytes = 0, cudaStream_t = nullptr) {
  ::kq::sim::launch_with_pointers("kernel", kernel, grid, block, shared_bytes, args, true);
  return cudaPeekAtLastError();
}

// ---- streams and events ---------------------------------------------------
inline cudaError_t cudaStreamCreate(cudaStream_t* s) {
  *s = new CUstream_st{0};
  return cudaSuccess;
}
inline cudaError_t cudaStreamCreateWithFlags(cudaStream_t* s, unsigned) { return cudaStreamCreate(s); }
inline cudaError_t cudaStreamDestroy(cudaStream_t s) {
  if (s != cudaStreamLegacy && s != cudaStreamPerThread) delete s;
  return cudaSuccess;
}
inline cudaError_t cudaStreamSynchronize(cudaStream_t) { return cudaSuccess; }
inline cudaError_t cudaStreamQuery(cudaStream_t) { return cudaSuccess; }
inline cudaError_t cudaEventCreate(cudaEvent_t* e) {
  *e = new CUevent_st{std::chrono::steady_clock::now(), false};
  return cudaSuccess;
}
inline cudaError_t cudaEventCreateWithFlags(cudaEvent_t* e, unsigned) { return cudaEventCreate(e); }
inline cudaError_t cudaEventRecord(cudaEvent_t e, cudaStream_t = nullptr) {
  if (!e) return ::kq::sim::record_error(cudaErrorInvalidResourceHandle);
  e->at = std::chrono::steady_clock::now();
  e->recorded = true;
  return cudaSuccess;
}
inline cudaError_t cudaEventSynchronize(cudaEvent_t e) {
  return e ? cudaSuccess : ::kq::sim::record_error(cudaErrorInvalidResourceHandle);
}
inline cudaError_t cudaEventQuery(cudaEvent_t) { return cudaSuccess; }
inline cudaError_t cudaEventElapsedTime(float* ms, cudaEvent_t start, cudaEvent_t stop) {
  if (!start || !stop || !start->recorded || !stop->recorded)
    return ::kq::sim::record_error(cudaErrorInvalidResourceHandle);
  *ms = std::chrono::duration<float, std::milli>(stop->at - start->at).count();
  return cudaSuccess;
}
inline cudaError_t cudaEventDestroy(cudaEvent_t e) {
  delete e;
  return cudaSuccess;
}
inline cudaError_t cudaStreamWaitEvent(cudaStream_t, cudaEvent_t, unsigned = 0) { return cudaSuccess; }
