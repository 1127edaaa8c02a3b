#pragma once
// HIP spellings of the emulated runtime API: thin forwards to the CUDA forms
// in api.hpp. Error codes share their values, so conversions are casts.
#include "kq/sim/api.hpp"

typedef cudaStream_t hipStream_t;
typedef cudaEvent_t hipEvent_t;
typedef cudaDeviceProp hipDeviceProp_t;
typedef cudaMemcpyKind hipMemcpyKind;
typedef cudaFuncAttribute hipFuncAttribute;
typedef cudaFuncCache hipFuncCache_t;
constexpr cudaMemcpyKind hipMemcpyHostToHost = cudaMemcpyHostToHost;
constexpr cudaMemcpyKind hipMemcpyHostToDevice = cudaMemcpyHostToDevice;
constexpr cudaMemcpyKind hipMemcpyDeviceToHost = cudaMemcpyDeviceToHost;
constexpr cudaMemcpyKind hipMemcpyDeviceToDevice = cudaMemcpyDeviceToDevice;
constexpr cudaMemcpyKind hipMemcpyDefault = cudaMemcpyDefault;
constexpr cudaFuncAttribute hipFuncAttributeMaxDynamicSharedMemorySize = cudaFuncAttributeMaxDynamicSharedMemorySize;
#define hipStreamDefault cudaStreamDefault
#define hipStreamNonBlocking cudaStreamNonBlocking
#define hipEventDefault cudaEventDefault
#define hipEventBlockingSync cudaEventBlockingSync
#define hipEventDisableTiming cudaEventDisableTiming
#define hipHostMallocDefault 0x0
#define HIP_SYMBOL(X) X

namespace kq::sim {
inline hipError_t to_hip(cudaError_t e) { return static_cast<hipError_t>(static_cast<int>(e)); }
}  // namespace kq::sim

inline hipError_t hipMalloc(void** p, std::size_t bytes) { return ::kq::sim::to_hip(cudaMalloc(p, bytes)); }
template <class T>
inline hipError_t hipMalloc(T** p, std::size_t bytes) {
  return hipMalloc(reinterpret_cast<void**>(p), bytes);
}
inline hipError_t hipMallocManaged(void** p, std::size_t bytes, unsigned = 1) { return hipMalloc(p, bytes); }
template <class T>
inline hipError_t hipMallocManaged(T** p, std::size_t bytes, unsigned = 1) {
  return hipMalloc(reinterpret_cast<void**>(p), bytes);
}
inline hipError_t hipHostMalloc(void** p, std::size_t bytes, unsigned = 0) { return hipMalloc(p, bytes); }
template <class T>
inline hipError_t hipHostMalloc(T** p, std::size_t bytes, unsigned = 0) {
  return hipMalloc(reinterpret_cast<void**>(p), bytes);
}
inline hipError_t hipMallocHost(void** p, std::size_t bytes) { return hipMalloc(p, bytes); }
inline hipError_t hipFree(void* p) { return ::kq::sim::to_hip(cudaFree(p)); }
inline hipError_t hipHostFree(void* p) { return hipFree(p); }
inline hipError_t hipFreeHost(void* p) { return hipFree(p); }
inline hipError_t hipMemcpy(void* dst, const void* src, std::size_t bytes, hipMemcpyKind kind) {
  return ::kq::sim::to_hip(cudaMemcpy(dst, src, bytes, kind));
}
inline hipError_t hipMemcpyAsync(void* dst, const void* src, std::size_t bytes, hipMemcpyKind kind,
                                 hipStream_t = nullptr) {
  return hipMemcpy(dst, src, bytes, kind);
}
inline hipError_t hipMemcpyHtoD(void* dst, const void* src, std::size_t bytes) {
  return hipMemcpy(dst, src, bytes, hipMemcpyHostToDevice);
}
inline hipError_t hipMemcpyDtoH(void* dst, const void* src, std::size_t bytes) {
  return hipMemcpy(dst, src, bytes, hipMemcpyDeviceToHost);
}
inline hipError_t hipMemset(void* p, int value, std::size_t bytes) { return ::kq::sim::to_hip(cudaMemset(p, value, bytes)); }
inline hipError_t hipMemsetAsync(void* p, int value, std::size_t bytes, hipStream_t = nullptr) {
  return hipMemset(p, value, bytes);
}
inline hipError_t hipMemGetInfo(std::size_t* free_bytes, std::size_t* total_bytes) {
  return ::kq::sim::to_hip(cudaMemGetInfo(free_bytes, total_bytes));
}
template <class T>
inline hipError_t hipMemcpyToSymbol(T& symbol, const void* src, std::size_t bytes, std::size_t offset = 0,
                                    hipMemcpyKind kind = hipMemcpyHostToDevice) {
  return ::kq::sim::to_hip(cudaMemcpyToSymbol(symbol, src, bytes, offset, kind));
}
inline hipError_t hipMemcpyToSymbol(const void* symbol_address, const void* src, std::size_t bytes,
                                    std::size_t offset = 0, hipMemcpyKind kind = hipMemcpyHostToDevice) {
  return ::kq::sim::to_hip(cudaMemcpyToSymbol(symbol_address, src, bytes, offset, kind));
}
template <class T>
inline hipError_t hipMemcpyFromSymbol(void* dst, T& symbol, std::size_t bytes, std::size_t offset = 0,
                                      hipMemcpyKind kind = hipMemcpyDeviceToHost) {
  return ::kq::sim::to_hip(cudaMemcpyFromSymbol(dst, symbol, bytes, offset, kind));
}
inline hipError_t hipMemcpyFromSymbol(void* dst, const void* symbol_address, std::size_t bytes, std::size_t offset = 0,
                                      hipMemcpyKind kind = hipMemcpyDeviceToHost) {
  return ::kq::sim::to_hip(cudaMemcpyFromSymbol(dst, symbol_address, bytes, offset, kind));
}
template <class T>
inline hipError_t hipGetSymbolSize(std::size_t* bytes, T& symbol) {
  return ::kq::sim::to_hip(cudaGetSymbolSize(bytes, symbol));
}
template <class T>
inline hipError_t hipGetSymbolAddress(void** p, T& symbol) {
  return ::kq::sim::to_hip(cudaGetSymbolAddress(p, symbol));
}

