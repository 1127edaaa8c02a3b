// Explicit instantiations of the generic axpby kernel.
#include <cuda_runtime.h>

#include "vecops/axpby.cuh"

template __global__ void axpby<float>(int, float, const float*, float, float*);
template __global__ void axpby<double>(int, double, const double*, double, double*);
