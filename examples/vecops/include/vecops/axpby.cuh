#pragma once
// Generic y = a * x + b * y, instantiated for the types the library ships.
#include "vecops/config.cuh"

/// y[i] = a * x[i] + b * y[i] for i < n, grid-stride.
template <typename T>
__global__ void axpby(int n, T a, const T* x, T b, T* y) {
  GRID_STRIDE_LOOP(i, n) { y[i] = a * x[i] + b * y[i]; }
}