inline hipError_t hipGetLastError() { return ::kq::sim::to_hip(cudaGetLastError()); }
inline hipError_t hipPeekAtLastError() { return ::kq::sim::to_hip(cudaPeekAtLastError()); }
inline const char* hipGetErrorString(hipError_t e) { return ::kq::sim::error_name(e); }
inline const char* hipGetErrorName(hipError_t e) { return ::kq::sim::error_identifier(e, true); }
inline hipError_t hipDeviceSynchronize() { return hipSuccess; }
inline hipError_t hipDeviceReset() { return hipSuccess; }
inline hipError_t hipSetDevice(int device) { return ::kq::sim::to_hip(cudaSetDevice(device)); }
inline hipError_t hipGetDevice(int* device) { return ::kq::sim::to_hip(cudaGetDevice(device)); }
inline hipError_t hipGetDeviceCount(int* count) { return ::kq::sim::to_hip(cudaGetDeviceCount(count)); }
inline hipError_t hipGetDeviceProperties(hipDeviceProp_t* prop, int device) {
  return ::kq::sim::to_hip(cudaGetDeviceProperties(prop, device));
}
template <class F>
inline hipError_t hipFuncSetAttribute(F, hipFuncAttribute, int) {
  return hipSuccess;
}
template <class F>
inline hipError_t hipOccupancyMaxActiveBlocksPerMultiprocessor(int* blocks, F f, int block_size, std::size_t shared) {
  return ::kq::sim::to_hip(cudaOccupancyMaxActiveBlocksPerMultiprocessor(blocks, f, block_size, shared));
}

template <class... P>
inline hipError_t hipLaunchKernel(void (*kernel)(P...), dim3 grid, dim3 block, void** args,
                                  std::size_t shared_bytes = 0, hipStream_t stream = nullptr) {
  return ::kq::sim::to_hip(cudaLaunchKernel(kernel, grid, block, args, shared_bytes, stream));
}
template <class... P>
inline hipError_t hipLaunchCooperativeKernel(void (*kernel)(P...), dim3 grid, dim3 block, void** args,
                                             unsigned shared_bytes = 0, hipStream_t stream = nullptr) {
  return ::kq::sim::to_hip(cudaLaunchCooperativeKernel(kernel, grid, block, args, shared_bytes, stream));
}

inline hipError_t hipStreamCreate(hipStream_t* s) { return ::kq::sim::to_hip(cudaStreamCreate(s)); }
inline hipError_t hipStreamCreateWithFlags(hipStream_t* s, unsigned) { return hipStreamCreate(s); }
inline hipError_t hipStreamDestroy(hipStream_t s) { return ::kq::sim::to_hip(cudaStreamDestroy(s)); }
inline hipError_t hipStreamSynchronize(hipStream_t) { return hipSuccess; }
inline hipError_t hipEventCreate(hipEvent_t* e) { return ::kq::sim::to_hip(cudaEventCreate(e)); }
inline hipError_t hipEventCreateWithFlags(hipEvent_t* e, unsigned) { return hipEventCreate(e); }
inline hipError_t hipEventRecord(hipEvent_t e, hipStream_t s = nullptr) { return ::kq::sim::to_hip(cudaEventRecord(e, s)); }
inline hipError_t hipEventSynchronize(hipEvent_t e) { return ::kq::sim::to_hip(cudaEventSynchronize(e)); }
inline hipError_t hipEventElapsedTime(float* ms, hipEvent_t start, hipEvent_t stop) {
  return ::kq::sim::to_hip(cudaEventElapsedTime(ms, start, stop));
}
inline hipError_t hipEventDestroy(hipEvent_t e) { return ::kq::sim::to_hip(cudaEventDestroy(e)); }
