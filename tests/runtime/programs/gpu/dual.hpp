#pragma once
// What the GPU agreement programs share: they compile unchanged with nvcc and
// for the CPU execution runtime, and print their results as one value a line
// (`label value`, values as hexadecimal bit patterns), so that the outputs of
// the two builds can be compared line by line.
#include <cuda_runtime.h>

#include <cstdio>
#include <cstring>
#include <vector>

#ifndef KQ_LAUNCH
#define KQ_LAUNCH(k, grid, block, shared, ...) k<<<grid, block, shared>>>(__VA_ARGS__)
#endif

template <class T>
T* dual_alloc(size_t n) {
  T* d = nullptr;
  cudaMalloc(&d, n * sizeof(T));
  cudaMemset(d, 0, n * sizeof(T));
  return d;
}

template <class T>
std::vector<T> dual_fetch(const T* d, size_t n) {
  std::vector<T> h(n);
  cudaDeviceSynchronize();
  cudaMemcpy(h.data(), d, n * sizeof(T), cudaMemcpyDeviceToHost);
  return h;
}

template <class T>
T* dual_upload(const std::vector<T>& h) {
  T* d = dual_alloc<T>(h.size());
  cudaMemcpy(d, h.data(), h.size() * sizeof(T), cudaMemcpyHostToDevice);
  return d;
}

inline void dual_print_bits(const char* label, int index, const void* p, size_t bytes) {
  unsigned long long v = 0;
  std::memcpy(&v, p, bytes);
  std::printf("%s[%d] %llx\n", label, index, v);
}

template <class T>
void dual_print_all(const char* label, const std::vector<T>& values) {
  for (size_t i = 0; i < values.size(); ++i) dual_print_bits(label, static_cast<int>(i), &values[i], sizeof(T));
}

inline int dual_check_launch(const char* what) {
  const cudaError_t e = cudaGetLastError();
  if (e != cudaSuccess) std::printf("error %s: %s\n", what, cudaGetErrorString(e));
  return e == cudaSuccess ? 0 : 1;
}
