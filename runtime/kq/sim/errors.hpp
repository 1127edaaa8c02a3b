#pragma once
// Error codes of the emulated runtime API and the per-host-thread "last
// error" that cudaGetLastError reads. HIP codes share the CUDA values.
#include <atomic>

enum cudaError_t {
  cudaSuccess = 0,
  cudaErrorInvalidValue = 1,
  cudaErrorMemoryAllocation = 2,
  cudaErrorInitializationError = 3,
  cudaErrorLaunchFailure = 4,
  cudaErrorInvalidConfiguration = 9,
  cudaErrorInvalidPitchValue = 12,
  cudaErrorInvalidSymbol = 13,
  cudaErrorInvalidDevicePointer = 17,
  cudaErrorInvalidMemcpyDirection = 21,
  cudaErrorInvalidResourceHandle = 400,
  cudaErrorNotReady = 600,
  cudaErrorCooperativeLaunchTooLarge = 720,
  cudaErrorNoDevice = 100,
  cudaErrorInvalidDevice = 101,
  cudaErrorNotSupported = 801,
  cudaErrorUnknown = 999,
};
typedef cudaError_t cudaError;

enum hipError_t {
  hipSuccess = 0,
  hipErrorInvalidValue = 1,
  hipErrorOutOfMemory = 2,
  hipErrorMemoryAllocation = 2,
  hipErrorNotInitialized = 3,
  hipErrorLaunchFailure = 4,
  hipErrorInvalidConfiguration = 9,
  hipErrorInvalidSymbol = 13,
  hipErrorInvalidDevicePointer = 17,
  hipErrorInvalidMemcpyDirection = 21,
  hipErrorInvalidResourceHandle = 400,
  hipErrorInvalidHandle = 400,
  hipErrorNotReady = 600,
  hipErrorCooperativeLaunchTooLarge = 720,
  hipErrorNoDevice = 100,
  hipErrorInvalidDevice = 101,
  hipErrorNotSupported = 801,
  hipErrorUnknown = 999,
};

namespace kq::sim {

inline std::atomic<int>& last_error_slot() {
  static std::atomic<int> slot{0};
  return slot;
}

// Records a failure for cudaGetLastError and returns it.
inline cudaError_t record_error(cudaError_t e) {
  if (e != cudaSuccess) last_error_slot().store(e);
  return e;
}

inline const char* error_name(int e) {
  switch (e) {
    case 0: return "no error";
    case 1: return "invalid argument";
    case 2: return "out of memory";
    case 3: return "initialization error";
    case 4: return "unspecified launch failure";
    case 9: return "invalid configuration argument";
    case 12: return "invalid pitch argument";
    case 13: return "invalid device symbol";
    case 17: return "invalid device pointer";
    case 21: return "invalid copy direction for memcpy";
    case 100: return "no CUDA-capable device is detected";
    case 101: return "invalid device ordinal";
    case 400: return "invalid resource handle";
    case 600: return "device not ready";
    case 720: return "too many blocks in cooperative launch";
    case 801: return "operation not supported";
    default: return "unknown error";
  }
}

// The enumerator's name, as cudaGetErrorName / hipGetErrorName give it.
inline const char* error_identifier(int e, bool hip) {
  switch (e) {
    case 0: return hip ? "hipSuccess" : "cudaSuccess";
    case 1: return hip ? "hipErrorInvalidValue" : "cudaErrorInvalidValue";
    case 2: return hip ? "hipErrorOutOfMemory" : "cudaErrorMemoryAllocation";
    case 3: return hip ? "hipErrorNotInitialized" : "cudaErrorInitializationError";
    case 4: return hip ? "hipErrorLaunchFailure" : "cudaErrorLaunchFailure";
    case 9: return hip ? "hipErrorInvalidConfiguration" : "cudaErrorInvalidConfiguration";
    case 12: return hip ? "hipErrorInvalidPitchValue" : "cudaErrorInvalidPitchValue";
    case 13: return hip ? "hipErrorInvalidSymbol" : "cudaErrorInvalidSymbol";
    case 17: return hip ? "hipErrorInvalidDevicePointer" : "cudaErrorInvalidDevicePointer";
    case 21: return hip ? "hipErrorInvalidMemcpyDirection" : "cudaErrorInvalidMemcpyDirection";
    case 100: return hip ? "hipErrorNoDevice" : "cudaErrorNoDevice";
    case 101: return hip ? "hipErrorInvalidDevice" : "cudaErrorInvalidDevice";
    case 400: return hip ? "hipErrorInvalidHandle" : "cudaErrorInvalidResourceHandle";
    case 600: return hip ? "hipErrorNotReady" : "cudaErrorNotReady";
    case 720: return hip ? "hipErrorCooperativeLaunchTooLarge" : "cudaErrorCooperativeLaunchTooLarge";
    case 801: return hip ? "hipErrorNotSupported" : "cudaErrorNotSupported";
    default: return hip ? "hipErrorUnknown" : "cudaErrorUnknown";
  }
}

}  // namespace kq::sim
